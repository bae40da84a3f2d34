"""Housekeeping of the queue itself; also the model for a periodic job (see docs/jobs.md)."""

from __future__ import annotations

import asyncio
import datetime as dt

from bibliology.db import utcnow
from bibliology.jobs import runtime, service
from bibliology.jobs.app import job_app

KEEP_FINISHED_DAYS = 30


@job_app.periodic(cron="17 3 * * *")
@job_app.task(name="jobs.prune_finished", queue="maintenance", queueing_lock="jobs.prune_finished")
async def prune_finished(timestamp: int) -> int:
    """Forget finished jobs older than KEEP_FINISHED_DAYS, in the queue and in our records."""
    await job_app.job_manager.delete_old_jobs(
        nb_hours=KEEP_FINISHED_DAYS * 24, include_failed=True, include_cancelled=True, include_aborted=True
    )
    return await asyncio.to_thread(_prune_records, utcnow() - dt.timedelta(days=KEEP_FINISHED_DAYS))


def _prune_records(before: dt.datetime) -> int:
    with runtime.resources().unit_of_work() as session:
        return service.delete_finished_before(session, before=before)
