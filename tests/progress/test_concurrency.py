"""Concurrent progress on committed data: each thread has its own session and transaction, as
concurrent requests do. Counters stay exact, and reconcile finds nothing to repair."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bibliology.accounts.models import User
from bibliology.db import make_engine, session_factory, unit_of_work, utcnow
from bibliology.enums import LessonStatus, UserRole
from bibliology.errors import NotFound
from bibliology.lessons.models import Lesson
from bibliology.policy import Actor
from bibliology.progress import enrollment, events, hooks, reconcile
from bibliology.progress.completion import CourseCompleted, check_lesson_completion
from bibliology.progress.events import MAX_SECONDS_PER_EVENT
from bibliology.progress.models import Enrollment, LessonProgress, ProgressEvent
from bibliology.progress.service import find_enrollment_id
from bibliology.quizzes.models import Quiz
from tests import factories as f
from tests.queries.support import slide_ids


@pytest.fixture
def sessions(scratch_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(scratch_url, pool_size=20)
    yield session_factory(engine)
    engine.dispose()


@dataclass(frozen=True)
class Event:
    lesson_id: str
    slide_id: str
    seconds: int
    client_event_id: str


def _all_at_once(calls: list[Callable[[], object]]) -> None:
    """Start every call together on its own thread; re-raise the first failure."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], object]) -> object:
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        for future in [pool.submit(run, call) for call in calls]:
            future.result()


def _apply(
    sessions: sessionmaker[Session], who: Actor, event: Event, *, archived_ok: bool = False
) -> Callable[[], object]:
    def call() -> object:
        try:
            with unit_of_work(sessions) as session:
                return events.record_event(
                    session,
                    actor=who,
                    lesson_id=event.lesson_id,
                    slide_id=event.slide_id,
                    seconds=event.seconds,
                    client_event_id=event.client_event_id,
                )
        except NotFound:  # its lesson was archived meanwhile: students no longer see it
            if not archived_ok:
                raise
            return None

    return call


def test_fifty_concurrent_events_of_one_student_lose_no_update(sessions: sessionmaker[Session]) -> None:
    rng = random.Random(6)
    with unit_of_work(sessions) as session:
        course = f.make_published_course(session, lessons=0)
        lessons = [f.make_published_lesson(session, course=course, slides=n) for n in (8, 3)]
        user = f.make_user(session)
        slides = {lesson.id: slide_ids(session, lesson.id) for lesson in lessons}
        course_id, student = course.id, Actor(user.id, UserRole.STUDENT)
        enrollment.enrol(session, actor=student, course_id=course_id)
    unique = [
        Event(lesson_id, rng.choice(slides[lesson_id]), rng.randint(0, 2 * MAX_SECONDS_PER_EVENT), f"ev-{n}")
        for n in range(40)
        for lesson_id in [rng.choice(list(slides))]
    ]
    # Every slide of the short lesson is seen, so it completes inside the storm.
    unique += [Event(lessons[1].id, slide, 5, f"last-{n}") for n, slide in enumerate(slides[lessons[1].id])]
    replays = rng.sample(unique, 50 - len(unique))
    _all_at_once([_apply(sessions, student, event) for event in unique + replays])

    with unit_of_work(sessions) as session:
        progress = {
            row.lesson_id: row
            for row in session.scalars(
                select(LessonProgress).join(Enrollment).where(Enrollment.student_id == user.id)
            )
        }
        for lesson_id in slides:
            mine = [e for e in unique if e.lesson_id == lesson_id]
            seen = {e.slide_id for e in mine}
            row = progress[lesson_id]
            assert row.total_slides_viewed == len(seen)
            assert row.time_spent_seconds == sum(min(e.seconds, MAX_SECONDS_PER_EVENT) for e in mine)
            assert (row.status == "COMPLETED") == (seen == set(slides[lesson_id]))
        applied = session.scalar(select(func.count()).where(ProgressEvent.student_id == user.id))
        assert applied == len(unique)
        enrolled = session.scalars(select(Enrollment).where(Enrollment.student_id == user.id)).one()
        completed = sum(row.status == "COMPLETED" for row in progress.values())
        assert (enrolled.lessons_completed, enrolled.total_lessons) == (completed, 2)
        assert enrolled.progress_percentage == 50 * completed
    assert reconcile.run(sessions, fix=False).drifted == 0


def test_a_randomised_concurrent_workload_leaves_nothing_to_reconcile(
    sessions: sessionmaker[Session],
) -> None:
    """Students page through lessons, pass quizzes and finish courses while the teacher publishes and
    archives lessons; every course completion is announced exactly once."""
    rng = random.Random(2026)
    completions: list[CourseCompleted] = []
    lock = threading.Lock()

    def listener(session: Session, event: CourseCompleted) -> None:
        with lock:
            completions.append(event)

    with unit_of_work(sessions) as session:
        courses = [f.make_published_course(session, lessons=0) for _ in range(2)]
        lessons = [
            f.make_published_lesson(
                session, course=course, slides=rng.randint(1, 4), quiz_questions=rng.choice((0, 1))
            )
            for course in courses
            for _ in range(3)
        ]
        spare = [f.make_lesson(session, course=course) for course in courses]  # drafts to publish later
        users = [f.make_user(session) for _ in range(6)]
        plan = {lesson.id: slide_ids(session, lesson.id) for lesson in lessons}
        course_of = {lesson.id: lesson.course_id for lesson in lessons}
        students = [Actor(user.id, UserRole.STUDENT) for user in users]
        for who in students:
            for course in courses:
                enrollment.enrol(session, actor=who, course_id=course.id)
        quizzes = {lesson.id: _quiz_ids(session, lesson.id) for lesson in lessons}

    calls: list[Callable[[], object]] = []
    for n in range(120):
        who = rng.choice(students)
        lesson_id = rng.choice(list(plan))
        event = Event(lesson_id, rng.choice(plan[lesson_id]), rng.randint(1, 90), f"w-{n}")
        calls.append(_apply(sessions, who, event, archived_ok=True))
        if rng.random() < 0.15:  # a flaky network sends it twice
            calls.append(_apply(sessions, who, event, archived_ok=True))
        if quizzes[lesson_id] and rng.random() < 0.3:
            calls.append(_pass_quizzes(sessions, who, lesson_id, quizzes[lesson_id]))
    for lesson in spare:
        calls.append(_set_status(sessions, lesson.id, lesson.course_id, LessonStatus.PUBLISHED))
    calls.append(_set_status(sessions, lessons[0].id, course_of[lessons[0].id], LessonStatus.ARCHIVED))
    rng.shuffle(calls)

    hooks.on_course_completed(listener)
    try:
        with ThreadPoolExecutor(max_workers=12) as pool:
            for future in [pool.submit(call) for call in calls]:
                future.result()
    finally:
        hooks.remove_course_completed_listener(listener)

    report = reconcile.run(sessions, fix=False)
    assert report.drifted == 0, dict(report.drift)
    assert report.enrollments == len(users) * len(courses)
    with unit_of_work(sessions) as session:
        done = session.scalars(select(Enrollment.id).where(Enrollment.completed_at.is_not(None))).all()
    assert sorted(c.enrollment_id for c in completions) == sorted(done)


def _quiz_ids(session: Session, lesson_id: str) -> list[str]:
    return list(session.scalars(select(Quiz.id).where(Quiz.lesson_id == lesson_id)))


def _pass_quizzes(
    sessions: sessionmaker[Session], who: Actor, lesson_id: str, quiz_ids: list[str]
) -> Callable[[], object]:
    """What the quiz engine does on a passing submission: the row, then the one completion check."""

    def call() -> object:
        assert who.user_id is not None
        with unit_of_work(sessions) as session:
            for quiz_id in quiz_ids:
                quiz, student = session.get_one(Quiz, quiz_id), session.get_one(User, who.user_id)
                f.make_submission(session, quiz=quiz, student=student, submitted_at=utcnow())
            enrollment_id = find_enrollment_id(session, student_id=who.user_id, lesson_id=lesson_id)
            assert enrollment_id is not None
            return check_lesson_completion(session, enrollment_id=enrollment_id, lesson_id=lesson_id)

    return call


def _set_status(
    sessions: sessionmaker[Session], lesson_id: str, course_id: str, status: LessonStatus
) -> Callable[[], object]:
    def call() -> object:
        with unit_of_work(sessions) as session:
            session.execute(update(Lesson).where(Lesson.id == lesson_id).values(status=status))
            hooks.lesson_set_changed(session, course_id=course_id)
        return None

    return call
