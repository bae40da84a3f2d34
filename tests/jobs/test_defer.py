"""A job is queued in the transaction of the write that asks for it: it exists exactly when that
transaction commits."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.jobs import defer
from bibliology.jobs.models import BackgroundJob
from bibliology.schema_check import libpq_url
from tests.factories import make_teacher
from tests.jobs.support import record_run


def queued(url: str) -> list[tuple[int, str, dict[str, object]]]:
    """What another connection (a worker) can see in the queue."""
    with psycopg.connect(libpq_url(url)) as conn:
        rows = conn.execute("SELECT id, status::text, args FROM procrastinate_jobs ORDER BY id").fetchall()
    return [(row[0], row[1], row[2]) for row in rows]


def test_defer_writes_the_job_and_its_record_in_the_session(session: Session) -> None:
    teacher = make_teacher(session)
    job = defer(session, record_run, owner_id=teacher.id, marker="a")
    row = session.execute(
        text("SELECT task_name, queue_name, status::text, args FROM procrastinate_jobs WHERE id = :id"),
        {"id": job.procrastinate_job_id},
    ).one()
    assert tuple(row) == ("tests.jobs.record_run", "tests", "todo", {"marker": "a"})
    assert (job.status, job.owner_id, job.task_name, job.progress_done) == (
        "queued",
        teacher.id,
        "tests.jobs.record_run",
        0,
    )
    assert session.get(BackgroundJob, job.id) is job


def test_a_job_exists_once_its_transaction_commits_and_never_if_it_rolls_back(scratch_url: str) -> None:
    engine = make_engine(scratch_url, pool_size=1)
    sessions = session_factory(engine)
    try:
        with unit_of_work(sessions) as session:
            teacher = make_teacher(session)
            job = defer(session, record_run, owner_id=teacher.id, marker="committed")
            assert queued(scratch_url) == [], "a worker must not see a job before its transaction commits"
        assert queued(scratch_url) == [(job.procrastinate_job_id, "todo", {"marker": "committed"})]

        def failing_request() -> None:
            with unit_of_work(sessions) as session:
                defer(session, record_run, owner_id=None, marker="rolled back")
                raise RuntimeError("the request failed after asking for a job")

        with pytest.raises(RuntimeError):
            failing_request()
        assert [args for _, _, args in queued(scratch_url)] == [{"marker": "committed"}]
        with unit_of_work(sessions) as session:
            assert session.scalar(text("SELECT count(*) FROM background_jobs")) == 1
    finally:
        engine.dispose()
