from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel

from bibliology.jobs.models import BackgroundJob


class JobProgress(BaseModel):
    done: int
    total: int | None
    percent: int | None
    step: str | None


class JobRead(BaseModel):
    id: str
    task: str
    status: Literal["queued", "running", "succeeded", "failed"]
    progress: JobProgress
    result: dict[str, Any] | None
    error: str | None
    attempts: int
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None

    @classmethod
    def of(cls, job: BackgroundJob) -> JobRead:
        total = job.progress_total
        percent = None if not total else min(100, (100 * job.progress_done) // total)
        return cls(
            id=job.id,
            task=job.task_name,
            status=job.status,
            progress=JobProgress(done=job.progress_done, total=total, percent=percent, step=job.message),
            result=job.result,
            error=job.error,
            attempts=job.attempts,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
        )
