"""Pattern 3: the student dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from bibliology.db import utcnow
from bibliology.enums import EnrollmentStatus, LessonProgressStatus
from bibliology.errors import NotFound
from bibliology.progress.schemas import DashboardRead
from bibliology.queries.dashboard import student_dashboard
from tests import factories as f
from tests.queries.support import actor

T0 = utcnow() - dt.timedelta(days=30)


def _at(hours: int) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def test_active_courses_by_last_access_with_the_lesson_to_resume(session: Session) -> None:
    student = f.make_user(session)
    quiet = f.make_published_course(session, lessons=0, title_fr=None)
    quiet_first = f.make_published_lesson(session, course=quiet, lesson_order=5)
    f.make_published_lesson(session, course=quiet, lesson_order=6)
    busy = f.make_published_course(session, lessons=0, thumbnail_url="/media/busy.png")
    done, older, newer = (f.make_published_lesson(session, course=busy, lesson_order=n) for n in (1, 2, 3))
    for status in (EnrollmentStatus.DROPPED, EnrollmentStatus.COMPLETED):
        f.make_enrollment(session, course=f.make_published_course(session), student=student, status=status)
    f.make_enrollment(session, course=quiet, student=student, last_accessed_at=_at(1))
    enrollment = f.make_enrollment(
        session,
        course=busy,
        student=student,
        last_accessed_at=_at(2),
        lessons_completed=1,
        total_lessons=3,
        progress_percentage=33,
    )
    f.make_lesson_progress(
        session, enrollment=enrollment, lesson=done, status=LessonProgressStatus.COMPLETED, updated_at=_at(9)
    )
    f.make_lesson_progress(
        session,
        enrollment=enrollment,
        lesson=older,
        status=LessonProgressStatus.IN_PROGRESS,
        updated_at=_at(3),
    )
    f.make_lesson_progress(
        session,
        enrollment=enrollment,
        lesson=newer,
        status=LessonProgressStatus.IN_PROGRESS,
        updated_at=_at(4),
        current_slide_index=1,
    )

    board = student_dashboard(session, actor=actor(student), student_id=student.id, lang="fr")
    DashboardRead.model_validate(board)
    first, second = board["enrollments"]
    assert (first["course"]["id"], second["course"]["id"]) == (busy.id, quiet.id)
    assert first["course"]["thumbnail_url"] == "/media/busy.png"
    assert (first["lessons_completed"], first["total_lessons"], first["progress_percentage"]) == (1, 3, 33)
    assert first["resume"]["lesson_id"] == newer.id  # the in-progress lesson touched last
    assert first["resume"]["current_slide_index"] == 1
    assert second["resume"]["status"] == "NOT_STARTED"  # nothing started: the first lesson
    assert second["resume"]["lesson_id"] == quiet_first.id
    assert second["course"]["fallback"] == ["title"]
    assert first["course"]["title"] == busy.title_fr


def test_a_course_with_every_lesson_done_has_nothing_to_resume(session: Session) -> None:
    student = f.make_user(session)
    course = f.make_published_course(session, lessons=0)
    lesson = f.make_published_lesson(session, course=course)
    enrollment = f.make_enrollment(session, course=course, student=student)
    f.make_lesson_progress(
        session, enrollment=enrollment, lesson=lesson, status=LessonProgressStatus.COMPLETED
    )
    (entry,) = student_dashboard(session, actor=actor(student), student_id=student.id, lang="en")[
        "enrollments"
    ]
    assert entry["resume"] is None


def test_the_last_five_certificates_and_quiz_results(session: Session) -> None:
    student = f.make_user(session)
    certificates = [
        f.make_certificate(session, user=student, issued_at=_at(n)) for n in (5, 1, 7, 3, 6, 2, 4)
    ]
    quiz = f.make_quiz(session, title_fr=None)
    submissions = [
        f.make_submission(session, quiz=quiz, student=student, submitted_at=_at(n), score_percentage=10 * n)
        for n in (2, 6, 1, 5, 3, 7, 4)
    ]
    f.make_submission(session, quiz=quiz, student=student)  # started, never submitted
    board = student_dashboard(session, actor=actor(student), student_id=student.id, lang="fr")
    newest_certificates = sorted(certificates, key=lambda c: c.issued_at, reverse=True)[:5]
    assert [c["id"] for c in board["certificates"]] == [c.id for c in newest_certificates]
    newest_results = sorted(submissions, key=lambda s: s.submitted_at or T0, reverse=True)[:5]
    assert [r["id"] for r in board["quiz_results"]] == [s.id for s in newest_results]
    assert board["quiz_results"][0]["score_percentage"] == 70
    assert board["quiz_results"][0]["fallback"] == ["title"]


def test_a_dashboard_is_its_students_or_an_admins(session: Session) -> None:
    student = f.make_user(session)
    with pytest.raises(NotFound):
        student_dashboard(session, actor=actor(f.make_user(session)), student_id=student.id, lang="en")
    with pytest.raises(NotFound):
        student_dashboard(session, actor=actor(f.make_teacher(session)), student_id=student.id, lang="en")
    board = student_dashboard(session, actor=actor(f.make_admin(session)), student_id=student.id, lang="en")
    assert board == {"enrollments": [], "certificates": [], "quiz_results": []}
