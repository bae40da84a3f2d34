from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel

from bibliology.imports.models import PptxImport


class ImportRead(BaseModel):
    id: str
    course_id: str
    lesson_id: str | None
    language: Literal["en", "fr"]
    status: Literal["queued", "running", "succeeded", "failed"]
    original_filename: str
    byte_size: int
    slide_count: int | None
    job_id: str | None
    # Where to follow the job's progress (GET): /api/v1/jobs/{job_id}.
    job_url: str | None
    error: str | None
    report: dict[str, Any] | None
    created_at: dt.datetime
    finished_at: dt.datetime | None

    @classmethod
    def of(cls, record: PptxImport) -> ImportRead:
        return cls(
            id=record.id,
            course_id=record.course_id,
            lesson_id=record.lesson_id,
            language=record.language,
            status=record.status,
            original_filename=record.original_filename,
            byte_size=record.byte_size,
            slide_count=record.slide_count,
            job_id=record.job_id,
            job_url=None if record.job_id is None else f"/api/v1/jobs/{record.job_id}",
            error=record.error,
            report=record.report,
            created_at=record.created_at,
            finished_at=record.finished_at,
        )
