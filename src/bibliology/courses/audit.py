"""Activity-log entries for authoring: who created, changed, published, archived, restored or
deleted which course or lesson (slide and block edits are logged as changes of their lesson)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import Request
from sqlalchemy.orm import Session

from bibliology.activity.service import record
from bibliology.policy import Actor

Verb = Literal["CREATE", "UPDATE", "PUBLISH", "ARCHIVE", "RESTORE", "DELETE"]
Entity = Literal["course", "lesson"]


def action(verb: Verb, entity: Entity) -> str:
    """`CREATE_COURSE`, `PUBLISH_LESSON`… (the design's naming: 'CREATE_LESSON')."""
    return f"{verb}_{entity.upper()}"


def log(
    session: Session,
    *,
    actor: Actor,
    verb: Verb,
    entity: Entity,
    entity_id: str,
    request: Request | None = None,
    **metadata: Any,
) -> None:
    record(
        session,
        action=action(verb, entity),
        actor=actor,
        entity_type=entity,
        entity_id=entity_id,
        request=request,
        metadata=metadata or None,
    )
