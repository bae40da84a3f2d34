"""Loading a course with what the policy needs to know about it, in one query, and the rules every
authoring write shares (an archived course is read-only until restored)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, false, select
from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.enums import LessonStatus
from bibliology.errors import Conflict
from bibliology.invalidation import invalidate
from bibliology.lessons.models import Lesson
from bibliology.policy import (
    Actor,
    CourseFacts,
    ensure_can_manage_course,
    ensure_can_view_course,
    require_login,
)
from bibliology.progress.models import Enrollment


def enrolled(actor: Actor) -> ColumnElement[bool]:
    """Whether the actor has an enrollment (any status) in the course of the statement."""
    if actor.user_id is None:
        return false()
    return exists().where(Enrollment.course_id == Course.id, Enrollment.student_id == actor.user_id)


def facts(course: Course, actor_enrolled: bool) -> CourseFacts:
    return CourseFacts(
        id=course.id, teacher_id=course.teacher_id, status=course.status, actor_enrolled=actor_enrolled
    )


def load(session: Session, actor: Actor, course_id: str, *, lock: bool = False) -> tuple[Course | None, bool]:
    """The course and whether the actor is enrolled in it; `lock` serialises life-cycle changes."""
    statement: Any = select(Course, enrolled(actor).label("enrolled")).where(Course.id == course_id)
    if lock:
        statement = statement.with_for_update(of=Course, key_share=True)
    row = session.execute(statement).one_or_none()
    return (None, False) if row is None else (row[0], bool(row[1]))


def viewable(session: Session, actor: Actor, course_id: str) -> tuple[Course, CourseFacts]:
    course, is_enrolled = load(session, actor, course_id)
    checked = ensure_can_view_course(actor, None if course is None else facts(course, is_enrolled))
    assert course is not None
    return course, checked


def manageable(session: Session, actor: Actor, course_id: str, *, lock: bool = False) -> Course:
    """A course the actor may author (read or change): anonymous → 401, foreign → 404, visible but
    not theirs → 403."""
    require_login(actor)
    course, is_enrolled = load(session, actor, course_id, lock=lock)
    ensure_can_manage_course(actor, None if course is None else facts(course, is_enrolled))
    assert course is not None
    return course


def writable(session: Session, actor: Actor, course_id: str, *, lock: bool = False) -> Course:
    """A course the actor may change now: theirs, and not archived."""
    course = manageable(session, actor, course_id, lock=lock)
    ensure_not_archived(course.status)
    return course


def ensure_not_archived(status: LessonStatus, *, what: str = "course") -> None:
    if status == LessonStatus.ARCHIVED:
        raise Conflict(f"this {what} is archived and read-only: restore it first")


def invalidate_course_and_lessons(session: Session, course_id: str) -> None:
    """For changes to what every lesson's policy facts say (the course's status or teacher): the
    cached facts and trees of all its lessons go with the outline."""
    lesson_ids = list(session.scalars(select(Lesson.id).where(Lesson.course_id == course_id)))
    invalidate(session, course_ids=[course_id], lesson_ids=lesson_ids)
