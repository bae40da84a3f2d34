"""The activity log: the helper every domain calls, the admin listing, denials audited, the purge."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable

import psycopg
import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.activity import service
from bibliology.activity.models import ActivityLog
from bibliology.enums import LessonStatus
from bibliology.errors import Forbidden
from bibliology.policy import Actor, CourseFacts, ensure_can_view_course, ensure_self_or_admin
from bibliology.schema_check import libpq_url
from tests import factories as f

Login = Callable[[User], str]


def test_record_takes_the_actor_and_the_request(app: FastAPI, client: TestClient, session: Session) -> None:
    user = f.make_user(session)

    @app.post("/api/v1/_act")
    def act(request: Request) -> dict[str, str]:
        with session.info["factory"]() as inner:
            entry = service.record(
                inner,
                action="CREATE_LESSON",
                actor=Actor(user.id),
                entity_type="lesson",
                entity_id="l1",
                request=request,
                metadata={"title": "Genesis"},
            )
            inner.commit()
            return {"id": entry.id}

    entry_id = client.post("/api/v1/_act", headers={"User-Agent": "unit-test/1.0"}).json()["id"]
    entry = session.get_one(ActivityLog, entry_id)
    assert (entry.user_id, entry.action, entry.entity_type, entry.entity_id) == (
        user.id,
        "CREATE_LESSON",
        "lesson",
        "l1",
    )
    assert (entry.ip_address, entry.user_agent) == ("testclient", "unit-test/1.0")
    assert entry.metadata_ == {"title": "Genesis"}


def test_refusals_are_audited_as_permission_denied(
    app: FastAPI, client: TestClient, session: Session, login_as: Login
) -> None:
    student = f.make_user(session)
    teacher = f.make_teacher(session)
    draft = CourseFacts(id="c-draft", teacher_id=teacher.id, status=LessonStatus.DRAFT)

    @app.get("/api/v1/_draft")
    def read_draft(request: Request) -> None:
        ensure_can_view_course(Actor(student.id), draft)

    @app.get("/api/v1/_missing")
    def read_missing() -> None:
        ensure_can_view_course(Actor(student.id), None)

    @app.get("/api/v1/_forbidden")
    def forbidden() -> None:
        raise Forbidden("teachers only")

    login_as(student)
    client.get("/api/v1/me")  # resolves the actor for this client's later requests' audit
    hidden = client.get("/api/v1/_draft")
    assert hidden.status_code == 404
    assert hidden.json() == client.get("/api/v1/_missing").json() | {"instance": "/api/v1/_draft"}
    assert client.get("/api/v1/_forbidden").status_code == 403
    denials = session.scalars(
        select(ActivityLog).where(ActivityLog.action == "PERMISSION_DENIED").order_by(ActivityLog.created_at)
    ).all()
    # A denied object and a refusal are audited; a truly missing object is not a denial.
    assert [d.metadata_ and (d.metadata_["path"], d.metadata_["status"]) for d in denials] == [
        ("/api/v1/_draft", 404),
        ("/api/v1/_forbidden", 403),
    ]


def test_policy_hides_foreign_records(session: Session) -> None:
    from bibliology.policy import Denied

    with pytest.raises(Denied):
        ensure_self_or_admin(Actor("u1"), "u2")
    ensure_self_or_admin(Actor("u1"), "u1")
    from bibliology.enums import UserRole

    ensure_self_or_admin(Actor("admin", UserRole.ADMIN), "u2")


def test_admin_lists_and_filters_the_log(client: TestClient, session: Session, login_as: Login) -> None:
    admin = f.make_admin(session)
    alice = f.make_user(session)
    base = dt.datetime(2031, 3, 1, tzinfo=dt.UTC)
    for n in range(5):
        f.make_activity(session, user_id=alice.id, action="LOGIN", created_at=base + dt.timedelta(days=n))
    f.make_activity(session, user_id=alice.id, action="LOGIN_FAILED", created_at=base)
    f.make_activity(session, user_id=admin.id, action="LOGIN", created_at=base)
    login_as(admin)

    page = client.get("/api/v1/admin/activity", params={"user_id": alice.id, "page_size": 2}).json()
    assert (page["total"], len(page["items"]), page["page"]) == (6, 2, 1)
    assert page["items"][0]["created_at"] >= page["items"][1]["created_at"]  # newest first
    logins = client.get("/api/v1/admin/activity", params={"user_id": alice.id, "action": "login"}).json()
    assert logins["total"] == 5
    window = client.get(
        "/api/v1/admin/activity",
        params={
            "user_id": alice.id,
            "action": "LOGIN",
            "since": "2031-03-02T00:00:00Z",
            "until": "2031-03-04T00:00:00+00:00",
        },
    ).json()
    assert window["total"] == 2
    naive = client.get("/api/v1/admin/activity", params={"since": "2031-03-02T00:00:00"})
    assert naive.status_code == 422  # a time without an offset is ambiguous
    assert (
        client.get("/api/v1/admin/activity", params={"since": "9999-12-31T23:59:59-23:59"}).status_code == 422
    )


def test_parse_duration() -> None:
    assert service.parse_duration("180d") == dt.timedelta(days=180)
    assert service.parse_duration("26w") == dt.timedelta(weeks=26)
    assert service.parse_duration(" 12H ") == dt.timedelta(hours=12)
    for bad in ("180", "d", "0d", "-3d", "1.5d", "10y", ""):
        with pytest.raises(ValueError, match="invalid duration"):
            service.parse_duration(bad)


def test_purge_forgets_old_addresses_only(session: Session) -> None:
    now = dt.datetime.now(dt.UTC)
    old = f.make_activity(session, created_at=now - dt.timedelta(days=200))
    recent = f.make_activity(session, created_at=now - dt.timedelta(days=10))
    changed = service.purge_addresses(session, before=now - dt.timedelta(days=180), batch_size=1)
    assert changed >= 1
    session.refresh(old)
    session.refresh(recent)
    assert (old.ip_address, old.user_agent, old.action) == (None, None, "LOGIN")
    assert (recent.ip_address, recent.user_agent) == ("127.0.0.1", "pytest")


@pytest.mark.committed
def test_purge_command(scratch_url: str) -> None:
    with psycopg.connect(libpq_url(scratch_url)) as conn:
        conn.execute(
            "INSERT INTO activity_logs (id, action, ip_address, user_agent, created_at) VALUES "
            "('a1', 'LOGIN', '10.0.0.1', 'ua', timezone('utc', now()) - interval '200 days'), "
            "('a2', 'LOGIN', '10.0.0.2', 'ua', timezone('utc', now()) - interval '2 days')"
        )
    env = {**os.environ, "DATABASE_URL": scratch_url}
    command = [sys.executable, "-m", "bibliology.cli", "activity", "purge"]
    bad = subprocess.run(
        [*command, "--older-than", "6 months"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 1
    assert bad.stderr.strip() == (
        "error: invalid duration '6 months': use a positive whole number followed by w, d, h or m (e.g. 180d)"
    )
    done = subprocess.run(
        [*command, "--older-than", "180d"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "activity_logs (addresses forgotten)" in done.stderr
    with psycopg.connect(libpq_url(scratch_url)) as conn:
        rows: dict[str, str | None] = dict(
            conn.execute("SELECT id, ip_address FROM activity_logs ORDER BY id").fetchall()
        )
    assert rows == {"a1": None, "a2": "10.0.0.2"}
