"""The translation report's answer."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from bibliology.inputs import StrictInput


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


class ReviewIn(StrictInput):
    """A translation still right although its English changed (clears the stale flag)."""

    entity_type: Literal["course", "lesson", "slide", "content_block"]
    entity_id: str = Field(min_length=1, max_length=64)
    field: str = Field(min_length=1, max_length=40, description="title, description, notes or content")
    language: Literal["fr"] = "fr"


class ReviewRead(BaseModel):
    entity_type: str
    entity_id: str
    field: str
    language: str
    revised_at: dt.datetime
