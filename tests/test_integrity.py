"""Bad data is refused by the database itself, with the constraint named, and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.lessons.models import Lesson, Slide
from tests import factories as f


def refused(session: Session, constraint: str, make: Callable[[], Any]) -> None:
    savepoint = session.begin_nested()
    with pytest.raises(IntegrityError) as info:
        make()
    savepoint.rollback()
    assert constraint in str(info.value.orig)


def test_negative_order_is_refused(session: Session) -> None:
    lesson = f.make_lesson(session)
    refused(session, "slides_slide_order_check", lambda: f.make_slide(session, lesson=lesson, slide_order=-1))
    assert session.scalar(select(func.count()).select_from(Slide).where(Slide.lesson_id == lesson.id)) == 0


def test_duplicate_email_in_another_case_is_refused(session: Session) -> None:
    f.make_user(session, email="Marie.Curie@example.org")
    refused(session, "users_email_lower_key", lambda: f.make_user(session, email="marie.curie@EXAMPLE.org"))
    assert (
        session.scalar(
            select(func.count()).select_from(User).where(func.lower(User.email) == "marie.curie@example.org")
        )
        == 1
    )


@pytest.mark.parametrize(
    ("constraint", "make"),
    [
        ("enrollments_progress_percentage_check", lambda s: f.make_enrollment(s, progress_percentage=120)),
        ("enrollments_progress_percentage_check", lambda s: f.make_enrollment(s, progress_percentage=-1)),
        ("quizzes_passing_score_percentage_check", lambda s: f.make_quiz(s, passing_score_percentage=101)),
        ("quiz_submissions_score_percentage_check", lambda s: f.make_submission(s, score_percentage=120)),
        (
            "quiz_submissions_points_earned_le_total_check",
            lambda s: f.make_submission(s, points_earned=5, total_points=2),
        ),
        ("questions_points_check", lambda s: f.make_question(s, points=-2)),
        ("lessons_lesson_order_check", lambda s: f.make_lesson(s, lesson_order=-1)),
        ("content_blocks_block_order_check", lambda s: f.make_block(s, block_order=-3)),
        ("users_language_pref_check", lambda s: f.make_user(s, language_pref="de")),
        ("users_email_check", lambda s: f.make_user(s, email="not-an-address")),
        ("certificates_names_course_or_lesson_check", lambda s: f.make_certificate(s, lesson_id=None)),
        (
            "content_blocks_content_en_object_check",
            lambda s: f.make_block(s, content_en=["not", "an", "object"]),
        ),
        ("quizzes_max_attempts_check", lambda s: f.make_quiz(s, max_attempts=0)),
        ("lesson_progress_counters_check", lambda s: f.make_lesson_progress(s, time_spent_seconds=-5)),
    ],
)
def test_check_constraints(session: Session, constraint: str, make: Callable[[Session], Any]) -> None:
    refused(session, constraint, lambda: make(session))


def test_lesson_order_is_unique_per_course(session: Session) -> None:
    course = f.make_course(session)
    f.make_lesson(session, course=course, lesson_order=1)
    refused(
        session,
        "lessons_course_id_lesson_order_key",
        lambda: f.make_lesson(session, course=course, lesson_order=1),
    )
    f.make_lesson(session, lesson_order=1)  # another course may use the same order


def test_updated_at_is_stamped_by_the_database_on_every_update(session: Session) -> None:
    course = f.make_course(session)
    before = session.scalar(text("SELECT updated_at FROM courses WHERE id = :id"), {"id": course.id})
    session.execute(text("UPDATE courses SET title_en = 'Renamed' WHERE id = :id"), {"id": course.id})
    after = session.scalar(text("SELECT updated_at FROM courses WHERE id = :id"), {"id": course.id})
    assert after > before


def test_timestamps_are_stored_in_utc(session: Session) -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    user = f.make_user(session, last_login=dt.datetime(2026, 1, 1, 12, 0, tzinfo=paris))
    stored = session.scalar(text("SELECT last_login FROM users WHERE id = :id"), {"id": user.id})
    assert stored == dt.datetime(2026, 1, 1, 11, 0)  # naive in the column, UTC by convention
    session.expire_all()
    assert session.get_one(User, user.id).last_login == dt.datetime(2026, 1, 1, 11, 0, tzinfo=dt.UTC)
    default = session.scalar(text("SELECT created_at FROM users WHERE id = :id"), {"id": user.id})
    now_utc = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs(now_utc - default) < dt.timedelta(minutes=5)


def test_naive_datetimes_are_refused(session: Session) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        f.make_user(session, last_login=dt.datetime(2026, 1, 1, 12, 0))


def test_search_vector_indexes_english_and_french(session: Session) -> None:
    lesson = f.make_lesson(
        session,
        title_en="The Holy Spirit's gifts",
        title_fr="Les dons de l'Esprit",
        description_fr="Les Églises",
    )
    matches = session.scalar(
        text(
            "SELECT search_vector @@ to_tsquery('english', 'gift') AND search_vector @@ to_tsquery('french', 'esprits') "
            "AND search_vector @@ to_tsquery('french', 'église') FROM lessons WHERE id = :id"
        ),
        {"id": lesson.id},
    )
    assert matches is True
    session.execute(text("UPDATE lessons SET title_en = 'Prayer' WHERE id = :id"), {"id": lesson.id})
    assert session.scalar(
        text("SELECT search_vector @@ to_tsquery('english', 'prayer') FROM lessons WHERE id = :id"),
        {"id": lesson.id},
    )


def test_deleting_a_lesson_removes_its_slides_blocks_and_notes(session: Session) -> None:
    block = f.make_block(session)
    slide = session.get_one(Slide, block.slide_id)
    note = f.make_note(session, lesson=session.get_one(Lesson, slide.lesson_id))
    ids = {"lesson": slide.lesson_id, "slide": slide.id, "block": block.id, "note": note.id}
    session.execute(text("DELETE FROM lessons WHERE id = :lesson"), ids)
    left = session.execute(
        text(
            "SELECT (SELECT count(*) FROM slides WHERE id = :slide), (SELECT count(*) FROM content_blocks "
            "WHERE id = :block), (SELECT count(*) FROM student_notes WHERE id = :note)"
        ),
        ids,
    ).one()
    assert tuple(left) == (0, 0, 0)


def test_a_teacher_with_courses_cannot_be_deleted(session: Session) -> None:
    course = f.make_course(session)
    refused(
        session,
        "courses_teacher_id_fkey",
        lambda: session.execute(text("DELETE FROM users WHERE id = :id"), {"id": course.teacher_id}),
    )


def test_a_course_with_issued_certificates_cannot_be_hard_deleted(session: Session) -> None:
    certificate = f.make_certificate(session)
    refused(
        session,
        "certificates_names_course_or_lesson_check",
        lambda: session.execute(text("DELETE FROM courses WHERE id = :id"), {"id": certificate.course_id}),
    )


def test_a_missing_translation_is_sql_null_not_json_null(session: Session) -> None:
    block = f.make_block(session, content_fr=None, style_config=None)
    question = f.make_question(session, question_text_fr=None, explanation_en=None)
    assert session.scalar(
        text("SELECT content_fr IS NULL AND style_config IS NULL FROM content_blocks WHERE id = :id"),
        {"id": block.id},
    )
    assert session.scalar(
        text("SELECT question_text_fr IS NULL AND explanation_en IS NULL FROM questions WHERE id = :id"),
        {"id": question.id},
    )
