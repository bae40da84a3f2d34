"""Activity-log entries of the quiz engine (action names as the design's: 'SUBMIT_QUIZ')."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from bibliology.activity.service import record
from bibliology.policy import Actor

CREATE_QUIZ = "CREATE_QUIZ"
UPDATE_QUIZ = "UPDATE_QUIZ"
DELETE_QUIZ = "DELETE_QUIZ"
START_QUIZ = "START_QUIZ"
SUBMIT_QUIZ = "SUBMIT_QUIZ"
REGRADE_QUESTION = "REGRADE_QUESTION"
OVERRIDE_GRADE = "OVERRIDE_GRADE"
GRANT_ATTEMPTS = "GRANT_ATTEMPTS"
RESET_ATTEMPTS = "RESET_ATTEMPTS"


def log(
    session: Session,
    *,
    action: str,
    actor: Actor | None = None,
    user_id: str | None = None,
    entity_type: str,
    entity_id: str,
    request: Request | None = None,
    **metadata: Any,
) -> None:
    record(
        session,
        action=action,
        actor=actor,
        user_id=user_id,
        entity_type=entity_type,
        entity_id=entity_id,
        request=request,
        metadata=metadata or None,
    )
