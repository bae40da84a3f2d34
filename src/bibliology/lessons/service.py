"""Lessons: create (at a position), update, move within their course. Slides and blocks are in
slides.py and blocks.py, life-cycle changes in lifecycle.py, tree reads in tree.py."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.orm import Session

from bibliology.courses import access as courses
from bibliology.courses import audit, slugs
from bibliology.courses.fields import ensure_english_first
from bibliology.enums import LessonStatus
from bibliology.invalidation import invalidate
from bibliology.lessons import access, ordering
from bibliology.lessons.models import Lesson
from bibliology.lessons.schemas import LessonCreate, LessonUpdate
from bibliology.policy import Actor
from bibliology.translations import service as translations
from bibliology.translations.fields import TRANSLATABLE

FIELDS = TRANSLATABLE["lesson"]
# Room for the course's slug in the lesson's: `<course-slug>-<title-slug>` stays readable.
TITLE_SLUG_LENGTH = 60


def create(
    session: Session, *, actor: Actor, course_id: str, data: LessonCreate, request: Request | None = None
) -> Lesson:
    """A draft lesson at `data.position` (default: last); its slug is unique across all courses."""
    course = courses.writable(session, actor, course_id)
    values = data.model_dump(exclude={"position"})
    ensure_english_first(values, FIELDS)
    order = ordering.open_slot(session, ordering.LESSONS, course.id, data.position)
    base = f"{course.slug}-{slugs.slugify(data.title_en, max_length=TITLE_SLUG_LENGTH)}"
    lesson = Lesson(
        course_id=course.id,
        slug=slugs.allocate(session, Lesson.slug, base),
        lesson_order=order,
        status=LessonStatus.DRAFT,
        **values,
    )
    session.add(lesson)
    session.flush()
    translations.record_changes(session, entity_type="lesson", entity_id=lesson.id, before=None, after=values)
    audit.log(
        session,
        actor=actor,
        verb="CREATE",
        entity="lesson",
        entity_id=lesson.id,
        request=request,
        course_id=course.id,
        slug=lesson.slug,
    )
    invalidate(session, course_ids=[course.id], lesson_ids=[lesson.id])
    return lesson


def update(
    session: Session, *, actor: Actor, lesson_id: str, data: LessonUpdate, request: Request | None = None
) -> Lesson:
    """Change what was sent; a published lesson changes at once for its readers. The slug stays."""
    lesson = access.lesson(session, actor, lesson_id, write=True).lesson
    changes = {name: value for name, value in data.changes().items() if getattr(lesson, name) != value}
    if not changes:
        return lesson
    before = translations.snapshot("lesson", lesson)
    ensure_english_first(changes, FIELDS, stored=before)
    for name, value in changes.items():
        setattr(lesson, name, value)
    session.flush()
    translations.record_changes(
        session, entity_type="lesson", entity_id=lesson.id, before=before, after=changes
    )
    audit.log(
        session,
        actor=actor,
        verb="UPDATE",
        entity="lesson",
        entity_id=lesson.id,
        request=request,
        fields=sorted(changes),
    )
    invalidate(session, course_ids=[lesson.course_id], lesson_ids=[lesson.id])
    return lesson


def move(
    session: Session, *, actor: Actor, lesson_id: str, position: int, request: Request | None = None
) -> Lesson:
    """Move a lesson to `position` (0-based) in its course. The order is the course's, so an archived
    lesson can move too; an archived course cannot change."""
    lesson = access.lesson(session, actor, lesson_id, write=True, content=False).lesson
    previous = ordering.move(session, ordering.LESSONS, lesson.course_id, lesson.id, position)
    if previous != position:
        audit.log(
            session,
            actor=actor,
            verb="UPDATE",
            entity="lesson",
            entity_id=lesson.id,
            request=request,
            moved={"from": previous, "to": position},
        )
        invalidate(session, course_ids=[lesson.course_id], lesson_ids=[lesson.id])
    return lesson
