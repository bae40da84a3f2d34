"""media access

Hash indexes on the URL columns that may name a media file (course thumbnail and cover, user
avatar), so that serving a file can ask who uses it with index probes (media.access). IMAGE blocks
use content_blocks' existing jsonb_path_ops indexes. Indexes only: no column changes.

Revision ID: 0008_media_access
Revises: 0007_quizzes
Create Date: 2026-11-26 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_media_access"
down_revision: str | None = "0007_quizzes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("courses_thumbnail_url_idx", "courses", "thumbnail_url"),
    ("courses_cover_image_url_idx", "courses", "cover_image_url"),
    ("users_avatar_url_idx", "users", "avatar_url"),
)


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [column], postgresql_using="hash")


def downgrade() -> None:
    for name, table, _column in reversed(INDEXES):
        op.drop_index(name, table_name=table)
