"""Bearer tokens for API clients (`Authorization: Bearer bib_…`). Stored as SHA-256 digests, shown
once at creation, revoked by deletion; a password change or reset revokes them all."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Select, delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from bibliology.accounts.auth_models import ApiToken
from bibliology.accounts.models import User
from bibliology.db import unit_of_work, utcnow
from bibliology.errors import NotFound
from bibliology.policy import Actor, ensure_self_or_admin

PREFIX = "bib_"
SHOWN_PREFIX_LENGTH = len(PREFIX) + 6
TOUCH_EVERY = dt.timedelta(minutes=5)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Found:
    record: ApiToken
    user: User


def create(session: Session, *, user_id: str, name: str, lifetime: dt.timedelta) -> tuple[str, ApiToken]:
    """A new token; returns it in clear (the only time it exists in clear) and its row."""
    token = PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    record = ApiToken(
        user_id=user_id,
        name=name,
        token_hash=digest(token),
        prefix=token[:SHOWN_PREFIX_LENGTH],
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(record)
    session.flush()
    return token, record


def lookup(
    session: Session, *, token: str, now: dt.datetime | None = None, touch: bool = True
) -> Found | None:
    """The live token and its user, or None. `touch` as in `sessions.lookup`."""
    now = now or utcnow()
    row = session.execute(
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == digest(token), ApiToken.expires_at > now, User.deactivated_at.is_(None))
    ).first()
    if row is None:
        return None
    record, user = row
    if touch and _due(record, now):
        record.last_used_at = now
    return Found(record, user)


def _due(record: ApiToken, now: dt.datetime) -> bool:
    return record.last_used_at is None or now - record.last_used_at > TOUCH_EVERY


def touch_in(factory: sessionmaker[Session], record: ApiToken, now: dt.datetime | None = None) -> None:
    """Stamp last_used_at, when due, in a transaction of its own (for read-only requests)."""
    now = now or utcnow()
    if _due(record, now):
        with unit_of_work(factory) as session:
            session.execute(update(ApiToken).where(ApiToken.id == record.id).values(last_used_at=now))


def owned_by(user_id: str) -> Select[ApiToken]:
    return (
        select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.created_at.desc(), ApiToken.id)
    )


def revoke(session: Session, *, actor: Actor, token_id: str) -> ApiToken:
    """Delete one token: the owner's (or an admin's) to revoke; anyone else's is 'not found'."""
    record = session.get(ApiToken, token_id)
    if record is None:
        raise NotFound("no such token")
    ensure_self_or_admin(actor, record.user_id, what="token")
    session.delete(record)
    session.flush()
    return record


def revoke_all(session: Session, *, user_id: str) -> int:
    result = session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
