"""Helpers for the learning-loop tests: statement counting, actors for users."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.lessons.models import Slide
from bibliology.policy import Actor
from bibliology.progress.models import Enrollment


def actor(user: User) -> Actor:
    return Actor(user_id=user.id, role=user.role)


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements the engine's connections execute inside the block."""
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def slide_ids(session: Session, lesson_id: str) -> list[str]:
    """The lesson's slides in order."""
    return list(
        session.scalars(select(Slide.id).where(Slide.lesson_id == lesson_id).order_by(Slide.slide_order))
    )


def enrollment_row(session: Session, enrollment_id: str) -> Any:
    """The enrollment as stored now (not an ORM object the session may hold stale)."""
    return session.execute(select(*Enrollment.__table__.c).where(Enrollment.id == enrollment_id)).one()
