"""Over HTTP: completing the course through the progress API queues the issuing job; the holder
lists and downloads the PDF; the public API and the /verify page (EN/FR) say valid, then revoked
after an admin revokes it; mistyped and unknown numbers are told apart; verification is throttled."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.certificates import numbers, service
from bibliology.certificates.api import VERIFY_PER_ADDRESS
from tests import factories as f
from tests.certificates.support import HOLDER, TITLE_FR, completed_course, pdf_text, qr_texts
from tests.queries.support import slide_ids

Login = Callable[[User], str]
HTML = {"accept": "text/html"}


def test_completing_a_course_over_http_queues_the_issuing_job(
    client: TestClient, session: Session, login_as: Login
) -> None:
    course = f.make_published_course(session, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=1)
    student = f.make_user(session)
    login_as(student)
    assert client.post(f"/api/v1/courses/{course.id}/enrollment").status_code == 201
    (slide,) = slide_ids(session, lesson.id)
    event = {"lesson_id": lesson.id, "slide_id": slide, "seconds": 30, "client_event_id": "done"}
    assert client.post("/api/v1/progress/events", json=event).status_code == 200
    jobs = session.execute(
        text("SELECT args FROM procrastinate_jobs WHERE task_name = 'certificates.issue'")
    ).scalars()
    assert list(jobs) == [{"user_id": student.id, "course_id": course.id, "lesson_id": None}]


def test_holder_downloads_and_anyone_verifies_until_revoked(
    client: TestClient, session: Session, login_as: Login
) -> None:
    student, course, _ = completed_course(session)
    issued = service.issue(session, user_id=student.id, course_id=course.id)
    assert issued is not None
    number = issued.number

    login_as(student)
    (mine,) = client.get("/api/v1/me/certificates").json()
    assert (mine["number"], mine["title"], mine["kind"], mine["revoked"]) == (
        number,
        TITLE_FR,
        "course",
        False,
    )
    assert mine["verify_url"].endswith(f"/verify/{number}")
    pdf = client.get(mine["download_url"])
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["cache-control"] == "private, no-store"
    assert HOLDER in pdf_text(pdf.content)
    assert qr_texts(pdf.content) == [mine["verify_url"]]
    letter = client.get(mine["download_url"], params={"paper": "Letter"})
    assert letter.status_code == 200
    assert letter.content != pdf.content
    assert client.get(mine["download_url"], params={"paper": "A3"}).status_code == 422

    client.cookies.clear()
    client.headers.pop("X-CSRF-Token", None)
    body = client.get(f"/api/v1/certificates/{number}/verify", params={"lang": "fr"}).json()
    assert body == {
        "status": "valid",
        "number": number,
        "holder_name": HOLDER,
        "title": TITLE_FR,
        "issued_on": body["issued_on"],
        "revoked_on": None,
    }
    assert student.email not in str(body)
    french = client.get(f"/verify/{number}", params={"lang": "fr"}, headers=HTML)
    assert french.status_code == 200
    assert 'data-status="valid"' in french.text
    assert "Ce certificat est valide." in french.text
    assert HOLDER in french.text
    assert student.email not in french.text
    english = client.get(f"/verify/{number}", params={"lang": "en"}, headers=HTML)
    assert "This certificate is valid." in english.text
    assert "The Gospel of Mark: a first reading" in english.text

    login_as(f.make_admin(session))
    revoked = client.post(f"/api/v1/certificates/{number}/revoke", json={"reason": "Issued by mistake"})
    assert revoked.status_code == 200, revoked.text
    assert client.post(f"/api/v1/certificates/{number}/revoke", json={"reason": "again"}).status_code == 409
    assert client.post(f"/api/v1/certificates/{number}/revoke", json={}).status_code == 422
    assert client.get(f"/api/v1/certificates/{number}/verify").json()["status"] == "revoked"
    page = client.get(f"/verify/{number}", params={"lang": "fr"}, headers=HTML)
    assert 'data-status="revoked"' in page.text
    assert "Ce certificat a été révoqué." in page.text


def test_mistyped_and_unknown_numbers_are_told_apart(client: TestClient) -> None:
    unknown = numbers.new_number(2026)
    typo = unknown[:-1] + next(c for c in numbers.ALPHABET if c != unknown[-1])
    assert client.get(f"/api/v1/certificates/{unknown}/verify").json()["status"] == "not_found"
    assert client.get(f"/api/v1/certificates/{typo}/verify").json()["status"] == "mistyped"
    page = client.get(f"/verify/{typo}", params={"lang": "en"}, headers=HTML)
    assert 'data-status="mistyped"' in page.text
    assert "typing mistake" in page.text
    page = client.get(f"/verify/{unknown}", params={"lang": "fr"}, headers=HTML)
    assert 'data-status="not_found"' in page.text
    assert "Aucun certificat ne porte ce numéro." in page.text
    form = client.get("/verify", params={"number": unknown.lower()}, follow_redirects=False)
    assert (form.status_code, form.headers["location"]) == (303, f"/verify/{unknown.upper()}")
    assert client.get("/verify", headers=HTML).status_code == 200


def test_verification_is_rate_limited(client: TestClient) -> None:
    unknown = numbers.new_number(2026)
    statuses = [
        client.get(f"/api/v1/certificates/{unknown}/verify").status_code
        for _ in range(VERIFY_PER_ADDRESS.hits + 1)
    ]
    assert statuses[:-1] == [200] * VERIFY_PER_ADDRESS.hits
    assert statuses[-1] == 429
    limited = client.get(f"/api/v1/certificates/{unknown}/verify")
    assert limited.headers["content-type"].startswith("application/problem+json")
    assert int(limited.headers["retry-after"]) > 0


def test_a_teacher_opts_a_course_in_to_lesson_certificates(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=0)
    login_as(teacher)
    url = f"/api/v1/courses/{course.id}/certificate-settings"
    assert client.put(url, json={"lesson_certificates": True}).json() == {
        "course_id": course.id,
        "lesson_certificates": True,
    }
    assert client.put(url, json={"lesson_certificates": "yes"}).status_code == 422
    session.refresh(course)
    assert course.lesson_certificates
    lesson = f.make_published_lesson(session, course=course, slides=1)
    student = f.make_user(session)
    login_as(student)
    assert client.post(f"/api/v1/courses/{course.id}/enrollment").status_code == 201
    f.make_published_lesson(session, course=course, slides=1)  # so the course is not complete yet
    (slide,) = slide_ids(session, lesson.id)
    event = {"lesson_id": lesson.id, "slide_id": slide, "seconds": 30, "client_event_id": "l1"}
    assert client.post("/api/v1/progress/events", json=event).status_code == 200
    jobs = session.execute(
        text("SELECT args FROM procrastinate_jobs WHERE task_name = 'certificates.issue'")
    ).scalars()
    assert list(jobs) == [{"user_id": student.id, "course_id": course.id, "lesson_id": lesson.id}]
    assert session.scalars(select(User).where(User.id == student.id)).one()


def test_the_dashboard_links_each_certificate_to_its_pdf_and_its_verification(
    client: TestClient, session: Session, login_as: Login
) -> None:
    student, course, _ = completed_course(session)
    issued = service.issue(session, user_id=student.id, course_id=course.id)
    assert issued is not None
    login_as(student)
    page = client.get("/dashboard?lang=fr", headers=HTML).text
    assert f'href="/verify/{issued.number}"' in page
    download = f"/api/v1/certificates/{issued.number}/pdf"
    assert f'href="{download}" download' in page
    assert "Télécharger (PDF)" in page
    assert client.get(download).headers["content-type"] == "application/pdf"
