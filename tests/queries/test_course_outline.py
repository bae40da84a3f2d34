"""Pattern 1: a course with its published lessons and the reader's progress; the language rule in
SQL agrees with bibliology.translations.localize, field for field."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy.orm import Session

from bibliology.cache import MemoryCache
from bibliology.enums import LessonProgressStatus, LessonStatus
from bibliology.errors import NotFound
from bibliology.policy import ANONYMOUS
from bibliology.progress.schemas import CourseOutlineRead
from bibliology.queries.course_outline import WHOLE, course_outline
from bibliology.translations.localize import localize
from tests import factories as f
from tests.queries.support import actor

TITLES = ("Grace", "", "   ", None, "Grâce")
DESCRIPTIONS = (None, "About grace", "")


def test_titles_resolve_and_fall_back_exactly_as_localize_does(session: Session) -> None:
    course = f.make_published_course(session, lessons=0, title_fr=None, description_fr="  ")
    lessons = []
    for n, (title_fr, (description_en, description_fr)) in enumerate(
        itertools.product(TITLES, itertools.product(DESCRIPTIONS, DESCRIPTIONS))
    ):
        lessons.append(
            f.make_lesson(
                session,
                course=course,
                lesson_order=n,
                status=LessonStatus.PUBLISHED,
                title_en=f"Lesson {n}",
                title_fr=title_fr,
                description_en=description_en,
                description_fr=description_fr,
            )
        )
    for lang in ("en", "fr"):
        outline = course_outline(session, actor=ANONYMOUS, course_id=course.id, lang=lang)
        CourseOutlineRead.model_validate(outline)
        expected_course = localize(lang, course, ("title", "description"))
        assert outline["course"]["title"] == expected_course.values["title"]
        assert outline["course"]["fallback"] == expected_course.fallback
        assert len(outline["lessons"]) == len(lessons)
        for got, lesson in zip(outline["lessons"], lessons, strict=True):
            expected = localize(lang, lesson, ("title", "description"))
            assert (got["title"], got["description"]) == (
                expected.values["title"],
                expected.values["description"],
            ), (lang, lesson.title_fr, lesson.description_en, lesson.description_fr)
            assert got["fallback"] == expected.fallback


def test_the_outline_lists_published_lessons_in_order_with_the_readers_progress(session: Session) -> None:
    course = f.make_published_course(session, lessons=0)
    second = f.make_published_lesson(session, course=course, lesson_order=2, slides=3)
    first = f.make_published_lesson(session, course=course, lesson_order=1, slides=1)
    f.make_lesson(session, course=course, lesson_order=3)  # a draft: not listed
    f.make_published_lesson(session, course=course, lesson_order=4, status=LessonStatus.ARCHIVED)
    student = f.make_user(session)
    enrollment = f.make_enrollment(session, course=course, student=student, total_lessons=2)
    f.make_lesson_progress(
        session,
        enrollment=enrollment,
        lesson=second,
        status=LessonProgressStatus.IN_PROGRESS,
        total_slides_viewed=2,
        current_slide_index=1,
    )
    outline = course_outline(session, actor=actor(student), course_id=course.id, lang="en")
    assert [(lesson["id"], lesson["slide_count"]) for lesson in outline["lessons"]] == [
        (first.id, 1),
        (second.id, 3),
    ]
    assert outline["lessons"][0]["progress"] is None
    assert outline["lessons"][1]["progress"]["status"] == "IN_PROGRESS"
    assert outline["lessons"][1]["progress"]["total_slides_viewed"] == 2
    assert outline["enrollment"]["id"] == enrollment.id
    assert outline["enrollment"]["total_lessons"] == 2
    merged = course_outline(
        session, actor=actor(student), course_id=course.id, lang="en", cache=MemoryCache()
    )
    assert merged == outline  # the reader's part merged into a cacheable outline: the same document
    # Someone else, or nobody, sees the same outline without progress.
    for reader in (ANONYMOUS, actor(f.make_user(session))):
        other = course_outline(session, actor=reader, course_id=course.id, lang="en")
        assert other["enrollment"] is None
        assert all(lesson["progress"] is None for lesson in other["lessons"])


def test_a_draft_course_outline_is_its_teachers_alone(session: Session) -> None:
    teacher = f.make_teacher(session)
    course = f.make_course(session, teacher=teacher)
    with pytest.raises(NotFound):
        course_outline(session, actor=actor(f.make_user(session)), course_id=course.id, lang="en")
    with pytest.raises(NotFound):
        course_outline(session, actor=ANONYMOUS, course_id="missing", lang="en")
    assert course_outline(session, actor=actor(teacher), course_id=course.id, lang="en")["lessons"] == []


def test_english_outlines_never_read_french_columns() -> None:
    assert "_fr" not in str(WHOLE["en"])
    assert "title_fr" in str(WHOLE["fr"])
