"""The demo (`bibliology seed`): complete, stored normalised, consistent, idempotent, and readable by
the design's own client."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.accounts.passwords import verify_password
from bibliology.bible import parse_osis
from bibliology.content import validate_block_pair, validate_question, validate_style_config
from bibliology.enums import (
    ContentBlockType,
    EnrollmentStatus,
    LessonStatus,
    QuestionType,
    SlideLayout,
    UserRole,
)
from bibliology.media.service import get_by_key
from bibliology.media.storage import MEDIA_DIR_ENV
from bibliology.models import (
    Certificate,
    ContentBlock,
    Course,
    Enrollment,
    Lesson,
    Question,
    QuestionAnswer,
    Quiz,
    QuizSubmission,
    Slide,
)
from bibliology.quizzes.grading import GradableQuestion, Policy, grade
from bibliology.schema_check import libpq_url
from bibliology.seed.demo import DEMO_PASSWORD, REFERENCE_DATE, TABLES, progress_percentage, seed_demo
from bibliology.seed.demo_content import COURSES, PEOPLE
from bibliology.seed.demo_content.artwork import SIZES, course_card
from bibliology.seed.demo_content.course_rows import SeededCourse, SeededLesson
from bibliology.seed.demo_content.illustrations import ILLUSTRATIONS, PLACEHOLDER_PREFIX, illustration_bytes
from bibliology.seed.demo_content.learner_rows import check_journey
from bibliology.seed.demo_content.model import Journey
from tests import anchor
from tests import factories as f
from tests.test_cli import run

# What the demo promises at least (rows created on an empty database).
MINIMUM = {
    "users": 15,
    "courses": 5,
    "lessons": 14,
    "slides": 60,
    "content_blocks": 120,
    "quizzes": 10,
    "questions": 30,
    "enrollments": 15,
    "lesson_progress": 30,
    "slide_views": 150,
    "progress_events": 150,
    "quiz_submissions": 20,
    "question_answers": 60,
    "student_notes": 5,
    "certificates": 5,
    "activity_logs": 100,
    "media_files": 6,
}
DEMO_COURSE = Course.slug.in_([course.slug for course in COURSES])


def table_counts(session: Session) -> dict[str, int]:
    return {table: session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() for table in TABLES}


def all_rows(session: Session, sql: str) -> list[Any]:
    return list(session.execute(text(sql)))


@pytest.fixture
def demo(session: Session) -> dict[str, int]:
    return seed_demo(session)


def test_seeding_an_empty_database_creates_the_whole_demo(session: Session) -> None:
    before = table_counts(session)
    created = seed_demo(session)
    after = table_counts(session)
    assert created == {table: after[table] - before[table] for table in TABLES}
    assert {table: count for table, count in created.items() if count < MINIMUM[table]} == {}

    emails = [person.email for person in PEOPLE]
    users = session.scalars(select(User).where(User.email.in_(emails))).all()
    assert Counter(user.role for user in users) == {
        UserRole.ADMIN: 1,
        UserRole.TEACHER: 2,
        UserRole.STUDENT: 12,
    }
    assert {user.language_pref for user in users} == {"en", "fr"}
    assert all(user.email.endswith("@demo.bibliology.org") for user in users)
    (password_hash,) = {user.password_hash for user in users}  # hashed once, shared
    assert verify_password(password_hash, DEMO_PASSWORD)
    assert not verify_password(password_hash, "wrong-password")


def test_published_bilingual_courses_are_complete(session: Session, demo: dict[str, int]) -> None:
    courses = session.scalars(
        select(Course).where(
            DEMO_COURSE, Course.status == LessonStatus.PUBLISHED, Course.description_fr.is_not(None)
        )
    ).all()
    assert len(courses) >= 3
    for course in courses:
        assert course.title_fr
        assert course.category
        assert course.tags
        assert course.difficulty
        assert course.estimated_hours
        assert course.published_at
        lessons = session.scalars(
            select(Lesson).where(Lesson.course_id == course.id, Lesson.status == LessonStatus.PUBLISHED)
        ).all()
        assert 3 <= len(lessons) <= 5, course.slug
        for lesson in lessons:
            assert lesson.estimated_minutes
            assert lesson.published_at
            assert lesson.slug.startswith(course.slug)
            slides = session.scalar(
                select(func.count()).select_from(Slide).where(Slide.lesson_id == lesson.id)
            )
            assert 4 <= (slides or 0) <= 8, lesson.slug
        untranslated = session.scalar(
            select(func.count())
            .select_from(ContentBlock)
            .join(Slide)
            .join(Lesson)
            .where(Lesson.course_id == course.id, ContentBlock.content_fr.is_(None))
        )
        assert untranslated == 0, course.slug


def test_every_layout_block_type_and_question_type_appears(session: Session, demo: dict[str, int]) -> None:
    assert set(session.scalars(select(Slide.layout).distinct())) == set(SlideLayout)
    assert set(session.scalars(select(ContentBlock.block_type).distinct())) == set(ContentBlockType)
    assert set(session.scalars(select(Question.question_type).distinct())) == set(QuestionType)
    multiple = session.scalars(
        select(Question.correct_answers["multiple"].as_boolean()).where(
            Question.question_type == QuestionType.MULTIPLE_CHOICE
        )
    )
    assert set(multiple) == {True, False}  # single and multiple answers


def test_blocks_are_stored_normalised_with_real_references(session: Session, demo: dict[str, int]) -> None:
    blocks = session.execute(
        select(ContentBlock, Slide.lesson_id).join(Slide, Slide.id == ContentBlock.slide_id)
    ).all()
    quiz_lessons = dict(session.execute(select(Quiz.id, Quiz.lesson_id)).all())
    strongs = set()
    for block, lesson_id in blocks:
        en, fr = block.content_en, block.content_fr
        assert validate_block_pair(block.block_type, content_en=en, content_fr=fr) == (en, fr)
        assert validate_style_config(block.style_config) == block.style_config
        if block.block_type is ContentBlockType.VERSE:
            assert parse_osis(en["reference"]).osis == en["reference"]
            assert en["translation"] == "KJV"
            assert fr is None or fr["translation"] == "Synodale 1921"
        elif block.block_type is ContentBlockType.QUIZ:
            assert quiz_lessons[en["quiz_id"]] == lesson_id  # a quiz of the same lesson
        elif block.block_type is ContentBlockType.IMAGE:
            assert en["url"].startswith("/media/")
            assert not en["url"].startswith(PLACEHOLDER_PREFIX)  # a stored drawing, not a placeholder
            assert en["alt"]
        elif block.block_type is ContentBlockType.VOCABULARY:
            strongs |= {entry.get("strongs") for entry in en["entries"]}
    assert {"G4151", "G3875", "H7307", "G3056", "H2617"} <= strongs
    references = {
        block.content_en["reference"] for block, _ in blocks if block.block_type is ContentBlockType.VERSE
    }
    assert {"John.14.16-John.14.17", "Acts.2.1-Acts.2.4", "Gal.5.22-Gal.5.23", "Ps.23"} <= references


def test_questions_are_stored_normalised(session: Session, demo: dict[str, int]) -> None:
    for question in session.scalars(select(Question)):
        validated = validate_question(
            question.question_type,
            text_en=question.question_text_en,
            text_fr=question.question_text_fr,
            options_en=question.options_en,
            options_fr=question.options_fr,
            correct_answers=question.correct_answers,
            explanation_en=question.explanation_en,
            explanation_fr=question.explanation_fr,
            points=question.points,
        )
        stored = {name: getattr(question, name) for name in validated.columns()}
        assert validated.columns() == stored
    short_fr = session.scalars(
        select(Question.correct_answers["accepted"]["fr"]).where(
            Question.question_type == QuestionType.SHORT_ANSWER
        )
    )
    assert any(short_fr)  # French accepted answers


def test_absent_json_is_sql_null_never_json_null(session: Session, demo: dict[str, int]) -> None:
    columns = {
        "content_blocks": ["content_fr", "style_config"],
        "questions": ["question_text_fr", "options_en", "options_fr", "explanation_en", "explanation_fr"],
        "activity_logs": ["metadata"],
    }
    for table, names in columns.items():
        for name in names:
            sql = f"SELECT count(*) FROM {table} WHERE jsonb_typeof({name}) = 'null'"
            assert session.execute(text(sql)).scalar_one() == 0, f"{table}.{name}"


def test_quiz_settings_vary(session: Session, demo: dict[str, int]) -> None:
    quizzes = session.scalars(select(Quiz)).all()
    assert len({quiz.passing_score_percentage for quiz in quizzes}) >= 3
    for setting in ("shuffle_questions", "shuffle_options", "allow_review", "show_correct_answers"):
        assert {getattr(quiz, setting) for quiz in quizzes} == {True, False}, setting
    for setting in ("time_limit_minutes", "max_attempts", "slide_id"):
        assert {getattr(quiz, setting) is None for quiz in quizzes} == {True, False}, setting


def test_denormalised_enrollment_fields_match_lesson_progress(session: Session, demo: dict[str, int]) -> None:
    enrollments = all_rows(
        session,
        """
        SELECT e.status, e.total_lessons, e.lessons_completed, e.progress_percentage, e.completed_at,
               (SELECT count(*) FROM lessons l
                 WHERE l.course_id = e.course_id AND l.status = 'PUBLISHED') AS published,
               (SELECT count(*) FROM lesson_progress lp JOIN lessons l ON l.id = lp.lesson_id
                 WHERE lp.enrollment_id = e.id AND lp.status = 'COMPLETED' AND l.status = 'PUBLISHED') AS done
          FROM enrollments e
        """,
    )
    assert len(enrollments) == demo["enrollments"]
    for row in enrollments:
        assert row.total_lessons == row.published
        assert row.lessons_completed == row.done
        expected = 100 * row.done // row.published if row.published else 0
        assert row.progress_percentage == expected == progress_percentage(row.done, row.published)
        finished = row.done == row.published > 0
        assert (row.status == EnrollmentStatus.COMPLETED) == finished
        assert (row.completed_at is not None) == finished
    stages = {(row.status, 0 < row.done < row.published, row.done == 0) for row in enrollments}
    assert {("ACTIVE", False, True), ("ACTIVE", True, False), ("COMPLETED", False, False)} <= stages
    assert "DROPPED" in {row.status for row in enrollments}
    # A published course with a draft lesson: the draft does not count.
    assert session.scalar(
        select(func.count())
        .select_from(Lesson)
        .join(Course)
        .where(Course.status == LessonStatus.PUBLISHED, Lesson.status == LessonStatus.DRAFT)
    )


def test_lesson_progress_and_notes_stay_within_their_lessons(session: Session, demo: dict[str, int]) -> None:
    out_of_range = all_rows(
        session,
        """
        SELECT lp.id FROM lesson_progress lp
          JOIN (SELECT lesson_id, count(*) AS slides FROM slides GROUP BY lesson_id) s USING (lesson_id)
         WHERE lp.total_slides_viewed > s.slides OR lp.current_slide_index >= s.slides
            OR (lp.status = 'COMPLETED' AND (lp.completed_at IS NULL OR lp.total_slides_viewed <> s.slides))
            OR (lp.status <> 'COMPLETED' AND lp.completed_at IS NOT NULL)
        """,
    )
    assert out_of_range == []
    bad_notes = all_rows(
        session,
        """
        SELECT n.id FROM student_notes n
          JOIN (SELECT lesson_id, count(*) AS slides FROM slides GROUP BY lesson_id) s USING (lesson_id)
         WHERE n.slide_index >= s.slides
        """,
    )
    assert bad_notes == []
    assert {"IN_PROGRESS", "COMPLETED"} <= {
        row.status for row in all_rows(session, "SELECT status FROM lesson_progress")
    }


def test_submissions_add_up_and_grade_as_the_quiz_engine_would(
    session: Session, demo: dict[str, int]
) -> None:
    submissions = all_rows(
        session,
        """
        SELECT s.id, s.points_earned, s.total_points, s.score_percentage, s.passed, s.submitted_at,
               q.passing_score_percentage,
               (SELECT coalesce(sum(a.points_earned), 0) FROM question_answers a WHERE a.submission_id = s.id) AS earned,
               (SELECT count(*) FROM question_answers a WHERE a.submission_id = s.id) AS answers,
               (SELECT count(*) FROM questions x WHERE x.quiz_id = s.quiz_id) AS questions,
               (SELECT sum(x.points) FROM questions x WHERE x.quiz_id = s.quiz_id) AS points
          FROM quiz_submissions s JOIN quizzes q ON q.id = s.quiz_id
        """,
    )
    assert submissions
    for row in submissions:
        assert row.submitted_at is not None
        assert row.points_earned == row.earned
        assert row.total_points == row.points
        assert row.answers == row.questions  # one answer per question
        exact = Fraction(100 * row.points_earned, row.total_points)
        assert row.score_percentage == int(exact + Fraction(1, 2))  # rounded half up
        assert row.passed == (exact >= row.passing_score_percentage)
    assert {row.passed for row in submissions} == {True, False}

    answers = session.execute(
        select(QuestionAnswer, Question, QuizSubmission.language)
        .join(Question, Question.id == QuestionAnswer.question_id)
        .join(QuizSubmission, QuizSubmission.id == QuestionAnswer.submission_id)
    ).all()
    for answer, question, language in answers:
        gradable = GradableQuestion(question.question_type, question.correct_answers, question.options_en)
        graded = grade(gradable, answer.answer_given, lang=language, policy=Policy())
        assert graded.is_correct == answer.is_correct, (question.question_type, answer.answer_given)
        assert graded.credit * question.points == answer.points_earned


def test_certificates_notes_and_activity(session: Session, demo: dict[str, int]) -> None:
    completed = set(
        session.execute(
            select(Enrollment.student_id, Enrollment.course_id).where(
                Enrollment.status == EnrollmentStatus.COMPLETED
            )
        ).all()
    )
    certificates = session.scalars(select(Certificate)).all()
    assert {(c.user_id, c.course_id) for c in certificates} == completed
    numbers = [c.certificate_number for c in certificates]
    assert len(set(numbers)) == len(numbers)
    for certificate in certificates:
        assert re.fullmatch(r"BIB-2026-\d{6}", certificate.certificate_number)
        assert certificate.certificate_url == f"/certificates/{certificate.certificate_number}.pdf"
    # The archived pilot keeps its certificate.
    archived = session.scalars(select(Course.id).where(Course.status == LessonStatus.ARCHIVED)).all()
    assert any(c.course_id in archived for c in certificates)

    logs = all_rows(session, "SELECT action, entity_type, entity_id, metadata FROM activity_logs")
    actions = {row.action for row in logs}
    assert {
        "LOGIN",
        "ENROLL",
        "SUBMIT_QUIZ",
        "CREATE_COURSE",
        "PUBLISH_COURSE",
        "ISSUE_CERTIFICATE",
    } <= actions
    assert all(row.entity_type and row.entity_id and isinstance(row.metadata, dict) for row in logs)


def test_history_spans_the_90_days_before_the_fixed_reference_date(
    session: Session, demo: dict[str, int]
) -> None:
    stamps = all_rows(
        session,
        """
        SELECT created_at AS at FROM users UNION ALL SELECT last_login FROM users
        UNION ALL SELECT created_at FROM courses UNION ALL SELECT published_at FROM courses
        UNION ALL SELECT enrolled_at FROM enrollments UNION ALL SELECT last_accessed_at FROM enrollments
        UNION ALL SELECT submitted_at FROM quiz_submissions UNION ALL SELECT issued_at FROM certificates
        UNION ALL SELECT created_at FROM activity_logs
        """,
    )
    earliest = (REFERENCE_DATE - dt.timedelta(days=91)).replace(tzinfo=None)
    latest = (REFERENCE_DATE + dt.timedelta(days=1)).replace(tzinfo=None)
    assert all(earliest <= row.at <= latest for row in stamps if row.at is not None)
    out_of_order = all_rows(
        session,
        """
        SELECT e.id FROM enrollments e JOIN courses c ON c.id = e.course_id JOIN users u ON u.id = e.student_id
         WHERE e.enrolled_at < c.published_at OR e.enrolled_at < u.created_at OR e.last_accessed_at < e.enrolled_at
            OR e.completed_at > e.last_accessed_at
        UNION ALL
        SELECT lp.id FROM lesson_progress lp JOIN enrollments e ON e.id = lp.enrollment_id
         WHERE lp.started_at < e.enrolled_at OR lp.completed_at > e.last_accessed_at
        UNION ALL
        SELECT s.id FROM quiz_submissions s JOIN quizzes q ON q.id = s.quiz_id JOIN lessons l ON l.id = q.lesson_id
          JOIN enrollments e ON e.course_id = l.course_id AND e.student_id = s.student_id
         WHERE s.submitted_at < e.enrolled_at OR s.submitted_at > e.last_accessed_at
        """,
    )
    assert out_of_order == []


def test_a_course_is_partly_translated_and_another_is_a_draft(session: Session, demo: dict[str, int]) -> None:
    partial = session.scalars(
        select(Course).where(
            DEMO_COURSE, Course.status == LessonStatus.PUBLISHED, Course.description_fr.is_(None)
        )
    ).one()
    in_partial = (Slide.lesson_id == Lesson.id) & (Lesson.course_id == partial.id)
    assert session.scalar(
        select(func.count()).where(Lesson.course_id == partial.id, Lesson.title_fr.is_(None))
    )
    assert session.scalar(
        select(func.count())
        .select_from(ContentBlock)
        .join(Slide)
        .join(Lesson)
        .where(in_partial, ContentBlock.content_fr.is_(None))
    )
    assert session.scalar(
        select(func.count())
        .select_from(Question)
        .join(Quiz)
        .join(Lesson)
        .where(Lesson.course_id == partial.id, Question.question_text_fr.is_(None))
    )

    draft = session.scalars(select(Course).where(DEMO_COURSE, Course.status == LessonStatus.DRAFT)).one()
    teacher = session.get_one(User, draft.teacher_id)
    assert teacher.email == "etienne.laurent@demo.bibliology.org"
    assert draft.published_at is None
    assert session.scalar(
        select(func.count()).where(Lesson.course_id == draft.id, Lesson.status == LessonStatus.DRAFT)
    )
    assert not session.scalar(
        select(func.count()).select_from(Enrollment).where(Enrollment.course_id == draft.id)
    )


def test_a_second_run_creates_nothing(session: Session, demo: dict[str, int]) -> None:
    before = table_counts(session)
    assert seed_demo(session) == dict.fromkeys(TABLES, 0)
    assert table_counts(session) == before


def test_existing_accounts_are_reused_and_existing_courses_skipped(session: Session) -> None:
    admin = f.make_user(session, email="ADMIN@demo.bibliology.org", role=UserRole.ADMIN)
    taken = COURSES[1]
    f.make_course(session, slug=taken.slug, title_en="Somebody else's course")

    created = seed_demo(session)

    assert created["users"] == len(PEOPLE) - 1
    assert created["courses"] == len(COURSES) - 1
    assert (
        session.scalars(select(Course.title_en).where(Course.slug == taken.slug)).one()
        == "Somebody else's course"
    )
    assert (
        session.scalar(select(func.count()).select_from(Lesson).where(Lesson.slug.startswith(taken.slug)))
        == 0
    )
    assert session.get_one(User, admin.id).password_hash == "not-a-real-hash"  # untouched
    assert seed_demo(session) == dict.fromkeys(TABLES, 0)


def _media_files_on_disk() -> list[Path]:
    return sorted(
        path for path in Path(os.environ[MEDIA_DIR_ENV]).rglob("*.*") if path.suffix in (".png", ".jpg")
    )


def _image_blocks(session: Session) -> list[tuple[ContentBlock, Course]]:
    rows = session.execute(
        select(ContentBlock, Course)
        .join(Slide, Slide.id == ContentBlock.slide_id)
        .join(Lesson, Lesson.id == Slide.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .where(DEMO_COURSE, ContentBlock.block_type == ContentBlockType.IMAGE)
        .order_by(ContentBlock.id)
    )
    return [(block, course) for block, course in rows]


def test_every_demo_course_has_a_thumbnail_that_is_served(
    session: Session, client: TestClient, login_as: Callable[[User], str], demo: dict[str, int]
) -> None:
    courses = session.scalars(select(Course).where(DEMO_COURSE)).all()
    assert len(courses) == len(COURSES)
    images = {course.thumbnail_url for course in courses} | {
        course.cover_image_url for course in courses if course.cover_image_url
    }
    assert len(images) > len(courses)  # one file per card, covers included
    assert demo["media_files"] == len(images) + len(ILLUSTRATIONS)  # and one per lesson picture
    assert len(_media_files_on_disk()) == demo["media_files"]
    for course in courses:
        assert course.thumbnail_url
        assert course.thumbnail_url.startswith("/media/")
        urls = [course.thumbnail_url, *([course.cover_image_url] if course.cover_image_url else [])]
        media = [get_by_key(session, storage_key=url.removeprefix("/media/")) for url in urls]
        assert {row.owner_id for row in media} == {course.teacher_id}
        # Published courses' media are for everyone; the teacher sees every course's.
        viewers = [None] if course.status is LessonStatus.PUBLISHED else []
        for viewer in [*viewers, session.get_one(User, course.teacher_id)]:
            if viewer is not None:
                login_as(viewer)
            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, (course.slug, url, viewer)
                assert response.headers["content-type"] == "image/png"
                with Image.open(io.BytesIO(response.content)) as image:
                    assert image.size == (
                        SIZES["cover"] if url == course.cover_image_url else SIZES["thumbnail"]
                    )
    # Cards are drawn deterministically: drawing one again gives the same bytes.
    spec = COURSES[0]
    assert course_card(spec.title_en, colour=spec.colour, size=(480, 270)) == course_card(
        spec.title_en, colour=spec.colour, size=(480, 270)
    )


def test_every_image_block_shows_a_stored_drawing_that_is_served(
    session: Session, client: TestClient, login_as: Callable[[User], str], demo: dict[str, int]
) -> None:
    blocks = _image_blocks(session)
    assert len(blocks) == 6
    urls: set[str] = set()
    for block, course in blocks:
        for content in filter(None, (block.content_en, block.content_fr)):
            url = content["url"]
            urls.add(url)
            media = get_by_key(session, storage_key=url.removeprefix("/media/"))
            assert media.owner_id == course.teacher_id
            assert (media.width, media.height) == (content["width"], content["height"])
            # The teacher always sees it; anyone, when the lesson is public.
            login_as(session.get_one(User, course.teacher_id))
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.headers["content-type"] in ("image/jpeg", "image/png")
            with Image.open(io.BytesIO(response.content)) as image:
                assert image.size == (content["width"], content["height"])
    assert len(urls) == len(ILLUSTRATIONS)  # the map's French version is its own file
    galilee = next(block for block, _ in blocks if "Galilee" in block.content_en["alt"])
    assert galilee.content_fr is not None
    assert galilee.content_en["url"] != galilee.content_fr["url"]
    client.cookies.clear()
    psalm = next(block for block, _ in blocks if "shepherd" in block.content_en["alt"])
    assert client.get(psalm.content_en["url"]).status_code == 200  # a published lesson: public


def test_the_lesson_data_names_only_pictures_that_are_drawn() -> None:
    declared = {
        (content["url"], (content["width"], content["height"]))
        for course in COURSES
        for lesson in course.lessons
        for slide in lesson.slides
        for block in slide.blocks
        if block.type is ContentBlockType.IMAGE
        for content in filter(None, (block.en, block.fr))
    }
    assert declared == {(url, spec.size) for url, spec in ILLUSTRATIONS.items()}
    for url in ILLUSTRATIONS:  # small files, the same bytes on every run
        data = illustration_bytes(url)
        assert len(data) < 400_000, (url, len(data))
        illustration_bytes.cache_clear()
        assert illustration_bytes(url) == data


def test_a_second_run_writes_no_media_file(session: Session, demo: dict[str, int]) -> None:
    files = [(path, path.stat().st_mtime_ns) for path in _media_files_on_disk()]
    assert seed_demo(session)["media_files"] == 0
    assert [(path, path.stat().st_mtime_ns) for path in _media_files_on_disk()] == files


def test_a_course_seeded_with_placeholder_artwork_gets_its_cards(
    session: Session, demo: dict[str, int]
) -> None:
    john = session.scalars(select(Course).where(Course.slug == "the-gospel-of-john")).one()
    generated = (john.thumbnail_url, john.cover_image_url)
    assert all(generated)
    john.thumbnail_url = "/media/demo/courses/john-thumb.jpg"  # what earlier versions of the demo wrote
    john.cover_image_url = "/media/demo/courses/john-cover.jpg"
    untouched = session.scalars(select(Course).where(Course.slug == "praying-the-psalms")).one()
    untouched.cover_image_url = None
    session.flush()
    files = _media_files_on_disk()

    assert seed_demo(session) == dict.fromkeys(TABLES, 0)  # the same cards: no new row or file
    session.refresh(john)
    session.refresh(untouched)
    assert (john.thumbnail_url, john.cover_image_url) == generated
    assert untouched.cover_image_url is None  # only placeholders are replaced
    assert _media_files_on_disk() == files


def test_image_blocks_seeded_with_placeholders_get_their_drawings(
    session: Session, demo: dict[str, int]
) -> None:
    blocks = _image_blocks(session)
    generated = {block.id: (block.content_en, block.content_fr) for block, _ in blocks}
    galilee = next(block for block, _ in blocks if "Galilee" in block.content_en["alt"])
    assert galilee.content_fr is not None
    # What earlier versions of the demo wrote: placeholder URLs, with no file behind them.
    galilee.content_en = {**galilee.content_en, "url": "/media/demo/maps/galilee-en.png"}
    galilee.content_fr = {**galilee.content_fr, "url": "/media/demo/maps/galilee-fr.png"}
    papyrus = next(block for block, _ in blocks if "Papyrus 66" in block.content_en["alt"])
    papyrus.content_en = {**papyrus.content_en, "url": "/media/demo/john/papyrus-66.jpg"}
    unknown = next(block for block, _ in blocks if "wheat" in block.content_en["alt"])
    unknown.content_en = {**unknown.content_en, "url": "/media/demo/parables/not-drawn.jpg"}
    session.flush()
    files = _media_files_on_disk()

    assert seed_demo(session) == dict.fromkeys(TABLES, 0)  # the same drawings: no new row or file
    for block in (galilee, papyrus, unknown):
        session.refresh(block)
    assert (galilee.content_en, galilee.content_fr) == generated[galilee.id]
    assert (papyrus.content_en, papyrus.content_fr) == generated[papyrus.id]  # French was never touched
    assert unknown.content_en["url"] == "/media/demo/parables/not-drawn.jpg"  # not ours to draw: left
    assert _media_files_on_disk() == files


def test_a_journey_that_cannot_add_up_is_refused() -> None:
    course = SeededCourse(
        "c", COURSES[1], [SeededLesson("l1", ["s"] * 5, []), SeededLesson("l2", ["s"] * 4, [])]
    )
    completed_too_early = Journey(
        student="x",
        course="c",
        status=EnrollmentStatus.COMPLETED,
        enrolled_days_ago=3,
        last_access_days_ago=1,
        lessons_completed=1,
    )
    with pytest.raises(ValueError, match="1/2 lessons"):
        check_journey(completed_too_early, course)
    past_the_last_slide = Journey(
        student="x",
        course="c",
        status=EnrollmentStatus.ACTIVE,
        enrolled_days_ago=3,
        last_access_days_ago=1,
        lessons_completed=1,
        current_slide=4,
    )
    with pytest.raises(ValueError, match="no slide 4"):
        check_journey(past_the_last_slide, course)


# --------------------------------------------------------------------------- the real command


def run_seed(database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bibliology.cli", "seed"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": database_url},
        timeout=300,
        check=False,
    )


def reported_total(result: subprocess.CompletedProcess[str]) -> int:
    match = re.search(r"│\s*total\s*│\s*([\d,]+)\s*│", result.stderr)
    assert match, result.stderr
    return int(match.group(1).replace(",", ""))


def committed_rows(database_url: str) -> int:
    with psycopg.connect(libpq_url(database_url)) as conn:
        return sum(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES)  # type: ignore[index]


def test_the_seed_command_is_idempotent(scratch_url: str) -> None:
    first = run_seed(scratch_url)
    assert first.returncode == 0, first.stderr
    rows = committed_rows(scratch_url)
    assert reported_total(first) == rows > sum(MINIMUM.values())
    reconciled = run("progress", "reconcile", env={"DATABASE_URL": scratch_url})
    assert reconciled.returncode == 0, reconciled.stderr  # the demo is what the learning loop writes
    assert "no drift" in reconciled.stderr

    second = run_seed(scratch_url)
    assert second.returncode == 0, second.stderr
    assert reported_total(second) == 0
    assert committed_rows(scratch_url) == rows


def test_the_designs_prisma_client_reads_every_model_of_the_demo(scratch_url: str) -> None:
    anchor.prepare()
    seeded = run_seed(scratch_url)
    assert seeded.returncode == 0, seeded.stderr
    (result,) = anchor.run_anchor(libpq_url(scratch_url), "compat", timeout=300)
    assert result == {"compat": "ok", "models_with_rows": 14, "of": 14}
