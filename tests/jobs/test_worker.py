"""The worker: runs queued jobs once each, records status and progress, shares the queue with other
workers, and puts back the jobs of a worker that stopped heartbeating."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from bibliology.db import make_engine, session_factory, unit_of_work, utcnow
from bibliology.jobs import defer, job_app, runtime, service
from bibliology.jobs.models import BackgroundJob
from bibliology.jobs.worker import requeue_stalled_jobs, task_modules
from bibliology.schema_check import libpq_url
from tests.factories import make_teacher
from tests.jobs.support import QUEUE, RUNS_TABLE, drain, fail, record_run, settings_for


@pytest.fixture
def sessions(scratch_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(scratch_url, pool_size=2)
    with engine.begin() as connection:
        connection.execute(text(RUNS_TABLE))
    yield session_factory(engine)
    engine.dispose()


# Periodic jobs of other domains may be queued by the worker meanwhile: look at the tests' only.
OURS = f"queue_name = '{QUEUE}'"


def rows(url: str, query: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(libpq_url(url)) as conn:
        return [tuple(row) for row in conn.execute(query).fetchall()]


def test_jobs_run_once_with_status_progress_and_result(
    scratch_url: str, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    with unit_of_work(sessions) as session:
        owner = make_teacher(session)
        ids = [defer(session, record_run, owner_id=owner.id, marker=f"m{n}").id for n in range(3)]
        failing = defer(session, fail, owner_id=owner.id).id
    drain(scratch_url, tmp_path)
    with unit_of_work(sessions) as session:
        jobs = [session.get_one(BackgroundJob, job_id) for job_id in ids]
        assert [(j.status, j.progress_done, j.progress_total, j.message) for j in jobs] == [
            ("succeeded", 3, 3, "Counting")
        ] * 3
        assert [j.result for j in jobs] == [{"marker": "m0"}, {"marker": "m1"}, {"marker": "m2"}]
        assert all(j.attempts == 1 and j.started_at and j.finished_at and j.error is None for j in jobs)
        failed = session.get_one(BackgroundJob, failing)
        assert (failed.status, failed.error) == ("failed", "the test asked for a failure")
    assert sorted(marker for (marker,) in rows(scratch_url, "SELECT marker FROM test_job_runs")) == [
        "m0",
        "m1",
        "m2",
    ]
    assert rows(
        scratch_url,
        f"SELECT status::text, count(*) FROM procrastinate_jobs WHERE {OURS} GROUP BY 1 ORDER BY 1",
    ) == [
        ("failed", 1),
        ("succeeded", 3),
    ]


def test_two_workers_share_the_queue_and_no_job_runs_twice(
    scratch_url: str, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    with unit_of_work(sessions) as session:
        for n in range(12):
            defer(session, record_run, owner_id=None, marker=f"m{n}", seconds=0.1)

    async def two_workers() -> None:
        connector_url = libpq_url(scratch_url)
        runtime.configure(scratch_url, settings_for(tmp_path), pool_size=3)
        import procrastinate

        try:
            with job_app.replace_connector(
                procrastinate.PsycopgConnector(conninfo=connector_url, max_size=8)
            ):
                async with job_app.open_async():
                    await asyncio.gather(
                        *(
                            job_app.run_worker_async(
                                queues=[QUEUE], wait=False, name=name, install_signal_handlers=False
                            )
                            for name in ("first", "second")
                        )
                    )
        finally:
            runtime.close()

    asyncio.run(two_workers())
    runs = rows(scratch_url, "SELECT job_id, worker FROM test_job_runs")
    assert len(runs) == 12
    assert len({job_id for job_id, _ in runs}) == 12, "a job ran twice"
    assert {worker for _, worker in runs} == {"first", "second"}


def test_jobs_of_a_worker_that_stopped_heartbeating_are_queued_again(
    scratch_url: str, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    with unit_of_work(sessions) as session:
        job = defer(session, record_run, owner_id=None, marker="stalled")
    with psycopg.connect(libpq_url(scratch_url), autocommit=True) as conn:
        (worker_id,) = conn.execute(
            "SELECT worker_id FROM procrastinate_register_worker_v1()"
        ).fetchone() or (None,)
        conn.execute(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s WHERE id = %s",
            (worker_id, job.procrastinate_job_id),
        )
        conn.execute("UPDATE background_jobs SET status = 'running' WHERE id = %s", (job.id,))
        conn.execute("UPDATE procrastinate_workers SET last_heartbeat = now() - interval '10 minutes'")

    async def requeue() -> list[int]:
        runtime.configure(scratch_url, settings_for(tmp_path), pool_size=1)
        import procrastinate

        try:
            with job_app.replace_connector(procrastinate.PsycopgConnector(conninfo=libpq_url(scratch_url))):
                async with job_app.open_async():
                    return await requeue_stalled_jobs(stalled_after_seconds=60)
        finally:
            runtime.close()

    assert asyncio.run(requeue()) == [job.procrastinate_job_id]
    assert rows(scratch_url, f"SELECT status::text, attempts FROM procrastinate_jobs WHERE {OURS}") == [
        ("todo", 1)
    ]
    assert rows(scratch_url, "SELECT status FROM background_jobs") == [("queued",)]
    drain(scratch_url, tmp_path)  # another worker finishes it
    assert rows(scratch_url, "SELECT marker FROM test_job_runs") == [("stalled",)]
    assert rows(scratch_url, "SELECT status, attempts FROM background_jobs") == [("succeeded", 2)]


def test_finished_job_records_are_pruned_after_a_while(session: Session) -> None:
    old, recent, running = (
        BackgroundJob(procrastinate_job_id=n, task_name="t", status=status, finished_at=finished)
        for n, status, finished in (
            (1, "succeeded", utcnow() - dt.timedelta(days=40)),
            (2, "failed", utcnow() - dt.timedelta(days=2)),
            (3, "running", None),
        )
    )
    session.add_all([old, recent, running])
    session.flush()
    assert service.delete_finished_before(session, before=utcnow() - dt.timedelta(days=30)) == 1
    assert set(session.scalars(select(BackgroundJob.procrastinate_job_id))) == {2, 3}


def test_domains_declare_their_jobs_and_periodic_jobs_are_registered() -> None:
    assert {"bibliology.jobs.tasks", "bibliology.imports.tasks"} <= set(task_modules())
    periodic = {key[0]: task.cron for key, task in job_app.periodic_registry.periodic_tasks.items()}
    assert periodic["jobs.prune_finished"] == "17 3 * * *"
    assert job_app.tasks["imports.run_pptx_import"].queue == "imports"
