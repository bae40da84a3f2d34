"""Server-side sessions in PostgreSQL (they survive a Redis outage and are revoked by deleting rows).

The browser holds a random token (256 bits); the table holds its SHA-256, so a leaked table or
backup opens no session. A new token is made at every login: a pre-login id is never reused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from bibliology.accounts.auth_models import UserSession
from bibliology.accounts.models import User
from bibliology.activity.service import USER_AGENT_MAX, client_address
from bibliology.db import unit_of_work, utcnow

# last_seen_at is written at most this often, so reading pages does not write a row per request.
TOUCH_EVERY = dt.timedelta(minutes=5)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Found:
    record: UserSession
    user: User


def create(
    session: Session, *, user_id: str, lifetime: dt.timedelta, request: Request | None = None
) -> tuple[str, UserSession]:
    """A new session for `user_id`; returns the token for the cookie (never stored) and the row."""
    token = new_token()
    now = utcnow()
    agent = request.headers.get("user-agent") if request is not None else None
    record = UserSession(
        id=digest(token),
        user_id=user_id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + lifetime,
        ip_address=client_address(request),
        user_agent=agent[:USER_AGENT_MAX] if agent else None,
    )
    session.add(record)
    session.flush()
    return token, record


def lookup(
    session: Session, *, token: str, now: dt.datetime | None = None, touch: bool = True
) -> Found | None:
    """The live session and its user for a cookie's token, or None (unknown, expired, revoked).
    `touch` stamps last_seen_at when due; a read-only request passes False and calls `touch_in`."""
    now = now or utcnow()
    row = session.execute(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.id == digest(token), UserSession.expires_at > now, User.deactivated_at.is_(None))
    ).first()
    if row is None:
        return None
    record, user = row
    if touch and now - record.last_seen_at > TOUCH_EVERY:
        record.last_seen_at = now
    return Found(record, user)


def touch_in(factory: sessionmaker[Session], record: UserSession, now: dt.datetime | None = None) -> None:
    """Stamp last_seen_at, when due, in a transaction of its own (for read-only requests)."""
    now = now or utcnow()
    if now - record.last_seen_at > TOUCH_EVERY:
        with unit_of_work(factory) as session:
            session.execute(update(UserSession).where(UserSession.id == record.id).values(last_seen_at=now))


def revoke(session: Session, *, token: str) -> bool:
    result = session.execute(delete(UserSession).where(UserSession.id == digest(token)))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def revoke_all(session: Session, *, user_id: str, keep_id: str | None = None) -> int:
    """End every session of a user (password change, role change, deletion), except `keep_id`."""
    statement = delete(UserSession).where(UserSession.user_id == user_id)
    if keep_id is not None:
        statement = statement.where(UserSession.id != keep_id)
    return int(session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]


def delete_expired(session: Session, *, user_id: str | None = None, now: dt.datetime | None = None) -> int:
    statement = delete(UserSession).where(UserSession.expires_at <= (now or utcnow()))
    if user_id is not None:
        statement = statement.where(UserSession.user_id == user_id)
    return int(session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]


def list_for(session: Session, *, user_id: str) -> list[UserSession]:
    return list(
        session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user_id)
            .order_by(UserSession.created_at.desc(), UserSession.id)
        )
    )
