"""Translation reports of a course (the course, its lessons, slides and blocks) or of one lesson,
read in a fixed number of queries; the rules are translations.service.report's."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.courses import access as courses
from bibliology.courses.models import Course
from bibliology.lessons import access as lessons
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.policy import Actor
from bibliology.translations.fields import TARGET_LANGUAGES
from bibliology.translations.schemas import GapRead, TranslationReport
from bibliology.translations.service import Entity, load_revisions, report

LANGUAGE = TARGET_LANGUAGES[0]  # French: the one translation the schema has columns for


def _content(session: Session, where: Any) -> list[Entity]:
    slides = session.execute(
        select(Slide, Lesson.id).join(Lesson, Lesson.id == Slide.lesson_id).where(where)
    ).all()
    blocks = session.execute(
        select(ContentBlock, Slide.lesson_id)
        .join(Slide, Slide.id == ContentBlock.slide_id)
        .join(Lesson, Lesson.id == Slide.lesson_id)
        .where(where)
        .order_by(Lesson.lesson_order, Slide.slide_order, ContentBlock.block_order)
    ).all()
    ordered_slides = sorted(slides, key=lambda row: (row[0].lesson_id, row[0].slide_order))
    return [
        Entity("slide", slide, lesson_id=lesson_id, slide_id=slide.id) for slide, lesson_id in ordered_slides
    ] + [
        Entity("content_block", block, lesson_id=lesson_id, slide_id=block.slide_id)
        for block, lesson_id in blocks
    ]


def _answer(session: Session, scope: str, scope_id: str, entities: list[Entity]) -> TranslationReport:
    revisions = load_revisions(session, [entity.row.id for entity in entities])
    found = report(entities, revisions, language=LANGUAGE)
    return TranslationReport(
        scope=scope,
        id=scope_id,
        language=LANGUAGE,
        complete=not found.missing and not found.stale,
        missing=[GapRead(**asdict(gap)) for gap in found.missing],
        stale=[GapRead(**asdict(gap)) for gap in found.stale],
    )


def for_course(session: Session, *, actor: Actor, course_id: str) -> TranslationReport:
    """The course, its lessons, their slides and blocks (5 queries)."""
    course = courses.manageable(session, actor, course_id)
    return _answer(session, "course", course.id, course_entities(session, course))


def for_lesson(session: Session, *, actor: Actor, lesson_id: str) -> TranslationReport:
    """The lesson, its slides and blocks (4 queries)."""
    lesson = lessons.lesson(session, actor, lesson_id, manage=True).lesson
    return _answer(session, "lesson", lesson.id, lesson_entities(session, lesson))


def course_entities(session: Session, course: Course) -> list[Entity]:
    """The course, its lessons in order, their slides and blocks (4 queries)."""
    lesson_rows = session.scalars(
        select(Lesson).where(Lesson.course_id == course.id).order_by(Lesson.lesson_order)
    ).all()
    entities = [Entity("course", course)]
    entities += [Entity("lesson", lesson, lesson_id=lesson.id) for lesson in lesson_rows]
    return entities + _content(session, Lesson.course_id == course.id)


def lesson_entities(session: Session, lesson: Lesson) -> list[Entity]:
    """The lesson, its slides and blocks (2 queries)."""
    return [Entity("lesson", lesson, lesson_id=lesson.id), *_content(session, Lesson.id == lesson.id)]
