"""Credentials beside the design's users table: server-side sessions, API tokens, single-use
e-mailed tokens and verified addresses. Every secret is stored as its SHA-256 digest only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from bibliology.db import Base, created_at_column, id_column


def _user_fk() -> Mapped[str]:
    return mapped_column(ForeignKey("users.id", ondelete="CASCADE", onupdate="CASCADE"))


class UserSession(Base):
    """A logged-in browser. The id is the SHA-256 of the cookie's token, never the token."""

    __tablename__ = "user_sessions"
    __table_args__ = (
        Index(None, "user_id"),
        Index(None, "expires_at"),
        CheckConstraint("length(id) = 64", name="id_is_digest"),
    )

    id: Mapped[str] = mapped_column(primary_key=True)
    user_id: Mapped[str] = _user_fk()
    created_at: Mapped[dt.datetime] = created_at_column()
    last_seen_at: Mapped[dt.datetime] = created_at_column()
    expires_at: Mapped[dt.datetime]
    ip_address: Mapped[str | None]
    user_agent: Mapped[str | None]


class ApiToken(Base):
    """A bearer token for an API client; revoked by deleting the row."""

    __tablename__ = "api_tokens"
    __table_args__ = (Index(None, "user_id"),)

    id: Mapped[str] = id_column()
    user_id: Mapped[str] = _user_fk()
    name: Mapped[str]
    token_hash: Mapped[str] = mapped_column(unique=True)
    # The token's first characters, so a user can tell their tokens apart.
    prefix: Mapped[str]
    created_at: Mapped[dt.datetime] = created_at_column()
    last_used_at: Mapped[dt.datetime | None]
    expires_at: Mapped[dt.datetime]


TOKEN_PURPOSES = ("password_reset", "email_verification")


class AccountToken(Base):
    """A single-use, expiring token sent by e-mail (password reset, e-mail verification)."""

    __tablename__ = "account_tokens"
    __table_args__ = (
        Index(None, "user_id", "purpose"),
        Index(None, "expires_at"),
        CheckConstraint("purpose IN ('password_reset', 'email_verification')", name="purpose"),
        CheckConstraint("length(id) = 64", name="id_is_digest"),
    )

    id: Mapped[str] = mapped_column(primary_key=True)
    user_id: Mapped[str] = _user_fk()
    purpose: Mapped[str]
    # The address it was sent to: a verification proves that address, not a later one.
    email: Mapped[str]
    created_at: Mapped[dt.datetime] = created_at_column()
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]


class EmailVerification(Base):
    """The user proved they read mail at `email`; it counts while it equals users.email."""

    __tablename__ = "email_verifications"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE", onupdate="CASCADE"), primary_key=True
    )
    email: Mapped[str]
    verified_at: Mapped[dt.datetime] = created_at_column()
