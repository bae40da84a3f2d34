"""What each benchmark student does: enrollments, lessons started and completed, slides seen, quizzes.

The plan follows the application's rules, so the rows are what normal use would have written:
- a lesson_progress row exists from the first slide seen; its total_slides_viewed is the number of
  distinct slides seen (slide_views rows), its time_spent_seconds the sum of their seconds;
- a lesson is COMPLETED once every slide is seen and its quiz passed (completed_at = that moment);
  a failed attempt leaves it IN_PROGRESS;
- an enrollment's counters count its completed published lessons; it is COMPLETED (a certificate
  issued) when all of them are, and only a student who completed nothing drops a course.

A plan is a pure function of the student's index: each table's generator recomputes it.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from bibliology.enums import EnrollmentStatus, LessonProgressStatus, LessonStatus
from bibliology.seed.scale_plan import (
    DAY,
    ENROLLMENTS_PER_STUDENT,
    HOUR,
    LESSONS_PER_COURSE,
    MINUTE,
    PROGRESS_PER_STUDENT,
    QUESTIONS_PER_QUIZ,
    SECOND,
    SEED,
    SLIDES_PER_LESSON,
    SUBMISSION_BUDGETS,
    CoursePlan,
    Sizes,
    course_plans,
    mix,
    submissions_before,
)
from bibliology.seed.scale_questions import grade

# Students sign up between ORIGIN + 180 days and REFERENCE - 45 days; 45 days are enough for every
# later event (enrollment ≤ 10 days, 10 lessons ≤ 20 days, quizzes) to stay in the past.
SIGNUP_START = 180 * DAY
SIGNUP_SPAN = 730 * DAY - 45 * DAY - SIGNUP_START


@dataclass(frozen=True, slots=True)
class Attempt:
    """A quiz submission on the row's lesson."""

    started_ms: int
    time_spent_seconds: int
    passed: bool

    @property
    def submitted_ms(self) -> int:
        return self.started_ms + self.time_spent_seconds * SECOND


@dataclass(frozen=True, slots=True)
class ProgressRow:
    index: int  # global lesson_progress index
    order: int  # lesson_order: rows cover lessons 0…n-1 of the course, all published
    status: LessonProgressStatus
    slide_seconds: tuple[int, ...]  # per slide seen: slides 0…views-1, the last one current
    started_ms: int
    time_spent_seconds: int  # their sum (each progress event adds its seconds to both)
    attempt: Attempt | None

    @property
    def views(self) -> int:
        return len(self.slide_seconds)

    @property
    def seen_end_ms(self) -> int:
        return self.started_ms + self.time_spent_seconds * SECOND

    @property
    def completed_ms(self) -> int | None:
        if self.status != LessonProgressStatus.COMPLETED:
            return None
        assert self.attempt is not None
        return self.attempt.submitted_ms  # passing the quiz completed the lesson

    @property
    def updated_ms(self) -> int:
        """The last write to the row: the last slide seen, or the completion (a failed attempt
        does not write to it)."""
        completed = self.completed_ms
        return completed if completed is not None else self.seen_end_ms

    @property
    def last_activity_ms(self) -> int:
        return self.attempt.submitted_ms if self.attempt else self.seen_end_ms


@dataclass(frozen=True)
class EnrollmentPlan:
    index: int  # global enrollment index
    course: CoursePlan
    rows: int  # lesson_progress rows
    completed: int  # the first `completed` rows are COMPLETED, the others IN_PROGRESS
    failed_row: int | None  # an IN_PROGRESS row whose slides were all seen but whose quiz failed
    dropped: bool
    enrolled_ms: int
    first_row: int  # global lesson_progress index of the first row

    def row(self, k: int) -> ProgressRow:
        """Row k. Rows are 2 days apart and each lasts about an hour, so a later row's events all
        come after an earlier one's: the last row holds the enrollment's latest activity."""
        h = mix(self.index, k)
        complete = k < self.completed
        quizzed = complete or k == self.failed_row
        views = SLIDES_PER_LESSON if quizzed else 1 + (h >> 8) % (SLIDES_PER_LESSON - 1)
        bits = mix(self.index, k, 7)  # 3 bits per slide: 15 to 120 seconds each
        seconds = tuple([15 + 15 * ((bits >> (3 * s)) & 7) for s in range(views)])
        spent = sum(seconds)
        started = self.enrolled_ms + 10 * MINUTE + k * 2 * DAY + h % (20 * HOUR)
        attempt = None
        if quizzed:
            quiz_start = started + spent * SECOND + MINUTE + (h >> 32) % (9 * MINUTE)
            attempt = Attempt(quiz_start, 120 + (h >> 44) % 720, passed=complete)
        status = LessonProgressStatus.COMPLETED if complete else LessonProgressStatus.IN_PROGRESS
        return ProgressRow(self.first_row + k, k, status, seconds, started, spent, attempt)

    @property
    def progress(self) -> Iterator[ProgressRow]:
        return (self.row(k) for k in range(self.rows))

    def quizzed(self) -> Iterator[ProgressRow]:
        """The rows with a quiz submission: the completed ones and the failed attempt's."""
        for k in range(self.completed):
            yield self.row(k)
        if self.failed_row is not None:
            yield self.row(self.failed_row)

    @cached_property
    def last_row(self) -> ProgressRow:
        return self.row(self.rows - 1)

    @property
    def total_lessons(self) -> int:
        return self.course.published_lessons

    @property
    def status(self) -> EnrollmentStatus:
        if self.completed == self.total_lessons > 0:
            return EnrollmentStatus.COMPLETED
        return EnrollmentStatus.DROPPED if self.dropped else EnrollmentStatus.ACTIVE

    @property
    def progress_percentage(self) -> int:
        total = self.total_lessons
        return self.completed * 100 // total if total else 0

    @property
    def last_accessed_ms(self) -> int:
        return self.last_row.last_activity_ms

    @property
    def completed_ms(self) -> int | None:
        return self.last_row.completed_ms if self.status == EnrollmentStatus.COMPLETED else None


@dataclass(frozen=True, slots=True)
class SubmissionPlan:
    index: int  # global quiz_submissions index
    lesson: int  # global lesson index: the quiz's
    french: bool  # typed answers in French (a French-speaking student on a translated lesson)
    correct: tuple[bool, ...]  # per question, in question order
    attempt: Attempt
    earned: int
    total: int

    @property
    def score_percentage(self) -> int:
        """100 × earned / total, rounded half up."""
        return (200 * self.earned + self.total) // (2 * self.total)


@dataclass(frozen=True)
class StudentPlan:
    index: int  # among students
    created_ms: int
    language: str
    skill: int  # per mille chance of answering a question right (before passing/failing as planned)
    enrollments: tuple[EnrollmentPlan, ...]

    @property
    def graduate(self) -> bool:
        """Completes its first enrollment's course (and gets a certificate)."""
        return self.index % len(SUBMISSION_BUDGETS) == 0

    @property
    def last_login_ms(self) -> int:
        last = max(enrollment.last_accessed_ms for enrollment in self.enrollments)
        return last + mix(SEED, 2, self.index) % (5 * DAY)

    def submissions(self) -> list[SubmissionPlan]:
        plans: list[SubmissionPlan] = []
        first = submissions_before(self.index)
        for enrollment in self.enrollments:
            course = enrollment.course
            for row in enrollment.quizzed():
                assert row.attempt is not None
                index = first + len(plans)
                lesson = course.index * LESSONS_PER_COURSE + row.order
                correct = [mix(index, k) % 1000 < self.skill for k in range(QUESTIONS_PER_QUIZ)]
                earned, total = grade(lesson, correct, passed=row.attempt.passed)
                french = self.language == "fr" and course.lesson_has_french(row.order)
                plans.append(
                    SubmissionPlan(index, lesson, french, tuple(correct), row.attempt, earned, total)
                )
        return plans


class Students:
    """Plans students on demand."""

    def __init__(self, courses: list[CoursePlan]) -> None:
        self.courses = courses
        self.published = [c.index for c in courses if c.status == LessonStatus.PUBLISHED]
        self.full = [c for c in self.published if courses[c].published_lessons == LESSONS_PER_COURSE]

    def plan(self, i: int) -> StudentPlan:
        rng = random.Random(mix(SEED, 3, i))
        created = SIGNUP_START + rng.randrange(SIGNUP_SPAN)
        language = "fr" if rng.random() < 0.35 else "en"
        skill = rng.randrange(450, 990)
        budget = SUBMISSION_BUDGETS[i % len(SUBMISSION_BUDGETS)]
        graduate = i % len(SUBMISSION_BUDGETS) == 0
        if graduate:  # the course completed has one quiz per lesson: the whole budget
            first = rng.choice(self.full)
            picks = [
                first,
                *rng.sample([c for c in self.published if c != first], ENROLLMENTS_PER_STUDENT - 1),
            ]
        else:
            picks = rng.sample(self.published, ENROLLMENTS_PER_STUDENT)
        caps = [self.courses[c].published_lessons for c in picks]
        start = [caps[0] if graduate else 1] + [1] * (len(picks) - 1)
        rows = _spread(rng, start, caps, PROGRESS_PER_STUDENT, fixed={0} if graduate else set())
        completed = [0] * len(picks)
        failed: int | None = None  # enrollment with a failed attempt
        if graduate:
            completed[0] = caps[0]
        else:
            failed = rng.randrange(len(picks)) if rng.random() < 0.4 else None
            # completed rows leave room for the failed attempt's IN_PROGRESS row
            room = [r - (j == failed) for j, r in enumerate(rows)]
            completed = _spread(rng, completed, room, budget - (failed is not None), fixed=set())
        enrollments = []
        first_row = i * PROGRESS_PER_STUDENT
        for j, c in enumerate(picks):
            enrollments.append(
                EnrollmentPlan(
                    index=i * ENROLLMENTS_PER_STUDENT + j,
                    course=self.courses[c],
                    rows=rows[j],
                    completed=completed[j],
                    failed_row=completed[j] if j == failed else None,
                    dropped=completed[j] == 0 and j != failed and rng.random() < 0.3,
                    enrolled_ms=created + j * HOUR + rng.randrange(10 * DAY),
                    first_row=first_row,
                )
            )
            first_row += rows[j]
        return StudentPlan(i, created, language, skill, tuple(enrollments))


def _spread(
    rng: random.Random, start: list[int], caps: list[int], total: int, *, fixed: set[int]
) -> list[int]:
    """Add units one at a time to random entries of `start` (not those in `fixed`, none beyond its
    cap) until they sum to `total`."""
    values = list(start)
    open_ = [j for j in range(len(values)) if j not in fixed and values[j] < caps[j]]
    for _ in range(total - sum(values)):
        j = open_[int(rng.random() * len(open_))]
        values[j] += 1
        if values[j] >= caps[j]:
            open_.remove(j)
    return values


@dataclass(frozen=True)
class Dataset:
    """What every row generator needs: the sizes, the courses, and the students' planner.
    `tally` counts rows whose number is only known while generating (slide_views)."""

    sizes: Sizes
    courses: list[CoursePlan]
    students: Students
    tally: Counter[str] = field(default_factory=Counter)

    @classmethod
    def build(cls, sizes: Sizes) -> Dataset:
        courses = course_plans(sizes)
        return cls(sizes, courses, Students(courses))

    def student_user(self, i: int) -> int:
        """The users-table index of student i (after the admin and the teachers)."""
        return 1 + self.sizes.teachers + i

    def lesson(self, index: int) -> tuple[CoursePlan, int]:
        """The course and lesson_order of global lesson `index`."""
        course, order = divmod(index, LESSONS_PER_COURSE)
        return self.courses[course], order
