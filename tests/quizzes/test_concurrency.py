"""Concurrency on committed data: 50 simultaneous starts and 50 simultaneous submits, each request
in its own connection and transaction, as the server would run them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from bibliology.activity.models import ActivityLog
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.errors import Conflict
from bibliology.quizzes import attempts
from bibliology.quizzes.allowances import LOCK_NAMESPACE, lock_pair
from bibliology.quizzes.models import QuestionAnswer, QuizSubmission
from tests import factories as f
from tests.quizzes.helpers import NOW, actor

pytestmark = pytest.mark.committed

CLIENTS = 50
T = TypeVar("T")


@pytest.fixture
def sessions(scratch_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(scratch_url, pool_size=CLIENTS // 2 + 1)
    yield session_factory(engine)
    engine.dispose()


def all_at_once(sessions: sessionmaker[Session], work: Callable[[Session], T]) -> list[T | Exception]:
    """Run `work` in CLIENTS threads released together, one transaction each."""
    barrier = threading.Barrier(CLIENTS)

    def one() -> T | Exception:
        barrier.wait()
        try:
            with unit_of_work(sessions) as session:
                return work(session)
        except Exception as exc:  # collected: the test asserts on them
            return exc

    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(lambda _: one(), range(CLIENTS)))


def committed_quiz(sessions: sessionmaker[Session], **quiz_kw: Any) -> tuple[str, Any]:
    with unit_of_work(sessions) as session:
        quiz, student = f.make_open_quiz(session, **quiz_kw)
        return quiz.id, actor(student)


def count(sessions: sessionmaker[Session], statement: Any) -> int:
    with unit_of_work(sessions) as session:
        return int(session.scalar(statement) or 0)


def test_fifty_simultaneous_starts_make_exactly_one_attempt(sessions: sessionmaker[Session]) -> None:
    quiz_id, student = committed_quiz(sessions, max_attempts=1)

    def start(session: Session) -> tuple[str, bool]:
        outcome, created = attempts.start_attempt(session, actor=student, quiz_id=quiz_id, lang="en", now=NOW)
        return outcome.submission.id, created

    results = all_at_once(sessions, start)
    assert not [r for r in results if isinstance(r, Exception)]
    ids = {r[0] for r in results if isinstance(r, tuple)}
    created = [r for r in results if isinstance(r, tuple) and r[1]]
    assert len(ids) == 1
    assert len(created) == 1
    assert count(sessions, select(func.count()).where(QuizSubmission.quiz_id == quiz_id)) == 1

    (submission_id,) = ids
    with unit_of_work(sessions) as session:
        attempts.submit_attempt(session, actor=student, submission_id=submission_id, now=NOW)
    again = all_at_once(sessions, start)
    assert all(isinstance(r, Conflict) for r in again), again[:3]
    assert count(sessions, select(func.count()).where(QuizSubmission.quiz_id == quiz_id)) == 1


def test_fifty_simultaneous_starts_without_a_limit_share_one_open_attempt(
    sessions: sessionmaker[Session],
) -> None:
    quiz_id, student = committed_quiz(sessions)
    results = all_at_once(
        sessions,
        lambda s: (
            attempts.start_attempt(s, actor=student, quiz_id=quiz_id, lang="fr", now=NOW)[0].submission.id
        ),
    )
    assert len(set(results)) == 1
    assert count(sessions, select(func.count()).where(QuizSubmission.quiz_id == quiz_id)) == 1


def test_fifty_simultaneous_submits_grade_once(sessions: sessionmaker[Session]) -> None:
    quiz_id, student = committed_quiz(sessions)
    with unit_of_work(sessions) as session:
        outcome, _ = attempts.start_attempt(session, actor=student, quiz_id=quiz_id, lang="en", now=NOW)
        submission_id = outcome.submission.id
        questions = list(outcome.submission.question_ids or [])

    def submit(session: Session) -> tuple[int, str, object]:
        graded = attempts.submit_attempt(
            session, actor=student, submission_id=submission_id, now=NOW
        ).submission
        return graded.points_earned, graded.status, graded.submitted_at

    results = all_at_once(sessions, submit)
    assert not [r for r in results if isinstance(r, Exception)]
    assert len(set(results)) == 1
    assert count(sessions, select(func.count()).where(QuestionAnswer.submission_id == submission_id)) == len(
        questions
    )
    logged = select(func.count()).where(
        ActivityLog.action == "SUBMIT_QUIZ", ActivityLog.entity_id == submission_id
    )
    assert count(sessions, logged) == 1


def test_a_start_and_the_teachers_tools_take_the_same_pair_lock(session: Session) -> None:
    quiz, student = f.make_open_quiz(session)
    pair_lock = text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND objsubid = 2"
        " AND classid = CAST(:ns AS oid)"
        " AND objid = CAST(hashtext(concat(CAST(:student AS text), '/', CAST(:quiz AS text))) & 4294967295 AS oid)"
    )
    params = {"ns": LOCK_NAMESPACE, "student": student.id, "quiz": quiz.id}
    assert session.scalar(pair_lock, params) == 0
    attempts.start_attempt(session, actor=actor(student), quiz_id=quiz.id, lang="en", now=NOW)
    assert session.scalar(pair_lock, params) == 1
    other, other_student = f.make_open_quiz(session)
    lock_pair(session, student_id=other_student.id, quiz_id=other.id)
    assert (
        session.scalar(pair_lock, {"ns": LOCK_NAMESPACE, "student": other_student.id, "quiz": other.id}) == 1
    )
