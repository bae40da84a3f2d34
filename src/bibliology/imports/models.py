from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from bibliology.db import Base, created_at_column, id_column, updated_at_column


class PptxImport(Base):
    """One PowerPoint upload and what became of it: the deck waits here (in the database, so any
    worker on any machine can read it, and it commits or rolls back with the request) until its job
    has run; then only the report is kept."""

    __tablename__ = "pptx_imports"
    __table_args__ = (
        Index(None, "course_id"),
        Index(None, "lesson_id"),
        Index(None, "owner_id"),
        Index(None, "job_id"),
        CheckConstraint("language IN ('en', 'fr')", name="language"),
        CheckConstraint("status IN ('queued', 'running', 'succeeded', 'failed')", name="status"),
        CheckConstraint("byte_size >= 0", name="byte_size"),
        CheckConstraint("slide_count IS NULL OR slide_count >= 0", name="slide_count"),
    )

    id: Mapped[str] = id_column()
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE", onupdate="CASCADE"))
    # The lesson written: the one named at upload, or the one the import created.
    lesson_id: Mapped[str | None] = mapped_column(
        ForeignKey("lessons.id", ondelete="SET NULL", onupdate="CASCADE")
    )
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", onupdate="CASCADE")
    )
    job_id: Mapped[str | None] = mapped_column(
        ForeignKey("background_jobs.id", ondelete="SET NULL", onupdate="CASCADE")
    )
    language: Mapped[str]
    status: Mapped[str] = mapped_column(default="queued", server_default="queued")
    original_filename: Mapped[str]
    byte_size: Mapped[int]
    sha256: Mapped[str]
    # The uploaded deck until the import has run (then NULL); deferred: lists never load it.
    deck: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    slide_count: Mapped[int | None]
    report: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    error: Mapped[str | None]
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()
    finished_at: Mapped[dt.datetime | None]
