"""/health/live and /health/ready: what a load balancer and an orchestrator ask."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bibliology.app import create_app
from bibliology.cache import MemoryCache, RedisCache
from bibliology.config import Settings

DEAD_DATABASE_URL = "postgresql://postgres@127.0.0.1:1/nothing"  # nothing listens on port 1


def test_live_answers_without_checking_anything(client: TestClient) -> None:
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_ready_checks_the_database_and_the_migrations(client: TestClient) -> None:
    response = client.get("/health/ready")
    assert response.status_code == 200, response.text
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok"}


def test_not_ready_while_migrations_are_pending(empty_url: str, settings: Settings) -> None:
    app = create_app(empty_url, settings=settings, cache=MemoryCache())
    with TestClient(app) as client:
        response = client.get("/health/ready")
    app.state.engine.dispose()
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["migrations"]
    assert body["checks"]["migrations"].startswith("at base, head")


def test_not_ready_without_a_database_but_still_live(settings: Settings) -> None:
    app = create_app(DEAD_DATABASE_URL, settings=settings, cache=MemoryCache())
    with TestClient(app) as client:
        ready = client.get("/health/ready")
        live = client.get("/health/live")
    assert ready.status_code == 503
    assert ready.json()["failing"] == ["database", "migrations"]
    assert live.status_code == 200


def test_a_dead_redis_is_reported_but_keeps_the_process_ready(
    session: Session, engine: Engine, settings: Settings
) -> None:
    app = create_app(
        "postgresql://unused",
        settings=settings,
        engine=engine,
        cache=RedisCache("redis://127.0.0.1:1/0", 0.2),
    )
    with TestClient(app) as client:
        response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["redis"].startswith("unavailable")


def test_a_live_redis_is_reported(
    session: Session, engine: Engine, settings: Settings, redis_url: str
) -> None:
    app = create_app(
        "postgresql://unused", settings=settings, engine=engine, cache=RedisCache(redis_url, 0.5)
    )
    with TestClient(app) as client:
        assert client.get("/health/ready").json()["redis"] == "ok"
