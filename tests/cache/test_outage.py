"""Redis hangs, then dies, mid-test: every response body stays the same (served from PostgreSQL,
with a warning in the log), and nothing fails."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bibliology.accounts import sessions
from bibliology.app import create_app
from bibliology.cache import RedisCache
from bibliology.config import Settings
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.enums import UserRole
from bibliology.http import SESSION_COOKIE
from bibliology.policy import Actor
from bibliology.progress import enrollment, events
from tests import factories as f
from tests.cache.conftest import OwnRedis
from tests.queries.support import slide_ids


@pytest.fixture
def engine_on_scratch(scratch_url: str) -> Iterator[Engine]:
    engine = make_engine(scratch_url, pool_size=4)
    yield engine
    engine.dispose()


def test_stopping_redis_changes_no_response_body(
    scratch_url: str,
    engine_on_scratch: Engine,
    own_redis: OwnRedis,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with unit_of_work(session_factory(engine_on_scratch)) as session:
        course = f.make_published_course(session, lessons=0, title_fr=None)
        lesson = f.make_published_lesson(session, course=course, slides=3, quiz_questions=2)
        user = f.make_user(session)
        student = Actor(user.id, UserRole.STUDENT)
        enrollment.enrol(session, actor=student, course_id=course.id)
        first = slide_ids(session, lesson.id)[0]
        events.record_event(
            session, actor=student, lesson_id=lesson.id, slide_id=first, seconds=42, client_event_id="1"
        )
        token, _ = sessions.create(session, user_id=user.id, lifetime=dt.timedelta(hours=1))
    app = create_app(
        scratch_url, settings=settings, engine=engine_on_scratch, cache=RedisCache(own_redis.url, 0.2)
    )
    outlines = [f"/api/v1/courses/{course.id}/outline?lang={lang}" for lang in ("en", "fr")]
    paths = outlines + [f"/api/v1/lessons/{lesson.id}/tree?lang={lang}" for lang in ("en", "fr")]

    with TestClient(app) as client, TestClient(app) as visitor:
        client.cookies.set(SESSION_COOKIE, token)

        def bodies() -> list[Any]:
            responses = [client.get(path) for path in paths] + [visitor.get(path) for path in outlines]
            assert [r.status_code for r in responses] == [200] * (len(paths) + len(outlines))
            return [r.json() for r in responses]

        fresh = bodies()
        assert fresh[0]["enrollment"]["lessons_completed"] == 0  # the reader's part is there
        assert fresh[1]["course"]["fallback"] == ["title"]
        assert fresh[-1]["enrollment"] is None  # a visitor's outline, which is what is cached
        assert len(redis.Redis.from_url(own_redis.url).keys("*:outline:*")) == 2  # now cached
        assert bodies() == fresh

        with caplog.at_level("WARNING", logger="bibliology.cache"):
            own_redis.pause()  # hung: every call would time out
            assert bodies() == fresh
            own_redis.resume()
            own_redis.kill()  # gone
            assert bodies() == fresh
            assert client.get("/health").json()["cache"]["status"].startswith("unavailable")
        assert any("reading the database instead" in r.getMessage() for r in caplog.records)
