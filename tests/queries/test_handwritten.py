"""The benchmark's hand-written SQL returns exactly what the services return (so the benchmark
compares like with like), and `bibliology bench` runs end to end on a small dataset."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.orm import Session

from bibliology.bench import handwritten
from bibliology.bench.run import PATTERNS, _handwritten_params, _services, pick
from bibliology.db import make_engine, session_factory, unit_of_work, utcnow
from bibliology.enums import LessonProgressStatus
from bibliology.schema_check import libpq_url
from tests import factories as f
from tests.test_cli import run


def _small_world(session: Session) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=2, slides=2, title_fr=None)
    lesson = f.make_published_lesson(session, course=course, slides=5, quiz_questions=3)
    student = f.make_user(session)
    enrollment = f.make_enrollment(session, course=course, student=student)
    f.make_lesson_progress(
        session, enrollment=enrollment, lesson=lesson, status=LessonProgressStatus.IN_PROGRESS
    )
    f.make_certificate(session, user=student, course=f.make_published_course(session, lessons=0))
    quiz = f.make_quiz(session, lesson=lesson)
    submission = f.make_submission(session, quiz=quiz, student=student, submitted_at=utcnow())
    f.make_answer(session, submission=submission, question=f.make_question(session, quiz=quiz))


def test_hand_written_sql_and_services_return_the_same_documents(scratch_url: str) -> None:
    engine = make_engine(scratch_url, pool_size=1)
    reader = make_engine(scratch_url, pool_size=1, read_only=True)
    sessions = session_factory(engine)
    try:
        with unit_of_work(sessions) as session:
            _small_world(session)
        picks = pick(sessions)
        sessions = session_factory(reader)  # as the read-only routes run them
        services, params = _services(picks), _handwritten_params(picks)
        statements = handwritten.statements("en")
        with psycopg.connect(libpq_url(scratch_url), autocommit=True, options="-c timezone=UTC") as conn:
            for pattern in PATTERNS:
                with unit_of_work(sessions) as session:
                    ours: Any = services[pattern](session, None)
                by_hand = handwritten.run(conn, statements[pattern], params[pattern])
                pooled = handwritten.run_pooled(reader, statements[pattern], params[pattern])
                assert pooled == by_hand
                assert isinstance(ours, bytes), pattern  # JSON text, sent as it is
                ours, by_hand = json.loads(ours), json.loads(by_hand)
                assert by_hand == ours, pattern
                assert ours[next(iter(ours))], pattern  # not trivially empty
    finally:
        engine.dispose()
        reader.dispose()


def test_the_bench_command_on_a_small_dataset(scratch_url: str, tmp_path: Path) -> None:
    engine = make_engine(scratch_url, pool_size=1)
    try:
        with unit_of_work(session_factory(engine)) as session:
            _small_world(session)
    finally:
        engine.dispose()
    out, tables = tmp_path / "bench.json", tmp_path / "bench.md"
    result = run(
        "bench",
        "--iterations",
        "3",
        "--concurrency",
        "2",
        "--no-prisma",
        "--json",
        str(out),
        "--markdown",
        str(tables),
        env={"DATABASE_URL": scratch_url, "REDIS_URL": ""},
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(out.read_text())
    variants = {(r["pattern"], r["variant"]) for r in body["results"]}
    assert {("1", "service"), ("1", "sql"), ("1v", "cached-memory"), ("4", "service")} <= variants
    assert ("1", "cached-memory") not in variants  # a student's outline is never cached
    assert {r["statements"] for r in body["results"] if r["variant"] == "sql"} == {1}
    assert any(r["what"] == "service p50 / sql p50" for r in body["ratios"])
    assert "targets met" in result.stderr
    assert "| 2t lesson tree (teacher) | sql-raw |" in tables.read_text()
