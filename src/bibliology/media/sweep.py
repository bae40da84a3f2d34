"""The orphan sweep: remove stored files that have no media_files row, once they are safely old.

A file without a row is what a process killed between writing a file and committing its row leaves
behind (its rollback hook never ran). It is never served (serving needs the row), but it takes room.
A file is removed only when all of these hold:

1. it was last written before the grace period (default 24 h): a fresh file may belong to a write
   in progress, or to a storage written by an older release that did not take the lock below;
2. no committed row names it;
3. the sweep gets the file's content lock exclusively (service.content_lock_id). Every upload
   holds that lock, shared, until its transaction ends, so a file whose row is not committed yet
   (an import in progress) is skipped, and an upload that starts now waits for the sweep;
4. under that lock, a committed row still does not name it (one may have been committed between
   2 and 3), and the file is still the write that was listed (delete is versioned).

Half-written temporaries (a writer died before renaming) go after the grace period, and never
sooner than TEMPORARY_GRACE whatever the grace asked for.

Rows nothing references are not removed: a row's only reference may be added by a write that does
not go through this package (an author pasting the URL of an old upload into a block), and no lock
orders the two, so removing such a row could break content. They are counted for the report.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from bibliology.db import unit_of_work
from bibliology.media.models import MediaFile
from bibliology.media.service import CONTENT_LOCK_CLASS, content_lock_id
from bibliology.media.storage import Storage, StoredObject

DEFAULT_GRACE = dt.timedelta(hours=24)
TEMPORARY_GRACE = dt.timedelta(hours=1)
BATCH = 500  # files checked per transaction
log = logging.getLogger(__name__)


class Transactions(Protocol):
    def unit_of_work(self) -> AbstractContextManager[Session]: ...


@dataclass(frozen=True)
class SessionTransactions:
    """Transactions of a plain session factory (the CLI; jobs pass their JobResources)."""

    sessions: sessionmaker[Session]

    def unit_of_work(self) -> AbstractContextManager[Session]:
        return unit_of_work(self.sessions)


@dataclass
class SweepReport:
    checked: int = 0  # files older than the grace period
    removed: list[str] = field(default_factory=list)  # keys of the orphans removed (or, dry run, to remove)
    in_use: int = 0  # orphans skipped: a transaction that wrote them is still open
    temporaries: int = 0  # half-written uploads removed
    unreferenced_rows: int = 0  # rows nothing uses (kept, see the module's docstring)

    def counts(self) -> dict[str, int]:
        return {
            "files checked (older than the grace period)": self.checked,
            "orphan files removed": len(self.removed),
            "orphan files in use (kept)": self.in_use,
            "half-written uploads removed": self.temporaries,
            "rows nothing uses (kept)": self.unreferenced_rows,
        }


def sweep_orphans(
    transactions: Transactions,
    *,
    storage: Storage,
    grace: dt.timedelta = DEFAULT_GRACE,
    now: float | None = None,
    dry_run: bool = False,
) -> SweepReport:
    """Remove the files without rows last written before `now - grace` (see the module's rules);
    one transaction per batch, so locks are held briefly. Idempotent."""
    if grace < dt.timedelta(0):
        raise ValueError("the grace period cannot be negative")
    now = time.time() if now is None else now
    report = SweepReport()
    cutoff = now - grace.total_seconds()
    for batch in _batches(item for item in storage.objects() if item.modified < cutoff):
        report.checked += len(batch)
        with transactions.unit_of_work() as session:
            _sweep_batch(session, storage, batch, report, dry_run=dry_run)
    if not dry_run:
        report.temporaries = storage.remove_stale_temporaries(
            before=now - max(grace, TEMPORARY_GRACE).total_seconds()
        )
    with transactions.unit_of_work() as session:
        report.unreferenced_rows = count_unreferenced_rows(session)
    return report


def _sweep_batch(
    session: Session, storage: Storage, batch: list[StoredObject], report: SweepReport, *, dry_run: bool
) -> None:
    keys = [item.key for item in batch]
    with_rows = set(session.scalars(select(MediaFile.storage_key).where(MediaFile.storage_key.in_(keys))))
    for item in batch:
        if item.key in with_rows:
            continue
        sha256 = item.key.rsplit("/", 1)[-1].split(".", 1)[0]
        locked = session.scalar(
            text("SELECT pg_try_advisory_xact_lock(:class, :id)"),
            {"class": CONTENT_LOCK_CLASS, "id": content_lock_id(sha256)},
        )
        if not locked:
            report.in_use += 1
            continue
        # Read committed: this statement sees a row committed since the batch's first one.
        if session.scalar(select(MediaFile.id).where(MediaFile.storage_key == item.key)) is not None:
            continue
        try:
            if dry_run or storage.delete(item.key, version=item.version):
                report.removed.append(item.key)
        except OSError:  # one unremovable file must not stop the sweep; the next run retries
            log.warning("could not remove orphan media file %s", item.key, exc_info=True)
    # The locks go with the transaction, once every delete of the batch is done.


def count_unreferenced_rows(session: Session) -> int:
    """Rows whose URL no course, IMAGE block or avatar stores (the places media.access looks)."""
    return int(
        session.scalar(
            text(
                """
                SELECT count(*) FROM media_files m
                WHERE NOT EXISTS (
                    SELECT 1 FROM courses c
                    WHERE c.thumbnail_url = '/media/' || m.storage_key
                       OR c.cover_image_url = '/media/' || m.storage_key)
                  AND NOT EXISTS (
                    SELECT 1 FROM users u WHERE u.avatar_url = '/media/' || m.storage_key)
                  AND NOT EXISTS (
                    SELECT 1 FROM content_blocks b
                    WHERE b.content_en @> jsonb_build_object('url', '/media/' || m.storage_key)
                       OR b.content_fr @> jsonb_build_object('url', '/media/' || m.storage_key))
                """
            )
        )
        or 0
    )


def _batches(items: Iterator[StoredObject]) -> Iterator[list[StoredObject]]:
    batch: list[StoredObject] = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
