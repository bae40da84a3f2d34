"""`bibliology worker`: runs queued jobs until SIGTERM/SIGINT, on any number of machines.

Workers share the queue through PostgreSQL (`FOR UPDATE SKIP LOCKED`). Each one heartbeats; a job
whose worker stopped heartbeating (killed, machine lost) is put back in the queue by any live
worker, and runs again — which is why every job must be idempotent.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

import procrastinate
from procrastinate import app as procrastinate_app
from procrastinate import exceptions as procrastinate_errors

from bibliology.config import Settings
from bibliology.jobs import runtime, service
from bibliology.jobs.app import job_app
from bibliology.schema_check import libpq_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkerOptions:
    queues: tuple[str, ...] | None = None  # None: every queue
    concurrency: int = 1
    # A worker silent for this long is presumed dead and its jobs are queued again.
    stalled_after_seconds: float = 60.0
    heartbeat_seconds: float = 10.0
    # False: stop once the queue is empty (tests, one-off drains).
    wait: bool = True


def task_modules() -> list[str]:
    """Each domain declares its jobs in `bibliology.<domain>.tasks`; import every one that exists."""
    from bibliology.app import DOMAINS

    found = []
    for domain in ("jobs", *DOMAINS):
        name = f"bibliology.{domain}.tasks"
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not (name + ".").startswith(exc.name + "."):
                raise
            continue
        if name not in found:
            found.append(name)
    return found


async def requeue_stalled_jobs(stalled_after_seconds: float) -> list[int]:
    """Put back in the queue the jobs of workers that stopped heartbeating; returns their ids."""
    manager = job_app.job_manager
    requeued = []
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after_seconds):
        assert job.id is not None
        try:
            await manager.retry_job(job)
        except procrastinate_errors.ConnectorException:
            continue  # another worker requeued it first
        requeued.append(job.id)
    if requeued:
        log.warning("requeued jobs of stalled workers: %s", requeued)
        await asyncio.to_thread(_mark_requeued, requeued)
    return requeued


def _mark_requeued(ids: Iterable[int]) -> None:
    with runtime.resources().unit_of_work() as session:
        service.mark_requeued(session, procrastinate_job_ids=ids)


async def _keep_requeueing(stalled_after_seconds: float) -> None:
    while True:
        try:
            await requeue_stalled_jobs(stalled_after_seconds)
        except Exception:  # a transient database error must not stop the worker
            log.exception("could not requeue stalled jobs")
        await asyncio.sleep(max(stalled_after_seconds / 2, 0.5))


def _procrastinate_options(options: WorkerOptions) -> procrastinate_app.WorkerOptions:
    chosen: procrastinate_app.WorkerOptions = {
        "concurrency": options.concurrency,
        "wait": options.wait,
        "update_heartbeat_interval": options.heartbeat_seconds,
        "stalled_worker_timeout": options.stalled_after_seconds,
        "install_signal_handlers": True,
    }
    if options.queues:
        chosen["queues"] = list(options.queues)
    return chosen


async def run(url: str, *, settings: Settings, options: WorkerOptions) -> None:
    """Run a worker on the database at `url` until it is asked to stop."""
    modules = task_modules()
    log.info("worker tasks from %s", ", ".join(modules))
    runtime.configure(url, settings, pool_size=options.concurrency + 1)
    connector = procrastinate.PsycopgConnector(
        conninfo=libpq_url(url), min_size=1, max_size=options.concurrency + 4
    )
    try:
        with job_app.replace_connector(connector):
            async with job_app.open_async():
                requeuer = asyncio.create_task(_keep_requeueing(options.stalled_after_seconds))
                try:
                    await job_app.run_worker_async(**_procrastinate_options(options))
                finally:
                    requeuer.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await requeuer
    finally:
        runtime.close()
