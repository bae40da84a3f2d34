"""The dashboard page: courses in progress by last access with a resume link, completed courses,
recent quiz results linking to their result pages, certificates linking to their verification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.enums import EnrollmentStatus
from tests import factories as f

HTML = {"accept": "text/html"}
NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)


def test_the_dashboard_shows_every_section(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    student = f.make_user(session)
    older = f.make_published_course(session, lessons=1, slug="dash-older", title_en="Older W1")
    newer = f.make_published_course(session, lessons=0, slug="dash-newer", title_en="Newer W1", title_fr=None)
    lesson = f.make_published_lesson(session, course=newer, slug="dash-newer-one", title_en="First steps")
    done = f.make_published_course(session, lessons=1, slug="dash-done", title_en="Done W1")
    f.make_enrollment(session, course=older, student=student, last_accessed_at=NOW - dt.timedelta(days=3))
    f.make_enrollment(session, course=newer, student=student, last_accessed_at=NOW, progress_percentage=50)
    f.make_enrollment(
        session,
        course=done,
        student=student,
        status=EnrollmentStatus.COMPLETED,
        completed_at=NOW,
        progress_percentage=100,
    )
    quiz = f.make_quiz(session, lesson=lesson, title_en="Check W1")
    submission = f.make_submission(
        session, quiz=quiz, student=student, submitted_at=NOW, score_percentage=40, passed=False
    )
    certificate = f.make_certificate(session, user=student, course=done)

    login_as(student)
    page = client.get("/dashboard?lang=en", headers=HTML)
    assert page.status_code == 200
    text = page.text
    assert text.index("Newer W1") < text.index("Older W1")  # last accessed first
    assert 'href="/courses/dash-newer/lessons/dash-newer-one"' in text  # resume
    assert "First steps" in text
    completed = text.split('id="completed-heading"')[1].split("</section>")[0]
    assert "Done W1" in completed
    assert "Older W1" not in completed
    assert f'href="/quizzes/{quiz.id}/attempts/{submission.id}/result"' in text
    assert "40%" in text
    assert "Not passed" in text
    assert f'href="/verify/{certificate.certificate_number}"' in text

    french = client.get("/dashboard?lang=fr", headers=HTML).text
    assert "Cours en cours" in french
    assert "Cours terminés" in french
    assert "Non réussi" in french
    assert '<a href="/courses/dash-newer" lang="en">Newer W1</a>' in french
    assert "Pas encore traduit — affiché en anglais" in french


def test_an_empty_dashboard_points_to_the_catalogue(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    login_as(f.make_user(session, language_pref="fr"))
    page = client.get("/dashboard", headers=HTML)
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text  # the user's preference
    assert "Aucun cours en cours." in page.text
    assert 'href="/courses">Parcourir les cours</a>' in page.text
    assert "Pas encore de certificat" in page.text


def test_the_dashboard_asks_visitors_to_sign_in(client: TestClient) -> None:
    response = client.get("/dashboard", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/account/login?next=/dashboard"
