"""The teacher's views: a course's roster and one student's lesson-by-lesson progress."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.db import utcnow
from bibliology.enums import EnrollmentStatus, LessonProgressStatus
from bibliology.errors import Forbidden, Invalid, NotFound
from bibliology.pagination import PageParams
from bibliology.progress.schemas import RosterPage, StudentProgressPage
from bibliology.queries.roster import course_roster, student_progress
from tests import factories as f
from tests.queries.support import actor


def _class(session: Session) -> tuple[User, Course, list[User]]:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=0)
    lesson = f.make_published_lesson(session, course=course)
    quiz = f.make_quiz(session, lesson=lesson)
    now = utcnow()
    students = []
    for n, (name, progress) in enumerate((("Chloé", 50), ("Abel", 100), ("Bartimée", 0))):
        student = f.make_user(session, name=name)
        f.make_enrollment(
            session,
            course=course,
            student=student,
            progress_percentage=progress,
            last_accessed_at=now - dt.timedelta(hours=n),
            status=EnrollmentStatus.COMPLETED if progress == 100 else EnrollmentStatus.ACTIVE,
        )
        students.append(student)
    abel = students[1]
    for score, passed in ((40, False), (90, True)):
        f.make_submission(
            session, quiz=quiz, student=abel, submitted_at=now, score_percentage=score, passed=passed
        )
    return teacher, course, students


def test_the_roster_sorts_by_whitelisted_keys_and_pages(session: Session) -> None:
    teacher, course, _ = _class(session)
    who = actor(teacher)

    def names(sort: str, page: int = 1, size: int = 10) -> list[str]:
        found = course_roster(
            session, actor=who, course_id=course.id, pages=PageParams(page, size), sort=sort
        )
        RosterPage.model_validate(found)
        return [row["student"]["name"] for row in found["items"]]

    assert names("name") == ["Abel", "Bartimée", "Chloé"]
    assert names("-name") == ["Chloé", "Bartimée", "Abel"]
    assert names("-progress") == ["Abel", "Chloé", "Bartimée"]
    assert names("-last_accessed") == ["Chloé", "Abel", "Bartimée"]
    assert names("name", page=2, size=2) == ["Chloé"]
    with pytest.raises(Invalid):
        names("password_hash")
    with pytest.raises(Invalid):
        names("name; DROP TABLE users")


def test_each_row_has_progress_last_access_and_quiz_results(session: Session) -> None:
    teacher, course, students = _class(session)
    page = course_roster(session, actor=actor(teacher), course_id=course.id, pages=PageParams(), sort="name")
    abel = page["items"][0]
    assert abel["student"]["id"] == students[1].id
    assert abel["enrollment"]["progress_percentage"] == 100
    assert abel["quizzes"] == {
        "submitted": 2,
        "passed": 1,
        "average_score": 65,
        "last_submitted_at": abel["quizzes"]["last_submitted_at"],
    }
    assert page["items"][1]["quizzes"]["submitted"] == 0
    assert (page["total"], page["quiz_count"]) == (3, 1)
    completed = course_roster(
        session,
        actor=actor(teacher),
        course_id=course.id,
        pages=PageParams(),
        status=EnrollmentStatus.COMPLETED,
    )
    assert [row["student"]["name"] for row in completed["items"]] == ["Abel"]
    assert completed["total"] == 1


def test_only_the_courses_teacher_and_admins_see_the_roster(session: Session) -> None:
    teacher, course, students = _class(session)
    course_id = course.id
    with pytest.raises(Forbidden):
        course_roster(session, actor=actor(f.make_teacher(session)), course_id=course_id, pages=PageParams())
    with pytest.raises(Forbidden):
        course_roster(session, actor=actor(students[0]), course_id=course_id, pages=PageParams())
    with pytest.raises(NotFound):
        course_roster(session, actor=actor(teacher), course_id="missing", pages=PageParams())
    assert (
        course_roster(session, actor=actor(f.make_admin(session)), course_id=course_id, pages=PageParams())[
            "total"
        ]
        == 3
    )


def test_a_students_progress_lesson_by_lesson(session: Session) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=0)
    lessons = [f.make_published_lesson(session, course=course, lesson_order=n, slides=3) for n in (1, 2, 3)]
    quiz = f.make_quiz(session, lesson=lessons[0])
    student = f.make_user(session)
    enrollment = f.make_enrollment(session, course=course, student=student)
    f.make_lesson_progress(
        session,
        enrollment=enrollment,
        lesson=lessons[0],
        status=LessonProgressStatus.COMPLETED,
        total_slides_viewed=3,
        time_spent_seconds=120,
        completed_at=utcnow(),
    )
    f.make_lesson_progress(
        session,
        enrollment=enrollment,
        lesson=lessons[1],
        status=LessonProgressStatus.IN_PROGRESS,
        total_slides_viewed=1,
        time_spent_seconds=600,
    )
    f.make_submission(session, quiz=quiz, student=student, submitted_at=utcnow(), score_percentage=80)
    found = student_progress(
        session,
        actor=actor(teacher),
        course_id=course.id,
        student_id=student.id,
        lang="en",
        pages=PageParams(),
    )
    StudentProgressPage.model_validate(found)
    assert [(row["status"], row["total_slides_viewed"], row["slide_count"]) for row in found["items"]] == [
        ("COMPLETED", 3, 3),
        ("IN_PROGRESS", 1, 3),
        ("NOT_STARTED", 0, 3),
    ]
    assert found["items"][0]["quizzes"][0] | {"quiz_id": None, "fallback": None} == {
        "quiz_id": None,
        "title": "Check",
        "attempts": 1,
        "best_score": 80,
        "passed": True,
        "fallback": None,
    }
    by_time = student_progress(
        session,
        actor=actor(teacher),
        course_id=course.id,
        student_id=student.id,
        lang="en",
        pages=PageParams(1, 2),
        sort="-time_spent",
    )
    assert [row["lesson"]["id"] for row in by_time["items"]] == [lessons[1].id, lessons[0].id]
    assert by_time["total"] == 3
    with pytest.raises(NotFound):  # not enrolled in the course
        student_progress(
            session,
            actor=actor(teacher),
            course_id=course.id,
            student_id=f.make_user(session).id,
            lang="en",
            pages=PageParams(),
        )
