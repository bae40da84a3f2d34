"""Loading a lesson, slide or block with its course and the policy's facts in one query, and the
checks every read and write of lesson content shares.

Reads: a student sees a lesson only where `policy.can_view_lesson` says so (else 404, as for any
foreign object). Writes: the course's teacher or an admin; the course must not be archived, and
neither may the lesson when its content changes (archived means read-only until restored).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.courses import access as courses
from bibliology.courses.models import Course
from bibliology.errors import NotFound
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.policy import (
    Actor,
    CourseFacts,
    Denied,
    can_view_lesson,
    ensure_can_manage_course,
    ensure_can_view_course,
    require_login,
)


@dataclass(frozen=True)
class LessonContext:
    lesson: Lesson
    course: Course
    facts: CourseFacts


def _context(row: Any, actor: Actor, *, what: str, manage: bool) -> LessonContext:
    if manage:
        require_login(actor)
    if row is None:
        raise NotFound(f"no such {what}")
    lesson, course, is_enrolled = row[-3], row[-2], bool(row[-1])
    facts = courses.facts(course, is_enrolled)
    # What the actor cannot even see answers 404; what they see but may not change, 403.
    ensure_can_view_course(actor, facts, what=what)
    if not can_view_lesson(actor, facts, lesson.status):
        raise Denied(f"no such {what}")
    if manage:
        ensure_can_manage_course(actor, facts, what=what)
    return LessonContext(lesson=lesson, course=course, facts=facts)


def _writable(context: LessonContext, *, content: bool) -> LessonContext:
    courses.ensure_not_archived(context.course.status)
    if content:
        courses.ensure_not_archived(context.lesson.status, what="lesson")
    return context


def lesson(
    session: Session,
    actor: Actor,
    lesson_id: str,
    *,
    manage: bool = False,
    write: bool = False,
    content: bool = True,
) -> LessonContext:
    """`manage`: authoring rights; `write`: also not archived (`content`: the lesson itself either)."""
    row = session.execute(
        select(Lesson, Course, courses.enrolled(actor))
        .join(Course, Course.id == Lesson.course_id)
        .where(Lesson.id == lesson_id)
    ).one_or_none()
    context = _context(row, actor, what="lesson", manage=manage or write)
    return _writable(context, content=content) if write else context


def slide(
    session: Session, actor: Actor, slide_id: str, *, write: bool = True
) -> tuple[Slide, LessonContext]:
    """A slide its author may change (or, with write=False, read for authoring)."""
    row = session.execute(
        select(Slide, Lesson, Course, courses.enrolled(actor))
        .join(Lesson, Lesson.id == Slide.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .where(Slide.id == slide_id)
    ).one_or_none()
    context = _context(row, actor, what="slide", manage=True)
    assert row is not None
    return row[0], _writable(context, content=True) if write else context


def block(
    session: Session, actor: Actor, block_id: str, *, write: bool = True
) -> tuple[ContentBlock, Slide, LessonContext]:
    row = session.execute(
        select(ContentBlock, Slide, Lesson, Course, courses.enrolled(actor))
        .join(Slide, Slide.id == ContentBlock.slide_id)
        .join(Lesson, Lesson.id == Slide.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .where(ContentBlock.id == block_id)
    ).one_or_none()
    context = _context(row, actor, what="block", manage=True)
    assert row is not None
    return row[0], row[1], _writable(context, content=True) if write else context
