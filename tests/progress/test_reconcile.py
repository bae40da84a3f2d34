"""`bibliology progress reconcile [--fix]` finds every drifted field, repairs it, and says so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.enums import EnrollmentStatus, LessonProgressStatus, UserRole
from bibliology.policy import Actor
from bibliology.progress import enrollment, events, hooks, notes, reconcile
from bibliology.progress.completion import CourseCompleted
from bibliology.progress.models import Enrollment, LessonProgress, StudentNote
from tests import factories as f
from tests.queries.support import slide_ids
from tests.test_cli import run


@pytest.fixture
def sessions(scratch_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(scratch_url, pool_size=2)
    yield session_factory(engine)
    engine.dispose()


def _learning(sessions: sessionmaker[Session]) -> dict[str, str]:
    """Two students part-way through a course, with a note; returns the ids the tests corrupt."""
    with unit_of_work(sessions) as session:
        course = f.make_published_course(session, lessons=0)
        lessons = [f.make_published_lesson(session, course=course, slides=3) for _ in range(2)]
        ids: dict[str, str] = {}
        for n in range(2):
            student = Actor(f.make_user(session).id, UserRole.STUDENT)
            read, _ = enrollment.enrol(session, actor=student, course_id=course.id)
            for m, slide in enumerate(slide_ids(session, lessons[0].id)):
                events.record_event(
                    session,
                    actor=student,
                    lesson_id=lessons[0].id,
                    slide_id=slide,
                    seconds=5,
                    client_event_id=f"{m}",
                )
            ids[f"enrollment{n}"] = read.id
        note = notes.create(
            session,
            actor=student,
            lesson_id=lessons[1].id,
            slide_id=slide_ids(session, lessons[1].id)[2],
            note_text="x",
        )
        ids["note"] = note.id
    return ids


def test_a_clean_database_has_no_drift(sessions: sessionmaker[Session]) -> None:
    _learning(sessions)
    report = reconcile.run(sessions, fix=False)
    assert (report.courses, report.enrollments, report.lesson_progress) == (1, 2, 2)
    assert report.drifted == 0
    assert set(report.drift) == set(reconcile.FIELDS)


def test_every_drifted_field_is_reported_then_fixed(sessions: sessionmaker[Session]) -> None:
    ids = _learning(sessions)
    completed: list[CourseCompleted] = []
    with unit_of_work(sessions) as session:
        session.execute(
            update(Enrollment)
            .where(Enrollment.id == ids["enrollment0"])
            .values(total_lessons=7, lessons_completed=0, progress_percentage=99)
        )
        session.execute(
            update(LessonProgress)
            .where(LessonProgress.enrollment_id == ids["enrollment1"])
            .values(total_slides_viewed=1, current_slide_index=0)
        )
        session.execute(update(StudentNote).where(StudentNote.id == ids["note"]).values(slide_index=0))
        # Every lesson of the second student's course completed behind the counters' back.
        session.execute(
            update(LessonProgress)
            .where(LessonProgress.enrollment_id == ids["enrollment1"])
            .values(status=LessonProgressStatus.COMPLETED)
        )
        session.execute(
            update(Enrollment)
            .where(Enrollment.id == ids["enrollment1"])
            .values(total_lessons=1, lessons_completed=1, progress_percentage=100)
        )
    report = reconcile.run(sessions, fix=False)
    assert dict(report.drift) == {
        "enrollments.total_lessons": 2,
        "enrollments.lessons_completed": 1,
        "enrollments.progress_percentage": 2,
        "enrollments.status": 0,
        "lesson_progress.total_slides_viewed": 1,
        "lesson_progress.current_slide_index": 1,
        "student_notes.slide_index": 1,
    }

    def listener(session: Session, event: CourseCompleted) -> None:
        completed.append(event)

    hooks.on_course_completed(listener)
    try:
        fixed = reconcile.run(sessions, fix=True)
    finally:
        hooks.remove_course_completed_listener(listener)
    assert fixed.drift == report.drift
    assert completed == []  # nothing was really complete
    assert reconcile.run(sessions, fix=False).drifted == 0
    with unit_of_work(sessions) as session:
        first = session.get_one(Enrollment, ids["enrollment0"])
        assert (first.total_lessons, first.lessons_completed, first.progress_percentage) == (2, 1, 50)
        second = session.get_one(Enrollment, ids["enrollment1"])
        assert (second.lessons_completed, second.total_lessons, second.status) == (
            1,
            2,
            EnrollmentStatus.ACTIVE,
        )
        assert session.get_one(StudentNote, ids["note"]).slide_index == 2


def test_the_command_exits_1_on_drift_and_0_once_fixed(
    scratch_url: str, sessions: sessionmaker[Session]
) -> None:
    ids = _learning(sessions)
    with unit_of_work(sessions) as session:
        session.execute(
            update(Enrollment).where(Enrollment.id == ids["enrollment0"]).values(lessons_completed=2)
        )
    env = {"DATABASE_URL": scratch_url}
    found = run("progress", "reconcile", env=env)
    assert found.returncode == 1
    assert "error: 1 drifted value(s): run with --fix to repair them" in found.stderr
    assert "enrollments.lessons_completed" in found.stderr  # the summary table
    repaired = run("progress", "reconcile", "--fix", env=env)
    assert repaired.returncode == 0, repaired.stderr
    assert "repaired" in repaired.stderr
    clean = run("progress", "reconcile", env=env)
    assert clean.returncode == 0, clean.stderr
    assert "no drift" in clean.stderr
