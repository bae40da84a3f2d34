"""Enrol, drop, re-enrol."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.activity.models import ActivityLog
from bibliology.db import utcnow
from bibliology.enums import EnrollmentStatus, LessonProgressStatus, LessonStatus
from bibliology.errors import Conflict, NotFound, Unauthorized
from bibliology.policy import ANONYMOUS
from bibliology.progress import enrollment
from bibliology.progress.models import Enrollment
from tests import factories as f
from tests.queries.support import actor, enrollment_row


def test_enrolling_counts_the_published_lessons(session: Session) -> None:
    course = f.make_published_course(session, lessons=3)
    f.make_lesson(session, course=course)  # a draft does not count
    student = f.make_user(session)
    read, changed = enrollment.enrol(session, actor=actor(student), course_id=course.id)
    assert changed
    assert (read.status, read.total_lessons, read.lessons_completed, read.progress_percentage) == (
        EnrollmentStatus.ACTIVE,
        3,
        0,
        0,
    )
    again, changed = enrollment.enrol(session, actor=actor(student), course_id=course.id)
    assert (again.id, changed) == (read.id, False)
    assert session.scalars(select(ActivityLog.action).where(ActivityLog.user_id == student.id)).all() == [
        "ENROL"
    ]


def test_only_a_published_course_takes_new_students(session: Session) -> None:
    teacher = f.make_teacher(session)
    draft = f.make_course(session, teacher=teacher)
    archived = f.make_course(session, teacher=teacher, status=LessonStatus.ARCHIVED)
    student = actor(f.make_user(session))
    for course in (draft, archived):
        with pytest.raises(NotFound):  # a student cannot even see them
            enrollment.enrol(session, actor=student, course_id=course.id)
        with pytest.raises(Conflict):  # their teacher sees them, but cannot join either
            enrollment.enrol(session, actor=actor(teacher), course_id=course.id)
    with pytest.raises(Unauthorized):
        enrollment.enrol(session, actor=ANONYMOUS, course_id=f.make_published_course(session).id)


def test_dropping_keeps_progress_and_re_enrolling_picks_it_up(session: Session) -> None:
    course = f.make_published_course(session, lessons=0)
    done, _ = (f.make_published_lesson(session, course=course) for _ in range(2))
    student = f.make_user(session)
    read, _ = enrollment.enrol(session, actor=actor(student), course_id=course.id)
    f.make_lesson_progress(
        session,
        enrollment=session.get_one(Enrollment, read.id),
        lesson=done,
        status=LessonProgressStatus.COMPLETED,
    )
    dropped = enrollment.drop(session, actor=actor(student), course_id=course.id)
    assert dropped.status == EnrollmentStatus.DROPPED
    assert (
        enrollment.drop(session, actor=actor(student), course_id=course.id).status == EnrollmentStatus.DROPPED
    )
    back, changed = enrollment.enrol(session, actor=actor(student), course_id=course.id)
    assert changed
    assert (back.id, back.status, back.lessons_completed, back.progress_percentage) == (
        read.id,
        EnrollmentStatus.ACTIVE,
        1,
        50,
    )
    with pytest.raises(NotFound):
        enrollment.drop(session, actor=actor(f.make_user(session)), course_id=course.id)


def test_a_course_completed_before_dropping_comes_back_completed(session: Session) -> None:
    course = f.make_published_course(session, lessons=1)
    student = f.make_user(session)
    row = f.make_enrollment(
        session, course=course, student=student, status=EnrollmentStatus.DROPPED, completed_at=utcnow()
    )
    back, _ = enrollment.enrol(session, actor=actor(student), course_id=course.id)
    assert back.status == EnrollmentStatus.COMPLETED
    assert enrollment_row(session, row.id).completed_at == row.completed_at


def test_a_dropped_student_cannot_rejoin_an_archived_course(session: Session) -> None:
    course = f.make_published_course(session, lessons=1, status=LessonStatus.ARCHIVED)
    student = f.make_user(session)
    f.make_enrollment(session, course=course, student=student, status=EnrollmentStatus.DROPPED)
    with pytest.raises(Conflict):
        enrollment.enrol(session, actor=actor(student), course_id=course.id)
