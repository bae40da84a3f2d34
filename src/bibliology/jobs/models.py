from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from bibliology.db import NULLABLE_JSONB, Base, created_at_column, id_column, updated_at_column


class BackgroundJob(Base):
    """What a user may know about a queued job: its status, progress and outcome.

    The queue itself is procrastinate's (`procrastinate_jobs`); this row is ours, keyed by an
    unguessable id, owned by the user who started the job, and kept after procrastinate prunes its
    own rows. There is deliberately no foreign key to `procrastinate_jobs` for that reason.
    """

    __tablename__ = "background_jobs"
    __table_args__ = (
        Index(None, "owner_id"),
        Index(None, "status", "finished_at"),
        CheckConstraint("status IN ('queued', 'running', 'succeeded', 'failed')", name="status"),
        CheckConstraint(
            "progress_done >= 0 AND (progress_total IS NULL OR progress_total >= 0)", name="progress"
        ),
        CheckConstraint("attempts >= 0", name="attempts"),
    )

    id: Mapped[str] = id_column()
    procrastinate_job_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    task_name: Mapped[str]
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", onupdate="CASCADE")
    )
    status: Mapped[str] = mapped_column(default="queued", server_default="queued")
    progress_done: Mapped[int] = mapped_column(default=0, server_default="0")
    progress_total: Mapped[int | None]
    message: Mapped[str | None]
    result: Mapped[dict[str, Any] | None] = mapped_column(NULLABLE_JSONB)
    error: Mapped[str | None]
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
