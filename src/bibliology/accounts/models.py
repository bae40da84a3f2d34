from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Index, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bibliology.db import Base, created_at_column, id_column, updated_at_column
from bibliology.enums import UserRole, pg_enum

if TYPE_CHECKING:
    from bibliology.certificates.models import Certificate
    from bibliology.courses.models import Course
    from bibliology.progress.models import Enrollment, StudentNote
    from bibliology.quizzes.models import QuizSubmission

SUPPORTED_LANGUAGES = ("en", "fr")


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        # The design's unique e-mail is kept for its client; lower(email) makes it case-insensitive
        # without citext (not available on the embedded server).
        Index("users_email_lower_key", text("lower(email)"), unique=True),
        Index(None, "role"),
        Index(None, "created_at"),
        CheckConstraint("language_pref IN ('en', 'fr')", name="language_pref"),
        CheckConstraint("email = btrim(email) AND position('@' in email) > 1", name="email"),
    )

    id: Mapped[str] = id_column()
    email: Mapped[str] = mapped_column(unique=True)
    password_hash: Mapped[str]
    name: Mapped[str]
    role: Mapped[UserRole] = mapped_column(
        pg_enum(UserRole), default=UserRole.STUDENT, server_default="STUDENT"
    )
    avatar_url: Mapped[str | None]
    language_pref: Mapped[str] = mapped_column(default="en", server_default="en")
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()
    last_login: Mapped[dt.datetime | None]
    # Not in the design: set by an admin to close the account (migration 0011).
    deactivated_at: Mapped[dt.datetime | None]

    courses_taught: Mapped[list[Course]] = relationship(back_populates="teacher", lazy="raise")
    enrollments: Mapped[list[Enrollment]] = relationship(back_populates="student", lazy="raise")
    quiz_submissions: Mapped[list[QuizSubmission]] = relationship(back_populates="student", lazy="raise")
    certificates: Mapped[list[Certificate]] = relationship(back_populates="user", lazy="raise")
    notes: Mapped[list[StudentNote]] = relationship(back_populates="student", lazy="raise")
