from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bibliology.db import Base, created_at_column, id_column, updated_at_column
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
    question_text_fr: Mapped[Any | None] = mapped_column(JSONB)
    options_en: Mapped[Any | None] = mapped_column(JSONB)
    options_fr: Mapped[Any | None] = mapped_column(JSONB)
    correct_answers: Mapped[Any] = mapped_column(JSONB)
    explanation_en: Mapped[Any | None] = mapped_column(JSONB)
    explanation_fr: Mapped[Any | None] = mapped_column(JSONB)
    points: Mapped[int] = mapped_column(default=1, server_default="1")
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

    submission: Mapped[QuizSubmission] = relationship(back_populates="answers", lazy="raise")
    question: Mapped[Question] = relationship(back_populates="answers", lazy="raise")
