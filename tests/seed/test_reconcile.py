"""Seeded data is what the learning loop would have written: `bibliology progress reconcile` (the same
`reconcile.run`) finds nothing to repair after `seed` or `seed --scale 1`, and the demo's progress
rows have the slide views, progress events and passed quizzes their status implies."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from bibliology.console import NullProgress
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.progress import reconcile
from bibliology.seed import scale
from bibliology.seed.demo import seed_demo


@pytest.fixture
def sessions(scratch_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(scratch_url, pool_size=2)
    yield session_factory(engine)
    engine.dispose()


def _count(session: Session, sql: str) -> int:
    return int(session.execute(text(sql)).scalar_one())


def test_the_demo_leaves_nothing_to_reconcile(sessions: sessionmaker[Session]) -> None:
    with unit_of_work(sessions) as session:
        created = seed_demo(session)
    report = reconcile.run(sessions, fix=False)
    assert report.lesson_progress == created["lesson_progress"] > 0
    assert report.enrollments == created["enrollments"] > 0
    assert {name: n for name, n in report.drift.items() if n} == {}


def test_the_demos_progress_is_what_progress_events_would_have_written(
    sessions: sessionmaker[Session],
) -> None:
    with unit_of_work(sessions) as session:
        created = seed_demo(session)
        # Every lesson progress row: its slides seen one by one (a progress event each), time spent
        # the sum of the slides' seconds, the current slide by id, and COMPLETED exactly when every
        # slide is seen and every quiz of the lesson passed (the one completion rule).
        inconsistent = """
            SELECT count(*) FROM lesson_progress lp
            JOIN enrollments e ON e.id = lp.enrollment_id
            CROSS JOIN LATERAL (SELECT count(*) AS n FROM slides s WHERE s.lesson_id = lp.lesson_id) slides
            CROSS JOIN LATERAL (
              SELECT count(*) AS n, COALESCE(sum(sv.seconds_spent), 0) AS seconds,
                     count(pe.client_event_id) AS events, min(sv.first_seen_at) AS first,
                     max(sv.last_seen_at) AS last
              FROM slide_views sv JOIN slides s ON s.id = sv.slide_id AND s.lesson_id = lp.lesson_id
              LEFT JOIN progress_events pe
                ON pe.student_id = e.student_id AND pe.lesson_id = lp.lesson_id
               AND pe.received_at = sv.first_seen_at AND pe.client_event_id = 'demo-' || sv.slide_id
              WHERE sv.lesson_progress_id = lp.id) seen
            LEFT JOIN slides current ON current.id = lp.current_slide_id
            WHERE seen.n = 0 OR lp.total_slides_viewed <> seen.n OR lp.time_spent_seconds <> seen.seconds
               OR seen.events <> seen.n OR seen.first < lp.started_at OR seen.last > lp.updated_at
               OR current.lesson_id IS DISTINCT FROM lp.lesson_id
               OR current.slide_order <> lp.current_slide_index
               OR (lp.status = 'COMPLETED') <> (seen.n = slides.n AND NOT EXISTS (
                    SELECT 1 FROM quizzes q WHERE q.lesson_id = lp.lesson_id AND NOT EXISTS (
                      SELECT 1 FROM quiz_submissions qs
                      WHERE qs.quiz_id = q.id AND qs.student_id = e.student_id AND qs.passed)))
               OR (lp.status = 'COMPLETED') <> (lp.completed_at IS NOT NULL)
               OR lp.completed_at < seen.last"""
        assert _count(session, inconsistent) == 0
        assert _count(session, "SELECT count(*) FROM lesson_progress") == created["lesson_progress"]
        events = _count(session, "SELECT count(*) FROM progress_events")
        assert events == created["progress_events"] == created["slide_views"] > created["lesson_progress"]
        # no quiz is ever attempted more often than it allows
        over = """
            SELECT count(*) FROM (
              SELECT q.max_attempts, count(*) AS n FROM quiz_submissions qs JOIN quizzes q ON q.id = qs.quiz_id
              GROUP BY q.id, q.max_attempts, qs.student_id) t
            WHERE n > max_attempts"""
        assert _count(session, over) == 0
        # notes belong to their slide by id, as the notes service writes them
        stray = """
            SELECT count(*) FROM student_notes n LEFT JOIN slides s ON s.id = n.slide_id
            WHERE s.lesson_id IS DISTINCT FROM n.lesson_id OR s.slide_order <> n.slide_index"""
        assert _count(session, stray) == 0


def test_scale_1_leaves_nothing_to_reconcile(scratch_url: str, sessions: sessionmaker[Session]) -> None:
    # The whole of scale 1 (~370k rows, the smallest `seed --scale` accepts): a few seconds.
    counts = scale.seed_scale(scratch_url, scale=1, progress=NullProgress())
    report = reconcile.run(sessions, fix=False)
    assert (report.enrollments, report.lesson_progress) == (counts["enrollments"], counts["lesson_progress"])
    assert {name: n for name, n in report.drift.items() if n} == {}
