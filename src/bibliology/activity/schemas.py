from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel

from bibliology.activity.models import ActivityLog


def _to_utc(value: dt.datetime) -> dt.datetime:
    try:
        return value.astimezone(dt.UTC)
    except OverflowError as exc:
        raise ValueError("date out of range") from exc


# Filters take ISO 8601 with an offset (2026-01-31T00:00:00Z); naive times would be ambiguous.
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_to_utc)]


class ActivityRead(BaseModel):
    id: str
    user_id: str | None
    action: str
    entity_type: str | None
    entity_id: str | None
    ip_address: str | None
    user_agent: str | None
    metadata: dict[str, Any] | None
    created_at: dt.datetime

    @classmethod
    def of(cls, row: ActivityLog) -> ActivityRead:
        return cls(
            id=row.id,
            user_id=row.user_id,
            action=row.action,
            entity_type=row.entity_type,
            entity_id=row.entity_id,
            ip_address=row.ip_address,
            user_agent=row.user_agent,
            metadata=row.metadata_,
            created_at=row.created_at,
        )
