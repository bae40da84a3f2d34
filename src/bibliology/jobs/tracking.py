"""Status and progress of a running job, written in short transactions of their own so readers see
them while the job's main transaction is still open (and after it rolls back)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from procrastinate import JobContext

from bibliology.errors import DomainError
from bibliology.jobs import service
from bibliology.jobs.runtime import JobResources, resources


class JobTracker:
    """A `bibliology.console.Progress` that records each step in `background_jobs`."""

    def __init__(self, resources: JobResources, job_id: str) -> None:
        self._resources = resources
        self.job_id = job_id
        self.result: dict[str, Any] | None = None
        self._step: str | None = None
        self._done = 0
        self._total: int | None = None

    def start(self, task: str, total: int) -> None:
        self._step, self._done, self._total = task, 0, total
        self._write()

    def advance(self, units: int = 1) -> None:
        self._done += units
        self._write()

    def _write(self) -> None:
        with self._resources.unit_of_work() as session:
            service.set_progress(
                session, job_id=self.job_id, done=self._done, total=self._total, message=self._step
            )


def describe_error(exc: BaseException) -> str:
    """One line for the job's owner: a domain error's own message, else the exception's type and text."""
    if isinstance(exc, DomainError):
        return exc.detail
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@contextmanager
def tracked(context: JobContext) -> Iterator[JobTracker]:
    """Mark the job running, yield its progress tracker, then record success (with
    `tracker.result`) or failure (the exception is re-raised for procrastinate)."""
    job = context.job
    assert job.id is not None
    job_resources = resources()
    with job_resources.unit_of_work() as session:
        job_id = service.mark_started(
            session, procrastinate_job_id=job.id, task_name=job.task_name, attempts=job.attempts + 1
        )
    tracker = JobTracker(job_resources, job_id)
    try:
        yield tracker
    except BaseException as exc:
        with job_resources.unit_of_work() as session:
            service.mark_finished(session, job_id=job_id, succeeded=False, error=describe_error(exc))
        raise
    with job_resources.unit_of_work() as session:
        service.mark_finished(session, job_id=job_id, succeeded=True, result=tracker.result)
