from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bibliology.db import Base, created_at_column, id_column

if TYPE_CHECKING:
    from bibliology.accounts.models import User
    from bibliology.courses.models import Course
    from bibliology.lessons.models import Lesson


class Certificate(Base):
    __tablename__ = "certificates"
    __table_args__ = (
        Index(None, "user_id"),
        Index(None, "course_id"),
        Index(None, "issued_at"),
        # A certificate names what it certifies. With the design's ON DELETE SET NULL this also
        # refuses hard-deleting the course/lesson of an issued certificate: archive it instead.
        CheckConstraint("course_id IS NOT NULL OR lesson_id IS NOT NULL", name="names_course_or_lesson"),
        # One certificate per holder and course (lesson_id NULL), and per holder and lesson: the
        # issuing job's INSERT … ON CONFLICT DO NOTHING relies on these (migration 0009).
        Index(
            "certificates_one_per_course",
            "user_id",
            "course_id",
            unique=True,
            postgresql_where=text("lesson_id IS NULL"),
        ),
        Index(
            "certificates_one_per_lesson",
            "user_id",
            "lesson_id",
            unique=True,
            postgresql_where=text("lesson_id IS NOT NULL"),
        ),
        CheckConstraint("(revoked_at IS NULL) = (revoked_reason IS NULL)", name="revocation_has_reason"),
    )

    id: Mapped[str] = id_column()
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE", onupdate="CASCADE"))
    course_id: Mapped[str | None] = mapped_column(
        ForeignKey("courses.id", ondelete="SET NULL", onupdate="CASCADE")
    )
    lesson_id: Mapped[str | None] = mapped_column(
        ForeignKey("lessons.id", ondelete="SET NULL", onupdate="CASCADE")
    )
    certificate_url: Mapped[str]
    certificate_number: Mapped[str] = mapped_column(unique=True)
    issued_at: Mapped[dt.datetime] = created_at_column()
    # Added by issue 15: the stored PDF (a media storage key; NULL until rendered, and again once
    # the holder deleted their account) and revocation (who revoked it is in the activity log).
    pdf_storage_key: Mapped[str | None]
    revoked_at: Mapped[dt.datetime | None]
    revoked_reason: Mapped[str | None]

    user: Mapped[User] = relationship(back_populates="certificates", lazy="raise")
    course: Mapped[Course | None] = relationship(back_populates="certificates", lazy="raise")
    lesson: Mapped[Lesson | None] = relationship(back_populates="certificates", lazy="raise")
