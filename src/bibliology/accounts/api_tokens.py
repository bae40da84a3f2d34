"""Bearer tokens for API clients (`Authorization: Bearer bib_…`). Stored as SHA-256 digests, shown
once at creation, revoked by deletion; a password change or reset revokes them all."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from bibliology.accounts.auth_models import ApiToken
from bibliology.accounts.models import User
from bibliology.db import utcnow
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


def lookup(session: Session, *, token: str, now: dt.datetime | None = None) -> Found | None:
    now = now or utcnow()
    row = session.execute(
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == digest(token), ApiToken.expires_at > now)
    ).first()
    if row is None:
        return None
    record, user = row
    if record.last_used_at is None or now - record.last_used_at > TOUCH_EVERY:
        record.last_used_at = now
    return Found(record, user)


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
