"""The job queue as an admin sees it: procrastinate's own rows (the truth about what will run) with
the tracking record our tasks keep (owner, progress, the error a person can read)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.activity import actions
from bibliology.activity.service import record
from bibliology.errors import Conflict, NotFound
from bibliology.pagination import PageParams
from bibliology.policy import Actor, require_admin

# procrastinate_job_status values, in the order the page offers them.
STATUSES = ("todo", "doing", "failed", "succeeded", "cancelled", "aborted")


@dataclass(frozen=True)
class QueuedJob:
    id: int
    task_name: str
    status: str
    attempts: int
    queue_name: str
    scheduled_at: dt.datetime | None
    owner_email: str | None
    error: str | None
    message: str | None
    updated_at: dt.datetime | None


_LIST = """
SELECT j.id, j.task_name, j.status::text AS status, j.attempts, j.queue_name, j.scheduled_at,
       u.email AS owner_email, b.error, b.message,
       COALESCE(b.updated_at, (SELECT max(e.at) FROM procrastinate_events e WHERE e.job_id = j.id)) AS updated_at,
       count(*) OVER () AS total
FROM procrastinate_jobs j
LEFT JOIN background_jobs b ON b.procrastinate_job_id = j.id
LEFT JOIN users u ON u.id = b.owner_id
WHERE (CAST(:status AS text) IS NULL OR j.status::text = :status)
ORDER BY j.id DESC
LIMIT :limit OFFSET :offset
"""

_COUNTS = "SELECT status::text, count(*) FROM procrastinate_jobs GROUP BY status"


def list_jobs(
    session: Session, *, actor: Actor, params: PageParams, status: str | None = None
) -> tuple[list[QueuedJob], int]:
    """Newest first, optionally of one status."""
    require_admin(actor)
    rows = session.execute(
        text(_LIST), {"status": status, "limit": params.page_size, "offset": params.offset}
    ).all()
    total = int(rows[0].total) if rows else 0
    return [QueuedJob(*row[:-1]) for row in rows], total


def counts(session: Session, *, actor: Actor) -> dict[str, int]:
    require_admin(actor)
    found = {status: int(n) for status, n in session.execute(text(_COUNTS)).all()}
    return {status: found.get(status, 0) for status in STATUSES}


def retry(session: Session, *, actor: Actor, job_id: int) -> None:
    """Queue a failed job again, now; its tracking record goes back to "queued" (the task's own
    idempotence makes a second run safe — every task here is written to be retried)."""
    require_admin(actor)
    status = session.scalar(
        text("SELECT status::text FROM procrastinate_jobs WHERE id = :id FOR UPDATE"), {"id": job_id}
    )
    if status is None:
        raise NotFound("no such job")
    if status != "failed":
        raise Conflict(f"only a failed job can be retried; this one is {status}")
    session.execute(text("SELECT procrastinate_retry_job_v2(:id, now(), NULL, NULL, NULL)"), {"id": job_id})
    session.execute(
        text(
            "UPDATE background_jobs SET status = 'queued', finished_at = NULL, updated_at = now() "
            "WHERE procrastinate_job_id = :id"
        ),
        {"id": job_id},
    )
    record(session, action=actions.JOB_RETRY, actor=actor, entity_type="job", entity_id=str(job_id))
