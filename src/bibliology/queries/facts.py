"""What the policy needs about a course or a lesson, for one actor, in one small query.

`wrote` tells whether the current transaction has already written anything: a read made after its
own uncommitted writes must not go through the shared cache (it could store rows that never commit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.enums import LessonStatus
from bibliology.policy import Actor, CourseFacts

_COURSE = text(
    """
    SELECT c.teacher_id, c.status,
           EXISTS (SELECT 1 FROM enrollments e WHERE e.course_id = c.id AND e.student_id = :actor_id)
             AS enrolled,
           pg_current_xact_id_if_assigned() IS NOT NULL AS wrote
    FROM courses c WHERE c.id = :course_id
    """
)

# The lesson's facts as columns of a query `FROM lessons l JOIN courses c` (for statements that
# fetch something else with them, e.g. the lesson tree).
LESSON_FACTS = """l.course_id, l.status AS lesson_status, c.teacher_id, c.status AS course_status,
           EXISTS (SELECT 1 FROM enrollments e WHERE e.course_id = c.id AND e.student_id = :actor_id)
             AS enrolled,
           pg_current_xact_id_if_assigned() IS NOT NULL AS wrote"""
LESSON_FROM = "FROM lessons l JOIN courses c ON c.id = l.course_id WHERE l.id = :lesson_id"
_LESSON = text(f"SELECT {LESSON_FACTS} {LESSON_FROM}")


@dataclass(frozen=True)
class CourseContext:
    course: CourseFacts
    wrote: bool


@dataclass(frozen=True)
class LessonContext:
    lesson_id: str
    status: LessonStatus
    course: CourseFacts
    wrote: bool

    @property
    def published(self) -> bool:
        """Published lesson in a published course: what the shared cache may hold."""
        return self.status == LessonStatus.PUBLISHED and self.course.status == LessonStatus.PUBLISHED


def course_context(session: Session, *, actor: Actor, course_id: str) -> CourseContext | None:
    row = session.execute(_COURSE, {"course_id": course_id, "actor_id": actor.user_id}).one_or_none()
    if row is None:
        return None
    facts = CourseFacts(
        id=course_id, teacher_id=row.teacher_id, status=LessonStatus(row.status), actor_enrolled=row.enrolled
    )
    return CourseContext(course=facts, wrote=row.wrote)


def lesson_context(session: Session, *, actor: Actor, lesson_id: str) -> LessonContext | None:
    row = session.execute(_LESSON, {"lesson_id": lesson_id, "actor_id": actor.user_id}).one_or_none()
    return None if row is None else lesson_context_of(row, lesson_id)


def lesson_context_of(row: Any, lesson_id: str) -> LessonContext:
    """The context from a row holding LESSON_FACTS."""
    facts = CourseFacts(
        id=row.course_id,
        teacher_id=row.teacher_id,
        status=LessonStatus(row.course_status),
        actor_enrolled=row.enrolled,
    )
    return LessonContext(
        lesson_id=lesson_id, status=LessonStatus(row.lesson_status), course=facts, wrote=row.wrote
    )
