"""Single-use, expiring tokens sent by e-mail (password reset, e-mail verification).

Only the SHA-256 is stored. Consuming is one `UPDATE … WHERE used_at IS NULL AND expires_at > now
RETURNING`, so two concurrent uses of a link cannot both succeed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from bibliology.accounts.auth_models import AccountToken
from bibliology.db import utcnow
from bibliology.errors import Invalid

Purpose = Literal["password_reset", "email_verification"]

LIFETIMES: dict[Purpose, dt.timedelta] = {
    "password_reset": dt.timedelta(hours=1),
    "email_verification": dt.timedelta(days=2),
}


@dataclass(frozen=True)
class Consumed:
    user_id: str
    email: str


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(
    session: Session, *, user_id: str, email: str, purpose: Purpose, now: dt.datetime | None = None
) -> str:
    """A new token for the link in the e-mail; the user's earlier unused ones of that purpose die."""
    now = now or utcnow()
    session.execute(
        delete(AccountToken).where(
            AccountToken.user_id == user_id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None)
        )
    )
    token = secrets.token_urlsafe(32)
    session.add(
        AccountToken(
            id=digest(token),
            user_id=user_id,
            purpose=purpose,
            email=email,
            created_at=now,
            expires_at=now + LIFETIMES[purpose],
        )
    )
    session.flush()
    return token


def consume(
    session: Session, *, token: str, purpose: Purpose, now: dt.datetime | None = None, field: str = "token"
) -> Consumed:
    """Mark the token used and return whose it was; Invalid when unknown, used or expired."""
    now = now or utcnow()
    row = session.execute(
        update(AccountToken)
        .where(
            AccountToken.id == digest(token),
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
            AccountToken.expires_at > now,
        )
        .values(used_at=now)
        .returning(AccountToken.user_id, AccountToken.email)
    ).first()
    if row is None:
        message = "this link is invalid, was already used or has expired: ask for a new one"
        raise Invalid(message, fields=[{"field": field, "message": message}])
    return Consumed(user_id=row.user_id, email=row.email)


def delete_for(session: Session, *, user_id: str) -> int:
    result = session.execute(delete(AccountToken).where(AccountToken.user_id == user_id))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def delete_expired(session: Session, *, now: dt.datetime | None = None) -> int:
    result = session.execute(delete(AccountToken).where(AccountToken.expires_at <= (now or utcnow())))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
