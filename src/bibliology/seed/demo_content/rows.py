"""What the demo writers share: the reference date, and a session wrapper counting rows per table."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import null
from sqlalchemy.orm import Session

from bibliology.activity.models import ActivityLog
from bibliology.db import Base

# The demo's "today" (midnight UTC): every date counts back from it, so each seed writes the same
# history. Events of day 0 happen during that day.
REFERENCE_DATE = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
TABLES = (
    "users",
    "courses",
    "lessons",
    "slides",
    "content_blocks",
    "quizzes",
    "questions",
    "enrollments",
    "lesson_progress",
    "slide_views",
    "progress_events",
    "quiz_submissions",
    "question_answers",
    "student_notes",
    "certificates",
    "activity_logs",
    "media_files",
)
# Documentation addresses (RFC 5737) and ordinary browsers, for the activity log.
_CLIENTS = (
    ("192.0.2.14", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/132.0"),
    ("198.51.100.7", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1.15"),
    ("203.0.113.42", "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0 Mobile"),
)


def at(days_ago: float, *, hour: float = 0) -> dt.datetime:
    """A moment of the demo's history: `days_ago` days before the reference date, plus `hour` hours."""
    return REFERENCE_DATE - dt.timedelta(days=days_ago) + dt.timedelta(hours=hour)


def json_or_null(value: Any) -> Any:
    """SQL NULL for None: the models' JSONB columns would otherwise store the JSON value `null`."""
    return null() if value is None else value


class Rows:
    """Adds rows to the session and counts them per table."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._counts: Counter[str] = Counter()
        self._deferred: list[Base] = []

    def add(self, row: Base) -> None:
        self.session.add(row)
        self._counts[row.__tablename__] += 1

    def add_after_flush(self, row: Base) -> None:
        """For a row whose foreign key the ORM cannot order (no relationship, e.g. slide_views →
        lesson_progress): added once the rows it references are flushed."""
        self._deferred.append(row)
        self._counts[row.__tablename__] += 1

    def created(self, table: str, count: int) -> None:
        """Count rows another service inserted (media files are stored through the media service)."""
        self._counts[table] += count

    def flush(self) -> None:
        self.session.flush()
        if self._deferred:
            self.session.add_all(self._deferred)
            self._deferred.clear()
            self.session.flush()

    def log(
        self, user_id: str, action: str, when: dt.datetime, entity: tuple[str, str], **metadata: Any
    ) -> None:
        """An activity_logs row about `entity` = (entity_type, entity_id)."""
        ip_address, user_agent = _CLIENTS[self._counts["activity_logs"] % len(_CLIENTS)]
        self.add(
            ActivityLog(
                user_id=user_id,
                action=action,
                entity_type=entity[0],
                entity_id=entity[1],
                ip_address=ip_address,
                user_agent=user_agent,
                metadata_=json_or_null(metadata or None),
                created_at=when,
            )
        )

    def counts(self) -> dict[str, int]:
        """Rows created per table (every table named, zeros included), after a final flush."""
        self.flush()
        return {table: self._counts[table] for table in TABLES}
