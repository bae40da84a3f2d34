"""Attempt counters for login, registration and password reset, kept in PostgreSQL.

Fixed windows, one row per (limit, key): a single `INSERT … ON CONFLICT DO UPDATE … RETURNING`
counts an attempt and reads the total atomically, so concurrent requests on any number of app
processes cannot slip past the limit. Redis is deliberately not involved: a cache outage must not
switch throttling off. Keys are stored as digests, so the table holds no e-mail or address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import CheckConstraint, Index, case, delete, func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from bibliology.db import Base, unit_of_work, utcnow
from bibliology.errors import Throttled


class ThrottleCounter(Base):
    __tablename__ = "throttle_counters"
    __table_args__ = (Index(None, "window_start"), CheckConstraint("hits >= 0", name="hits"))

    key: Mapped[str] = mapped_column(primary_key=True)
    window_start: Mapped[dt.datetime]
    hits: Mapped[int]


@dataclass(frozen=True)
class Limit:
    """At most `hits` attempts per key in each `window`."""

    name: str
    hits: int
    window: dt.timedelta
    message: str = "too many attempts: wait a little and try again"


def window_start(limit: Limit, now: dt.datetime) -> dt.datetime:
    seconds = int(limit.window.total_seconds())
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % seconds, dt.UTC)


def storage_key(limit: Limit, key: str) -> str:
    return f"{limit.name}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"


def count(session: Session, limit: Limit, key: str, *, now: dt.datetime) -> tuple[int, dt.datetime]:
    """Count one attempt for `key`; return the window's total so far and the window's start."""
    start = window_start(limit, now)
    new = insert(ThrottleCounter).values(key=storage_key(limit, key), window_start=start, hits=1)
    # A newer window restarts the count; an attempt stamped with an older clock still counts.
    stmt = new.on_conflict_do_update(
        index_elements=[ThrottleCounter.key],
        set_={
            "hits": case(
                (new.excluded.window_start > ThrottleCounter.window_start, 1),
                else_=ThrottleCounter.hits + 1,
            ),
            "window_start": func.greatest(ThrottleCounter.window_start, new.excluded.window_start),
        },
    ).returning(ThrottleCounter.hits, ThrottleCounter.window_start)
    hits, started = session.execute(stmt).one()
    return int(hits), started


def hit(factory: sessionmaker[Session], limit: Limit, *keys: str, now: dt.datetime | None = None) -> None:
    """Count an attempt against every key in a transaction of its own (committed even when the
    request then fails, e.g. a wrong password), then raise Throttled if any key is over the limit."""
    now = now or utcnow()
    retry_after = 0
    with unit_of_work(factory) as session:
        for key in keys:
            hits, started = count(session, limit, key, now=now)
            if hits > limit.hits:
                remaining = (started + limit.window - now).total_seconds()
                retry_after = max(retry_after, int(remaining) + 1)
    if retry_after:
        raise Throttled(limit.message, retry_after=retry_after)


def purge_expired(session: Session, *, now: dt.datetime | None = None, keep: dt.timedelta) -> int:
    """Delete counters whose window started more than `keep` ago (longer than any limit's window)."""
    cutoff = (now or utcnow()) - keep
    result = session.execute(delete(ThrottleCounter).where(ThrottleCounter.window_start < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
