"""Row generators for people and course content: users, courses, lessons, slides, content_blocks,
quizzes, questions. Each yields tuples in the column order of its `Table`, one row at a time."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from argon2 import low_level

from bibliology.accounts.passwords import HASHER
from bibliology.enums import LessonStatus, UserRole
from bibliology.seed.scale_blocks import paragraph, sentence, slide_blocks, slide_layout, slide_title, theme
from bibliology.seed.scale_plan import (
    BLOCKS_PER_SLIDE,
    DAY,
    HOUR,
    LESSONS_PER_COURSE,
    MINUTE,
    QUESTIONS_PER_QUIZ,
    SECOND,
    SEED,
    SLIDES_PER_LESSON,
    CoursePlan,
    at,
    mix,
    row_id,
    slugify,
)
from bibliology.seed.scale_questions import passing_score, question_for
from bibliology.seed.scale_students import Dataset
from bibliology.seed.scale_text import (
    CATEGORIES,
    DIFFICULTIES,
    FIRST_NAMES_EN,
    FIRST_NAMES_FR,
    LAST_NAMES_EN,
    LAST_NAMES_FR,
    TAGS,
)

Row = tuple[Any, ...]

# Every benchmark account logs in with this password (load tests need real logins). The hash uses
# the application's Argon2 parameters with a fixed salt, so the same scale gives the same bytes.
BENCH_PASSWORD = "bench-password"  # noqa: S105 - public by design: benchmark accounts only
EMAIL_DOMAIN = "bench.example.org"


def password_hash() -> str:
    return low_level.hash_secret(
        BENCH_PASSWORD.encode(),
        b"bibliology-scale",
        time_cost=HASHER.time_cost,
        memory_cost=HASHER.memory_cost,
        parallelism=HASHER.parallelism,
        hash_len=HASHER.hash_len,
        type=HASHER.type,
    ).decode()


def _name(index: int, language: str) -> str:
    first, last = (FIRST_NAMES_FR, LAST_NAMES_FR) if language == "fr" else (FIRST_NAMES_EN, LAST_NAMES_EN)
    return f"{first[mix(index, 1) % len(first)]} {last[mix(index, 2) % len(last)]}"


def _avatar(user: int) -> str | None:
    return f"/media/avatars/{user}.png" if mix(user, 3) % 5 == 0 else None


# users: admin, teachers, students ------------------------------------------------------------

USERS = (
    "id", "email", "password_hash", "name", "role", "avatar_url", "language_pref",
    "created_at", "updated_at", "last_login",
)  # fmt: skip


def users(data: Dataset) -> Iterator[Row]:
    secret = password_hash()
    # last_login is set by a login, which also stamps updated_at (the set_updated_at trigger).
    login = at(729 * DAY)
    yield (row_id("user", 0), f"admin@{EMAIL_DOMAIN}", secret, "Bibliology Admin", UserRole.ADMIN,
           None, "en", at(DAY), login, login)  # fmt: skip
    for t in range(data.sizes.teachers):
        user = 1 + t
        language = "fr" if t % 3 == 0 else "en"
        created, login = at(2 * DAY + t * SECOND), at(700 * DAY + mix(user, 4) % (29 * DAY))
        yield (row_id("user", user), f"teacher{t + 1:05d}@{EMAIL_DOMAIN}", secret, _name(user, language),
               UserRole.TEACHER, _avatar(user), language, created, login, login)  # fmt: skip
    for i in range(data.sizes.students):
        student = data.students.plan(i)
        user = data.student_user(i)
        login = at(student.last_login_ms)
        yield (row_id("user", user), f"student{i + 1:06d}@{EMAIL_DOMAIN}", secret,
               _name(user, student.language), UserRole.STUDENT, _avatar(user), student.language,
               at(student.created_ms), login, login)  # fmt: skip


# courses and lessons ---------------------------------------------------------------------------

COURSES = (
    "id", "slug", "teacher_id", "title_en", "title_fr", "description_en", "description_fr",
    "thumbnail_url", "cover_image_url", "status", "category", "tags", "estimated_hours", "difficulty",
    "created_at", "updated_at", "published_at",
)  # fmt: skip


def courses(data: Dataset) -> Iterator[Row]:
    for course in data.courses:
        rng = random.Random(mix(SEED, 4, course.index))
        description = paragraph(rng, 3)
        french = course.has_french
        published = None if course.published_ms is None else at(course.published_ms)
        yield (
            row_id("crse", course.index), course.slug, row_id("user", 1 + course.teacher),
            course.title[0], course.title[1] if french else None,
            description[0], description[1] if french else None,
            f"/media/courses/{course.slug}/thumbnail.jpg",
            f"/media/courses/{course.slug}/cover.jpg" if rng.random() < 0.6 else None,
            course.status, CATEGORIES[rng.randrange(len(CATEGORIES))],
            sorted(rng.sample(TAGS, rng.randint(1, 4))), rng.randint(2, 30),
            DIFFICULTIES[rng.randrange(len(DIFFICULTIES))],
            at(course.created_ms), published or at(course.created_ms), published,
        )  # fmt: skip


LESSONS = (
    "id", "slug", "course_id", "title_en", "title_fr", "description_en", "description_fr",
    "lesson_order", "status", "estimated_minutes", "imported_from_pptx", "original_filename",
    "import_date", "created_at", "updated_at", "published_at",
)  # fmt: skip


def _lesson_published_ms(course: CoursePlan, order: int) -> int | None:
    if course.published_ms is None or course.lesson_status(order) != LessonStatus.PUBLISHED:
        return None
    return course.published_ms + order * MINUTE


def lessons(data: Dataset) -> Iterator[Row]:
    """search_vector is left to the lessons trigger, so it is exactly what a normal write stores."""
    for course in data.courses:
        for order in range(LESSONS_PER_COURSE):
            index = course.index * LESSONS_PER_COURSE + order
            rng = random.Random(mix(SEED, 5, index))
            french = course.lesson_has_french(order)
            title = course.lesson_title(order)
            description = sentence(rng, theme(index)) if index % 9 != 4 else None
            created = at(course.lesson_created_ms(order))
            published_ms = _lesson_published_ms(course, order)
            published = None if published_ms is None else at(published_ms)
            imported = index % 5 == 2
            yield (
                row_id("lssn", index), f"{course.slug}-{slugify(title[0])}", row_id("crse", course.index),
                title[0], title[1] if french else None,
                description and description[0], description[1] if description and french else None,
                order, course.lesson_status(order), rng.randrange(20, 65, 5), imported,
                f"{course.slug}-lesson-{order + 1:02d}.pptx" if imported else None,
                created if imported else None, created, published or created, published,
            )  # fmt: skip


# slides and blocks -----------------------------------------------------------------------------

SLIDES = (
    "id", "lesson_id", "slide_order", "layout", "title_en", "title_fr", "notes_en", "notes_fr",
    "created_at", "updated_at",
)  # fmt: skip


def _slide_created_ms(course: CoursePlan, order: int, slide: int) -> int:
    return course.lesson_created_ms(order) + (slide + 1) * MINUTE


def slides(data: Dataset) -> Iterator[Row]:
    for lesson in range(data.sizes.lessons):
        course, order = data.lesson(lesson)
        rng = random.Random(mix(SEED, 6, lesson))
        french = course.lesson_has_french(order)
        for slide in range(SLIDES_PER_LESSON):
            title = slide_title(course, order, slide)
            notes = sentence(rng) if slide % 4 == 1 else None
            created = at(_slide_created_ms(course, order, slide))
            yield (
                row_id("slde", lesson * SLIDES_PER_LESSON + slide), row_id("lssn", lesson), slide,
                slide_layout(lesson, slide), title and title[0], title[1] if title and french else None,
                notes and notes[0], notes[1] if notes and french else None, created, created,
            )  # fmt: skip


CONTENT_BLOCKS = (
    "id", "slide_id", "block_order", "block_type", "content_en", "content_fr", "style_config",
    "created_at", "updated_at",
)  # fmt: skip


def content_blocks(data: Dataset) -> Iterator[Row]:
    for lesson in range(data.sizes.lessons):
        course, order = data.lesson(lesson)
        rng = random.Random(mix(SEED, 7, lesson))
        french = course.lesson_has_french(order)
        quiz_id = row_id("quiz", lesson)
        on = theme(lesson)
        for slide in range(SLIDES_PER_LESSON):
            number = lesson * SLIDES_PER_LESSON + slide
            created_ms = _slide_created_ms(course, order, slide)
            blocks = slide_blocks(
                rng,
                layout=slide_layout(lesson, slide),
                title=slide_title(course, order, slide),
                quiz_id=quiz_id,
                french=french,
                on=on,
            )
            for b, (kind, en, fr, style) in enumerate(blocks):
                created = at(created_ms + b * SECOND)
                yield (row_id("blck", number * BLOCKS_PER_SLIDE + b), row_id("slde", number), b, kind,
                       en, fr, style, created, created)  # fmt: skip


# quizzes and questions ---------------------------------------------------------------------------

QUIZZES = (
    "id", "lesson_id", "slide_id", "title_en", "title_fr", "passing_score_percentage",
    "time_limit_minutes", "shuffle_questions", "shuffle_options", "allow_review",
    "show_correct_answers", "max_attempts", "created_at", "updated_at",
)  # fmt: skip


def quizzes(data: Dataset) -> Iterator[Row]:
    """One quiz per lesson, on the lesson's last slide (the one with the QUIZ block)."""
    for lesson in range(data.sizes.lessons):
        course, order = data.lesson(lesson)
        title = course.lesson_title(order)
        french = course.lesson_has_french(order)
        created = at(_slide_created_ms(course, order, SLIDES_PER_LESSON - 1) + HOUR)
        h = mix(SEED, 9, lesson)
        yield (
            row_id("quiz", lesson), row_id("lssn", lesson),
            row_id("slde", lesson * SLIDES_PER_LESSON + SLIDES_PER_LESSON - 1),
            f"Quiz: {title[0]}", f"Quiz : {title[1]}" if french else None, passing_score(lesson),
            15 if h % 3 == 0 else None, h % 4 == 1, h % 4 == 1, h % 5 != 0, h % 7 != 0,
            3 if h % 6 == 2 else None, created, created,
        )  # fmt: skip


QUESTIONS = (
    "id", "quiz_id", "question_order", "question_type", "question_text_en", "question_text_fr",
    "options_en", "options_fr", "correct_answers", "explanation_en", "explanation_fr", "points",
    "created_at", "updated_at",
)  # fmt: skip


def questions(data: Dataset) -> Iterator[Row]:
    for lesson in range(data.sizes.lessons):
        course, order = data.lesson(lesson)
        french = course.lesson_has_french(order)
        created_ms = _slide_created_ms(course, order, SLIDES_PER_LESSON - 1) + HOUR
        for k in range(QUESTIONS_PER_QUIZ):
            template = question_for(lesson, k)
            created = at(created_ms + (k + 1) * SECOND)
            yield (
                row_id("qstn", lesson * QUESTIONS_PER_QUIZ + k), row_id("quiz", lesson), k, template.type,
                *template.columns(french=french), template.points, created, created,
            )  # fmt: skip
