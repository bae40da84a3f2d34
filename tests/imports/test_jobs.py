"""Imports as real jobs on committed data: caches invalidated at commit, and a worker killed in the
middle of an import — the next worker finishes it, exactly once."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import select

from bibliology.cache import MemoryCache
from bibliology.config import Settings
from bibliology.db import make_engine, session_factory
from bibliology.imports import service
from bibliology.imports.runner import SLIDE_DELAY_ENV, run_import
from bibliology.invalidation import course_outline_key, lesson_tree_key
from bibliology.jobs.runtime import JobResources
from bibliology.lessons.models import Lesson
from bibliology.media.storage import MEDIA_DIR_ENV
from bibliology.policy import Actor
from bibliology.schema_check import libpq_url
from tests.factories import make_course, make_lesson, make_teacher
from tests.imports import decks
from tests.imports.conftest import stored_files
from tests.jobs.support import BIBLIOLOGY, wait_for, worker_env


@pytest.fixture
def resources(scratch_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[JobResources]:
    monkeypatch.setenv(MEDIA_DIR_ENV, str(tmp_path / "media"))
    engine = make_engine(scratch_url, pool_size=2)
    yield JobResources(engine, session_factory(engine), MemoryCache(), Settings(BIBLIOLOGY_ENV="test"))
    engine.dispose()


IMPORT_JOB = "task_name = 'imports.run_pptx_import'"


def one(url: str, query: str, *args: Any) -> Any:
    with psycopg.connect(libpq_url(url)) as conn:
        row = conn.execute(query, args).fetchone()
    return None if row is None else (row[0] if len(row) == 1 else tuple(row))


def test_a_committed_import_drops_the_cached_views_it_changes(resources: JobResources) -> None:
    with resources.unit_of_work() as session:
        teacher = make_teacher(session)
        course = make_course(session, teacher=teacher)
        lesson = make_lesson(session, course=course)
        record = service.create(
            session, actor=Actor(teacher.id, teacher.role), course_id=course.id, data=decks.build_slides(2),
            filename="two.pptx", lesson_id=lesson.id, enqueue=False,
        )  # fmt: skip
    keys = [course_outline_key(course.id, "fr"), lesson_tree_key(lesson.id, "en", "student")]
    for key in keys:
        resources.cache.set(key, b"stale", 60)
    outcome = run_import(resources, import_id=record.id)
    assert outcome.lesson_id == lesson.id
    assert [resources.cache.get(key) for key in keys] == [None, None]


def test_a_worker_killed_mid_import_is_relieved_and_the_import_happens_once(
    resources: JobResources, scratch_url: str, tmp_path: Path
) -> None:
    slides = 6
    with resources.unit_of_work() as session:
        teacher = make_teacher(session)
        course = make_course(session, teacher=teacher)
        record = service.create(
            session, actor=Actor(teacher.id, teacher.role), course_id=course.id, data=decks.build_slides(slides),
            filename="six.pptx",
        )  # fmt: skip
        import_id, job_id = record.id, record.job_id
    env = worker_env(scratch_url, tmp_path, **{SLIDE_DELAY_ENV: "0.5"})
    command = [BIBLIOLOGY, "worker", "--no-migrate", "--heartbeat", "0.5", "--stalled-after", "3"]

    def writing(at_least: int) -> bool:
        step, done = one(
            scratch_url, "SELECT message, progress_done FROM background_jobs WHERE id = %s", job_id
        )
        return bool(step == "Writing slides" and done >= at_least)

    first = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        # Killed while writing, inside the import's transaction: two slides written, not committed.
        wait_for(lambda: writing(2), what="the first worker to write two slides")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert one(scratch_url, "SELECT status FROM pptx_imports WHERE id = %s", import_id) == "running"
    assert one(scratch_url, "SELECT count(*) FROM lessons WHERE course_id = %s", course.id) == 0
    assert one(scratch_url, "SELECT count(*) FROM media_files") == 0
    # A killed process runs no rollback hook: the pictures it wrote stay on disk, without rows, until
    # the retry stores the same content under the same names (or a sweep of orphan files).
    orphans = stored_files(tmp_path / "media")
    assert len(orphans) <= slides

    second = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        wait_for(
            lambda: (
                one(scratch_url, "SELECT status FROM pptx_imports WHERE id = %s", import_id) == "succeeded"
            ),
            timeout=120,
            what="the second worker to finish the import",
        )
        wait_for(
            lambda: (
                one(scratch_url, f"SELECT status::text FROM procrastinate_jobs WHERE {IMPORT_JOB}")
                == "succeeded"
            ),
            what="the queue to record the job's success",
        )
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=30) == 0
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()
    with resources.unit_of_work() as session:
        lessons = list(session.scalars(select(Lesson).where(Lesson.course_id == course.id)))
        assert len(lessons) == 1
        lesson_id = lessons[0].id
    assert one(scratch_url, "SELECT count(*) FROM slides WHERE lesson_id = %s", lesson_id) == slides
    assert (
        one(scratch_url, "SELECT count(DISTINCT slide_order) FROM slides WHERE lesson_id = %s", lesson_id)
        == slides
    )
    assert one(scratch_url, "SELECT count(*) FROM media_files") == slides  # one picture per slide, once each
    assert len(stored_files(tmp_path / "media")) == slides
    assert set(orphans) <= set(stored_files(tmp_path / "media"))
    assert one(scratch_url, "SELECT status, attempts FROM background_jobs WHERE id = %s", job_id) == (
        "succeeded",
        2,
    )
    # The queue counts both runs: the killed one (requeued) and the one that finished.
    assert one(scratch_url, f"SELECT attempts FROM procrastinate_jobs WHERE {IMPORT_JOB}") == 2
