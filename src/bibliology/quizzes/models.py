from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Numeric, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bibliology.db import NULLABLE_JSONB, Base, created_at_column, id_column, updated_at_column
from bibliology.enums import QuestionType, pg_enum

if TYPE_CHECKING:
    from bibliology.accounts.models import User
    from bibliology.lessons.models import Lesson, Slide


class Quiz(Base):
    __tablename__ = "quizzes"
    __table_args__ = (
        Index(None, "lesson_id"),
        Index(None, "slide_id"),
        CheckConstraint("passing_score_percentage BETWEEN 0 AND 100", name="passing_score_percentage"),
        CheckConstraint("time_limit_minutes IS NULL OR time_limit_minutes > 0", name="time_limit_minutes"),
        CheckConstraint("max_attempts IS NULL OR max_attempts >= 1", name="max_attempts"),
        CheckConstraint(
            "partial_credit_policy IN ('all_or_nothing', 'partial')", name="partial_credit_policy"
        ),
        CheckConstraint("wrong_pick_penalty IN ('none', 'balanced', 'strict')", name="wrong_pick_penalty"),
    )

    id: Mapped[str] = id_column()
    lesson_id: Mapped[str] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE", onupdate="CASCADE"))
    slide_id: Mapped[str | None] = mapped_column(
        ForeignKey("slides.id", ondelete="CASCADE", onupdate="CASCADE")
    )
    title_en: Mapped[str]
    title_fr: Mapped[str | None]
    passing_score_percentage: Mapped[int] = mapped_column(default=70, server_default="70")
    time_limit_minutes: Mapped[int | None]
    shuffle_questions: Mapped[bool] = mapped_column(default=False, server_default="false")
    shuffle_options: Mapped[bool] = mapped_column(default=False, server_default="false")
    allow_review: Mapped[bool] = mapped_column(default=True, server_default="true")
    show_correct_answers: Mapped[bool] = mapped_column(default=True, server_default="true")
    max_attempts: Mapped[int | None]
    # Added (docs/quizzes.md "Scoring"): credit per part or all-or-nothing, and what a wrong pick
    # of a multiple-answer question costs.
    partial_credit_policy: Mapped[str] = mapped_column(default="partial", server_default="partial")
    wrong_pick_penalty: Mapped[str] = mapped_column(default="balanced", server_default="balanced")
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()

    lesson: Mapped[Lesson] = relationship(back_populates="quizzes", lazy="raise")
    slide: Mapped[Slide | None] = relationship(back_populates="quizzes", lazy="raise")
    questions: Mapped[list[Question]] = relationship(
        back_populates="quiz", lazy="raise", order_by="Question.question_order", passive_deletes=True
    )
    submissions: Mapped[list[QuizSubmission]] = relationship(
        back_populates="quiz", lazy="raise", passive_deletes=True
    )


class Question(Base):
    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("quiz_id", "question_order"),
        CheckConstraint("question_order >= 0", name="question_order"),
        CheckConstraint("points >= 0", name="points"),
    )

    id: Mapped[str] = id_column()
    quiz_id: Mapped[str] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE", onupdate="CASCADE"))
    question_order: Mapped[int]
    question_type: Mapped[QuestionType] = mapped_column(pg_enum(QuestionType))
    question_text_en: Mapped[Any] = mapped_column(JSONB)
    question_text_fr: Mapped[Any | None] = mapped_column(NULLABLE_JSONB)
    options_en: Mapped[Any | None] = mapped_column(NULLABLE_JSONB)
    options_fr: Mapped[Any | None] = mapped_column(NULLABLE_JSONB)
    correct_answers: Mapped[Any] = mapped_column(JSONB)
    explanation_en: Mapped[Any | None] = mapped_column(NULLABLE_JSONB)
    explanation_fr: Mapped[Any | None] = mapped_column(NULLABLE_JSONB)
    points: Mapped[int] = mapped_column(default=1, server_default="1")
    # Added: a question that has answers is retired (kept for past attempts, left out of new ones).
    retired_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()

    quiz: Mapped[Quiz] = relationship(back_populates="questions", lazy="raise")
    answers: Mapped[list[QuestionAnswer]] = relationship(
        back_populates="question", lazy="raise", passive_deletes=True
    )


class QuizSubmission(Base):
    __tablename__ = "quiz_submissions"
    __table_args__ = (
        Index(None, "quiz_id"),
        Index(None, "student_id"),
        Index(None, "submitted_at"),
        CheckConstraint("score_percentage BETWEEN 0 AND 100", name="score_percentage"),
        CheckConstraint("points_earned >= 0 AND total_points >= 0", name="points"),
        CheckConstraint("points_earned <= total_points", name="points_earned_le_total"),
        CheckConstraint("time_spent_seconds IS NULL OR time_spent_seconds >= 0", name="time_spent_seconds"),
        # At most one open attempt per student and quiz, whatever the application does.
        Index(
            "quiz_submissions_open_attempt_key",
            "student_id",
            "quiz_id",
            unique=True,
            postgresql_where=text("status = 'open'"),
        ),
        # The periodic sweep's lookup of overdue attempts.
        Index(
            "quiz_submissions_open_deadline_idx",
            "deadline_at",
            postgresql_where=text("status = 'open' AND deadline_at IS NOT NULL"),
        ),
        CheckConstraint("status IN ('open', 'graded')", name="status"),
        CheckConstraint("language IN ('en', 'fr')", name="language"),
        CheckConstraint("closed_by IS NULL OR closed_by IN ('student', 'deadline')", name="closed_by"),
        CheckConstraint("score_exact IS NULL OR score_exact BETWEEN 0 AND 100", name="score_exact"),
        CheckConstraint("points_exact IS NULL OR points_exact >= 0", name="points_exact"),
    )

    id: Mapped[str] = id_column()
    quiz_id: Mapped[str] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE", onupdate="CASCADE"))
    student_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE", onupdate="CASCADE"))
    score_percentage: Mapped[int]
    points_earned: Mapped[int]
    total_points: Mapped[int]
    passed: Mapped[bool]
    time_spent_seconds: Mapped[int | None]
    started_at: Mapped[dt.datetime] = created_at_column()
    submitted_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = updated_at_column()
    # Added: the attempt's state. Rows written by other clients are finished submissions ('graded');
    # an attempt in progress is 'open' with its score columns at 0 until it is graded.
    status: Mapped[str] = mapped_column(default="graded", server_default="graded")
    language: Mapped[str] = mapped_column(default="en", server_default="en")
    shuffle_seed: Mapped[int | None] = mapped_column(BigInteger)
    # The attempt's questions in the order shown, fixed when it starts.
    question_ids: Mapped[list[Any] | None] = mapped_column(NULLABLE_JSONB)
    # Server start time + time limit + grace; NULL without a time limit.
    deadline_at: Mapped[dt.datetime | None]
    # Exact totals (the design's integer columns hold their rounding, docs/quizzes.md).
    points_exact: Mapped[Decimal | None] = mapped_column(Numeric(14, 6))
    score_exact: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    closed_by: Mapped[str | None]
    # Set when a teacher resets the student's attempts: kept for the record, no longer counted.
    voided_at: Mapped[dt.datetime | None]

    quiz: Mapped[Quiz] = relationship(back_populates="submissions", lazy="raise")
    student: Mapped[User] = relationship(back_populates="quiz_submissions", lazy="raise")
    answers: Mapped[list[QuestionAnswer]] = relationship(
        back_populates="submission", lazy="raise", passive_deletes=True
    )


class QuestionAnswer(Base):
    __tablename__ = "question_answers"
    __table_args__ = (
        # (submission_id, question_id) unique also serves the design's index on submission_id.
        UniqueConstraint("submission_id", "question_id"),
        Index(None, "question_id"),
        CheckConstraint("points_earned >= 0", name="points_earned"),
        Index(None, "overridden_by", postgresql_where=text("overridden_by IS NOT NULL")),
        CheckConstraint("credit IS NULL OR credit BETWEEN 0 AND 1", name="credit"),
        CheckConstraint("override_points IS NULL OR override_points >= 0", name="override_points"),
    )

    id: Mapped[str] = id_column()
    submission_id: Mapped[str] = mapped_column(
        ForeignKey("quiz_submissions.id", ondelete="CASCADE", onupdate="CASCADE")
    )
    question_id: Mapped[str] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE", onupdate="CASCADE")
    )
    answer_given: Mapped[Any] = mapped_column(JSONB)
    is_correct: Mapped[bool]
    points_earned: Mapped[int]
    answered_at: Mapped[dt.datetime] = created_at_column()
    # Added: the exact share of the question's points earned (a fraction with a small denominator,
    # stored to 9 decimals and read back exactly: bibliology.quizzes.scoring).
    credit: Mapped[Decimal | None] = mapped_column(Numeric(10, 9))
    # What the grader saw: parts right, the accepted answer matched, a typo forgiven…
    detail: Mapped[dict[str, Any] | None]
    # A teacher's grade replaces the grader's (points, at most 2 decimals), with the reason.
    override_points: Mapped[Decimal | None] = mapped_column(Numeric(7, 2))
    override_comment: Mapped[str | None]
    overridden_by: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", onupdate="CASCADE")
    )
    overridden_at: Mapped[dt.datetime | None]

    submission: Mapped[QuizSubmission] = relationship(back_populates="answers", lazy="raise")
    question: Mapped[Question] = relationship(back_populates="answers", lazy="raise")


class AttemptAnswer(Base):
    """An answer saved during an open attempt; graded into question_answers when it is submitted."""

    __tablename__ = "attempt_answers"
    __table_args__ = (Index(None, "question_id"),)

    submission_id: Mapped[str] = mapped_column(
        ForeignKey("quiz_submissions.id", ondelete="CASCADE", onupdate="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE", onupdate="CASCADE"), primary_key=True
    )
    answer: Mapped[Any] = mapped_column(JSONB)
    saved_at: Mapped[dt.datetime] = created_at_column()


class AttemptGrant(Base):
    """Extra attempts a teacher gave one student on one quiz, beyond max_attempts."""

    __tablename__ = "attempt_grants"
    __table_args__ = (
        Index(None, "quiz_id", "student_id"),
        Index(None, "student_id"),
        CheckConstraint("extra_attempts BETWEEN 1 AND 100", name="extra_attempts"),
    )

    id: Mapped[str] = id_column()
    quiz_id: Mapped[str] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE", onupdate="CASCADE"))
    student_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE", onupdate="CASCADE"))
    extra_attempts: Mapped[int]
    reason: Mapped[str | None]
    granted_by: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", onupdate="CASCADE")
    )
    created_at: Mapped[dt.datetime] = created_at_column()
