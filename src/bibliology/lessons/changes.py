"""What every change of a lesson's content does besides the change itself: an activity entry on the
lesson (slide and block edits are edits of their lesson) and the cache keys it invalidates."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from bibliology.courses import audit
from bibliology.invalidation import invalidate
from bibliology.policy import Actor


def content_changed(
    session: Session, *, actor: Actor, lesson_id: str, course_id: str, request: Request | None, **what: Any
) -> None:
    audit.log(
        session, actor=actor, verb="UPDATE", entity="lesson", entity_id=lesson_id, request=request, **what
    )
    # The outline may show slide counts; the tree shows everything.
    invalidate(session, course_ids=[course_id], lesson_ids=[lesson_id])
