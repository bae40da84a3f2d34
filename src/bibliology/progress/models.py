from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bibliology.db import Base, created_at_column, id_column, updated_at_column
from bibliology.enums import EnrollmentStatus, LessonProgressStatus, pg_enum

if TYPE_CHECKING:
    from bibliology.accounts.models import User
    from bibliology.courses.models import Course
    from bibliology.lessons.models import Lesson


class Enrollment(Base):
    __tablename__ = "enrollments"
    __table_args__ = (
        # (student_id, course_id) unique also serves the design's index on student_id alone.
        UniqueConstraint("student_id", "course_id"),
        Index(None, "course_id"),
        Index(None, "status"),
        # The dashboard: a student's active enrollments by last access.
        Index(None, "student_id", "status", "last_accessed_at"),
        CheckConstraint("progress_percentage BETWEEN 0 AND 100", name="progress_percentage"),
        CheckConstraint("lessons_completed >= 0 AND total_lessons >= 0", name="lesson_counts"),
    )

    id: Mapped[str] = id_column()
    student_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE", onupdate="CASCADE"))
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE", onupdate="CASCADE"))
    status: Mapped[EnrollmentStatus] = mapped_column(
        pg_enum(EnrollmentStatus), default=EnrollmentStatus.ACTIVE, server_default="ACTIVE"
    )
    progress_percentage: Mapped[int] = mapped_column(default=0, server_default="0")
    lessons_completed: Mapped[int] = mapped_column(default=0, server_default="0")
    total_lessons: Mapped[int] = mapped_column(default=0, server_default="0")
    enrolled_at: Mapped[dt.datetime] = created_at_column()
    last_accessed_at: Mapped[dt.datetime] = created_at_column()
    completed_at: Mapped[dt.datetime | None]

    student: Mapped[User] = relationship(back_populates="enrollments", lazy="raise")
    course: Mapped[Course] = relationship(back_populates="enrollments", lazy="raise")
    lesson_progress: Mapped[list[LessonProgress]] = relationship(
        back_populates="enrollment", lazy="raise", passive_deletes=True
    )


class LessonProgress(Base):
    __tablename__ = "lesson_progress"
    __table_args__ = (
        # (enrollment_id, lesson_id) unique also serves the design's index on enrollment_id alone.
        UniqueConstraint("enrollment_id", "lesson_id"),
        Index(None, "lesson_id"),
        Index(None, "status"),
        CheckConstraint(
            "current_slide_index >= 0 AND total_slides_viewed >= 0 AND time_spent_seconds >= 0",
            name="counters",
        ),
    )

    id: Mapped[str] = id_column()
    enrollment_id: Mapped[str] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE", onupdate="CASCADE")
    )
    lesson_id: Mapped[str] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE", onupdate="CASCADE"))
    status: Mapped[LessonProgressStatus] = mapped_column(
        pg_enum(LessonProgressStatus), default=LessonProgressStatus.NOT_STARTED, server_default="NOT_STARTED"
    )
    current_slide_index: Mapped[int] = mapped_column(default=0, server_default="0")
    total_slides_viewed: Mapped[int] = mapped_column(default=0, server_default="0")
    time_spent_seconds: Mapped[int] = mapped_column(default=0, server_default="0")
    # Added: the slide the student is on, by id, so edits that reorder slides don't move them.
    current_slide_id: Mapped[str | None] = mapped_column(
        ForeignKey("slides.id", ondelete="SET NULL", onupdate="CASCADE")
    )
    started_at: Mapped[dt.datetime] = created_at_column()
    completed_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = updated_at_column()

    enrollment: Mapped[Enrollment] = relationship(back_populates="lesson_progress", lazy="raise")
    lesson: Mapped[Lesson] = relationship(back_populates="lesson_progress", lazy="raise")


class StudentNote(Base):
    __tablename__ = "student_notes"
    __table_args__ = (
        Index(None, "student_id"),
        Index(None, "lesson_id"),
        Index(None, "slide_id"),
        CheckConstraint("slide_index >= 0", name="slide_index"),
    )

    id: Mapped[str] = id_column()
    student_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE", onupdate="CASCADE"))
    # The design left this relation commented out; we enforce it (docs/decisions.md).
    lesson_id: Mapped[str] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE", onupdate="CASCADE"))
    slide_index: Mapped[int]
    # Added: the note's slide by id (slide_index is kept for the design's client); a deleted slide
    # leaves the note on its lesson with slide_id NULL.
    slide_id: Mapped[str | None] = mapped_column(
        ForeignKey("slides.id", ondelete="SET NULL", onupdate="CASCADE")
    )
    note_text: Mapped[str]
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()

    student: Mapped[User] = relationship(back_populates="notes", lazy="raise")
    lesson: Mapped[Lesson] = relationship(back_populates="notes", lazy="raise")


class SlideView(Base):
    """Which slides a student has seen in a lesson: total_slides_viewed is the count of these."""

    __tablename__ = "slide_views"
    __table_args__ = (
        Index(None, "slide_id"),
        CheckConstraint("seconds_spent >= 0", name="seconds_spent"),
    )

    lesson_progress_id: Mapped[str] = mapped_column(
        ForeignKey("lesson_progress.id", ondelete="CASCADE", onupdate="CASCADE"), primary_key=True
    )
    slide_id: Mapped[str] = mapped_column(
        ForeignKey("slides.id", ondelete="CASCADE", onupdate="CASCADE"), primary_key=True
    )
    first_seen_at: Mapped[dt.datetime] = created_at_column()
    last_seen_at: Mapped[dt.datetime] = created_at_column()
    seconds_spent: Mapped[int] = mapped_column(default=0, server_default="0")


class ProgressEvent(Base):
    """Client event ids already applied, so a replayed progress event changes nothing."""

    __tablename__ = "progress_events"
    __table_args__ = (Index(None, "received_at"),)

    student_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE", onupdate="CASCADE"), primary_key=True
    )
    client_event_id: Mapped[str] = mapped_column(primary_key=True)
    lesson_id: Mapped[str] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE", onupdate="CASCADE"))
    received_at: Mapped[dt.datetime] = created_at_column()
