"""Attempts: who may start, one open attempt, allowances, saved answers, grading on submit, the
deadline and its sweep."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.enums import EnrollmentStatus, LessonProgressStatus, LessonStatus, QuestionType
from bibliology.errors import Conflict, Forbidden, Invalid, NotFound
from bibliology.lessons.models import Lesson
from bibliology.progress.models import Enrollment, LessonProgress
from bibliology.quizzes import attempts, interventions
from bibliology.quizzes.models import Question, QuestionAnswer, Quiz, QuizSubmission
from bibliology.quizzes.presentation import attempt_view
from tests import factories as f
from tests.quizzes.helpers import NOW, RIGHT, actor, course_of, later, quiz_teacher


def start(
    session: Session, quiz: Quiz, student: User, *, lang: str = "en", now: dt.datetime = NOW
) -> QuizSubmission:
    outcome, _ = attempts.start_attempt(session, actor=actor(student), quiz_id=quiz.id, lang=lang, now=now)
    return outcome.submission


def right_answers(session: Session, submission: QuizSubmission, lang: str = "en") -> dict[str, Any]:
    questions = session.scalars(select(Question).where(Question.id.in_(submission.question_ids or []))).all()
    return {q.id: RIGHT[lang][q.question_type.value] for q in questions}


def test_start_creates_an_open_attempt_with_zero_scores(session: Session) -> None:
    quiz, student = f.make_open_quiz(session)
    submission = start(session, quiz, student)
    assert submission.status == "open"
    assert (
        submission.score_percentage,
        submission.points_earned,
        submission.total_points,
        submission.passed,
    ) == (0, 0, 0, False)
    assert submission.submitted_at is None
    assert submission.shuffle_seed is not None
    assert len(submission.question_ids or []) == 5
    assert submission.started_at == NOW
    assert submission.deadline_at is None


def test_a_reload_shows_the_same_order_and_matching_targets_are_shuffled(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, shuffle_questions=True, shuffle_options=True)
    submission = start(session, quiz, student)
    first = attempt_view(session, submission=submission, quiz=quiz, now=NOW)
    again = attempt_view(session, submission=submission, quiz=quiz, now=NOW)
    assert first.model_dump() == again.model_dump()
    assert [q.id for q in first.questions] == submission.question_ids
    # Matching targets are shuffled whatever the setting: over many seeds, not always stored order.
    quiz.shuffle_options = False
    matching = session.scalars(
        select(Question).where(Question.quiz_id == quiz.id, Question.question_type == QuestionType.MATCHING)
    ).one()
    orders = set()
    for seed in range(20):
        submission.shuffle_seed = seed
        view = attempt_view(session, submission=submission, quiz=quiz, now=NOW)
        (presented,) = [q for q in view.questions if q.id == matching.id]
        assert [o["id"] for o in presented.options["left"]] == ["l1", "l2"]
        orders.add(tuple(o["id"] for o in presented.options["right"]))
    assert len(orders) > 1
    assert all(sorted(order) == ["r1", "r2", "r3"] for order in orders)


def test_one_open_attempt_per_student_and_quiz(session: Session) -> None:
    quiz, student = f.make_open_quiz(session)
    first = start(session, quiz, student)
    outcome, created = attempts.start_attempt(
        session, actor=actor(student), quiz_id=quiz.id, lang="en", now=NOW
    )
    assert (outcome.submission.id, created) == (first.id, False)


def test_max_attempts_grants_and_resets(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, max_attempts=1)
    teacher = actor(quiz_teacher(session, quiz.id))
    attempts.submit_attempt(
        session, actor=actor(student), submission_id=start(session, quiz, student).id, now=NOW
    )
    with pytest.raises(Conflict, match="no attempts left"):
        start(session, quiz, student)
    allowance = interventions.grant_attempts(
        session, actor=teacher, quiz_id=quiz.id, student_id=student.id, extra_attempts=1, reason="ill"
    )
    assert (allowance.attempts_used, allowance.attempts_allowed, allowance.attempts_left) == (1, 2, 1)
    attempts.submit_attempt(
        session, actor=actor(student), submission_id=start(session, quiz, student).id, now=NOW
    )
    with pytest.raises(Conflict):
        start(session, quiz, student)
    allowance = interventions.reset_attempts(
        session, actor=teacher, quiz_id=quiz.id, student_id=student.id, now=NOW
    )
    assert (allowance.attempts_used, allowance.attempts_left) == (0, 2)
    start(session, quiz, student)
    kept = session.scalar(select(func.count()).where(QuizSubmission.student_id == student.id))
    assert kept == 3  # reset attempts stay on record
    actions = set(session.scalars(select(ActivityLog.action).where(ActivityLog.entity_id == quiz.id)))
    assert {"GRANT_ATTEMPTS", "RESET_ATTEMPTS"} <= actions


def test_only_enrolled_students_of_visible_published_lessons_start(session: Session) -> None:
    quiz, student = f.make_open_quiz(session)
    outsider = f.make_user(session)
    with pytest.raises(Forbidden, match="enroll"):
        start(session, quiz, outsider)
    enrollment = session.scalars(select(Enrollment).where(Enrollment.student_id == student.id)).one()
    enrollment.status = EnrollmentStatus.DROPPED
    session.flush()
    with pytest.raises(Forbidden):
        start(session, quiz, student)
    draft, enrolled = f.make_open_quiz(session)
    session.get_one(Lesson, draft.lesson_id).status = LessonStatus.DRAFT
    session.flush()
    with pytest.raises(NotFound):  # a draft lesson is invisible to students
        start(session, draft, enrolled)


def test_a_quiz_without_questions_cannot_start(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, question_types=())
    with pytest.raises(Conflict, match="no questions"):
        start(session, quiz, student)


def test_saving_answers_validates_and_replaces(session: Session) -> None:
    quiz, student = f.make_open_quiz(session)
    submission = start(session, quiz, student)
    ids = {
        q.question_type.value: q.id
        for q in session.scalars(select(Question).where(Question.quiz_id == quiz.id))
    }

    def save(given: dict[str, Any]) -> None:
        attempts.save_answers(
            session, actor=actor(student), submission_id=submission.id, given=given, now=NOW
        )

    save({ids["TRUE_FALSE"]: {"value": False}, ids["SHORT_ANSWER"]: {"text": "Pierre"}})
    save({ids["TRUE_FALSE"]: {"value": True}, ids["SHORT_ANSWER"]: None})
    assert attempts.saved_answers(session, submission_id=submission.id) == {
        ids["TRUE_FALSE"]: {"value": True}
    }
    with pytest.raises(Invalid) as info:
        save(
            {
                "nope": {"value": True},
                ids["MULTIPLE_CHOICE"]: {"selected": ["a", "b"]},
                ids["MATCHING"]: {"pairs": {"l1": "zz"}},
                ids["FILL_BLANK"]: {"blanks": {"9": "x"}},
            }
        )
    assert {e["field"] for e in info.value.fields} == {
        "answers.nope",
        f"answers.{ids['MULTIPLE_CHOICE']}",
        f"answers.{ids['MATCHING']}",
        f"answers.{ids['FILL_BLANK']}",
    }
    other = f.make_user(session)
    with pytest.raises(NotFound):
        attempts.save_answers(session, actor=actor(other), submission_id=submission.id, given={}, now=NOW)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_submit_grades_once_and_completes_the_lesson(session: Session, lang: str) -> None:
    quiz, student = f.make_open_quiz(session)
    submission = start(session, quiz, student, lang=lang)
    outcome = attempts.submit_attempt(
        session,
        actor=actor(student),
        submission_id=submission.id,
        given=right_answers(session, submission, lang),
        now=later(minutes=3),
    )
    graded = outcome.submission
    assert (graded.status, graded.closed_by, graded.passed) == ("graded", "student", True)
    assert (graded.score_percentage, graded.points_earned, graded.total_points) == (100, 5, 5)
    assert graded.score_exact == Decimal("100")
    assert graded.points_exact == Decimal("5")
    assert graded.time_spent_seconds == 180
    answers = session.scalars(
        select(QuestionAnswer).where(QuestionAnswer.submission_id == submission.id)
    ).all()
    assert len(answers) == 5
    assert all(a.is_correct and a.credit == 1 for a in answers)
    again = attempts.submit_attempt(
        session, actor=actor(student), submission_id=submission.id, now=later(minutes=9)
    )
    assert again.submission.submitted_at == later(minutes=3)
    assert session.scalar(select(func.count()).where(QuestionAnswer.submission_id == submission.id)) == 5
    progress = session.scalars(select(LessonProgress).where(LessonProgress.lesson_id == quiz.lesson_id)).one()
    assert progress.status == LessonProgressStatus.COMPLETED
    logged = session.scalars(select(ActivityLog).where(ActivityLog.entity_id == submission.id)).all()
    assert [entry.action for entry in logged] == ["SUBMIT_QUIZ"]
    assert logged[0].user_id == student.id


def test_exact_credit_one_rounding_and_pass_on_the_exact_percentage(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, question_types=(), passing_score_percentage=67)
    three_blanks = {
        "question_text_en": {"text": "{{1}}, {{2}} and {{3}}"},
        "question_text_fr": None,
        "correct_answers": {
            "blanks": [
                {"id": str(i), "accepted": {"en": [w]}} for i, w in ((1, "faith"), (2, "hope"), (3, "love"))
            ]
        },
    }
    f.make_typed_question(session, quiz=quiz, question_type=QuestionType.FILL_BLANK, **three_blanks)
    submission = start(session, quiz, student)
    (qid,) = submission.question_ids or []
    attempts.submit_attempt(
        session,
        actor=actor(student),
        submission_id=submission.id,
        given={qid: {"blanks": {"1": "Faith", "2": "hope"}}},
        now=NOW,
    )
    assert submission.points_exact == Decimal("0.666667")
    assert submission.score_exact == Decimal("66.666667")
    assert (submission.points_earned, submission.score_percentage) == (1, 67)  # rounded half up
    assert submission.passed is False  # 66.67 % < 67 %: decided on the exact value
    answer = session.scalars(
        select(QuestionAnswer).where(QuestionAnswer.submission_id == submission.id)
    ).one()
    assert answer.credit == Decimal("0.666666667")
    assert answer.points_earned == 1
    assert not answer.is_correct


def test_unanswered_questions_are_graded_as_empty(session: Session) -> None:
    quiz, student = f.make_open_quiz(session)
    submission = start(session, quiz, student)
    attempts.submit_attempt(session, actor=actor(student), submission_id=submission.id, now=NOW)
    answers = session.scalars(
        select(QuestionAnswer).where(QuestionAnswer.submission_id == submission.id)
    ).all()
    assert len(answers) == 5
    assert all(a.answer_given == {} and a.points_earned == 0 for a in answers)
    assert (submission.score_percentage, submission.passed) == (0, False)


def test_the_deadline_includes_a_grace_period_then_refuses(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, time_limit_minutes=10)
    submission = start(session, quiz, student)
    assert submission.deadline_at == later(minutes=10, seconds=30)
    tf = session.scalars(
        select(Question).where(Question.quiz_id == quiz.id, Question.question_type == QuestionType.TRUE_FALSE)
    ).one()
    attempts.save_answers(
        session,
        actor=actor(student),
        submission_id=submission.id,
        given={tf.id: {"value": True}},
        now=later(minutes=10, seconds=20),
    )
    refused = attempts.save_answers(
        session,
        actor=actor(student),
        submission_id=submission.id,
        given={tf.id: {"value": False}},
        now=later(minutes=10, seconds=31),
    )
    assert refused.refused
    assert (submission.status, submission.closed_by) == ("graded", "deadline")
    assert submission.time_spent_seconds == 630
    answer = session.scalars(
        select(QuestionAnswer).where(
            QuestionAnswer.submission_id == submission.id, QuestionAnswer.question_id == tf.id
        )
    ).one()
    assert answer.answer_given == {"value": True}
    assert answer.is_correct
    with pytest.raises(Conflict):
        attempts.save_answers(
            session, actor=actor(student), submission_id=submission.id, given={}, now=later(minutes=11)
        )


def test_an_overdue_attempt_closes_on_next_access(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, time_limit_minutes=1)
    submission = start(session, quiz, student)
    attempts.view_attempt(session, actor=actor(student), submission_id=submission.id, now=later(seconds=80))
    assert submission.status == "open"
    attempts.view_attempt(session, actor=actor(student), submission_id=submission.id, now=later(seconds=91))
    assert (submission.status, submission.closed_by) == ("graded", "deadline")


def test_starting_again_after_the_deadline_closes_the_old_attempt(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, time_limit_minutes=1)
    old = start(session, quiz, student)
    new = start(session, quiz, student, now=later(minutes=5))
    assert new.id != old.id
    assert old.status == "graded"
    assert new.status == "open"


def test_the_sweep_closes_every_overdue_attempt(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, time_limit_minutes=1)
    other = f.make_user(session)
    f.make_enrollment(session, course=course_of(session, quiz), student=other)
    overdue = start(session, quiz, student)
    fresh = start(session, quiz, other, now=later(minutes=1))
    assert attempts.close_overdue_attempts(session, now=later(minutes=1, seconds=45)) == 1
    assert (overdue.status, overdue.closed_by) == ("graded", "deadline")
    assert fresh.status == "open"
    assert attempts.close_overdue_attempts(session, now=later(minutes=1, seconds=45)) == 0
