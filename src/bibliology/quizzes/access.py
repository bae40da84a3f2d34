"""Loading a quiz, question or attempt with its lesson, course and the policy's facts in one query,
and the checks every read and write shares.

Reads follow the lesson (`policy.can_view_lesson`: 404 otherwise). Authoring needs the course's
teacher or an admin, and an archived course or lesson is read-only. A student's attempt is theirs
alone; the course's teacher reads it through the gradebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, and_, bindparam, func, select
from sqlalchemy.orm import Session

from bibliology.courses import access as courses
from bibliology.courses.models import Course
from bibliology.enums import EnrollmentStatus, LessonStatus
from bibliology.errors import Forbidden, NotFound
from bibliology.lessons.models import Lesson
from bibliology.policy import (
    Actor,
    CourseFacts,
    Denied,
    can_view_lesson,
    ensure_can_manage_course,
    ensure_can_view_course,
    owns_course,
    require_login,
)
from bibliology.progress.models import Enrollment
from bibliology.quizzes.allowances import LOCK_NAMESPACE
from bibliology.quizzes.models import Question, Quiz, QuizSubmission


@dataclass(frozen=True)
class QuizContext:
    quiz: Quiz
    lesson: Lesson
    course: Course
    facts: CourseFacts
    # Whether the actor is the course's teacher or an admin.
    manages: bool
    # The actor's enrollment in the course (any status), when loaded.
    enrollment: Enrollment | None = None


def _joined(head: Any = None, on: Any = None) -> Any:
    """[head,] Quiz, Lesson, Course and the actor's (:actor_id) Enrollment — None when not enrolled —
    in one statement."""
    statement = select(*([] if head is None else [head]), Quiz, Lesson, Course, Enrollment)
    if head is not None:
        statement = statement.select_from(head).join(Quiz, on)
    return (
        statement.join(Lesson, Lesson.id == Quiz.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .outerjoin(
            Enrollment,
            and_(Enrollment.course_id == Course.id, Enrollment.student_id == bindparam("actor_id")),
        )
    )


# Built once: every attempt request runs them, and a prepared statement object skips building the
# query and computing its cache key each time.
_QUIZ = _joined().where(Quiz.id == bindparam("id"))
_QUIZ_LOCKED = _QUIZ.with_for_update(of=Quiz, key_share=True)
# The same, taking the (student, quiz) pair's advisory lock as it reads (allowances.lock_pair): a
# start needs both, and the statements after it see every attempt committed before the lock.
_QUIZ_PAIR_LOCKED = _QUIZ.add_columns(
    func.pg_advisory_xact_lock(
        LOCK_NAMESPACE, func.hashtext(func.concat(bindparam("actor_id", type_=Text), "/", Quiz.id))
    )
)
_QUESTION = _joined(Question, Quiz.id == Question.quiz_id).where(Question.id == bindparam("id"))
_ATTEMPT = _joined(QuizSubmission, Quiz.id == QuizSubmission.quiz_id).where(
    QuizSubmission.id == bindparam("id")
)
_ATTEMPT_LOCKED = _ATTEMPT.with_for_update(of=QuizSubmission)


def _context(row: Any, actor: Actor, *, what: str, manage: bool, write: bool) -> QuizContext:
    if row is None:
        raise NotFound(f"no such {what}")
    quiz, lesson, course, enrollment = row[-4], row[-3], row[-2], row[-1]
    facts = courses.facts(course, enrollment is not None)
    if manage or write:
        ensure_can_manage_course(actor, facts, what=what)
    else:
        ensure_can_view_course(actor, facts, what=what)
        if not can_view_lesson(actor, facts, lesson.status):
            raise Denied(f"no such {what}")
    if write:
        courses.ensure_not_archived(course.status)
        courses.ensure_not_archived(lesson.status, what="lesson")
    return QuizContext(quiz, lesson, course, facts, owns_course(actor, facts), enrollment)


def quiz(
    session: Session,
    actor: Actor,
    quiz_id: str,
    *,
    manage: bool = False,
    write: bool = False,
    lock: bool = False,
) -> QuizContext:
    """`manage`: authoring reads; `write`: changes (not archived); `lock`: the quiz row FOR NO KEY
    UPDATE, which serialises changes to its questions' order."""
    row = session.execute(
        _QUIZ_LOCKED if lock else _QUIZ, {"id": quiz_id, "actor_id": actor.user_id}
    ).one_or_none()
    return _context(row, actor, what="quiz", manage=manage, write=write)


def quiz_for_attempt(session: Session, actor: Actor, quiz_id: str) -> QuizContext:
    """`quiz` for reading, with the actor's (student, quiz) pair lock taken."""
    row = session.execute(_QUIZ_PAIR_LOCKED, {"id": quiz_id, "actor_id": require_login(actor)}).one_or_none()
    return _context(None if row is None else row[:-1], actor, what="quiz", manage=False, write=False)


def question(
    session: Session, actor: Actor, question_id: str, *, write: bool = True
) -> tuple[Question, QuizContext]:
    """A question for authoring (its course's teacher or an admin)."""
    row = session.execute(_QUESTION, {"id": question_id, "actor_id": actor.user_id}).one_or_none()
    context = _context(row, actor, what="question", manage=True, write=write)
    assert row is not None
    return row[0], context


def own_attempt(
    session: Session, actor: Actor, submission_id: str, *, lock: bool = False
) -> tuple[QuizSubmission, QuizContext]:
    """The actor's own attempt; anyone else's answers 404 (teachers use the gradebook).
    `lock` takes the attempt row FOR UPDATE: saving, submitting and closing it queue up."""
    user_id = require_login(actor)
    statement = _ATTEMPT_LOCKED if lock else _ATTEMPT
    row = session.execute(statement, {"id": submission_id, "actor_id": user_id}).one_or_none()
    if row is None:
        raise NotFound("no such attempt")
    if row[0].student_id != user_id:
        raise Denied("no such attempt")
    quiz_row, lesson, course, enrollment = row[1], row[2], row[3], row[4]
    facts = courses.facts(course, enrollment is not None)
    return row[0], QuizContext(quiz_row, lesson, course, facts, owns_course(actor, facts), enrollment)


def enrollment_of(session: Session, *, student_id: str, course_id: str) -> Enrollment | None:
    return session.scalars(
        select(Enrollment).where(Enrollment.student_id == student_id, Enrollment.course_id == course_id)
    ).one_or_none()


def ensure_can_attempt(actor: Actor, context: QuizContext) -> Enrollment:
    """Attempts: a student enrolled (not dropped) in the course, on a published lesson of a published
    course. An archived course is read-only: its quizzes show past results but take no attempt."""
    require_login(actor)
    if context.course.status != LessonStatus.PUBLISHED or context.lesson.status != LessonStatus.PUBLISHED:
        raise Forbidden("this quiz is not open for attempts")
    enrollment = context.enrollment
    if enrollment is None or enrollment.status == EnrollmentStatus.DROPPED:
        raise Forbidden("enroll in the course to take its quizzes")
    return enrollment
