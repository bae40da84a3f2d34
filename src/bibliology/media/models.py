from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.db import Base, created_at_column, id_column


class MediaFile(Base):
    """An uploaded or imported file, stored once per content hash under a generated name."""

    __tablename__ = "media_files"
    __table_args__ = (
        Index(None, "owner_id"),
        CheckConstraint("byte_size >= 0", name="byte_size"),
        CheckConstraint("(width IS NULL) = (height IS NULL)", name="dimensions"),
    )

    id: Mapped[str] = id_column()
    sha256: Mapped[str] = mapped_column(unique=True)
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", onupdate="CASCADE")
    )
    storage_key: Mapped[str] = mapped_column(unique=True)
    content_type: Mapped[str]
    byte_size: Mapped[int]
    width: Mapped[int | None]
    height: Mapped[int | None]
    original_filename: Mapped[str | None]
    created_at: Mapped[dt.datetime] = created_at_column()


# Serving a file asks which rows use its URL (media.access): these make each of those lookups an
# index probe. IMAGE blocks are found through content_blocks' existing jsonb_path_ops indexes.
# Hash, not btree: a URL may be longer than a btree entry can hold, and only equality is asked.
USE_INDEXES = (
    Index("courses_thumbnail_url_idx", Course.thumbnail_url, postgresql_using="hash"),
    Index("courses_cover_image_url_idx", Course.cover_image_url, postgresql_using="hash"),
    Index("users_avatar_url_idx", User.avatar_url, postgresql_using="hash"),
)
