from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bibliology.db import Base, created_at_column, id_column, updated_at_column
from bibliology.enums import LessonStatus, pg_enum

if TYPE_CHECKING:
    from bibliology.accounts.models import User
    from bibliology.certificates.models import Certificate
    from bibliology.lessons.models import Lesson
    from bibliology.progress.models import Enrollment


class Course(Base):
    __tablename__ = "courses"
    __table_args__ = (
        Index(None, "teacher_id"),
        Index(None, "status"),
        Index(None, "published_at"),
        CheckConstraint("estimated_hours IS NULL OR estimated_hours >= 0", name="estimated_hours"),
    )

    id: Mapped[str] = id_column()
    slug: Mapped[str] = mapped_column(unique=True)
    teacher_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT", onupdate="CASCADE"))
    title_en: Mapped[str]
    title_fr: Mapped[str | None]
    description_en: Mapped[str]
    description_fr: Mapped[str | None]
    thumbnail_url: Mapped[str | None]
    cover_image_url: Mapped[str | None]
    status: Mapped[LessonStatus] = mapped_column(
        pg_enum(LessonStatus), default=LessonStatus.DRAFT, server_default="DRAFT"
    )
    category: Mapped[str | None]
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")
    estimated_hours: Mapped[int | None]
    difficulty: Mapped[str | None]
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()
    published_at: Mapped[dt.datetime | None]
    # Certificates per completed lesson too, not only for the whole course (issue 15).
    lesson_certificates: Mapped[bool] = mapped_column(default=False, server_default="false")

    teacher: Mapped[User] = relationship(back_populates="courses_taught", lazy="raise")
    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="course", lazy="raise", order_by="Lesson.lesson_order", passive_deletes=True
    )
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="course", lazy="raise", passive_deletes=True
    )
    certificates: Mapped[list[Certificate]] = relationship(
        back_populates="course", lazy="raise", passive_deletes=True
    )
