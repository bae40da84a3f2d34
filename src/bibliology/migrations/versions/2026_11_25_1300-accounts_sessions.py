"""accounts and sessions

Server-side sessions, API tokens, single-use e-mailed tokens (password reset, e-mail
verification), verified addresses, and the throttle's attempt counters. New tables only: the
design's users table is unchanged. Secrets are stored as SHA-256 digests.

Revision ID: 0003_accounts
Revises: 0002_learning_state
Create Date: 2026-11-25 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003_accounts"
down_revision: str | None = "0002_learning_state"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_NOW = sa.text("timezone('utc', now())")


def _timestamp(name: str, *, nullable: bool = False, default: bool = False) -> sa.Column[object]:
    return sa.Column(
        name,
        postgresql.TIMESTAMP(precision=3),
        server_default=UTC_NOW if default else None,
        nullable=nullable,
    )


def _user_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["user_id"], ["users.id"], name=op.f(f"{table}_user_id_fkey"), onupdate="CASCADE", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Text(), nullable=False),
        _timestamp("created_at", default=True),
        _timestamp("last_seen_at", default=True),
        _timestamp("expires_at"),
        sa.Column("ip_address", sa.Text(), nullable=True),
        sa.Column("user_agent", sa.Text(), nullable=True),
        sa.CheckConstraint("length(id) = 64", name=op.f("user_sessions_id_is_digest_check")),
        _user_fk("user_sessions"),
        sa.PrimaryKeyConstraint("id", name=op.f("user_sessions_pkey")),
    )
    op.create_index(op.f("user_sessions_user_id_idx"), "user_sessions", ["user_id"])
    op.create_index(op.f("user_sessions_expires_at_idx"), "user_sessions", ["expires_at"])

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("token_hash", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        _timestamp("created_at", default=True),
        _timestamp("last_used_at", nullable=True),
        _timestamp("expires_at"),
        _user_fk("api_tokens"),
        sa.PrimaryKeyConstraint("id", name=op.f("api_tokens_pkey")),
        sa.UniqueConstraint("token_hash", name=op.f("api_tokens_token_hash_key")),
    )
    op.create_index(op.f("api_tokens_user_id_idx"), "api_tokens", ["user_id"])

    op.create_table(
        "account_tokens",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        _timestamp("created_at", default=True),
        _timestamp("expires_at"),
        _timestamp("used_at", nullable=True),
        sa.CheckConstraint(
            "purpose IN ('password_reset', 'email_verification')", name=op.f("account_tokens_purpose_check")
        ),
        sa.CheckConstraint("length(id) = 64", name=op.f("account_tokens_id_is_digest_check")),
        _user_fk("account_tokens"),
        sa.PrimaryKeyConstraint("id", name=op.f("account_tokens_pkey")),
    )
    op.create_index(op.f("account_tokens_user_id_purpose_idx"), "account_tokens", ["user_id", "purpose"])
    op.create_index(op.f("account_tokens_expires_at_idx"), "account_tokens", ["expires_at"])

    op.create_table(
        "email_verifications",
        sa.Column("user_id", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        _timestamp("verified_at", default=True),
        _user_fk("email_verifications"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("email_verifications_pkey")),
    )

    op.create_table(
        "throttle_counters",
        sa.Column("key", sa.Text(), nullable=False),
        _timestamp("window_start"),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.CheckConstraint("hits >= 0", name=op.f("throttle_counters_hits_check")),
        sa.PrimaryKeyConstraint("key", name=op.f("throttle_counters_pkey")),
    )
    op.create_index(op.f("throttle_counters_window_start_idx"), "throttle_counters", ["window_start"])


def downgrade() -> None:
    op.drop_table("throttle_counters")
    op.drop_table("email_verifications")
    op.drop_table("account_tokens")
    op.drop_table("api_tokens")
    op.drop_table("user_sessions")
