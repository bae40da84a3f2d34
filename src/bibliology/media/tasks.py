"""The daily orphan sweep (media.sweep): files left without rows by a process that died mid-write."""

from __future__ import annotations

import asyncio
import logging

from bibliology.jobs import runtime
from bibliology.jobs.app import job_app
from bibliology.media.storage import storage_for
from bibliology.media.sweep import sweep_orphans

log = logging.getLogger(__name__)


@job_app.periodic(cron="43 4 * * *")
@job_app.task(name="media.sweep_orphans", queue="maintenance", queueing_lock="media.sweep_orphans")
async def sweep_orphan_files(timestamp: int) -> int:
    """Idempotent: a removed file is gone, a second run finds nothing more. Returns the count removed."""
    return await asyncio.to_thread(sweep)


def sweep() -> int:
    resources = runtime.resources()
    report = sweep_orphans(resources, storage=storage_for(resources.settings))
    if report.removed or report.in_use:
        log.info("media sweep: %s", report.counts())
    return len(report.removed)
