from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bibliology.db import NULLABLE_JSONB, Base, created_at_column, id_column, updated_at_column
from bibliology.enums import ContentBlockType, LessonStatus, SlideLayout, pg_enum

if TYPE_CHECKING:
    from bibliology.certificates.models import Certificate
    from bibliology.courses.models import Course
    from bibliology.progress.models import LessonProgress, StudentNote
    from bibliology.quizzes.models import Quiz


class Lesson(Base):
    __tablename__ = "lessons"
    __table_args__ = (
        # (course_id, lesson_order) unique also serves the design's index on course_id alone.
        UniqueConstraint("course_id", "lesson_order"),
        Index(None, "course_id", "status"),
        Index(None, "status"),
        Index("lessons_search_vector_idx", "search_vector", postgresql_using="gin"),
        CheckConstraint("lesson_order >= 0", name="lesson_order"),
        CheckConstraint("estimated_minutes IS NULL OR estimated_minutes >= 0", name="estimated_minutes"),
    )

    id: Mapped[str] = id_column()
    # Unique across all courses, as designed: services generate course-prefixed slugs.
    slug: Mapped[str] = mapped_column(unique=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE", onupdate="CASCADE"))
    title_en: Mapped[str]
    title_fr: Mapped[str | None]
    description_en: Mapped[str | None]
    description_fr: Mapped[str | None]
    lesson_order: Mapped[int]
    status: Mapped[LessonStatus] = mapped_column(
        pg_enum(LessonStatus), default=LessonStatus.DRAFT, server_default="DRAFT"
    )
    estimated_minutes: Mapped[int | None]
    imported_from_pptx: Mapped[bool] = mapped_column(default=False, server_default="false")
    original_filename: Mapped[str | None]
    import_date: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()
    published_at: Mapped[dt.datetime | None]
    # Maintained by the lesson_search_vector_update trigger (English and French weights).
    search_vector: Mapped[Any | None] = mapped_column(TSVECTOR, deferred=True)

    course: Mapped[Course] = relationship(back_populates="lessons", lazy="raise")
    slides: Mapped[list[Slide]] = relationship(
        back_populates="lesson", lazy="raise", order_by="Slide.slide_order", passive_deletes=True
    )
    quizzes: Mapped[list[Quiz]] = relationship(back_populates="lesson", lazy="raise", passive_deletes=True)
    lesson_progress: Mapped[list[LessonProgress]] = relationship(
        back_populates="lesson", lazy="raise", passive_deletes=True
    )
    certificates: Mapped[list[Certificate]] = relationship(
        back_populates="lesson", lazy="raise", passive_deletes=True
    )
    notes: Mapped[list[StudentNote]] = relationship(
        back_populates="lesson", lazy="raise", passive_deletes=True
    )


class Slide(Base):
    __tablename__ = "slides"
    __table_args__ = (
        UniqueConstraint("lesson_id", "slide_order"),
        CheckConstraint("slide_order >= 0", name="slide_order"),
    )

    id: Mapped[str] = id_column()
    lesson_id: Mapped[str] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE", onupdate="CASCADE"))
    slide_order: Mapped[int]
    layout: Mapped[SlideLayout] = mapped_column(
        pg_enum(SlideLayout), default=SlideLayout.CONTENT, server_default="CONTENT"
    )
    title_en: Mapped[str | None]
    title_fr: Mapped[str | None]
    notes_en: Mapped[str | None]
    notes_fr: Mapped[str | None]
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()

    lesson: Mapped[Lesson] = relationship(back_populates="slides", lazy="raise")
    content_blocks: Mapped[list[ContentBlock]] = relationship(
        back_populates="slide", lazy="raise", order_by="ContentBlock.block_order", passive_deletes=True
    )
    quizzes: Mapped[list[Quiz]] = relationship(back_populates="slide", lazy="raise", passive_deletes=True)


class ContentBlock(Base):
    __tablename__ = "content_blocks"
    __table_args__ = (
        UniqueConstraint("slide_id", "block_order"),
        Index(None, "block_type"),
        Index(
            "content_blocks_content_en_gin_idx",
            "content_en",
            postgresql_using="gin",
            postgresql_ops={"content_en": "jsonb_path_ops"},
        ),
        Index(
            "content_blocks_content_fr_gin_idx",
            "content_fr",
            postgresql_using="gin",
            postgresql_ops={"content_fr": "jsonb_path_ops"},
        ),
        CheckConstraint("block_order >= 0", name="block_order"),
        CheckConstraint("jsonb_typeof(content_en) = 'object'", name="content_en_object"),
        CheckConstraint(
            "content_fr IS NULL OR jsonb_typeof(content_fr) = 'object'", name="content_fr_object"
        ),
    )

    id: Mapped[str] = id_column()
    slide_id: Mapped[str] = mapped_column(ForeignKey("slides.id", ondelete="CASCADE", onupdate="CASCADE"))
    block_order: Mapped[int]
    block_type: Mapped[ContentBlockType] = mapped_column(pg_enum(ContentBlockType))
    content_en: Mapped[dict[str, Any]] = mapped_column(JSONB)
    content_fr: Mapped[dict[str, Any] | None] = mapped_column(NULLABLE_JSONB)
    style_config: Mapped[dict[str, Any] | None] = mapped_column(NULLABLE_JSONB)
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()

    slide: Mapped[Slide] = relationship(back_populates="content_blocks", lazy="raise")
