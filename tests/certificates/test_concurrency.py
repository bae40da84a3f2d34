"""On committed data (a scratch database), as concurrent requests and workers run: twenty
concurrent completions of one course by one student, a replayed completion and a retried job all
end with one certificate, issued by the job the completing transaction queued."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from bibliology.certificates import service, tasks
from bibliology.certificates.models import Certificate
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.enums import UserRole
from bibliology.media.storage import storage_for
from bibliology.policy import Actor
from bibliology.progress import enrollment, events
from bibliology.progress.completion import CourseCompleted
from bibliology.progress.models import Enrollment
from tests import factories as f
from tests.certificates.support import HOLDER, completed_course, pdf_text
from tests.jobs.support import drain, settings_for
from tests.queries.support import slide_ids


@pytest.fixture
def sessions(scratch_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(scratch_url, pool_size=20)
    yield session_factory(engine)
    engine.dispose()


def _all_at_once(calls: list[Callable[[], object]]) -> None:
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], object]) -> object:
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        for future in [pool.submit(run, call) for call in calls]:
            future.result()


def _certificates(sessions: sessionmaker[Session], user_id: str) -> list[Certificate]:
    with unit_of_work(sessions) as session:
        return list(session.scalars(select(Certificate).where(Certificate.user_id == user_id)))


def _queued(sessions: sessionmaker[Session]) -> int:
    with unit_of_work(sessions) as session:
        count = session.scalar(
            text("SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'certificates.issue'")
        )
        return int(count or 0)


def test_twenty_concurrent_completions_give_one_certificate(
    sessions: sessionmaker[Session], scratch_url: str, tmp_path: Path
) -> None:
    with unit_of_work(sessions) as session:
        course = f.make_published_course(session, lessons=0, title_fr="La Genèse")
        lesson = f.make_published_lesson(session, course=course, slides=1)
        user = f.make_user(session, name=HOLDER, language_pref="fr")
        (slide,) = slide_ids(session, lesson.id)
        student, course_id, lesson_id = Actor(user.id, UserRole.STUDENT), course.id, lesson.id
        enrollment.enrol(session, actor=student, course_id=course_id)

    def complete(n: int) -> Callable[[], object]:
        def call() -> object:
            with unit_of_work(sessions) as session:
                return events.record_event(
                    session,
                    actor=student,
                    lesson_id=lesson_id,
                    slide_id=slide,
                    seconds=5,
                    client_event_id=f"c-{n}",
                )

        return call

    _all_at_once([complete(n) for n in range(20)])
    assert _queued(sessions) == 1  # the one transaction that completed the course queued the job
    drain(scratch_url, tmp_path, queues=(tasks.QUEUE,))
    (certificate,) = _certificates(sessions, user.id)
    assert certificate.pdf_storage_key is not None
    data = storage_for(settings_for(tmp_path)).get(certificate.pdf_storage_key)
    assert HOLDER in pdf_text(data)
    assert "La Genèse" in pdf_text(data)

    # A replayed completion event and a retried job: more jobs, the same one certificate.
    with unit_of_work(sessions) as session:
        row = session.scalars(select(Enrollment).where(Enrollment.student_id == user.id)).one()
        assert row.completed_at is not None
        event = CourseCompleted(row.id, user.id, course_id, row.completed_at)
        tasks._course_completed(session, event)
        tasks._course_completed(session, event)
        tasks.queue_issue(session, user_id=user.id, course_id=course_id)
    drain(scratch_url, tmp_path, queues=(tasks.QUEUE,))
    (again,) = _certificates(sessions, user.id)
    assert (again.id, again.certificate_number, again.pdf_storage_key) == (
        certificate.id,
        certificate.certificate_number,
        certificate.pdf_storage_key,
    )
    with unit_of_work(sessions) as session:
        statuses = session.execute(
            text(
                "SELECT status::text, count(*) FROM procrastinate_jobs"
                " WHERE task_name = 'certificates.issue' GROUP BY 1"
            )
        ).all()
    assert dict(statuses) == {"succeeded": 4}


def test_twenty_concurrent_issuing_jobs_give_one_certificate(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    with unit_of_work(sessions) as session:
        student, course, _ = completed_course(session)
        user_id, course_id = student.id, course.id
    storage = storage_for(settings_for(tmp_path))

    def issue() -> object:
        with unit_of_work(sessions) as session:
            return service.issue(session, user_id=user_id, course_id=course_id, storage=storage)

    _all_at_once([issue for _ in range(20)])
    (certificate,) = _certificates(sessions, user_id)
    with unit_of_work(sessions) as session:
        logged = session.scalar(
            text("SELECT count(*) FROM activity_logs WHERE action = 'ISSUE_CERTIFICATE' AND user_id = :u"),
            {"u": user_id},
        )
        media = session.scalar(
            select(func.count()).select_from(Certificate).where(Certificate.pdf_storage_key.is_not(None))
        )
    assert logged == 1
    assert media == 1
    assert certificate.pdf_storage_key is not None
    assert storage.exists(certificate.pdf_storage_key)
