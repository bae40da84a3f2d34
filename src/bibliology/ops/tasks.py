"""The daily backup (ops.scheduled_backup), when enabled (ops.schedule.enabled: production, or
BIBLIOLOGY_SCHEDULED_BACKUPS=on), with its retention."""

from __future__ import annotations

import asyncio
import logging

from bibliology.jobs import runtime
from bibliology.jobs.app import job_app
from bibliology.ops.schedule import enabled, run_scheduled_backup

log = logging.getLogger(__name__)


@job_app.periodic(cron="7 2 * * *")
@job_app.task(name="ops.scheduled_backup", queue="maintenance", queueing_lock="ops.scheduled_backup")
async def scheduled_backup(timestamp: int) -> str | None:
    """Returns the new backup's path (None when scheduled backups are off)."""
    return await asyncio.to_thread(backup)


def backup() -> str | None:
    resources = runtime.resources()
    if not enabled(resources.settings):
        return None
    url = resources.engine.url.render_as_string(hide_password=False)
    result = run_scheduled_backup(url, resources.settings)
    log.info(
        "scheduled backup %s (%d bytes); removed %d old backup(s)",
        result.backup.path,
        result.backup.archive_bytes,
        len(result.removed),
    )
    return str(result.backup.path)
