"""The periodic job that closes overdue attempts: registered every minute, idempotent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from bibliology.config import Settings
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.jobs import job_app, runtime
from bibliology.jobs.worker import task_modules
from bibliology.quizzes import attempts, tasks
from bibliology.quizzes.models import QuestionAnswer, QuizSubmission
from tests import factories as f
from tests.quizzes.helpers import actor

pytestmark = pytest.mark.committed


def test_the_sweep_is_a_periodic_job() -> None:
    assert "bibliology.quizzes.tasks" in task_modules()
    periodic = {key[0]: task.cron for key, task in job_app.periodic_registry.periodic_tasks.items()}
    assert periodic["quizzes.close_overdue_attempts"] == "* * * * *"


def test_the_sweep_closes_overdue_attempts_once(scratch_url: str, tmp_path: Path) -> None:
    engine = make_engine(scratch_url, pool_size=2)
    sessions = session_factory(engine)
    try:
        with unit_of_work(sessions) as session:
            quiz, student = f.make_open_quiz(session, time_limit_minutes=5)
            now = attempts.server_now()
            outcome, _ = attempts.start_attempt(
                session, actor=actor(student), quiz_id=quiz.id, lang="en", now=now
            )
            submission_id = outcome.submission.id
            session.execute(
                update(QuizSubmission)
                .where(QuizSubmission.id == submission_id)
                .values(deadline_at=now - dt.timedelta(seconds=1))
            )
        runtime.configure(
            scratch_url, Settings(BIBLIOLOGY_ENV="test", BIBLIOLOGY_DATA_DIR=tmp_path, REDIS_URL=None)
        )
        try:
            assert tasks.sweep() == 1
            assert tasks.sweep() == 0
        finally:
            runtime.close()
        with unit_of_work(sessions) as session:
            closed = session.get_one(QuizSubmission, submission_id)
            assert (closed.status, closed.closed_by) == ("graded", "deadline")
            count = select(func.count()).where(QuestionAnswer.submission_id == submission_id)
            assert session.scalar(count) == 5
    finally:
        engine.dispose()
