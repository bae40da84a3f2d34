"""Shared helpers for the search tests: lessons with given block text, and a search as a reader."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.enums import ContentBlockType, LessonStatus
from bibliology.lessons.models import Lesson
from bibliology.policy import ANONYMOUS, Actor
from bibliology.search import service
from tests.factories import make_block, make_course, make_lesson, make_slide


def lesson_with(
    session: Session,
    *,
    text_en: str = "Nothing to see.",
    text_fr: str | None = "Rien à voir.",
    block_type: ContentBlockType = ContentBlockType.TEXT,
    course: Course | None = None,
    status: LessonStatus = LessonStatus.PUBLISHED,
    content_en: dict[str, Any] | None = None,
    content_fr: dict[str, Any] | None = None,
    **lesson: Any,
) -> Lesson:
    course = course or make_course(session, status=LessonStatus.PUBLISHED)
    made = make_lesson(session, course=course, status=status, **lesson)
    slide = make_slide(session, lesson=made)
    make_block(
        session,
        slide=slide,
        block_type=block_type,
        content_en=content_en if content_en is not None else {"text": text_en},
        content_fr=content_fr if content_fr is not None else (None if text_fr is None else {"text": text_fr}),
    )
    return made


def ids(session: Session, q: str, *, lang: str = "fr", actor: Actor = ANONYMOUS, **kw: Any) -> list[str]:
    return [hit.id for hit in service.search(session, actor=actor, q=q, lang=lang, **kw).items]
