"""Request bodies and answers of the quiz engine.

Authoring shapes (`QuizRead`, `QuestionRead`) carry correct answers and are served to the course's
teacher only. Student shapes (`QuizOverview`, `AttemptView`) never carry correct answers,
correctness or explanations before submission; after it, `AttemptResult.review` holds what the
quiz's allow_review / show_correct_answers allow (bibliology.quizzes.review decides).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints, field_validator

from bibliology.courses.fields import Input, Position, Title, not_null
from bibliology.enums import QuestionType
from bibliology.quizzes.grading.base import PartialCredit, WrongPickPenalty

Percentage = Annotated[int, Field(ge=0, le=100)]
Minutes = Annotated[int, Field(ge=1, le=24 * 60)]
Attempts = Annotated[int, Field(ge=1, le=100)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Comment = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)]


class QuizCreate(Input):
    title_en: Title
    title_fr: Title | None = None
    # A quiz shown on one slide of the lesson; none: at the end of the lesson.
    slide_id: Id | None = None
    passing_score_percentage: Percentage = 70
    time_limit_minutes: Minutes | None = None
    shuffle_questions: bool = False
    shuffle_options: bool = False
    allow_review: bool = True
    show_correct_answers: bool = True
    max_attempts: Attempts | None = None
    partial_credit_policy: PartialCredit = "partial"
    wrong_pick_penalty: WrongPickPenalty = "balanced"


class QuizUpdate(Input):
    """Only what is sent changes; `null` clears an optional setting (no time limit, unlimited attempts)."""

    title_en: Title | None = None
    title_fr: Title | None = None
    slide_id: Id | None = None
    passing_score_percentage: Percentage | None = None
    time_limit_minutes: Minutes | None = None
    shuffle_questions: bool | None = None
    shuffle_options: bool | None = None
    allow_review: bool | None = None
    show_correct_answers: bool | None = None
    max_attempts: Attempts | None = None
    partial_credit_policy: PartialCredit | None = None
    wrong_pick_penalty: WrongPickPenalty | None = None

    _required = field_validator(
        "title_en",
        "passing_score_percentage",
        "shuffle_questions",
        "shuffle_options",
        "allow_review",
        "show_correct_answers",
        "partial_credit_policy",
        "wrong_pick_penalty",
    )(not_null)


class QuizRead(BaseModel):
    """A quiz's settings, both languages (authoring)."""

    id: str
    lesson_id: str
    slide_id: str | None
    title_en: str
    title_fr: str | None
    passing_score_percentage: int
    time_limit_minutes: int | None
    shuffle_questions: bool
    shuffle_options: bool
    allow_review: bool
    show_correct_answers: bool
    max_attempts: int | None
    partial_credit_policy: str
    wrong_pick_penalty: str
    created_at: dt.datetime
    updated_at: dt.datetime


class QuestionCreate(Input):
    """Shapes per type: docs/content-model.md "Questions" (validated by bibliology.content)."""

    # A type name, case-insensitive ("MULTIPLE_CHOICE"); checked with the rest of the question.
    question_type: str
    text_en: Any
    text_fr: Any = None
    options_en: Any = None
    options_fr: Any = None
    correct_answers: Any
    explanation_en: Any = None
    explanation_fr: Any = None
    points: int = 1
    position: Position | None = None


class QuestionUpdate(Input):
    """Only what is sent changes; the whole question is validated again. The type cannot change
    once the question has answers."""

    question_type: str | None = None
    text_en: Any = None
    text_fr: Any = None
    options_en: Any = None
    options_fr: Any = None
    correct_answers: Any = None
    explanation_en: Any = None
    explanation_fr: Any = None
    points: int | None = None

    _required = field_validator("question_type", "text_en", "correct_answers", "points")(not_null)


class QuestionRead(BaseModel):
    """A question in full, correct answers included: the course's teacher and admins only."""

    id: str
    quiz_id: str
    question_order: int
    question_type: QuestionType
    question_text_en: Any
    question_text_fr: Any
    options_en: Any
    options_fr: Any
    correct_answers: Any
    explanation_en: Any
    explanation_fr: Any
    points: int
    retired_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


class QuizAuthoring(BaseModel):
    quiz: QuizRead
    questions: list[QuestionRead]


class QuestionChange(BaseModel):
    """An edited question, and the past submissions a regrade would recompute (correct answers or
    points changed while graded answers exist): POST /api/v1/questions/{id}/regrade applies it."""

    question: QuestionRead
    regrade_suggested: bool
    graded_answers: int


class QuestionRemoval(BaseModel):
    question_id: str
    outcome: Literal["deleted", "retired"]


class QuestionOrder(Input):
    question_ids: Annotated[list[Id], Field(min_length=1, max_length=500)]


class RegradeResult(BaseModel):
    question_id: str
    answers_regraded: int
    answers_changed: int
    submissions_changed: int


# --------------------------------------------------------------------------- students


class ScoringRules(BaseModel):
    """What a student reads before starting (docs/quizzes.md)."""

    passing_score_percentage: int
    time_limit_minutes: int | None
    grace_seconds: int
    max_attempts: int | None
    shuffle_questions: bool
    shuffle_options: bool
    allow_review: bool
    show_correct_answers: bool
    partial_credit_policy: str
    wrong_pick_penalty: str
    summary: list[str]


class AttemptSummary(BaseModel):
    id: str
    status: Literal["open", "graded"]
    started_at: dt.datetime
    deadline_at: dt.datetime | None
    submitted_at: dt.datetime | None
    closed_by: str | None
    score_percentage: int | None
    points_earned: int | None
    total_points: int | None
    passed: bool | None
    voided: bool


class QuizOverview(BaseModel):
    """A quiz as a student sees it before starting: rules, attempts, no questions."""

    id: str
    lesson_id: str
    slide_id: str | None
    title: str
    lang: str
    fell_back: bool
    question_count: int
    total_points: int
    rules: ScoringRules
    attempts: list[AttemptSummary]
    attempts_used: int
    attempts_allowed: int | None
    attempts_left: int | None
    open_attempt_id: str | None
    can_start: bool


class PresentedQuestion(BaseModel):
    """A question inside an attempt: text and options in the attempt's order, never the answer."""

    id: str
    position: int
    question_type: QuestionType
    points: int
    text: Any
    options: Any = None
    multiple: bool | None = None
    blanks: list[str] | None = None
    fell_back: bool = False


class ReviewItem(BaseModel):
    question_id: str
    position: int
    answer_given: Any
    points_earned: Decimal
    points: int
    is_correct: bool
    detail: dict[str, Any] | None = None
    correct_answer: Any = None
    explanation: Any = None
    teacher_comment: str | None = None


class AttemptResult(BaseModel):
    score_percentage: int
    score_exact: Decimal
    points_earned: int
    points_exact: Decimal
    total_points: int
    passed: bool
    passing_score_percentage: int
    closed_by: str | None
    review: list[ReviewItem] | None


class AttemptView(BaseModel):
    id: str
    quiz_id: str
    status: Literal["open", "graded"]
    lang: str
    started_at: dt.datetime
    # The time limit's end, and the server's cut-off (the end + the grace period) after which
    # answers are refused; seconds_left counts down to the end.
    ends_at: dt.datetime | None
    accepts_answers_until: dt.datetime | None
    seconds_left: int | None
    submitted_at: dt.datetime | None
    questions: list[PresentedQuestion]
    answers: dict[str, Any]
    result: AttemptResult | None


class AnswersSave(Input):
    """Answers by question id (shapes: docs/quizzes.md "Answers"); saved ones are replaced."""

    answers: Annotated[dict[Id, Any], Field(max_length=500)]


class AttemptSubmit(Input):
    answers: Annotated[dict[Id, Any], Field(max_length=500)] | None = None


# --------------------------------------------------------------------------- teachers


class GrantCreate(Input):
    extra_attempts: Attempts = 1
    reason: Comment | None = None


class AllowanceRead(BaseModel):
    quiz_id: str
    student_id: str
    attempts_used: int
    attempts_allowed: int | None
    attempts_left: int | None


class OverrideSet(Input):
    points: Annotated[Decimal, Field(ge=0, max_digits=7, decimal_places=2)]
    comment: Comment

    @field_validator("points", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        # JSON numbers arrive as int/float; strict mode wants a Decimal. A string is a client's
        # type error like any other (bibliology.inputs), so "1.5" is refused.
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise ValueError("must be a number of points, e.g. 1.5")
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise ValueError("must be a number of points, e.g. 1.5") from None


class GradebookRow(BaseModel):
    student_id: str
    name: str
    email: str
    attempts_used: int
    attempts_left: int | None
    best_score_percentage: int | None
    last_score_percentage: int | None
    passed: bool
    open_attempt_id: str | None


class TeacherAnswer(BaseModel):
    question_id: str
    question_type: QuestionType
    position: int
    points: int
    question_text: Any
    answer_given: Any
    points_earned: Decimal
    is_correct: bool
    detail: dict[str, Any] | None
    correct_answers: Any
    override_points: Decimal | None
    override_comment: str | None
    overridden_by: str | None
    overridden_at: dt.datetime | None


class TeacherAttempt(BaseModel):
    summary: AttemptSummary
    language: str
    points_exact: Decimal | None
    score_exact: Decimal | None
    answers: list[TeacherAnswer]


class StudentGradebook(BaseModel):
    quiz_id: str
    student_id: str
    name: str
    allowance: AllowanceRead
    attempts: list[TeacherAttempt]


class WrongAnswer(BaseModel):
    answer: Any
    count: int


class QuestionStats(BaseModel):
    question_id: str
    question_order: int
    question_type: QuestionType
    retired: bool
    answers: int
    share_correct: float | None
    average_credit: float | None
    most_common_wrong: WrongAnswer | None


class QuizStats(BaseModel):
    quiz_id: str
    attempts: int
    students: int
    average_score: float | None
    pass_rate: float | None
    open_attempts: int
    questions: list[QuestionStats]
