"""A lesson's authoring tree (both languages, teacher notes) in a fixed number of queries whatever
its size: the lesson (with its course and the policy's facts), its slides, all their blocks, its
quizzes. Readers' trees are one statement: queries/lesson_tree.py."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.lessons import access
from bibliology.lessons.models import ContentBlock, Slide
from bibliology.lessons.schemas import (
    BlockAuthoring,
    LessonAuthoring,
    QuizAuthoringRef,
    SlideAuthoring,
)
from bibliology.policy import Actor
from bibliology.quizzes.models import Quiz


def _slides(session: Session, lesson_id: str) -> Sequence[Slide]:
    return session.scalars(
        select(Slide).where(Slide.lesson_id == lesson_id).order_by(Slide.slide_order, Slide.id)
    ).all()


def _blocks(session: Session, lesson_id: str) -> dict[str, list[ContentBlock]]:
    rows = session.scalars(
        select(ContentBlock)
        .join(Slide, Slide.id == ContentBlock.slide_id)
        .where(Slide.lesson_id == lesson_id)
        .order_by(ContentBlock.slide_id, ContentBlock.block_order, ContentBlock.id)
    ).all()
    by_slide: dict[str, list[ContentBlock]] = defaultdict(list)
    for block in rows:
        by_slide[block.slide_id].append(block)
    return by_slide


def _quizzes(session: Session, lesson_id: str) -> Sequence[Quiz]:
    return session.scalars(
        select(Quiz).where(Quiz.lesson_id == lesson_id).order_by(Quiz.created_at, Quiz.id)
    ).all()


def block_authoring(block: ContentBlock) -> BlockAuthoring:
    return BlockAuthoring(
        id=block.id,
        slide_id=block.slide_id,
        position=block.block_order,
        block_type=block.block_type,
        content_en=block.content_en,
        content_fr=block.content_fr,
        style_config=block.style_config,
        updated_at=block.updated_at,
    )


def slide_authoring(slide: Slide, blocks: Sequence[ContentBlock]) -> SlideAuthoring:
    return SlideAuthoring(
        id=slide.id,
        lesson_id=slide.lesson_id,
        position=slide.slide_order,
        layout=slide.layout,
        title_en=slide.title_en,
        title_fr=slide.title_fr,
        notes_en=slide.notes_en,
        notes_fr=slide.notes_fr,
        updated_at=slide.updated_at,
        blocks=[block_authoring(block) for block in blocks],
    )


def read_slide_authoring(session: Session, slide: Slide) -> SlideAuthoring:
    blocks = session.scalars(
        select(ContentBlock).where(ContentBlock.slide_id == slide.id).order_by(ContentBlock.block_order)
    ).all()
    return slide_authoring(slide, blocks)


def read_authoring(session: Session, *, actor: Actor, lesson_id: str) -> LessonAuthoring:
    """Both languages of everything in the lesson, with teacher notes, for its authors."""
    lesson = access.lesson(session, actor, lesson_id, manage=True).lesson
    blocks = _blocks(session, lesson.id)
    fields = {name: getattr(lesson, name) for name in LessonAuthoring.model_fields if name not in _NESTED}
    return LessonAuthoring(
        **(fields | {"position": lesson.lesson_order}),
        slides=[slide_authoring(slide, blocks.get(slide.id, [])) for slide in _slides(session, lesson.id)],
        quizzes=[
            QuizAuthoringRef(id=q.id, slide_id=q.slide_id, title_en=q.title_en, title_fr=q.title_fr)
            for q in _quizzes(session, lesson.id)
        ],
    )


_NESTED = {"position", "slides", "quizzes"}
