"""Concurrent moves, inserts and deletes in one parent never break the unique order constraints and
always leave a dense permutation (committed data, separate connections, real threads)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bibliology.app import create_app
from bibliology.cache import MemoryCache
from bibliology.config import Settings
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.enums import UserRole
from bibliology.lessons import blocks, ordering, service, slides
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.lessons.schemas import BlockCreate, LessonCreate, SlideCreate
from bibliology.policy import Actor
from tests import factories as f
from tests.courses.authoring import bearer

pytestmark = pytest.mark.committed

THREADS = 20


@pytest.fixture
def factory(scratch_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(scratch_url, pool_size=THREADS)
    yield session_factory(engine)
    engine.dispose()


def _run(workers: list[Callable[[], None]]) -> list[BaseException]:
    with ThreadPoolExecutor(max_workers=len(workers)) as pool:
        futures = [pool.submit(work) for work in workers]
    return [error for future in futures if (error := future.exception()) is not None]


def _orders(factory: sessionmaker[Session], statement: Any) -> list[tuple[str, int]]:
    with unit_of_work(factory) as session:
        return [(row_id, order) for row_id, order in session.execute(statement).all()]


def _setup(factory: sessionmaker[Session], *, slide_count: int) -> tuple[Actor, str, list[str]]:
    with unit_of_work(factory) as session:
        teacher = f.make_teacher(session)
        lesson = f.make_lesson(session, course=f.make_course(session, teacher=teacher), lesson_order=0)
        actor = Actor(teacher.id, UserRole.TEACHER)
        ids = [
            slides.create(session, actor=actor, lesson_id=lesson.id, data=SlideCreate(title_en=f"S{i}")).id
            for i in range(slide_count)
        ]
        return actor, lesson.id, ids


def test_twenty_threads_moving_slides_in_one_lesson(factory: sessionmaker[Session]) -> None:
    actor, lesson_id, ids = _setup(factory, slide_count=8)

    def mover(seed: int) -> Callable[[], None]:
        def work() -> None:
            rng = random.Random(seed)
            for _ in range(6):
                with unit_of_work(factory) as session:
                    slides.move(
                        session, actor=actor, slide_id=rng.choice(ids), position=rng.randrange(len(ids))
                    )

        return work

    assert _run([mover(seed) for seed in range(THREADS)]) == []
    final = _orders(factory, select(Slide.id, Slide.slide_order).where(Slide.lesson_id == lesson_id))
    assert sorted(order for _, order in final) == list(range(len(ids)))
    assert sorted(slide_id for slide_id, _ in final) == sorted(ids)


def test_concurrent_inserts_moves_and_deletes_of_blocks(factory: sessionmaker[Session]) -> None:
    actor, _, slide_ids = _setup(factory, slide_count=1)
    slide_id = slide_ids[0]
    with unit_of_work(factory) as session:
        initial = [
            blocks.create(
                session,
                actor=actor,
                slide_id=slide_id,
                data=BlockCreate(block_type="TEXT", content_en={"text": f"B{i}"}),
            ).id
            for i in range(10)
        ]
    doomed = initial[:5]
    survivors = initial[5:]

    def worker(seed: int) -> Callable[[], None]:
        def work() -> None:
            rng = random.Random(seed)
            with unit_of_work(factory) as session:
                if seed < 5:
                    blocks.delete(session, actor=actor, block_id=doomed[seed])
                elif seed < 10:
                    blocks.create(
                        session,
                        actor=actor,
                        slide_id=slide_id,
                        data=BlockCreate(block_type="DIVIDER", content_en={}, position=rng.randrange(3)),
                    )
                else:
                    blocks.move(
                        session, actor=actor, block_id=rng.choice(survivors), position=rng.randrange(5)
                    )

        return work

    assert _run([worker(seed) for seed in range(THREADS)]) == []
    final = _orders(
        factory, select(ContentBlock.id, ContentBlock.block_order).where(ContentBlock.slide_id == slide_id)
    )
    assert sorted(order for _, order in final) == list(range(10))
    assert set(survivors) <= {block_id for block_id, _ in final}
    assert not set(doomed) & {block_id for block_id, _ in final}


def test_concurrent_lesson_moves_through_the_http_stack(
    scratch_url: str, factory: sessionmaker[Session]
) -> None:
    with unit_of_work(factory) as session:
        teacher = f.make_teacher(session)
        course = f.make_course(session, teacher=teacher)
        actor = Actor(teacher.id, UserRole.TEACHER)
        ids = [
            service.create(session, actor=actor, course_id=course.id, data=LessonCreate(title_en=f"L{i}")).id
            for i in range(6)
        ]
        headers = bearer(session, teacher)
    settings = Settings(BIBLIOLOGY_ENV="test", DATABASE_URL=None, REDIS_URL=None)
    app = create_app(scratch_url, settings=settings, cache=MemoryCache())
    statuses: list[int] = []

    def mover(seed: int) -> Callable[[], None]:
        def work() -> None:
            rng = random.Random(seed)
            with TestClient(app) as client:
                for _ in range(3):
                    path = f"/api/v1/lessons/{rng.choice(ids)}/move"
                    response = client.post(path, json={"position": rng.randrange(len(ids))}, headers=headers)
                    statuses.append(response.status_code)

        return work

    try:
        assert _run([mover(seed) for seed in range(THREADS)]) == []
    finally:
        app.state.engine.dispose()
    assert set(statuses) == {200}
    final = _orders(factory, select(Lesson.id, Lesson.lesson_order).where(Lesson.course_id == course.id))
    assert sorted(order for _, order in final) == list(range(len(ids)))
    assert sorted(lesson_id for lesson_id, _ in final) == sorted(ids)


def test_the_parent_lock_is_what_serialises(factory: sessionmaker[Session]) -> None:
    """While a move is open, nobody else can take the lesson's lock: the next move waits for it."""
    actor, lesson_id, ids = _setup(factory, slide_count=3)
    with unit_of_work(factory) as first:
        slides.move(first, actor=actor, slide_id=ids[0], position=2)
        second = factory()
        try:
            with pytest.raises(OperationalError, match="could not obtain lock"):
                second.execute(
                    select(Lesson.id)
                    .where(Lesson.id == lesson_id)
                    .with_for_update(key_share=True, nowait=True)
                )
        finally:
            second.rollback()
            second.close()
    assert ordering.SLIDES.parent_model is Lesson
