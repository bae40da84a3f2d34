"""Tasks that exist only in the tests, a worker run in this process, and `bibliology` in a subprocess."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from procrastinate import JobContext
from sqlalchemy import text

from bibliology.config import Settings
from bibliology.errors import Invalid
from bibliology.jobs import job_app, runtime, tracked
from bibliology.jobs.worker import WorkerOptions, run

BIBLIOLOGY = str(Path(sys.executable).with_name("bibliology"))


def worker_env(url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BIBLIOLOGY_")}
    env.update(
        DATABASE_URL=url, BIBLIOLOGY_DATA_DIR=str(tmp_path), BIBLIOLOGY_MEDIA_DIR=str(tmp_path / "media")
    )
    env.pop("REDIS_URL", None)
    return env | extra


def wait_for(predicate: Callable[[], object], *, timeout: float = 60, what: str = "a condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


QUEUE = "tests"
RUNS_TABLE = "CREATE TABLE IF NOT EXISTS test_job_runs (job_id bigint, marker text, worker text)"


@job_app.task(name="tests.jobs.record_run", queue=QUEUE, pass_context=True)
def record_run(context: JobContext, marker: str, seconds: float = 0.0) -> None:
    """Count its runs in test_job_runs, with three steps of progress."""
    with tracked(context) as tracker:
        tracker.start("Counting", 3)
        time.sleep(seconds)
        with runtime.resources().unit_of_work() as session:
            session.execute(
                text("INSERT INTO test_job_runs VALUES (:job, :marker, :worker)"),
                {"job": context.job.id, "marker": marker, "worker": context.worker_name},
            )
        tracker.advance(3)
        tracker.result = {"marker": marker}


@job_app.task(name="tests.jobs.fail", queue=QUEUE, pass_context=True)
def fail(context: JobContext) -> None:
    with tracked(context):
        raise Invalid("the test asked for a failure")


def settings_for(tmp_path: Path) -> Settings:
    return Settings(BIBLIOLOGY_ENV="test", BIBLIOLOGY_DATA_DIR=tmp_path, DATABASE_URL=None, REDIS_URL=None)


def drain(url: str, tmp_path: Path, *, queues: tuple[str, ...] = (QUEUE,)) -> None:
    """Run one worker on `queues` until they are empty."""
    options = WorkerOptions(queues=queues, wait=False, heartbeat_seconds=0.5, stalled_after_seconds=30)
    asyncio.run(run(url, settings=settings_for(tmp_path), options=options))
