"""Publish, archive, restore and delete, for courses; lessons follow the same rules
(lessons/lifecycle.py uses `next_status`).

DRAFT → PUBLISHED (published_at stamped the first time) → ARCHIVED; restore returns to PUBLISHED if
the object was ever published, else to DRAFT. Repeating a change already made is a no-op, so a retried
request is harmless; publishing an archived object is refused (restore it first). Archiving is the
delete users expect; a hard delete is only for drafts no student has touched.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from fastapi import Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.certificates.models import Certificate
from bibliology.courses import access, audit
from bibliology.courses.models import Course
from bibliology.db import utcnow
from bibliology.enums import LessonStatus
from bibliology.errors import Conflict
from bibliology.invalidation import invalidate
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.policy import Actor
from bibliology.progress.models import Enrollment
from bibliology.translations import service as translations

Change = Literal["publish", "archive", "restore"]
VERBS: dict[Change, audit.Verb] = {"publish": "PUBLISH", "archive": "ARCHIVE", "restore": "RESTORE"}


def next_status(
    change: Change, status: LessonStatus, published_at: dt.datetime | None, *, what: str
) -> LessonStatus | None:
    """The status after `change`, or None when there is nothing to do."""
    if change == "publish":
        access.ensure_not_archived(status, what=what)
        return None if status == LessonStatus.PUBLISHED else LessonStatus.PUBLISHED
    if change == "archive":
        return None if status == LessonStatus.ARCHIVED else LessonStatus.ARCHIVED
    if status != LessonStatus.ARCHIVED:
        return None
    return LessonStatus.PUBLISHED if published_at is not None else LessonStatus.DRAFT


def change_status(
    session: Session, *, actor: Actor, course_id: str, change: Change, request: Request | None = None
) -> Course:
    """Publish, archive or restore a course (its lessons keep their own statuses)."""
    course = access.manageable(session, actor, course_id, lock=True)
    status = next_status(change, course.status, course.published_at, what="course")
    if status is None:
        return course
    if change == "publish" and not _has_published_lesson(session, course.id):
        # A published course with nothing to study would be an empty page in the catalogue.
        raise Conflict("a course needs one published lesson: publish a lesson first, then the course")
    previous = course.status
    course.status = status
    if status == LessonStatus.PUBLISHED and course.published_at is None:
        course.published_at = utcnow()
    session.flush()
    audit.log(
        session,
        actor=actor,
        verb=VERBS[change],
        entity="course",
        entity_id=course.id,
        request=request,
        previous_status=previous.value,
        status=status.value,
    )
    access.invalidate_course_and_lessons(session, course.id)
    return course


def _has_published_lesson(session: Session, course_id: str) -> bool:
    published = select(Lesson.id).where(
        Lesson.course_id == course_id, Lesson.status == LessonStatus.PUBLISHED
    )
    return bool(session.scalar(select(published.exists())))


def delete(session: Session, *, actor: Actor, course_id: str, request: Request | None = None) -> None:
    """Delete a draft course nobody is enrolled in, with its lessons, slides and blocks."""
    course = access.manageable(session, actor, course_id, lock=True)
    if course.status != LessonStatus.DRAFT:
        raise Conflict(
            f"this course is {course.status.value.lower()}: only a draft can be deleted; archive it instead"
        )
    enrolled = session.scalar(select(func.count()).where(Enrollment.course_id == course.id)) or 0
    if enrolled:
        raise Conflict(f"{enrolled} student(s) are enrolled in this course: archive it instead")
    if session.scalar(select(func.count()).where(Certificate.course_id == course.id)):
        raise Conflict("certificates were issued for this course: archive it instead")
    lesson_ids = list(session.scalars(select(Lesson.id).where(Lesson.course_id == course.id)))
    slide_ids = select(Slide.id).where(Slide.lesson_id.in_(lesson_ids))
    block_ids = select(ContentBlock.id).where(ContentBlock.slide_id.in_(slide_ids))
    translations.forget(session, entity_ids=block_ids)
    translations.forget(session, entity_ids=slide_ids)
    translations.forget(session, entity_ids=[course.id, *lesson_ids])
    audit.log(
        session,
        actor=actor,
        verb="DELETE",
        entity="course",
        entity_id=course.id,
        request=request,
        slug=course.slug,
        title_en=course.title_en,
    )
    invalidate(session, course_ids=[course.id], lesson_ids=lesson_ids)
    session.delete(course)
    session.flush()
