"""Registration, login, logout and the session cookie."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.auth_models import UserSession
from bibliology.accounts.models import User
from bibliology.accounts.passwords import needs_rehash, verify_password
from bibliology.activity.models import ActivityLog
from bibliology.http import CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE
from tests import factories as f
from tests.accounts.support import set_session_cookie

PASSWORD = "a sturdy passphrase"


def register(client: TestClient, email: str = "ann@example.org", **extra: object) -> dict[str, object]:
    response = client.post(
        "/api/v1/auth/register", json={"email": email, "password": PASSWORD, "name": "Ann", **extra}
    )
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


def actions_of(session: Session, user_id: str | None) -> list[str]:
    return list(
        session.scalars(
            select(ActivityLog.action).where(ActivityLog.user_id == user_id).order_by(ActivityLog.created_at)
        )
    )


def test_register_creates_a_student_logged_in_with_safe_cookies(client: TestClient, session: Session) -> None:
    response = client.post(
        "/api/v1/auth/register",
        json={"email": "ann@example.org", "password": PASSWORD, "name": " Ann ", "language_pref": "fr"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["user"]["role"] == "STUDENT"
    assert body["user"]["name"] == "Ann"
    assert body["user"]["language_pref"] == "fr"
    assert body["user"]["email_verified"] is False
    cookies = {c.split("=", 1)[0]: c for c in response.headers.get_list("set-cookie")}
    session_cookie = cookies[SESSION_COOKIE]
    assert "HttpOnly" in session_cookie
    assert "SameSite=lax" in session_cookie
    assert "Secure" not in session_cookie  # plain http in tests
    assert "HttpOnly" not in cookies[CSRF_COOKIE]  # our scripts read it
    assert client.cookies[CSRF_COOKIE] == body["csrf_token"]
    token = client.cookies[SESSION_COOKIE]
    assert len(token) >= 43  # 32 random bytes, base64url
    # The table holds the token's digest, never the token.
    user = session.scalars(select(User).where(User.email == "ann@example.org")).one()
    stored = session.scalars(select(UserSession.id).where(UserSession.user_id == user.id)).one()
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    assert verify_password(user.password_hash, PASSWORD)
    assert "REGISTER" in actions_of(session, user.id)
    assert client.get("/api/v1/me").json()["email"] == "ann@example.org"


def test_cookies_are_secure_over_https(app: FastAPI, session: Session) -> None:
    with TestClient(app, base_url="https://testserver") as secure_client:
        response = secure_client.post(
            "/api/v1/auth/register", json={"email": "sec@example.org", "password": PASSWORD, "name": "S"}
        )
    assert response.status_code == 201
    assert all("Secure" in cookie for cookie in response.headers.get_list("set-cookie"))
    assert "strict-transport-security" in response.headers


def test_register_refuses_fields_a_user_may_not_set(client: TestClient) -> None:
    for field, value in (("role", "ADMIN"), ("id", "c123"), ("email_verified", True), ("last_login", None)):
        response = client.post(
            "/api/v1/auth/register",
            json={"email": "x@example.org", "password": PASSWORD, "name": "X", field: value},
        )
        assert response.status_code == 422
        errors = response.json()["errors"]
        assert errors == [{"field": field, "in": "body", "message": errors[0]["message"]}]
        assert "cannot be set" in errors[0]["message"]


def test_register_refuses_weak_breached_and_duplicate(client: TestClient) -> None:
    short = client.post(
        "/api/v1/auth/register", json={"email": "a@example.org", "password": "short", "name": "A"}
    )
    assert short.status_code == 422
    assert short.json()["errors"][0]["field"] == "password"
    breached = client.post(
        "/api/v1/auth/register", json={"email": "a@example.org", "password": "Password1", "name": "A"}
    )
    assert breached.status_code == 422
    assert "common breached" in breached.json()["detail"]
    too_long = client.post(
        "/api/v1/auth/register", json={"email": "a@example.org", "password": "x" * 129, "name": "A"}
    )
    assert too_long.status_code == 422
    register(client, "a@example.org")
    client.cookies.clear()
    duplicate = client.post(
        "/api/v1/auth/register", json={"email": "A@Example.org", "password": PASSWORD, "name": "A"}
    )
    assert duplicate.status_code == 409
    assert duplicate.headers["content-type"] == "application/problem+json"


def test_long_passwords_are_not_truncated(client: TestClient) -> None:
    long_password = "é" * 100 + "tail-1"  # 106 characters, over Argon2-irrelevant 72 bytes of bcrypt
    client.post(
        "/api/v1/auth/register", json={"email": "l@example.org", "password": long_password, "name": "L"}
    )
    client.cookies.clear()
    wrong = client.post(
        "/api/v1/auth/login", json={"email": "l@example.org", "password": long_password[:-1] + "2"}
    )
    assert wrong.status_code == 401
    right = client.post("/api/v1/auth/login", json={"email": "l@example.org", "password": long_password})
    assert right.status_code == 200


def test_login_errors_do_not_reveal_whether_the_account_exists(client: TestClient, session: Session) -> None:
    user = f.make_login_user(session, email="known@example.org")
    wrong_password = client.post(
        "/api/v1/auth/login", json={"email": "known@example.org", "password": "nope"}
    )
    unknown = client.post("/api/v1/auth/login", json={"email": "nobody@example.org", "password": "nope"})
    assert wrong_password.status_code == unknown.status_code == 401
    assert wrong_password.json() == unknown.json()
    assert SESSION_COOKIE not in wrong_password.cookies
    # Both failures are audited, though the request's transaction was rolled back.
    assert actions_of(session, user.id) == ["LOGIN_FAILED"]
    anonymous = session.scalars(
        select(ActivityLog).where(ActivityLog.action == "LOGIN_FAILED", ActivityLog.user_id.is_(None))
    ).all()
    assert len(anonymous) == 1
    assert anonymous[0].ip_address == "testclient"


def test_login_records_last_login_and_the_event(client: TestClient, session: Session) -> None:
    user = f.make_login_user(session, email="ok@example.org")
    assert user.last_login is None
    response = client.post(
        "/api/v1/auth/login", json={"email": "OK@example.org", "password": f.TEST_PASSWORD}
    )
    assert response.status_code == 200
    session.refresh(user)
    assert user.last_login is not None
    assert actions_of(session, user.id) == ["LOGIN"]


def test_a_weaker_stored_hash_is_rehashed_at_login(client: TestClient, session: Session) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    user = f.make_user(session, email="old@example.org", password_hash=weak)
    assert needs_rehash(weak)
    assert (
        client.post("/api/v1/auth/login", json={"email": "old@example.org", "password": PASSWORD}).status_code
        == 200
    )
    session.refresh(user)
    assert user.password_hash != weak
    assert not needs_rehash(user.password_hash)
    assert verify_password(user.password_hash, PASSWORD)


def test_login_rotates_the_session_id(client: TestClient, session: Session) -> None:
    f.make_login_user(session, email="rot@example.org")
    credentials = {"email": "rot@example.org", "password": f.TEST_PASSWORD}
    # A pre-login cookie of the client's choosing (fixation attempt) is never adopted.
    set_session_cookie(client, "attacker-chosen-value-0123456789abcdef0123456789")
    first = client.post("/api/v1/auth/login", json=credentials)
    assert first.status_code == 200
    token_a = client.cookies[SESSION_COOKIE]
    assert token_a != "attacker-chosen-value-0123456789abcdef0123456789"
    # Logging in again from a logged-in browser ends that session and starts a new one.
    second = client.post("/api/v1/auth/login", json=credentials)
    token_b = client.cookies[SESSION_COOKIE]
    assert second.status_code == 200
    assert token_b != token_a
    assert client.get("/api/v1/me").status_code == 200
    set_session_cookie(client, token_a)
    assert client.get("/api/v1/me").status_code == 401
    assert session.get(UserSession, hashlib.sha256(token_a.encode()).hexdigest()) is None


def test_logout_revokes_the_session(client: TestClient, session: Session) -> None:
    body = register(client)
    token = client.cookies[SESSION_COOKIE]
    response = client.post("/api/v1/auth/logout", headers={CSRF_HEADER: str(body["csrf_token"])})
    assert response.status_code == 204
    assert session.get(UserSession, hashlib.sha256(token.encode()).hexdigest()) is None
    assert SESSION_COOKIE not in client.cookies
    set_session_cookie(client, token)  # a copy of the old cookie opens nothing
    assert client.get("/api/v1/me").status_code == 401
    user_id = session.scalars(select(User.id).where(User.email == "ann@example.org")).one()
    assert actions_of(session, user_id)[-1] == "LOGOUT"


def test_expired_sessions_do_not_authenticate(client: TestClient, session: Session) -> None:
    import datetime as dt

    user = f.make_user(session)
    token, record = f.make_user_session(session, user=user)
    record.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    session.flush()
    set_session_cookie(client, token)
    assert client.get("/api/v1/me").status_code == 401


def test_csrf_endpoint_returns_the_sessions_token(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    login_as(f.make_user(session))
    response = client.get("/api/v1/auth/csrf")
    assert response.status_code == 200
    assert response.json()["csrf_token"] == client.headers[CSRF_HEADER]
    bearer, _ = f.make_api_token(session)
    client.cookies.clear()
    assert client.get("/api/v1/auth/csrf", headers={"Authorization": f"Bearer {bearer}"}).status_code == 401
