"""certificates

Issue 15: a course may opt in to per-lesson certificates (`courses.lesson_certificates`); a
certificate keeps its stored PDF's media key and its revocation (date and reason); one certificate
per holder and course, and per holder and lesson (partial unique indexes the issuing job's
INSERT … ON CONFLICT relies on). Nullable or defaulted columns and indexes only.

Revision ID: 0009_certificates
Revises: 0008_media_access
Create Date: 2026-12-03 14:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009_certificates"
down_revision: str | None = "0008_media_access"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "courses", sa.Column("lesson_certificates", sa.Boolean(), server_default="false", nullable=False)
    )
    op.add_column("certificates", sa.Column("pdf_storage_key", sa.Text(), nullable=True))
    op.add_column("certificates", sa.Column("revoked_at", postgresql.TIMESTAMP(precision=3), nullable=True))
    op.add_column("certificates", sa.Column("revoked_reason", sa.Text(), nullable=True))
    op.create_check_constraint(
        op.f("certificates_revocation_has_reason_check"),
        "certificates",
        "(revoked_at IS NULL) = (revoked_reason IS NULL)",
    )
    op.create_index(
        "certificates_one_per_course",
        "certificates",
        ["user_id", "course_id"],
        unique=True,
        postgresql_where=sa.text("lesson_id IS NULL"),
    )
    op.create_index(
        "certificates_one_per_lesson",
        "certificates",
        ["user_id", "lesson_id"],
        unique=True,
        postgresql_where=sa.text("lesson_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("certificates_one_per_lesson", table_name="certificates")
    op.drop_index("certificates_one_per_course", table_name="certificates")
    op.drop_constraint(op.f("certificates_revocation_has_reason_check"), "certificates", type_="check")
    op.drop_column("certificates", "revoked_reason")
    op.drop_column("certificates", "revoked_at")
    op.drop_column("certificates", "pdf_storage_key")
    op.drop_column("courses", "lesson_certificates")
