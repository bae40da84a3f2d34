"""The design's seven enums. PostgreSQL type names and values are the design's, exactly:
the design's Prisma client reads them, so no value may be added (see docs/decisions.md)."""

from __future__ import annotations

import enum

from sqlalchemy import Enum


class UserRole(enum.StrEnum):
    STUDENT = "STUDENT"
    TEACHER = "TEACHER"
    ADMIN = "ADMIN"


class LessonStatus(enum.StrEnum):
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"
    ARCHIVED = "ARCHIVED"


class ContentBlockType(enum.StrEnum):
    HEADING = "HEADING"
    TEXT = "TEXT"
    IMAGE = "IMAGE"
    VERSE = "VERSE"
    VOCABULARY = "VOCABULARY"
    LIST = "LIST"
    CALLOUT = "CALLOUT"
    QUIZ = "QUIZ"
    DIVIDER = "DIVIDER"


class QuestionType(enum.StrEnum):
    MULTIPLE_CHOICE = "MULTIPLE_CHOICE"
    TRUE_FALSE = "TRUE_FALSE"
    SHORT_ANSWER = "SHORT_ANSWER"
    FILL_BLANK = "FILL_BLANK"
    MATCHING = "MATCHING"


class EnrollmentStatus(enum.StrEnum):
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    DROPPED = "DROPPED"


class LessonProgressStatus(enum.StrEnum):
    NOT_STARTED = "NOT_STARTED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"


class SlideLayout(enum.StrEnum):
    TITLE = "TITLE"
    CONTENT = "CONTENT"
    TWO_COLUMN = "TWO_COLUMN"
    IMAGE_FOCUS = "IMAGE_FOCUS"
    QUIZ = "QUIZ"
    BLANK = "BLANK"


ALL_ENUMS: tuple[type[enum.StrEnum], ...] = (
    UserRole,
    LessonStatus,
    ContentBlockType,
    QuestionType,
    EnrollmentStatus,
    LessonProgressStatus,
    SlideLayout,
)


def pg_enum(enum_class: type[enum.StrEnum]) -> Enum:
    """The native PostgreSQL type, named as the design's enum ("UserRole"), storing the values."""
    return Enum(
        enum_class,
        name=enum_class.__name__,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
