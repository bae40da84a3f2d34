"""Throttling of login, registration and password reset: per account and per address, atomic,
429 with Retry-After, and still enforced when Redis is down."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bibliology import throttle
from bibliology.accounts import throttles
from bibliology.app import create_app
from bibliology.cache import RedisCache
from bibliology.config import Settings
from bibliology.db import make_engine, session_factory
from bibliology.errors import Throttled
from bibliology.throttle import Limit, ThrottleCounter
from tests import factories as f

DEAD_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_login_is_throttled_per_account(client: TestClient, session: Session) -> None:
    f.make_login_user(session, email="target@example.org")
    for _ in range(10):
        wrong = client.post("/api/v1/auth/login", json={"email": "target@example.org", "password": "guess"})
        assert wrong.status_code == 401
    blocked = client.post(
        "/api/v1/auth/login", json={"email": "Target@example.org", "password": f.TEST_PASSWORD}
    )
    assert blocked.status_code == 429
    assert blocked.headers["content-type"] == "application/problem+json"
    assert blocked.json()["type"] == "/problems/throttled"
    assert 1 <= int(blocked.headers["retry-after"]) <= 15 * 60
    # Another account from the same address is not blocked by this one's counter.
    f.make_login_user(session, email="bystander@example.org")
    other = client.post(
        "/api/v1/auth/login", json={"email": "bystander@example.org", "password": f.TEST_PASSWORD}
    )
    assert other.status_code == 200


def test_counters_hold_no_email_or_address(client: TestClient, session: Session) -> None:
    client.post("/api/v1/auth/login", json={"email": "private@example.org", "password": "x"})
    keys = session.scalars(select(ThrottleCounter.key)).all()
    assert keys
    assert not any("private" in key or "testclient" in key for key in keys)


def test_registration_is_throttled_per_address(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real limit is 30 an hour; 3 proves the same code with fewer Argon2 hashes.
    monkeypatch.setattr(
        throttles, "REGISTER_PER_ADDRESS", Limit("register-address", 3, dt.timedelta(hours=1))
    )
    for n in range(3):
        response = client.post(
            "/api/v1/auth/register",
            json={"email": f"r{n}@example.org", "password": "a sturdy passphrase", "name": "R"},
        )
        assert response.status_code == 201
        client.cookies.clear()
    blocked = client.post(
        "/api/v1/auth/register",
        json={"email": "r3@example.org", "password": "a sturdy passphrase", "name": "R"},
    )
    assert blocked.status_code == 429
    assert "retry-after" in blocked.headers


def test_password_reset_is_throttled_per_account(client: TestClient, session: Session) -> None:
    f.make_user(session, email="forgetful@example.org")
    for _ in range(3):
        assert (
            client.post("/api/v1/auth/password-reset", json={"email": "forgetful@example.org"}).status_code
            == 202
        )
    assert (
        client.post("/api/v1/auth/password-reset", json={"email": "forgetful@example.org"}).status_code == 429
    )
    # The same limit applies to an address nobody uses: 429s do not reveal which accounts exist.
    for _ in range(3):
        client.post("/api/v1/auth/password-reset", json={"email": "ghost@example.org"})
    assert client.post("/api/v1/auth/password-reset", json={"email": "ghost@example.org"}).status_code == 429


def test_throttling_and_sessions_work_with_redis_down(
    session: Session, engine: Engine, settings: Settings
) -> None:
    dead = settings.model_copy(update={"redis_url": DEAD_REDIS_URL})
    app = create_app(
        "postgresql://unused", settings=dead, engine=engine, cache=RedisCache(DEAD_REDIS_URL, 0.2)
    )
    app.state.sessions = app.state.read_sessions = session.info["factory"]
    f.make_login_user(session, email="offline@example.org")
    with TestClient(app) as client:
        assert client.get("/health").json()["cache"]["status"].startswith("unavailable")
        ok = client.post(
            "/api/v1/auth/login", json={"email": "offline@example.org", "password": f.TEST_PASSWORD}
        )
        assert ok.status_code == 200
        assert client.get("/api/v1/me").status_code == 200  # the session lives in PostgreSQL
        for _ in range(9):
            client.post("/api/v1/auth/login", json={"email": "offline@example.org", "password": "guess"})
        blocked = client.post(
            "/api/v1/auth/login", json={"email": "offline@example.org", "password": f.TEST_PASSWORD}
        )
        assert blocked.status_code == 429
        assert "retry-after" in blocked.headers


def test_windows_restart_the_count(session: Session) -> None:
    factory = session.info["factory"]
    limit = Limit("unit", 2, dt.timedelta(minutes=10))
    start = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)
    throttle.hit(factory, limit, "k", now=start)
    throttle.hit(factory, limit, "k", now=start + dt.timedelta(minutes=1))
    with pytest.raises(Throttled) as refused:
        throttle.hit(factory, limit, "k", now=start + dt.timedelta(minutes=4))
    assert refused.value.retry_after == 6 * 60 + 1
    throttle.hit(factory, limit, "k", now=start + dt.timedelta(minutes=10))  # a new window


@pytest.mark.committed
def test_counting_is_atomic_under_concurrency(scratch_url: str) -> None:
    engine = make_engine(scratch_url, pool_size=8)
    factory = session_factory(engine)
    limit = Limit("race", 10, dt.timedelta(hours=1))
    now = dt.datetime.now(dt.UTC)

    def attempt(_: int) -> bool:
        try:
            throttle.hit(factory, limit, "same key", now=now)
        except Throttled:
            return False
        return True

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            outcomes = list(pool.map(attempt, range(30)))
        assert outcomes.count(True) == 10
        with factory() as check:
            assert check.scalar(select(ThrottleCounter.hits)) == 30
    finally:
        engine.dispose()


def test_login_is_throttled_per_address(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real limit is 50 per 15 minutes; 3 proves the same code without 50 Argon2 verifications.
    monkeypatch.setattr(throttles, "LOGIN_PER_ADDRESS", Limit("login-address", 3, dt.timedelta(minutes=15)))
    for n in range(3):
        response = client.post(
            "/api/v1/auth/login", json={"email": f"spray{n}@example.org", "password": "123456"}
        )
        assert response.status_code == 401
    blocked = client.post("/api/v1/auth/login", json={"email": "spray-new@example.org", "password": "123456"})
    assert blocked.status_code == 429
