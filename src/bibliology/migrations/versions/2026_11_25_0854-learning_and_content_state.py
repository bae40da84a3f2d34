"""learning and content state

New state the design has no place for: notes and progress keyed by slide id (so reordering slides
keeps them on the right slide), distinct slides seen, applied progress-event ids, per-field
translation revisions (stale French), and media files stored once per content hash.

Revision ID: 0002_learning_state
Revises: 0001
Create Date: 2026-11-25 08:54:44.332773
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002_learning_state"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "translation_revisions",
        sa.Column("entity_type", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column(
            "revised_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint("language IN ('en', 'fr')", name=op.f("translation_revisions_language_check")),
        sa.PrimaryKeyConstraint(
            "entity_type", "entity_id", "field", "language", name=op.f("translation_revisions_pkey")
        ),
    )
    op.create_table(
        "media_files",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Text(), nullable=True),
        sa.Column("storage_key", sa.Text(), nullable=False),
        sa.Column("content_type", sa.Text(), nullable=False),
        sa.Column("byte_size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("original_filename", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint("(width IS NULL) = (height IS NULL)", name=op.f("media_files_dimensions_check")),
        sa.CheckConstraint("byte_size >= 0", name=op.f("media_files_byte_size_check")),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("media_files_owner_id_fkey"),
            onupdate="CASCADE",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("media_files_pkey")),
        sa.UniqueConstraint("sha256", name=op.f("media_files_sha256_key")),
        sa.UniqueConstraint("storage_key", name=op.f("media_files_storage_key_key")),
    )
    op.create_index(op.f("media_files_owner_id_idx"), "media_files", ["owner_id"], unique=False)
    op.create_table(
        "progress_events",
        sa.Column("student_id", sa.Text(), nullable=False),
        sa.Column("client_event_id", sa.Text(), nullable=False),
        sa.Column("lesson_id", sa.Text(), nullable=False),
        sa.Column(
            "received_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("progress_events_lesson_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["users.id"],
            name=op.f("progress_events_student_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("student_id", "client_event_id", name=op.f("progress_events_pkey")),
    )
    op.create_index(op.f("progress_events_received_at_idx"), "progress_events", ["received_at"], unique=False)
    op.create_table(
        "slide_views",
        sa.Column("lesson_progress_id", sa.Text(), nullable=False),
        sa.Column("slide_id", sa.Text(), nullable=False),
        sa.Column(
            "first_seen_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column(
            "last_seen_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column("seconds_spent", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("seconds_spent >= 0", name=op.f("slide_views_seconds_spent_check")),
        sa.ForeignKeyConstraint(
            ["lesson_progress_id"],
            ["lesson_progress.id"],
            name=op.f("slide_views_lesson_progress_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["slide_id"],
            ["slides.id"],
            name=op.f("slide_views_slide_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("lesson_progress_id", "slide_id", name=op.f("slide_views_pkey")),
    )
    op.create_index(op.f("slide_views_slide_id_idx"), "slide_views", ["slide_id"], unique=False)
    op.add_column("lesson_progress", sa.Column("current_slide_id", sa.Text(), nullable=True))
    op.create_foreign_key(
        op.f("lesson_progress_current_slide_id_fkey"),
        "lesson_progress",
        "slides",
        ["current_slide_id"],
        ["id"],
        onupdate="CASCADE",
        ondelete="SET NULL",
    )
    op.add_column("student_notes", sa.Column("slide_id", sa.Text(), nullable=True))
    op.create_index(op.f("student_notes_slide_id_idx"), "student_notes", ["slide_id"], unique=False)
    op.create_foreign_key(
        op.f("student_notes_slide_id_fkey"),
        "student_notes",
        "slides",
        ["slide_id"],
        ["id"],
        onupdate="CASCADE",
        ondelete="SET NULL",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("student_notes_slide_id_fkey"), "student_notes", type_="foreignkey")
    op.drop_index(op.f("student_notes_slide_id_idx"), table_name="student_notes")
    op.drop_column("student_notes", "slide_id")
    op.drop_constraint(op.f("lesson_progress_current_slide_id_fkey"), "lesson_progress", type_="foreignkey")
    op.drop_column("lesson_progress", "current_slide_id")
    op.drop_index(op.f("slide_views_slide_id_idx"), table_name="slide_views")
    op.drop_table("slide_views")
    op.drop_index(op.f("progress_events_received_at_idx"), table_name="progress_events")
    op.drop_table("progress_events")
    op.drop_index(op.f("media_files_owner_id_idx"), table_name="media_files")
    op.drop_table("media_files")
    op.drop_table("translation_revisions")
