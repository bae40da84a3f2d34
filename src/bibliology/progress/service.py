"""Lookups the progress services share: the lesson an actor may see, a slide's position in it, and
the enrollment a student's work on a lesson counts towards."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.errors import Invalid, NotFound
from bibliology.policy import Actor, Denied, can_view_lesson
from bibliology.queries.facts import LessonContext, lesson_context

_SLIDE_POSITION = text(
    """
    SELECT idx FROM (
      SELECT id, (row_number() OVER (ORDER BY slide_order) - 1)::int AS idx
      FROM slides WHERE lesson_id = :lesson_id) s
    WHERE id = :slide_id
    """
)

_ENROLLMENT_FOR_LESSON = text(
    """
    SELECT e.id FROM enrollments e JOIN lessons l ON l.course_id = e.course_id
    WHERE l.id = :lesson_id AND e.student_id = :student_id
    """
)


def visible_lesson(session: Session, *, actor: Actor, lesson_id: str) -> LessonContext:
    """The lesson's policy facts; NotFound when it does not exist or the actor may not see it."""
    context = lesson_context(session, actor=actor, lesson_id=lesson_id)
    if context is None:
        raise NotFound("no such lesson")
    if not can_view_lesson(actor, context.course, context.status):
        raise Denied("no such lesson")
    return context


def slide_position(session: Session, *, lesson_id: str, slide_id: str) -> int:
    """The slide's 0-based position in its lesson; Invalid when it is not one of the lesson's."""
    position = session.execute(_SLIDE_POSITION, {"lesson_id": lesson_id, "slide_id": slide_id}).scalar()
    if position is None:
        raise Invalid(
            "this slide is not part of the lesson",
            fields=[{"field": "slide_id", "message": "not a slide of this lesson"}],
        )
    return int(position)


def find_enrollment_id(session: Session, *, student_id: str, lesson_id: str) -> str | None:
    """The student's enrollment in the lesson's course (any status), for callers of
    `completion.check_lesson_completion` such as the quiz engine."""
    found = session.execute(_ENROLLMENT_FOR_LESSON, {"lesson_id": lesson_id, "student_id": student_id})
    return found.scalar_one_or_none()
