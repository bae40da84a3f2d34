"""The shape of benchmark data: how many rows of what, their ids and their timeline.

Everything is a pure function of the scale: ids are derived from (table, index), random choices come
from `random.Random` instances seeded with integers (never `hash()` of a string, which changes per
process), and every timestamp is an offset from a fixed reference date. Row generators recompute what
they need from here instead of keeping millions of rows in memory.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from bibliology.enums import LessonStatus
from bibliology.seed.scale_text import COURSE_SUBTITLES, COURSE_TOPICS, LESSON_TOPICS, Pair

SEED = 20261101
# The data set's "now": nothing happens after it, whatever day the data is loaded.
REFERENCE = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
ORIGIN = REFERENCE - dt.timedelta(days=730)

SECOND = 1000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR

LESSONS_PER_COURSE = 10
SLIDES_PER_LESSON = 20
BLOCKS_PER_SLIDE = 5
QUESTIONS_PER_QUIZ = 10
ENROLLMENTS_PER_STUDENT = 5
PROGRESS_PER_STUDENT = 20  # 4 lesson_progress rows per enrollment on average
STUDENTS_PER_UNIT = 1000
COURSES_PER_UNIT = 20
MIN_PUBLISHED_COURSES = ENROLLMENTS_PER_STUDENT  # each student enrolls in distinct published courses
# Quiz submissions by student index modulo 4: a lesson is complete only once its quiz is passed, so
# the "graduate" (one in four, who completes a whole course and gets its certificate) submits one
# quiz per lesson of it; the others complete a few lessons. 5 per student on average.
SUBMISSION_BUDGETS = (LESSONS_PER_COURSE, 3, 3, 4)

_MASK64 = (1 << 64) - 1


def mix(a: int, b: int, c: int = 0) -> int:
    """A 64-bit hash of up to three integers (a splitmix64 finaliser): cheap deterministic jitter
    without an RNG; its bit ranges serve as independent draws."""
    x = (a * 0x9E3779B97F4A7C15 + b * 0xC2B2AE3D27D4EB4F + c * 0x165667B19E3779F9) & _MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def row_id(code: str, index: int) -> str:
    """A cuid-shaped id (25 characters of [0-9a-z], starting with 'c') for row `index` of a table.

    Like a cuid it starts with an increasing part, so ids grow in load order and primary-key inserts
    stay local; the table code keeps tables apart and the hashed tail makes ids look random.
    """
    return f"c{index:08x}{code}{mix(_CODE_SALT[code], index) & 0xFFFFFFFFFFFF:012x}"


_TABLE_CODES = [
    "user",
    "crse",
    "lssn",
    "slde",
    "blck",
    "quiz",
    "qstn",
    "enrl",
    "lprg",
    "subm",
    "answ",
    "note",
    "cert",
    "actv",
]
_CODE_SALT = {code: int.from_bytes(code.encode(), "big") for code in _TABLE_CODES}


_ORIGIN_UTC = ORIGIN.replace(tzinfo=None)


def at(ms: int) -> dt.datetime:
    """The instant `ms` milliseconds after ORIGIN, millisecond precision like the columns, as the
    columns store it: a naive UTC datetime (what db.UTCDateTime binds for an aware one)."""
    return _ORIGIN_UTC + dt.timedelta(0, 0, 0, ms)  # positional: keywords cost 3× more


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# --------------------------------------------------------------------------- sizes


@dataclass(frozen=True)
class Sizes:
    """Row counts, linear in the scale: 1 unit = 1,000 students and 20 courses."""

    students: int
    courses: int

    @property
    def teachers(self) -> int:
        return math.ceil(self.courses / 2)

    @property
    def lessons(self) -> int:
        return self.courses * LESSONS_PER_COURSE

    @property
    def certificates(self) -> int:
        return graduates_before(self.students)

    @property
    def notes(self) -> int:
        return self.students // 2  # odd-numbered students leave one note

    def counts(self) -> dict[str, int]:
        """Rows per table, in load order, except slide_views: their number is the sum of
        lesson_progress.total_slides_viewed, known once those rows are generated."""
        slides = self.lessons * SLIDES_PER_LESSON
        submissions = submissions_before(self.students)
        return {
            "users": 1 + self.teachers + self.students,
            "courses": self.courses,
            "lessons": self.lessons,
            "slides": slides,
            "content_blocks": slides * BLOCKS_PER_SLIDE,
            "quizzes": self.lessons,
            "questions": self.lessons * QUESTIONS_PER_QUIZ,
            "enrollments": self.students * ENROLLMENTS_PER_STUDENT,
            "lesson_progress": self.students * PROGRESS_PER_STUDENT,
            "quiz_submissions": submissions,
            "question_answers": submissions * QUESTIONS_PER_QUIZ,
            "student_notes": self.notes,
            "certificates": self.certificates,
            # a course creation per course; per student a login, the enrollments, the submissions
            # and, for a graduate, the certificate
            "activity_logs": (
                self.courses + self.students * (1 + ENROLLMENTS_PER_STUDENT) + submissions + self.certificates
            ),
        }


def graduates_before(student: int) -> int:
    """How many of the students 0…student-1 complete a course (index ≡ 0 mod 4)."""
    return (student + 3) // 4


def submissions_before(student: int) -> int:
    """How many quiz submissions the students 0…student-1 make: the first index of student's."""
    whole, rest = divmod(student, len(SUBMISSION_BUDGETS))
    return whole * sum(SUBMISSION_BUDGETS) + sum(SUBMISSION_BUDGETS[:rest])


def sizes_for(scale: int, fraction: float = 1.0) -> Sizes:
    """`fraction` shrinks a scale for tests (scale 1, fraction 0.5: 500 students, 10 courses)."""
    units = scale * fraction
    sizes = Sizes(students=round(STUDENTS_PER_UNIT * units), courses=round(COURSES_PER_UNIT * units))
    published = [c for c in range(sizes.courses) if course_status(c) == LessonStatus.PUBLISHED]
    if len(published) < MIN_PUBLISHED_COURSES or all(
        published_lessons(c) < LESSONS_PER_COURSE for c in published
    ):
        raise ValueError(
            f"scale {scale} × {fraction} is too small: students enroll in {MIN_PUBLISHED_COURSES} "
            f"distinct published courses (and graduates complete one with {LESSONS_PER_COURSE} "
            f"published lessons); there would be {len(published)}"
        )
    return sizes


# --------------------------------------------------------------------------- courses and lessons


def course_status(c: int) -> LessonStatus:
    if c % 10 == 4:
        return LessonStatus.DRAFT
    if c % 50 == 41:
        return LessonStatus.ARCHIVED
    return LessonStatus.PUBLISHED


def published_lessons(c: int) -> int:
    """Lessons 0…n-1 of course c are published; a draft lesson is always the last one."""
    if course_status(c) == LessonStatus.DRAFT:
        return 0
    return LESSONS_PER_COURSE - 1 if c % 3 == 0 else LESSONS_PER_COURSE


@dataclass(frozen=True)
class CoursePlan:
    index: int
    teacher: int  # index among teachers
    status: LessonStatus
    has_french: bool
    title: Pair
    slug: str
    topics: tuple[int, ...]  # LESSON_TOPICS index of each lesson, distinct within the course
    created_ms: int
    published_ms: int | None

    @cached_property
    def published_lessons(self) -> int:
        return published_lessons(self.index)

    def lesson_status(self, order: int) -> LessonStatus:
        return LessonStatus.PUBLISHED if order < self.published_lessons else LessonStatus.DRAFT

    def lesson_has_french(self, order: int) -> bool:
        # Some lessons of translated courses are still waiting for their translation.
        return self.has_french and not (order == 8 and self.index % 4 == 1)

    def lesson_title(self, order: int) -> Pair:
        return LESSON_TOPICS[self.topics[order]]

    def lesson_created_ms(self, order: int) -> int:
        return self.created_ms + order * 6 * HOUR


def course_plans(sizes: Sizes) -> list[CoursePlan]:
    rng = random.Random(mix(SEED, 1))
    plans = []
    for c in range(sizes.courses):
        topic, subtitle = rng.choice(COURSE_TOPICS), rng.choice(COURSE_SUBTITLES)
        title = (f"{topic[0]}: {subtitle[0]}", f"{topic[1]} : {subtitle[1][0].lower()}{subtitle[1][1:]}")
        created = 3 * DAY + rng.randrange(90 * DAY)
        status = course_status(c)
        plans.append(
            CoursePlan(
                index=c,
                teacher=c // 2,
                status=status,
                has_french=c % 7 != 3,
                title=title,
                slug=f"{slugify(title[0])}-{c + 1}",
                topics=tuple(rng.sample(range(len(LESSON_TOPICS)), LESSONS_PER_COURSE)),
                created_ms=created,
                published_ms=None if status == LessonStatus.DRAFT else created + rng.randrange(5, 60) * DAY,
            )
        )
    return plans
