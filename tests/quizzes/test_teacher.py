"""Teachers: overrides and regrades recompute submissions and progress; gradebook and statistics;
what the review shows under each setting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.enums import LessonProgressStatus, QuestionType
from bibliology.errors import Conflict, Forbidden, Invalid, NotFound
from bibliology.pagination import PageParams
from bibliology.progress.models import LessonProgress
from bibliology.quizzes import attempts, authoring, gradebook, interventions, stats
from bibliology.quizzes.models import Question, QuestionAnswer, Quiz, QuizSubmission
from bibliology.quizzes.presentation import attempt_view
from bibliology.quizzes.schemas import QuestionUpdate, WrongAnswer
from tests import factories as f
from tests.quizzes.helpers import NOW, RIGHT, actor, course_of, later, quiz_teacher
from tests.quizzes.test_attempts import start


def submit(
    session: Session, quiz: Quiz, student: User, given: dict[str, Any], *, now: dt.datetime = NOW
) -> QuizSubmission:
    submission = start(session, quiz, student, now=now)
    return attempts.submit_attempt(
        session, actor=actor(student), submission_id=submission.id, given=given, now=now
    ).submission


def question_of(session: Session, quiz: Quiz, kind: QuestionType) -> Question:
    return session.scalars(
        select(Question).where(Question.quiz_id == quiz.id, Question.question_type == kind)
    ).one()


def progress_status(session: Session, quiz: Quiz) -> LessonProgressStatus | None:
    return session.scalar(select(LessonProgress.status).where(LessonProgress.lesson_id == quiz.lesson_id))


def test_an_override_recomputes_the_submission_and_progress(session: Session) -> None:
    quiz, student = f.make_open_quiz(
        session, question_types=(QuestionType.SHORT_ANSWER, QuestionType.TRUE_FALSE)
    )
    teacher = quiz_teacher(session, quiz.id)
    short = question_of(session, quiz, QuestionType.SHORT_ANSWER)
    tf = question_of(session, quiz, QuestionType.TRUE_FALSE)
    submission = submit(session, quiz, student, {short.id: {"text": "Simon"}, tf.id: {"value": True}})
    assert (submission.score_percentage, submission.passed) == (50, False)
    assert progress_status(session, quiz) == LessonProgressStatus.IN_PROGRESS
    interventions.override_grade(
        session, actor=actor(teacher), submission_id=submission.id, question_id=short.id,
        points=Decimal("0.5"), comment="Simon is half of it", now=NOW,
    )  # fmt: skip
    assert (submission.points_exact, submission.score_percentage, submission.passed) == (
        Decimal("1.5"),
        75,
        True,
    )
    assert progress_status(session, quiz) == LessonProgressStatus.COMPLETED
    answer = session.scalars(select(QuestionAnswer).where(QuestionAnswer.question_id == short.id)).one()
    assert (answer.points_earned, answer.override_comment, answer.overridden_by) == (
        1,
        "Simon is half of it",
        teacher.id,
    )
    entry = session.scalars(select(ActivityLog).where(ActivityLog.action == "OVERRIDE_GRADE")).one()
    assert entry.metadata_ is not None
    assert (entry.user_id, entry.metadata_["comment"], entry.metadata_["points"]) == (
        teacher.id,
        "Simon is half of it",
        "0.5",
    )
    # Removing it gives the grader's verdict back.
    interventions.override_grade(
        session,
        actor=actor(teacher),
        submission_id=submission.id,
        question_id=short.id,
        points=None,
        comment=None,
        now=NOW,
    )
    assert (submission.score_percentage, answer.points_earned, answer.override_points) == (50, 0, None)


def test_override_limits(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, question_types=(QuestionType.TRUE_FALSE,))
    teacher = actor(quiz_teacher(session, quiz.id))
    tf = question_of(session, quiz, QuestionType.TRUE_FALSE)
    submission = submit(session, quiz, student, {})
    with pytest.raises(Invalid):
        interventions.override_grade(
            session,
            actor=teacher,
            submission_id=submission.id,
            question_id=tf.id,
            points=Decimal(2),
            comment="x",
            now=NOW,
        )
    with pytest.raises(Forbidden):  # the student sees the quiz but does not manage it
        interventions.override_grade(
            session,
            actor=actor(student),
            submission_id=submission.id,
            question_id=tf.id,
            points=Decimal(1),
            comment="x",
            now=NOW,
        )
    other, other_student = f.make_open_quiz(session, question_types=(QuestionType.TRUE_FALSE,))
    still_open = start(session, other, other_student)
    with pytest.raises(Conflict):
        interventions.override_grade(
            session, actor=actor(quiz_teacher(session, other.id)), submission_id=still_open.id,
            question_id=question_of(session, other, QuestionType.TRUE_FALSE).id, points=Decimal(1), comment="x", now=NOW,
        )  # fmt: skip


def test_a_regrade_applies_changed_correct_answers_to_past_submissions(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, question_types=(QuestionType.TRUE_FALSE,))
    teacher = actor(quiz_teacher(session, quiz.id))
    tf = question_of(session, quiz, QuestionType.TRUE_FALSE)
    wrong = submit(session, quiz, student, {tf.id: {"value": False}})
    assert not wrong.passed
    authoring.update_question(
        session, actor=teacher, question_id=tf.id, data=QuestionUpdate(correct_answers={"value": False})
    )
    assert not wrong.passed  # nothing changes until the teacher asks
    result = interventions.regrade_question(session, actor=teacher, question_id=tf.id)
    assert (result.answers_regraded, result.answers_changed, result.submissions_changed) == (1, 1, 1)
    session.refresh(wrong)
    assert (wrong.passed, wrong.score_percentage) == (True, 100)
    assert progress_status(session, quiz) == LessonProgressStatus.COMPLETED
    assert (
        session.scalar(select(ActivityLog.action).where(ActivityLog.entity_id == tf.id)) == "REGRADE_QUESTION"
    )


def test_a_regrade_keeps_overrides(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, question_types=(QuestionType.TRUE_FALSE,))
    teacher = actor(quiz_teacher(session, quiz.id))
    tf = question_of(session, quiz, QuestionType.TRUE_FALSE)
    submission = submit(session, quiz, student, {tf.id: {"value": False}})
    interventions.override_grade(
        session,
        actor=teacher,
        submission_id=submission.id,
        question_id=tf.id,
        points=Decimal("0.25"),
        comment="c",
        now=NOW,
    )
    authoring.update_question(
        session, actor=teacher, question_id=tf.id, data=QuestionUpdate(correct_answers={"value": False})
    )
    result = interventions.regrade_question(session, actor=teacher, question_id=tf.id)
    assert result.answers_regraded == 0
    session.refresh(submission)
    assert submission.points_exact == Decimal("0.25")


def test_review_follows_the_quiz_settings(session: Session) -> None:
    for allow, show in ((False, False), (True, False), (True, True)):
        quiz, student = f.make_open_quiz(session, allow_review=allow, show_correct_answers=show)
        submission = start(session, quiz, student, lang="fr")
        given = {
            qid: RIGHT["fr"][question_of_id(session, qid).question_type.value]
            for qid in submission.question_ids or []
        }
        given[question_of(session, quiz, QuestionType.SHORT_ANSWER).id] = {
            "text": "Pierrre"
        }  # a typo, forgiven
        attempts.submit_attempt(
            session, actor=actor(student), submission_id=submission.id, given=given, now=NOW
        )
        view = attempt_view(session, submission=submission, quiz=quiz, now=NOW)
        assert view.result is not None
        assert view.result.score_percentage == 100
        if not allow:
            assert view.result.review is None
            assert view.questions == []
            continue
        review = {item.question_id: item for item in view.result.review or []}
        typed = review[question_of(session, quiz, QuestionType.SHORT_ANSWER).id]
        assert typed.detail is not None
        assert typed.detail["typo"] is True
        if show:
            assert typed.detail["matched"] == "Pierre"
            assert typed.correct_answer == {"accepted": ["Pierre", "Simon-Pierre"]}  # the attempt's language
            mc = review[question_of(session, quiz, QuestionType.MULTIPLE_CHOICE).id]
            assert mc.explanation == {"text": "Voir Jean 13,23."}
        else:
            assert "matched" not in typed.detail
            assert all(item.correct_answer is None and item.explanation is None for item in review.values())


def question_of_id(session: Session, question_id: str) -> Question:
    return session.get_one(Question, question_id)


def test_gradebook_lists_every_student_with_attempts_left(session: Session) -> None:
    quiz, ann = f.make_open_quiz(session, max_attempts=2, question_types=(QuestionType.TRUE_FALSE,))
    teacher = actor(quiz_teacher(session, quiz.id))
    tf = question_of(session, quiz, QuestionType.TRUE_FALSE)
    bob = f.make_user(session, name="Bob")
    f.make_enrollment(session, course=course_of(session, quiz), student=bob)
    submit(session, quiz, ann, {tf.id: {"value": False}})
    submit(session, quiz, ann, {tf.id: {"value": True}}, now=later(minutes=5))
    page = gradebook.list_students(session, actor=teacher, quiz_id=quiz.id, params=PageParams())
    rows = {row.student_id: row for row in page.items}
    assert page.total == 2
    assert (rows[ann.id].attempts_used, rows[ann.id].attempts_left, rows[ann.id].best_score_percentage) == (
        2,
        0,
        100,
    )
    assert (rows[ann.id].last_score_percentage, rows[ann.id].passed) == (100, True)
    assert (rows[bob.id].attempts_used, rows[bob.id].attempts_left, rows[bob.id].best_score_percentage) == (
        0,
        2,
        None,
    )
    detail = gradebook.student_detail(session, actor=teacher, quiz_id=quiz.id, student_id=ann.id)
    assert [a.summary.score_percentage for a in detail.attempts] == [0, 100]
    assert detail.attempts[0].answers[0].correct_answers == {"value": True}
    assert detail.allowance.attempts_left == 0
    with pytest.raises(NotFound):
        gradebook.student_detail(session, actor=teacher, quiz_id=quiz.id, student_id=f.make_user(session).id)
    with pytest.raises(Forbidden):
        gradebook.list_students(session, actor=actor(ann), quiz_id=quiz.id, params=PageParams())


def test_stats_per_quiz_and_question(session: Session) -> None:
    quiz, first = f.make_open_quiz(
        session, question_types=(QuestionType.MULTIPLE_CHOICE, QuestionType.SHORT_ANSWER)
    )
    teacher = actor(quiz_teacher(session, quiz.id))
    mc = question_of(session, quiz, QuestionType.MULTIPLE_CHOICE)
    short = question_of(session, quiz, QuestionType.SHORT_ANSWER)
    students = [first] + [f.make_user(session) for _ in range(3)]
    for student in students[1:]:
        f.make_enrollment(session, course=course_of(session, quiz), student=student)
    answers = [("b", "Peter"), ("a", "Jean"), ("a", " jean "), ("c", "Peter")]
    for student, (choice, text) in zip(students, answers, strict=True):
        submit(session, quiz, student, {mc.id: {"selected": [choice]}, short.id: {"text": text}})
    result = stats.quiz_stats(session, actor=teacher, quiz_id=quiz.id)
    assert (result.attempts, result.students, result.open_attempts) == (4, 4, 0)
    assert result.average_score == 37.5  # 100, 0, 0, 50
    assert result.pass_rate == 0.25
    per = {q.question_id: q for q in result.questions}
    assert per[mc.id].share_correct == 0.25
    assert per[mc.id].most_common_wrong == WrongAnswer(answer={"selected": ["a"]}, count=2)
    assert per[short.id].share_correct == 0.5
    assert per[short.id].most_common_wrong == WrongAnswer(answer={"text": "jean"}, count=2)
