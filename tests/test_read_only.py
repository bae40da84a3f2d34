"""Read-only requests (`deps.read_only`): they run on the read-only pool (autocommit, writes refused
by PostgreSQL) with committed data, answer like any other request, and still stamp "last seen"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.exc import InternalError
from sqlalchemy.orm import Session, sessionmaker

from bibliology.accounts import sessions
from bibliology.accounts.auth_models import UserSession
from bibliology.app import create_app, discover_routers
from bibliology.cache import MemoryCache
from bibliology.config import Settings
from bibliology.db import make_engine, session_factory, unit_of_work, utcnow
from bibliology.http import SESSION_COOKIE
from tests import factories as f


@pytest.fixture
def factory(scratch_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(scratch_url, pool_size=2)
    yield session_factory(engine)
    engine.dispose()


@pytest.fixture
def scratch_app(scratch_url: str) -> Iterator[FastAPI]:
    settings = Settings(BIBLIOLOGY_ENV="test", DATABASE_URL=None, REDIS_URL=None)
    app = create_app(scratch_url, settings=settings, cache=MemoryCache())
    yield app
    app.state.engine.dispose()
    app.state.read_engine.dispose()


def test_only_get_routes_are_read_only() -> None:
    routes = [
        route
        for router in discover_routers()
        for route in router.routes
        if isinstance(route, APIRoute) and getattr(route.endpoint, "read_only", False)
    ]
    assert {route.path for route in routes} >= {
        "/api/v1/courses/{course_id}/outline",
        "/api/v1/lessons/{lesson_id}/tree",
        "/api/v1/me/dashboard",
        "/api/v1/me/quiz-results",
    }
    assert all(route.methods == {"GET"} for route in routes)


def test_the_read_only_pool_refuses_writes_and_runs_without_a_transaction(scratch_app: FastAPI) -> None:
    with scratch_app.state.read_sessions() as session:
        # No transaction of ours: each statement is its own (an autocommit connection).
        assert session.execute(text("SELECT pg_current_xact_id_if_assigned() IS NULL")).scalar_one()
        assert session.connection().connection.dbapi_connection.autocommit
        with pytest.raises(InternalError, match="read-only transaction"):
            session.execute(text("UPDATE users SET name = name"))


def test_a_student_reads_the_design_patterns_on_the_read_only_pool(
    scratch_app: FastAPI, factory: sessionmaker[Session]
) -> None:
    with unit_of_work(factory) as session:
        student = f.make_user(session)
        course = f.make_published_course(session, lessons=2, slides=2)
        enrollment = f.make_enrollment(session, course=course, student=student)
        token, record = sessions.create(session, user_id=student.id, lifetime=dt.timedelta(hours=1))
        record.last_seen_at = utcnow() - sessions.TOUCH_EVERY * 2  # "last seen" is due
        lesson_id = session.scalars(
            text("SELECT id FROM lessons WHERE course_id = :c").bindparams(c=course.id)
        ).first()
    with TestClient(scratch_app) as client:
        client.cookies.set(SESSION_COOKIE, token, domain="testserver.local")
        outline = client.get(f"/api/v1/courses/{course.id}/outline")
        tree = client.get(f"/api/v1/lessons/{lesson_id}/tree")
        dashboard = client.get("/api/v1/me/dashboard")
        results = client.get("/api/v1/me/quiz-results")
        missing = client.get("/api/v1/lessons/nope/tree")

    assert outline.status_code == 200, outline.text
    assert outline.json()["enrollment"]["id"] == enrollment.id
    assert tree.status_code == 200, tree.text
    assert [slide["index"] for slide in tree.json()["slides"]] == [0, 1]
    assert dashboard.status_code == 200, dashboard.text
    assert [item["id"] for item in dashboard.json()["enrollments"]] == [enrollment.id]
    assert results.status_code == 200, results.text
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    with unit_of_work(factory) as session:
        seen = session.scalar(select(UserSession.last_seen_at).where(UserSession.id == record.id))
    assert seen is not None
    assert utcnow() - seen < sessions.TOUCH_EVERY  # stamped, in a transaction of its own
