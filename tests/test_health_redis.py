"""/health with a real Redis, and with a Redis that is not there: the cache is optional."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bibliology.app import create_app
from bibliology.cache import RedisCache
from bibliology.config import Settings


def _client(session: Session, engine: Engine, settings: Settings, redis_url: str) -> TestClient:
    app = create_app(
        "postgresql://unused", settings=settings, engine=engine, cache=RedisCache(redis_url, 0.2)
    )
    app.state.sessions = app.state.read_sessions = session.info["factory"]
    return TestClient(app)


DEAD_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_health_reports_a_live_redis(
    session: Session, engine: Engine, settings: Settings, redis_url: str
) -> None:
    with _client(session, engine, settings, redis_url) as client:
        body = client.get("/health").json()
    assert body["cache"] == {"backend": "redis", "status": "ok"}
    assert body["status"] == "ok"


def test_a_dead_redis_degrades_the_cache_not_the_service(
    session: Session, engine: Engine, settings: Settings
) -> None:
    cache = RedisCache(DEAD_REDIS_URL, 0.2)
    cache.set("k", b"v", 10)  # swallowed, logged
    assert cache.get("k") is None
    with _client(session, engine, settings, DEAD_REDIS_URL) as client:
        response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["cache"]["status"].startswith("unavailable")


def test_redis_cache_round_trip(redis_url: str) -> None:
    cache = RedisCache(redis_url, 0.5)
    cache.set("bibliology-test:k", b"value", 5)
    assert cache.get("bibliology-test:k") == b"value"
    cache.delete("bibliology-test:k")
    assert cache.get("bibliology-test:k") is None
