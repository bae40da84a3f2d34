"""Lesson, slide and block request bodies and authoring answers (both languages, teacher notes).
Readers get the lesson tree (progress/schemas.py `StudentLessonTree`, `TeacherLessonTree`).
Positions are 0-based."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, Field, field_validator

from bibliology.courses.fields import Description, Input, Notes, Position, Title, not_null
from bibliology.enums import ContentBlockType, LessonStatus, SlideLayout
from bibliology.inputs import JsonEnum

Minutes = Annotated[int, Field(ge=0, le=10_000)]
Layout = JsonEnum[SlideLayout]  # "CONTENT" arrives as a string
Json = dict[str, Any]


class LessonCreate(Input):
    title_en: Title
    title_fr: Title | None = None
    description_en: Description | None = None
    description_fr: Description | None = None
    estimated_minutes: Minutes | None = None
    position: Position | None = Field(default=None, description="0-based; default: after the last lesson")


class LessonUpdate(Input):
    title_en: Title | None = None
    title_fr: Title | None = None
    description_en: Description | None = None
    description_fr: Description | None = None
    estimated_minutes: Minutes | None = None

    _english_required = field_validator("title_en")(not_null)


class MoveTo(Input):
    position: Position


class SlideCreate(Input):
    layout: Layout = SlideLayout.CONTENT
    title_en: Title | None = None
    title_fr: Title | None = None
    notes_en: Notes | None = None
    notes_fr: Notes | None = None
    position: Position | None = Field(default=None, description="0-based; default: after the last slide")


class SlideUpdate(Input):
    layout: Layout | None = None
    title_en: Title | None = None
    title_fr: Title | None = None
    notes_en: Notes | None = None
    notes_fr: Notes | None = None

    _layout_required = field_validator("layout")(not_null)


class BlockCreate(Input):
    block_type: str = Field(
        description="HEADING, TEXT, IMAGE, VERSE, VOCABULARY, LIST, CALLOUT, QUIZ, DIVIDER"
    )
    content_en: Json
    content_fr: Json | None = None
    style_config: Json | None = None
    position: Position | None = Field(default=None, description="0-based; default: after the last block")


class BlockUpdate(Input):
    """The type of a block does not change (delete it and add another)."""

    content_en: Json | None = None
    content_fr: Json | None = None
    style_config: Json | None = None

    _english_required = field_validator("content_en")(not_null)


# --------------------------------------------------------------------------- authoring reads


class BlockAuthoring(BaseModel):
    id: str
    slide_id: str
    position: int
    block_type: ContentBlockType
    content_en: Json
    content_fr: Json | None
    style_config: Json | None
    updated_at: dt.datetime


class SlideAuthoring(BaseModel):
    id: str
    lesson_id: str
    position: int
    layout: SlideLayout
    title_en: str | None
    title_fr: str | None
    notes_en: str | None
    notes_fr: str | None
    updated_at: dt.datetime
    blocks: list[BlockAuthoring]


class QuizAuthoringRef(BaseModel):
    id: str
    slide_id: str | None
    title_en: str
    title_fr: str | None


class LessonAuthoring(BaseModel):
    id: str
    slug: str
    course_id: str
    position: int
    status: LessonStatus
    title_en: str
    title_fr: str | None
    description_en: str | None
    description_fr: str | None
    estimated_minutes: int | None
    imported_from_pptx: bool
    original_filename: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    published_at: dt.datetime | None
    slides: list[SlideAuthoring]
    quizzes: list[QuizAuthoringRef]
