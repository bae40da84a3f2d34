"""The admin pages: who may see them, what they show, and that their forms change what they say."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.enums import UserRole
from bibliology.http import CSRF_HEADER
from tests import factories as f

HTML = {"accept": "text/html"}
PAGES = ("/admin", "/admin/users", "/admin/activity", "/admin/jobs")


def test_anonymous_visitors_are_sent_to_sign_in_and_others_refused(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    for page in PAGES:
        response = client.get(page, headers=HTML, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == f"/account/login?next={page}"
    for user in (f.make_user(session), f.make_teacher(session)):
        login_as(user)
        for page in PAGES:
            refused = client.get(page, headers=HTML)
            assert refused.status_code == 403, page
            assert "<html" in refused.text
        assert client.post(f"/admin/users/{user.id}/role", data={"role": "ADMIN"}).status_code == 403
        session.refresh(user)
        assert user.role != UserRole.ADMIN


def test_accounts_are_searched_and_a_role_changed_by_form(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    admin = f.make_admin(session, name="Phoebe")
    student = f.make_user(session, name="Apollos Zed", email="apollos@example.org")
    f.make_user(session, name="Someone Else")
    token = login_as(admin)

    page = client.get("/admin/users?q=apollos&role=", headers=HTML)  # as the filter form sends it
    assert page.status_code == 200
    assert "Apollos Zed" in page.text
    assert "Someone Else" not in page.text
    assert f'action="/admin/users/{admin.id}/role"' not in client.get("/admin/users", headers=HTML).text

    # A plain HTML form: the CSRF token comes in the form field, not a header.
    del client.headers[CSRF_HEADER]
    refused = client.post(f"/admin/users/{student.id}/role", data={"role": "TEACHER"}, headers=HTML)
    assert refused.status_code == 403
    from bibliology.http import csrf_token_for

    changed = client.post(
        f"/admin/users/{student.id}/role",
        data={"role": "TEACHER", "csrf_token": csrf_token_for(token)},
        follow_redirects=False,
    )
    assert changed.status_code == 303
    assert changed.headers["location"] == "/admin/users?done=role"
    session.refresh(student)
    assert student.role == UserRole.TEACHER
    entry = session.scalars(
        text("SELECT id FROM activity_logs WHERE action = 'ROLE_CHANGE' AND entity_id = :id").bindparams(
            id=student.id
        )
    ).one_or_none()
    assert entry is not None
    notice = client.get("/admin/users?done=role&lang=fr", headers=HTML)
    assert "Rôle modifié" in notice.text


def test_the_activity_log_filters_by_user_action_entity_and_day(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    admin = f.make_admin(session)
    lydia = f.make_user(session, email="lydia@example.org")
    session.add_all(
        [
            ActivityLog(user_id=lydia.id, action="LOGIN", entity_type="user", entity_id=lydia.id),
            ActivityLog(user_id=lydia.id, action="PROFILE_UPDATE", metadata_={"fields": ["name"]}),
            ActivityLog(user_id=admin.id, action="LOGIN"),
        ]
    )
    session.flush()
    login_as(admin)

    mine = client.get("/admin/activity?user=lydia@example.org", headers=HTML)
    assert mine.status_code == 200
    assert mine.text.count("<code>LOGIN</code>") == 1
    assert "PROFILE_UPDATE" in mine.text
    logins = client.get(f"/admin/activity?action=login&entity_type=user&entity_id={lydia.id}", headers=HTML)
    assert logins.text.count("<code>LOGIN</code>") == 1
    assert "PROFILE_UPDATE" not in logins.text
    future = client.get("/admin/activity?since=2999-01-01", headers=HTML)
    assert "No entry matches these filters." in future.text
    today = client.get("/admin/activity?until=2999-01-01&user=lydia@example.org", headers=HTML)
    assert "PROFILE_UPDATE" in today.text
    bad = client.get("/admin/activity?since=03/12/2026", headers=HTML)
    assert bad.status_code == 422
    assert "expected a date like 2026-12-03" in bad.text


def _failed_job(session: Session, owner: User) -> int:
    job_id = session.scalar(
        text(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status, attempts) "
            "VALUES ('default', 'imports.run', '{}', 'failed', 1) RETURNING id"
        )
    )
    assert isinstance(job_id, int)
    session.execute(
        text(
            "INSERT INTO background_jobs (id, procrastinate_job_id, task_name, owner_id, status, error, attempts) "
            "VALUES (gen_random_uuid()::text, :job, 'imports.run', :owner, 'failed', 'deck.pptx: not a zip', 1)"
        ),
        {"job": job_id, "owner": owner.id},
    )
    return job_id


def test_a_failed_job_shows_its_error_and_is_retried(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    admin = f.make_admin(session)
    teacher = f.make_teacher(session, email="teacher-jobs@example.org")
    job_id = _failed_job(session, teacher)
    login_as(admin)

    page = client.get("/admin/jobs?status=failed", headers=HTML)
    assert page.status_code == 200
    assert f'data-job="{job_id}"' in page.text
    assert "deck.pptx: not a zip" in page.text
    assert "teacher-jobs@example.org" in page.text
    assert client.get("/admin/jobs?status=nonsense", headers=HTML).status_code == 422

    retried = client.post(f"/admin/jobs/{job_id}/retry", follow_redirects=False)
    assert retried.status_code == 303
    status = session.scalar(
        text("SELECT status::text FROM procrastinate_jobs WHERE id = :id"), {"id": job_id}
    )
    assert status == "todo"
    tracked = session.scalar(
        text("SELECT status FROM background_jobs WHERE procrastinate_job_id = :id"), {"id": job_id}
    )
    assert tracked == "queued"
    again = client.post(f"/admin/jobs/{job_id}/retry", headers=HTML)
    assert again.status_code == 409
    assert "only a failed job can be retried; this one is todo" in again.text
    assert client.post("/admin/jobs/999999999/retry", headers=HTML).status_code == 404
