"""The dashboard and roster pages show the same exact progress as the API."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from tests import factories as f


def test_the_student_dashboard_and_the_teacher_roster_pages(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(
        session, teacher=teacher, lessons=0, title_en="Romans", title_fr="Romains"
    )
    f.make_published_lesson(session, course=course, title_en="Grace", title_fr="Grâce")
    student = f.make_user(session, name="Priscilla")
    f.make_enrollment(
        session, course=course, student=student, lessons_completed=1, total_lessons=4, progress_percentage=25
    )

    assert client.get("/dashboard", follow_redirects=False).status_code == 303
    login_as(student)
    page = client.get("/dashboard?lang=fr", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "Romains" in page.text
    assert "1/4 · 25\u00a0%" in page.text  # French puts a no-break space before %
    assert "Grâce" in page.text  # the lesson to resume
    assert (
        client.get(f"/teach/courses/{course.id}/roster", headers={"accept": "text/html"}).status_code == 403
    )

    login_as(teacher)
    roster = client.get(f"/teach/courses/{course.id}/roster?sort=-progress", headers={"accept": "text/html"})
    assert roster.status_code == 200
    assert "Priscilla" in roster.text
    assert "1/4 · 25%" in roster.text
