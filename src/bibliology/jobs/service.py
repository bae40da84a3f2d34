"""Enqueueing jobs with the business write, and the status/progress record users can read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from procrastinate.tasks import Task
from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from bibliology.db import utcnow
from bibliology.errors import NotFound
from bibliology.jobs.models import BackgroundJob
from bibliology.policy import Actor, ensure_self_or_admin, require_login

ERROR_MAX = 2_000


def defer(
    session: Session,
    task: Task[Any, Any, Any],
    *,
    owner_id: str | None,
    lock: str | None = None,
    queueing_lock: str | None = None,
    **task_kwargs: Any,
) -> BackgroundJob:
    """Queue `task(**task_kwargs)` inside the session's transaction.

    The job row is written on the session's own connection, so it exists exactly when the
    transaction commits: a rolled-back request queues nothing, a committed one cannot lose its job.
    Pass ids in `task_kwargs`, never objects (the job reads fresh rows in its own session).
    """
    connection = session.connection().connection.driver_connection
    procrastinate_id = task.configure(connection=connection, lock=lock, queueing_lock=queueing_lock).defer(
        **task_kwargs
    )
    job = BackgroundJob(procrastinate_job_id=procrastinate_id, task_name=task.name, owner_id=owner_id)
    session.add(job)
    session.flush()
    return job


def get(session: Session, *, job_id: str) -> BackgroundJob | None:
    return session.get(BackgroundJob, job_id)


def get_for_actor(session: Session, *, actor: Actor, job_id: str) -> BackgroundJob:
    """A job its owner (or an admin) may read; anyone else is told it does not exist."""
    require_login(actor)
    job = get(session, job_id=job_id)
    if job is None:
        raise NotFound("no such job")
    ensure_self_or_admin(actor, job.owner_id or "", what="job")
    return job


def mark_started(session: Session, *, procrastinate_job_id: int, task_name: str, attempts: int) -> str:
    """Running from now; creates the record for jobs nobody deferred through `defer` (periodic)."""
    now = utcnow()
    running = {
        "status": "running",
        "attempts": attempts,
        "started_at": now,
        "finished_at": None,
        "error": None,
        "progress_done": 0,
        "progress_total": None,
        "message": None,
        "updated_at": now,
    }
    statement = (
        insert(BackgroundJob)
        .values(procrastinate_job_id=procrastinate_job_id, task_name=task_name, **running)
        .on_conflict_do_update(index_elements=[BackgroundJob.procrastinate_job_id], set_=running)
        .returning(BackgroundJob.id)
    )
    job_id: str = session.execute(statement).scalar_one()
    return job_id


def set_progress(session: Session, *, job_id: str, done: int, total: int | None, message: str | None) -> None:
    session.execute(
        update(BackgroundJob)
        .where(BackgroundJob.id == job_id)
        .values(progress_done=done, progress_total=total, message=message, updated_at=utcnow())
    )


def mark_finished(
    session: Session,
    *,
    job_id: str,
    succeeded: bool,
    result: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    now = utcnow()
    session.execute(
        update(BackgroundJob)
        .where(BackgroundJob.id == job_id)
        .values(
            status="succeeded" if succeeded else "failed",
            result=result,
            error=None if error is None else error[:ERROR_MAX],
            finished_at=now,
            updated_at=now,
        )
    )


def mark_requeued(session: Session, *, procrastinate_job_ids: Iterable[int]) -> None:
    """Jobs whose worker died go back to 'queued' until another worker picks them up."""
    ids = list(procrastinate_job_ids)
    if ids:
        session.execute(
            update(BackgroundJob)
            .where(BackgroundJob.procrastinate_job_id.in_(ids))
            .values(status="queued", updated_at=utcnow())
        )


def delete_finished_before(session: Session, *, before: dt.datetime) -> int:
    """Forget finished job records older than `before`; returns how many."""
    deleted = session.scalars(
        delete(BackgroundJob)
        .where(BackgroundJob.status.in_(("succeeded", "failed")), BackgroundJob.finished_at < before)
        .returning(BackgroundJob.id)
    )
    return len(deleted.all())
