"""Slides: create at a position, update, move, delete — and keeping students where they were.

Progress and notes point at slides by id (lesson_progress.current_slide_id, student_notes.slide_id),
so a slide that moves takes its readers and notes along; after every change of a lesson's slides,
progress.hooks.slides_changed brings the design's index columns (current_slide_index, slide_index)
and the count of distinct slides seen back in line, in one statement. A deleted slide sends the
students who were on it to the slide that takes its place (the next one, else the previous one);
notes written on it stay on the lesson, detached (slide_id NULL), at their last position.
"""

from __future__ import annotations

import sqlalchemy as sa
from fastapi import Request
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from bibliology.courses.fields import ensure_english_first
from bibliology.errors import Conflict
from bibliology.lessons import access, ordering
from bibliology.lessons.changes import content_changed
from bibliology.lessons.models import ContentBlock, Slide
from bibliology.lessons.schemas import SlideCreate, SlideUpdate
from bibliology.policy import Actor
from bibliology.progress.hooks import slides_changed
from bibliology.progress.models import LessonProgress
from bibliology.quizzes.models import Quiz
from bibliology.translations import service as translations
from bibliology.translations.fields import TRANSLATABLE

FIELDS = TRANSLATABLE["slide"]


def create(
    session: Session, *, actor: Actor, lesson_id: str, data: SlideCreate, request: Request | None = None
) -> Slide:
    context = access.lesson(session, actor, lesson_id, write=True)
    values = data.model_dump(exclude={"position"})
    ensure_english_first(values, FIELDS)
    order = ordering.open_slot(session, ordering.SLIDES, lesson_id, data.position)
    slide = Slide(lesson_id=lesson_id, slide_order=order, **values)
    session.add(slide)
    session.flush()
    slides_changed(session, lesson_id=lesson_id)
    translations.record_changes(session, entity_type="slide", entity_id=slide.id, before=None, after=values)
    content_changed(
        session,
        actor=actor,
        lesson_id=lesson_id,
        course_id=context.course.id,
        request=request,
        slide={"created": slide.id, "position": order},
    )
    return slide


def update(
    session: Session, *, actor: Actor, slide_id: str, data: SlideUpdate, request: Request | None = None
) -> Slide:
    slide, context = access.slide(session, actor, slide_id)
    changes = {name: value for name, value in data.changes().items() if getattr(slide, name) != value}
    if not changes:
        return slide
    before = translations.snapshot("slide", slide)
    ensure_english_first(changes, FIELDS, stored=before)
    for name, value in changes.items():
        setattr(slide, name, value)
    session.flush()
    translations.record_changes(
        session, entity_type="slide", entity_id=slide.id, before=before, after=changes
    )
    content_changed(
        session,
        actor=actor,
        lesson_id=slide.lesson_id,
        course_id=context.course.id,
        request=request,
        slide={"updated": slide.id, "fields": sorted(changes)},
    )
    return slide


def move(
    session: Session, *, actor: Actor, slide_id: str, position: int, request: Request | None = None
) -> Slide:
    slide, context = access.slide(session, actor, slide_id)
    previous = ordering.move(session, ordering.SLIDES, slide.lesson_id, slide.id, position)
    if previous != position:
        slides_changed(session, lesson_id=slide.lesson_id)
        content_changed(
            session,
            actor=actor,
            lesson_id=slide.lesson_id,
            course_id=context.course.id,
            request=request,
            slide={"moved": slide.id, "from": previous, "to": position},
        )
    return slide


def delete(session: Session, *, actor: Actor, slide_id: str, request: Request | None = None) -> None:
    slide, context = access.slide(session, actor, slide_id)
    lesson_id = slide.lesson_id
    siblings = list(ordering.lock(session, ordering.SLIDES, lesson_id))
    if slide.id not in siblings:
        return  # deleted meanwhile by another request
    if session.scalar(select(exists().where(Quiz.slide_id == slide.id))):
        raise Conflict("a quiz is attached to this slide: move or delete the quiz first")
    index = siblings.index(slide.id)
    rest = [other for other in siblings if other != slide.id]
    position = min(index, len(rest) - 1) if rest else 0
    _move_readers(session, slide.id, replacement=rest[position] if rest else None)
    translations.forget(session, entity_ids=select(ContentBlock.id).where(ContentBlock.slide_id == slide.id))
    translations.forget(session, entity_ids=[slide.id])
    session.delete(slide)
    ordering.close_gaps(session, ordering.SLIDES, lesson_id)
    slides_changed(session, lesson_id=lesson_id)
    content_changed(
        session,
        actor=actor,
        lesson_id=lesson_id,
        course_id=context.course.id,
        request=request,
        slide={"deleted": slide_id, "position": index},
    )


def _move_readers(session: Session, slide_id: str, *, replacement: str | None) -> None:
    """Students on a slide about to go continue on the slide that takes its place (the foreign key
    alone would leave them on no slide)."""
    session.execute(
        sa.update(LessonProgress)
        .where(LessonProgress.current_slide_id == slide_id)
        .values(current_slide_id=replacement)
        .execution_options(synchronize_session=False)
    )
