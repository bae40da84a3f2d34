"""Inputs and outputs of the learning loop. Inputs refuse unknown fields; the read models document
the JSON the query patterns build in SQL (tests validate every response against them, strictly, so
a field the SQL adds or drops — a correct answer in a student's tree — fails)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from bibliology.enums import (
    ContentBlockType,
    EnrollmentStatus,
    LessonProgressStatus,
    LessonStatus,
    QuestionType,
    SlideLayout,
)
from bibliology.inputs import StrictInput

Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]
NoteText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
# Client-made ids (UUIDs, ULIDs, "tab3-17"…): printable and short.
ClientEventId = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:-]+$")]


class Input(StrictInput):
    """Unknown fields refused, no coercion: `"seconds": "20"` is a 422 (bibliology.inputs)."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------------------------------- inputs


class ProgressEventCreate(Input):
    lesson_id: Id
    slide_id: Id
    # Any non-negative number is accepted; at most MAX_SECONDS_PER_EVENT of it is counted.
    seconds: int = Field(ge=0, le=24 * 3600)
    client_event_id: ClientEventId


class NoteCreate(Input):
    slide_id: Id
    note_text: NoteText


class NoteUpdate(Input):
    slide_id: Id | None = None
    note_text: NoteText | None = None


# ----------------------------------------------------------------------------------- enrollments


class EnrollmentRead(Strict):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    id: str
    course_id: str
    student_id: str
    status: EnrollmentStatus
    progress_percentage: int
    lessons_completed: int
    total_lessons: int
    enrolled_at: dt.datetime
    last_accessed_at: dt.datetime
    completed_at: dt.datetime | None


class LessonProgressRead(Strict):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    lesson_id: str
    status: LessonProgressStatus
    current_slide_index: int
    current_slide_id: str | None
    total_slides_viewed: int
    time_spent_seconds: int
    started_at: dt.datetime
    completed_at: dt.datetime | None


class ProgressEventResult(Strict):
    replayed: bool
    lesson_completed: bool
    course_completed: bool
    counted_seconds: int
    lesson: LessonProgressRead
    enrollment: EnrollmentRead


class NoteRead(Strict):
    model_config = ConfigDict(extra="forbid", from_attributes=True)

    id: str
    lesson_id: str
    slide_id: str | None
    slide_index: int
    note_text: str
    created_at: dt.datetime
    updated_at: dt.datetime


# ----------------------------------------------------------- pattern 1: course with its lessons

Fallback = list[str]


class OutlineCourse(Strict):
    id: str
    slug: str
    title: str
    description: str
    thumbnail_url: str | None
    cover_image_url: str | None
    category: str | None
    tags: list[str]
    estimated_hours: int | None
    difficulty: str | None
    status: LessonStatus
    published_at: dt.datetime | None
    lang: str
    fallback: Fallback


class OutlineProgress(Strict):
    status: LessonProgressStatus
    current_slide_index: int
    current_slide_id: str | None
    total_slides_viewed: int
    time_spent_seconds: int
    started_at: dt.datetime
    completed_at: dt.datetime | None


class OutlineLesson(Strict):
    id: str
    slug: str
    title: str
    description: str | None
    lesson_order: int
    estimated_minutes: int | None
    slide_count: int
    fallback: Fallback
    progress: OutlineProgress | None


class OutlineEnrollment(Strict):
    id: str
    status: EnrollmentStatus
    progress_percentage: int
    lessons_completed: int
    total_lessons: int
    enrolled_at: dt.datetime
    last_accessed_at: dt.datetime
    completed_at: dt.datetime | None


class CourseOutlineRead(Strict):
    course: OutlineCourse
    lessons: list[OutlineLesson]
    enrollment: OutlineEnrollment | None


# ------------------------------------------------------------------- pattern 2: the lesson tree


class TreeLesson(Strict):
    id: str
    slug: str
    course_id: str
    title: str
    description: str | None
    lesson_order: int
    estimated_minutes: int | None
    status: LessonStatus
    updated_at: dt.datetime
    lang: str
    read_only: bool  # the lesson or its course is archived: readable, not editable until restored
    fallback: Fallback


class TreeBlock(Strict):
    id: str
    block_order: int
    block_type: ContentBlockType
    content: dict[str, Any]
    style_config: dict[str, Any] | None
    fallback: Fallback


class QuizSummary(Strict):
    id: str
    slide_id: str | None
    title: str
    passing_score_percentage: int
    time_limit_minutes: int | None
    max_attempts: int | None
    shuffle_questions: bool
    shuffle_options: bool
    allow_review: bool
    show_correct_answers: bool
    question_count: int
    total_points: int
    fallback: Fallback


class TeacherQuestion(Strict):
    id: str
    question_order: int
    question_type: QuestionType
    question_text: Any
    options: Any
    correct_answers: Any
    explanation: Any
    points: int
    fallback: Fallback


class TeacherQuiz(QuizSummary):
    questions: list[TeacherQuestion]


class StudentSlide(Strict):
    id: str
    index: int
    slide_order: int
    layout: SlideLayout
    title: str | None
    fallback: Fallback
    blocks: list[TreeBlock]
    quizzes: list[QuizSummary]


class TeacherSlide(StudentSlide):
    notes: str | None
    quizzes: list[TeacherQuiz]  # type: ignore[assignment]


class StudentLessonTree(Strict):
    lesson: TreeLesson
    audience: Literal["student"]
    slides: list[StudentSlide]
    quizzes: list[QuizSummary]


class TeacherLessonTree(Strict):
    lesson: TreeLesson
    audience: Literal["teacher"]
    slides: list[TeacherSlide]
    quizzes: list[TeacherQuiz]


# ------------------------------------------------------------------ pattern 3: the dashboard


class DashboardCourse(Strict):
    id: str
    slug: str
    title: str
    thumbnail_url: str | None
    fallback: Fallback


class ResumeLesson(Strict):
    lesson_id: str
    slug: str
    title: str
    lesson_order: int
    status: LessonProgressStatus
    current_slide_index: int
    current_slide_id: str | None
    fallback: Fallback


class DashboardEnrollment(Strict):
    id: str
    status: EnrollmentStatus
    progress_percentage: int
    lessons_completed: int
    total_lessons: int
    enrolled_at: dt.datetime
    last_accessed_at: dt.datetime
    course: DashboardCourse
    resume: ResumeLesson | None


class DashboardCertificate(Strict):
    id: str
    certificate_number: str
    certificate_url: str
    issued_at: dt.datetime
    course_id: str | None
    lesson_id: str | None
    title: str | None
    fallback: Fallback


class DashboardQuizResult(Strict):
    id: str
    quiz_id: str
    lesson_id: str
    quiz_title: str
    score_percentage: int
    passed: bool
    submitted_at: dt.datetime
    fallback: Fallback


class DashboardRead(Strict):
    enrollments: list[DashboardEnrollment]
    certificates: list[DashboardCertificate]
    quiz_results: list[DashboardQuizResult]


# ----------------------------------------------------------------- pattern 4: quiz results


class ResultAnswer(Strict):
    question_id: str
    question_order: int
    question_text: Any
    points: int
    answer_given: Any
    is_correct: bool
    points_earned: int
    fallback: Fallback


class QuizResultRead(Strict):
    id: str
    quiz_id: str
    lesson_id: str
    quiz_title: str
    passing_score_percentage: int
    score_percentage: int
    points_earned: int
    total_points: int
    passed: bool
    time_spent_seconds: int | None
    started_at: dt.datetime
    submitted_at: dt.datetime
    review: bool
    fallback: Fallback
    answers: list[ResultAnswer]


class QuizResultPage(Strict):
    items: list[QuizResultRead]
    total: int
    page: int
    page_size: int


# ------------------------------------------------------------------------- teacher views


class StudentRef(Strict):
    id: str
    name: str
    email: str
    avatar_url: str | None


class RosterQuizzes(Strict):
    submitted: int
    passed: int
    average_score: int | None
    last_submitted_at: dt.datetime | None


class RosterRow(Strict):
    student: StudentRef
    enrollment: OutlineEnrollment
    quizzes: RosterQuizzes


class RosterPage(Strict):
    items: list[RosterRow]
    total: int
    page: int
    page_size: int
    quiz_count: int


class LessonRef(Strict):
    id: str
    slug: str
    title: str
    lesson_order: int
    fallback: Fallback


class LessonQuizResult(Strict):
    quiz_id: str
    title: str
    attempts: int
    best_score: int | None
    passed: bool
    fallback: Fallback


class StudentLessonRow(Strict):
    lesson: LessonRef
    status: LessonProgressStatus
    total_slides_viewed: int
    slide_count: int
    current_slide_index: int
    time_spent_seconds: int
    started_at: dt.datetime | None
    completed_at: dt.datetime | None
    last_accessed_at: dt.datetime | None  # the last progress on this lesson
    quizzes: list[LessonQuizResult]


class StudentProgressPage(Strict):
    student: StudentRef
    enrollment: OutlineEnrollment
    items: list[StudentLessonRow]
    total: int
    page: int
    page_size: int
