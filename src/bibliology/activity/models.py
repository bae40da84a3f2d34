from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Index
from sqlalchemy.orm import Mapped, mapped_column

from bibliology.db import NULLABLE_JSONB, Base, created_at_column, id_column


class ActivityLog(Base):
    """Append-only audit trail. user_id is deliberately not a foreign key (as designed): the log
    outlives the accounts it mentions."""

    __tablename__ = "activity_logs"
    __table_args__ = (
        Index(None, "user_id"),
        Index(None, "action"),
        Index(None, "created_at"),
    )

    id: Mapped[str] = id_column()
    user_id: Mapped[str | None]
    action: Mapped[str]
    entity_type: Mapped[str | None]
    entity_id: Mapped[str | None]
    ip_address: Mapped[str | None]
    user_agent: Mapped[str | None]
    metadata_: Mapped[dict[str, Any] | None] = mapped_column("metadata", NULLABLE_JSONB)
    created_at: Mapped[dt.datetime] = created_at_column()
