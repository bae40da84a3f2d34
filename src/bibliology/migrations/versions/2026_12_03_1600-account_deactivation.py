"""account deactivation

users.deactivated_at (nullable): an admin can close an account without deleting its history;
sign-in, sessions and API tokens are refused while it is set.

Revision ID: 0011_deactivation
Revises: 0010_search
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0011_deactivation"
down_revision: str | None = "0010_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # timestamp(3) holding UTC, like every timestamp of the design (db.UTCDateTime).
    op.add_column("users", sa.Column("deactivated_at", postgresql.TIMESTAMP(precision=3), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "deactivated_at")
