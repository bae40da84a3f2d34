"""GET /api/v1/jobs/{id}: the owner (or an admin) reads status and progress; nobody else learns the
job exists."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.jobs import defer, service
from tests.factories import make_admin, make_teacher, make_user
from tests.jobs.support import record_run


def test_the_owner_reads_status_and_progress(
    session: Session, client: TestClient, login_as: Callable[[User], str]
) -> None:
    owner = make_teacher(session)
    job = defer(session, record_run, owner_id=owner.id, marker="x")
    job_id = service.mark_started(
        session, procrastinate_job_id=job.procrastinate_job_id, task_name=job.task_name, attempts=1
    )
    service.set_progress(session, job_id=job_id, done=3, total=12, message="Writing slides")
    login_as(owner)
    response = client.get(f"/api/v1/jobs/{job.id}")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["task"], body["status"], body["attempts"]) == (
        job.id,
        "tests.jobs.record_run",
        "running",
        1,
    )
    assert body["progress"] == {"done": 3, "total": 12, "percent": 25, "step": "Writing slides"}
    assert body["result"] is None
    assert body["error"] is None
    assert body["started_at"] is not None


def test_others_get_404_anonymous_401_admins_200(
    session: Session, client: TestClient, login_as: Callable[[User], str]
) -> None:
    job = defer(session, record_run, owner_id=make_teacher(session).id, marker="x")
    assert client.get(f"/api/v1/jobs/{job.id}").status_code == 401
    login_as(make_user(session))
    stranger = client.get(f"/api/v1/jobs/{job.id}")
    unknown = client.get("/api/v1/jobs/no-such-job")
    assert (stranger.status_code, unknown.status_code) == (404, 404)
    assert stranger.json()["detail"] == unknown.json()["detail"] == "no such job"
    login_as(make_admin(session))
    assert client.get(f"/api/v1/jobs/{job.id}").json()["status"] == "queued"
