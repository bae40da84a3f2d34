"""Grading an attempt into question_answers, and recomputing graded submissions after a regrade or
a teacher's override. Each write ends with the lesson completion check, in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sqlalchemy import insert, select, tuple_
from sqlalchemy.orm import Session

from bibliology.lessons.models import Lesson
from bibliology.progress.completion import check_lesson_completion
from bibliology.progress.models import Enrollment
from bibliology.quizzes import audit
from bibliology.quizzes.grading import GradableQuestion, Grade, Policy, grade
from bibliology.quizzes.models import AttemptAnswer, Question, QuestionAnswer, Quiz, QuizSubmission
from bibliology.quizzes.scoring import (
    CREDIT_PLACES,
    TOTAL_PLACES,
    Score,
    credit_from_db,
    earned_points,
    round_half_up,
    to_decimal,
    total,
)


@dataclass(frozen=True)
class Saved:
    """An answer saved during the attempt, and when."""

    answer: Any
    saved_at: dt.datetime


_INSERT_ANSWERS = insert(QuestionAnswer)


def policy_of(quiz: Quiz) -> Policy:
    return Policy(quiz.partial_credit_policy, quiz.wrong_pick_penalty)  # type: ignore[arg-type]


def gradable(question: Question) -> GradableQuestion:
    return GradableQuestion(question.question_type, question.correct_answers, question.options_en)


def grade_question(question: Question, answer: object, *, lang: str, policy: Policy) -> Grade:
    return grade(gradable(question), answer, lang=lang, policy=policy)


def _answer_columns(question: Question, result: Grade) -> dict[str, Any]:
    return {
        "is_correct": result.is_correct,
        "points_earned": round_half_up(result.credit * question.points),
        "credit": to_decimal(result.credit, CREDIT_PLACES),
        "detail": result.detail,
    }


def _apply_score(submission: QuizSubmission, score: Score) -> None:
    submission.points_exact = to_decimal(score.points_exact, TOTAL_PLACES)
    submission.score_exact = to_decimal(score.percentage, TOTAL_PLACES)
    submission.points_earned = score.points_earned
    submission.total_points = score.total_points
    submission.score_percentage = score.score_percentage
    submission.passed = score.passed


def grade_attempt(
    session: Session,
    *,
    submission: QuizSubmission,
    quiz: Quiz,
    enrollment_id: str | None,
    now: dt.datetime,
    closed_by: str,
    questions: dict[str, Question] | None = None,
    saved: dict[str, Saved] | None = None,
) -> None:
    """Grade an open attempt (its row locked by the caller) with the answers saved in it: one
    question_answers row per question of the attempt still in the quiz, unanswered ones included.
    `questions` (by id) and `saved` (every saved answer): when the caller has them already."""
    ids = list(submission.question_ids or [])
    if questions is None:
        questions = {q.id: q for q in session.scalars(select(Question).where(Question.id.in_(ids)))}
    if saved is None:
        saved = {
            row.question_id: Saved(row.answer, row.saved_at)
            for row in session.scalars(
                select(AttemptAnswer).where(AttemptAnswer.submission_id == submission.id)
            )
        }
    policy = policy_of(quiz)
    rows: list[dict[str, Any]] = []
    items: list[tuple[int, Fraction]] = []
    for question_id in ids:
        question = questions.get(question_id)
        if question is None:
            continue  # deleted while the attempt was open (it had no answers anywhere)
        given = saved.get(question_id)
        answer = given.answer if given is not None else {}
        result = grade_question(question, answer, lang=submission.language, policy=policy)
        rows.append(
            {
                "submission_id": submission.id,
                "question_id": question_id,
                "answer_given": answer,
                "answered_at": given.saved_at if given is not None else now,
                **_answer_columns(question, result),
            }
        )
        items.append((question.points, result.credit * question.points))
    if rows:
        session.connection().execute(_INSERT_ANSWERS, rows)  # one statement for every row (executemany)
    _apply_score(submission, total(items, passing_score_percentage=quiz.passing_score_percentage))
    submission.status = "graded"
    submission.closed_by = closed_by
    submission.submitted_at = now
    ended = min(now, submission.deadline_at) if submission.deadline_at else now
    submission.time_spent_seconds = max(0, int((ended - submission.started_at).total_seconds()))
    session.flush()
    if enrollment_id is not None:
        check_lesson_completion(session, enrollment_id=enrollment_id, lesson_id=quiz.lesson_id)
    audit.log(
        session,
        action=audit.SUBMIT_QUIZ,
        user_id=submission.student_id,
        entity_type="quiz_submission",
        entity_id=submission.id,
        quiz_id=quiz.id,
        score_percentage=submission.score_percentage,
        passed=submission.passed,
        closed_by=closed_by,
    )


def stored_credit(answer: QuestionAnswer, points: int) -> Fraction:
    """The exact credit; rows written by other clients have only the integer points_earned."""
    if answer.credit is not None:
        return credit_from_db(answer.credit)
    return min(Fraction(1), Fraction(answer.points_earned, points)) if points > 0 else Fraction(0)


def recompute(session: Session, *, submission_ids: Iterable[str]) -> list[QuizSubmission]:
    """Totals, passed and completion of graded submissions from their stored answers, questions as
    they are now (points) and overrides. The caller holds the submissions' row locks."""
    wanted = sorted(set(submission_ids))
    if not wanted:
        return []
    submissions = session.scalars(
        select(QuizSubmission).where(QuizSubmission.id.in_(wanted)).order_by(QuizSubmission.id)
    ).all()
    answers: dict[str, list[tuple[QuestionAnswer, Question]]] = defaultdict(list)
    for answer, question in session.execute(
        select(QuestionAnswer, Question)
        .join(Question, Question.id == QuestionAnswer.question_id)
        .where(QuestionAnswer.submission_id.in_(wanted))
    ):
        answers[answer.submission_id].append((answer, question))
    quizzes = {
        q.id: q for q in session.scalars(select(Quiz).where(Quiz.id.in_({s.quiz_id for s in submissions})))
    }
    for submission in submissions:
        quiz = quizzes[submission.quiz_id]
        items = []
        for answer, question in answers[submission.id]:
            earned = earned_points(
                question.points, stored_credit(answer, question.points), answer.override_points
            )
            if answer.override_points is not None:
                answer.points_earned = round_half_up(earned)
                answer.is_correct = earned >= question.points
            items.append((question.points, earned))
        _apply_score(submission, total(items, passing_score_percentage=quiz.passing_score_percentage))
    session.flush()
    # Each (student, lesson) once, with the student's enrollment in the lesson's course: one query.
    pairs = sorted({(s.student_id, quizzes[s.quiz_id].lesson_id) for s in submissions})
    enrollments = session.execute(
        select(Enrollment.id, Enrollment.student_id, Lesson.id)
        .join(Lesson, Lesson.course_id == Enrollment.course_id)
        .where(tuple_(Enrollment.student_id, Lesson.id).in_(pairs))
        .order_by(Enrollment.id)
    )
    for enrollment_id, _, lesson_id in enrollments.all():
        check_lesson_completion(session, enrollment_id=enrollment_id, lesson_id=lesson_id)
    return list(submissions)


def lock_submissions(session: Session, submission_ids: Sequence[str]) -> None:
    """Row locks in id order, so two recomputations never deadlock."""
    session.execute(
        select(QuizSubmission.id)
        .where(QuizSubmission.id.in_(sorted(submission_ids)))
        .order_by(QuizSubmission.id)
        .with_for_update()
    )


def regrade_answers(session: Session, *, question: Question, quiz: Quiz) -> tuple[int, int, int]:
    """Grade again every graded answer of `question` that no teacher overrode, then recompute the
    submissions holding it; returns (answers regraded, answers changed, submissions whose score or
    pass changed)."""
    submission_ids = sorted(
        set(
            session.scalars(
                select(QuestionAnswer.submission_id)
                .join(QuizSubmission, QuizSubmission.id == QuestionAnswer.submission_id)
                .where(QuestionAnswer.question_id == question.id, QuizSubmission.status == "graded")
            ).all()
        )
    )
    if not submission_ids:
        return 0, 0, 0
    lock_submissions(session, submission_ids)
    before = {
        row.id: (row.points_exact, row.total_points, row.passed)
        for row in session.execute(
            select(
                QuizSubmission.id,
                QuizSubmission.points_exact,
                QuizSubmission.total_points,
                QuizSubmission.passed,
            ).where(QuizSubmission.id.in_(submission_ids))
        )
    }
    policy = policy_of(quiz)
    regraded = changed = 0
    for answer, language in session.execute(
        select(QuestionAnswer, QuizSubmission.language)
        .join(QuizSubmission, QuizSubmission.id == QuestionAnswer.submission_id)
        .where(QuestionAnswer.question_id == question.id, QuestionAnswer.submission_id.in_(submission_ids))
        .where(QuestionAnswer.override_points.is_(None))
    ):
        regraded += 1
        result = grade_question(question, answer.answer_given, lang=language, policy=policy)
        columns = _answer_columns(question, result)
        if any(getattr(answer, name) != value for name, value in columns.items()):
            changed += 1
            for name, value in columns.items():
                setattr(answer, name, value)
    session.flush()
    after = recompute(session, submission_ids=submission_ids)
    moved = sum(1 for s in after if (s.points_exact, s.total_points, s.passed) != before[s.id])
    return regraded, changed, moved
