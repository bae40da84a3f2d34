"""The translation report's answer."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class GapRead(BaseModel):
    entity_type: str  # course, lesson, slide, content_block
    entity_id: str
    lesson_id: str | None
    slide_id: str | None
    field: str  # "title", or a path inside block content ("content.caption")
    source_revised_at: dt.datetime | None = None
    translation_revised_at: dt.datetime | None = None


class TranslationReport(BaseModel):
    scope: str  # course or lesson
    id: str
    language: str
    complete: bool
    missing: list[GapRead]
    stale: list[GapRead]
