"""The teacher's roster (sorting, pagination, filter, CSV export) and one student's lesson-by-lesson
page: what they show, and whom they refuse."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.enums import EnrollmentStatus, LessonProgressStatus
from bibliology.progress.models import Enrollment
from tests import factories as f

HTML = {"accept": "text/html"}
DAY = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)


def names(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/teach/courses/[^/]+/students/[^"]+">([^<]+)</a>', page)


@pytest.fixture
def roster_course(session: Session) -> dict[str, Any]:
    teacher = f.make_teacher(session, name="Tabitha Teacher")
    course = f.make_published_course(
        session, teacher=teacher, lessons=2, title_en="Romans", title_fr="Romains"
    )
    people = [
        ("Zacchaeus", "zac@example.org", 10, 5),
        ("Andrew", "andrew@example.org", 90, 1),
        ("Mary", "mary@example.org", 50, 3),
        ('=HYPERLINK("http://evil")', "eve@example.org", 0, 9),  # a formula as a name
        ("Lydia, of Thyatira", "lydia@example.org", 70, 2),  # a comma, needs quoting
    ]
    students = []
    for name, email, percentage, days in people:
        student = f.make_user(session, name=name, email=email)
        f.make_enrollment(
            session,
            course=course,
            student=student,
            progress_percentage=percentage,
            lessons_completed=percentage // 50,
            total_lessons=2,
            last_accessed_at=DAY - dt.timedelta(days=days),
        )
        students.append(student)
    return {"teacher": teacher, "course": course, "students": students}


def test_the_roster_sorts_by_each_column_with_aria_sort(
    client: TestClient, login_as: Callable[[User], str], roster_course: dict[str, Any]
) -> None:
    course = roster_course["course"]
    login_as(roster_course["teacher"])
    base = f"/teach/courses/{course.id}/roster"
    page = client.get(base, headers=HTML)
    assert page.status_code == 200
    listed = names(page.text)
    assert len(listed) == 5
    assert [n for n in listed if n[0] != "="] == ["Andrew", "Lydia, of Thyatira", "Mary", "Zacchaeus"]
    assert re.search(r'<th scope="col" aria-sort="ascending">\s*<a href="\?q=&amp;sort=-name">', page.text)
    assert 'aria-current="page">Students</a>' in page.text  # the course tab
    by_progress = client.get(f"{base}?sort=-progress", headers=HTML)
    assert names(by_progress.text)[:3] == ["Andrew", "Lydia, of Thyatira", "Mary"]
    assert 'aria-sort="descending"' in by_progress.text
    assert names(client.get(f"{base}?sort=-last_accessed", headers=HTML).text)[:2] == [
        "Andrew",
        "Lydia, of Thyatira",
    ]
    assert names(client.get(f"{base}?sort=-email", headers=HTML).text)[:2] == ["Zacchaeus", "Mary"]
    bad = client.get(f"{base}?sort=password", headers=HTML)
    assert bad.status_code == 422
    assert "<html" in bad.text


def test_the_roster_is_paginated_and_filtered(
    client: TestClient, login_as: Callable[[User], str], roster_course: dict[str, Any]
) -> None:
    course = roster_course["course"]
    login_as(roster_course["teacher"])
    base = f"/teach/courses/{course.id}/roster"
    first = client.get(f"{base}?sort=-progress&page_size=2", headers=HTML)
    assert names(first.text) == ["Andrew", "Lydia, of Thyatira"]
    assert "Page 1 of 3" in first.text
    assert 'rel="next" href="?q=&amp;sort=-progress&amp;page=2"' in first.text
    second = client.get(f"{base}?sort=-progress&page_size=2&page=2", headers=HTML)
    assert names(second.text) == ["Mary", "Zacchaeus"]
    found = client.get(f"{base}?q=MARY@", headers=HTML)  # e-mail, any case
    assert names(found.text) == ["Mary"]
    assert "1 student" in found.text
    assert names(client.get(f"{base}?q=thyat", headers=HTML).text) == ["Lydia, of Thyatira"]
    none = client.get(f"{base}?q=nobody", headers=HTML)
    assert names(none.text) == []
    assert "No student matches" in none.text
    assert client.get(f"{base}?q=%25", headers=HTML).status_code == 200  # a % is text, not a wildcard
    assert names(client.get(f"{base}?q=%25", headers=HTML).text) == []


def test_the_csv_export_holds_every_page_escaped_and_formula_safe(
    client: TestClient, session: Session, login_as: Callable[[User], str], roster_course: dict[str, Any]
) -> None:
    course = roster_course["course"]
    for i in range(120):  # more than one page of the API (100)
        f.make_enrollment(session, course=course, student=f.make_user(session, name=f"Bulk {i:03d}"))
    login_as(roster_course["teacher"])
    response = client.get(f"/teach/courses/{course.id}/roster.csv?sort=name")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == f'attachment; filename="roster-{course.id}.csv"'
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    header, data = rows[0], rows[1:]
    assert header[:4] == ["name", "email", "status", "progress_percentage"]
    assert len(data) == 125
    by_name = {row[0]: row for row in data}
    assert '\'=HYPERLINK("http://evil")' in by_name  # a formula is defused with a leading '
    assert '"Lydia, of Thyatira"' in body  # quoted, not split
    assert by_name["Andrew"][1:5] == ["andrew@example.org", "ACTIVE", "90", "1"]
    filtered = client.get(f"/teach/courses/{course.id}/roster.csv?q=bulk 11")
    assert len(list(csv.reader(io.StringIO(filtered.content.decode("utf-8-sig"))))) == 1 + 10


def test_formula_cells_are_defused() -> None:
    from bibliology.progress.teach_views import _safe

    assert [_safe(v) for v in ("=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "plain", None, 42)] == [
        "'=1+1", "'+33 6", "'-2", "'@SUM(A1)", "'\tx", "plain", "", "42",
    ]  # fmt: skip


def test_a_students_lesson_by_lesson_page(
    client: TestClient, session: Session, login_as: Callable[[User], str], roster_course: dict[str, Any]
) -> None:
    course, teacher = roster_course["course"], roster_course["teacher"]
    mary = roster_course["students"][2]
    lessons = sorted(course_lessons(session, course.id), key=lambda lesson: lesson.lesson_order)
    quiz = f.make_quiz(session, lesson=lessons[0], title_en="First check", title_fr="Premier contrôle")
    from bibliology.db import utcnow

    f.make_submission(
        session, quiz=quiz, student=mary, score_percentage=80, passed=True, submitted_at=utcnow()
    )
    enrollment = session.query(Enrollment).filter_by(course_id=course.id, student_id=mary.id).one()
    f.make_lesson_progress(
        session,
        enrollment=enrollment,
        lesson=lessons[0],
        status=LessonProgressStatus.COMPLETED,
        time_spent_seconds=754,
        total_slides_viewed=2,
    )
    login_as(teacher)
    page = client.get(f"/teach/courses/{course.id}/students/{mary.id}", headers=HTML)
    assert page.status_code == 200
    assert "mary@example.org" in page.text
    rows = re.findall(r'<tr data-lesson="[^"]+">(.*?)</tr>', page.text, re.S)
    assert len(rows) == 2
    assert "Completed" in rows[0]
    assert "12 min" in rows[0]
    assert "2/2" in rows[0]
    assert "<time" in rows[0]
    assert "Not started" in rows[1]
    assert "never" in rows[1]
    assert "First check" in page.text
    assert "80%" in page.text
    assert f"/teach/quizzes/{quiz.id}/gradebook/{mary.id}" in page.text
    french = client.get(f"/teach/courses/{course.id}/students/{mary.id}?lang=fr", headers=HTML)
    assert "Premier contrôle" in french.text
    assert "Terminé" in french.text
    stranger = f.make_user(session)
    assert client.get(f"/teach/courses/{course.id}/students/{stranger.id}", headers=HTML).status_code == 404


def course_lessons(session: Session, course_id: str) -> list[Any]:
    from bibliology.lessons.models import Lesson

    return list(session.query(Lesson).filter_by(course_id=course_id))


def test_who_may_see_the_roster(
    client: TestClient, session: Session, login_as: Callable[[User], str], roster_course: dict[str, Any]
) -> None:
    course = roster_course["course"]
    pages = (
        f"/teach/courses/{course.id}/roster",
        f"/teach/courses/{course.id}/roster.csv",
        f"/teach/courses/{course.id}/students/{roster_course['students'][0].id}",
    )
    for path in pages:
        anonymous = client.get(path, headers=HTML, follow_redirects=False)
        assert anonymous.status_code == 303
        assert anonymous.headers["location"].startswith("/account/login?next=")
    login_as(roster_course["students"][0])
    assert all(client.get(p, headers=HTML).status_code == 403 for p in pages)
    login_as(f.make_teacher(session))
    for path in pages:
        refused = client.get(path, headers=HTML)
        assert refused.status_code == 403
        assert "Andrew" not in refused.text
    login_as(f.make_admin(session))
    assert all(client.get(p, headers=HTML).status_code == 200 for p in pages)


def test_dropped_students_show_their_status(
    client: TestClient, session: Session, login_as: Callable[[User], str], roster_course: dict[str, Any]
) -> None:
    course = roster_course["course"]
    f.make_enrollment(
        session, course=course, student=f.make_user(session, name="Demas"), status=EnrollmentStatus.DROPPED
    )
    login_as(roster_course["teacher"])
    page = client.get(f"/teach/courses/{course.id}/roster?q=demas&lang=fr", headers=HTML)
    assert "Demas" in page.text
    assert "Abandonné" in page.text


def test_the_roster_api_filters_and_names_e_mails_too(
    client: TestClient, login_as: Callable[[User], str], roster_course: dict[str, Any]
) -> None:
    login_as(roster_course["teacher"])
    found = client.get(f"/api/v1/courses/{roster_course['course'].id}/roster?q=MARY&sort=-email").json()
    assert found["total"] == 1
    assert found["items"][0]["student"]["email"] == "mary@example.org"
