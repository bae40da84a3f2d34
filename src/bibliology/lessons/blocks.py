"""Content blocks: create at a position, update, move, delete. Content is validated by the content
model (bibliology.content) in both languages; a QUIZ block must point at a quiz of its own lesson."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from sqlalchemy import exists, null, select
from sqlalchemy.orm import Session

from bibliology.content import ContentInvalid, quiz_block_target, validate_block_pair, validate_style_config
from bibliology.enums import ContentBlockType
from bibliology.errors import Invalid
from bibliology.lessons import access, ordering
from bibliology.lessons.changes import content_changed
from bibliology.lessons.models import ContentBlock
from bibliology.lessons.schemas import BlockCreate, BlockUpdate
from bibliology.policy import Actor
from bibliology.quizzes.models import Quiz
from bibliology.translations import service as translations


def _validated(
    session: Session, *, lesson_id: str, block_type: str, content_en: Any, content_fr: Any, style_config: Any
) -> dict[str, Any]:
    """The block's columns, normalised, or Invalid naming every bad field (all at once)."""
    fields: list[dict[str, str]] = []
    values: dict[str, Any] = {}
    try:
        values["content_en"], values["content_fr"] = validate_block_pair(
            block_type, content_en=content_en, content_fr=content_fr
        )
    except ContentInvalid as exc:
        fields.extend(exc.as_fields())
    try:
        values["style_config"] = validate_style_config(style_config)
    except ContentInvalid as exc:
        fields.extend(exc.as_fields())
    if not fields and ContentBlockType(block_type.upper()) == ContentBlockType.QUIZ:
        quiz_id = quiz_block_target(values["content_en"])
        if not session.scalar(select(exists().where(Quiz.id == quiz_id, Quiz.lesson_id == lesson_id))):
            fields.append({"field": "content_en.quiz_id", "message": "no quiz with this id in this lesson"})
    if fields:
        summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields[:5])
        raise Invalid(f"invalid block: {summary}", fields=fields)
    return values


def _columns(values: dict[str, Any]) -> dict[str, Any]:
    """JSONB columns store SQL NULL for None (the ORM would write the JSON value `null`)."""
    return {name: null() if value is None else value for name, value in values.items()}


def create(
    session: Session, *, actor: Actor, slide_id: str, data: BlockCreate, request: Request | None = None
) -> ContentBlock:
    slide, context = access.slide(session, actor, slide_id)
    values = _validated(
        session,
        lesson_id=slide.lesson_id,
        block_type=data.block_type,
        content_en=data.content_en,
        content_fr=data.content_fr,
        style_config=data.style_config,
    )
    order = ordering.open_slot(session, ordering.BLOCKS, slide.id, data.position)
    block = ContentBlock(
        slide_id=slide.id,
        block_order=order,
        block_type=ContentBlockType(data.block_type.upper()),
        **_columns(values),
    )
    session.add(block)
    session.flush()
    translations.record_changes(
        session, entity_type="content_block", entity_id=block.id, before=None, after=values
    )
    content_changed(
        session,
        actor=actor,
        lesson_id=slide.lesson_id,
        course_id=context.course.id,
        request=request,
        block={"created": block.id, "slide_id": slide.id, "type": block.block_type.value},
    )
    return block


def update(
    session: Session, *, actor: Actor, block_id: str, data: BlockUpdate, request: Request | None = None
) -> ContentBlock:
    """What is sent replaces what is stored; the pair is validated again as a whole (changing
    English may require the French to follow, e.g. a heading's level)."""
    block, slide, context = access.block(session, actor, block_id)
    sent = data.changes()
    merged = {
        name: sent.get(name, getattr(block, name)) for name in ("content_en", "content_fr", "style_config")
    }
    values = _validated(session, lesson_id=slide.lesson_id, block_type=block.block_type.value, **merged)
    changes = {name: value for name, value in values.items() if getattr(block, name) != value}
    if not changes:
        return block
    before = translations.snapshot("content_block", block)
    for name, value in _columns(changes).items():
        setattr(block, name, value)
    session.flush()
    translations.record_changes(
        session, entity_type="content_block", entity_id=block.id, before=before, after=changes
    )
    content_changed(
        session,
        actor=actor,
        lesson_id=slide.lesson_id,
        course_id=context.course.id,
        request=request,
        block={"updated": block.id, "fields": sorted(changes)},
    )
    return block


def move(
    session: Session, *, actor: Actor, block_id: str, position: int, request: Request | None = None
) -> ContentBlock:
    block, slide, context = access.block(session, actor, block_id)
    previous = ordering.move(session, ordering.BLOCKS, slide.id, block.id, position)
    if previous != position:
        content_changed(
            session,
            actor=actor,
            lesson_id=slide.lesson_id,
            course_id=context.course.id,
            request=request,
            block={"moved": block.id, "from": previous, "to": position},
        )
    return block


def delete(session: Session, *, actor: Actor, block_id: str, request: Request | None = None) -> None:
    block, slide, context = access.block(session, actor, block_id)
    if block.id not in ordering.lock(session, ordering.BLOCKS, slide.id):
        return  # deleted meanwhile by another request
    translations.forget(session, entity_ids=[block.id])
    session.delete(block)
    ordering.close_gaps(session, ordering.BLOCKS, slide.id)
    content_changed(
        session,
        actor=actor,
        lesson_id=slide.lesson_id,
        course_id=context.course.id,
        request=request,
        block={"deleted": block_id},
    )
