"""CSRF: state-changing requests made with the session cookie need the session's token."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.activity.models import ActivityLog
from bibliology.http import CSRF_FIELD, CSRF_HEADER, csrf_token_for
from tests import factories as f
from tests.accounts.support import set_session_cookie


def test_cookie_requests_without_the_token_are_refused(client: TestClient, session: Session) -> None:
    user = f.make_user(session, name="Before")
    token, _ = f.make_user_session(session, user=user)
    set_session_cookie(client, token, with_csrf_header=False)

    missing = client.patch("/api/v1/me", json={"name": "After"})
    assert missing.status_code == 403
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["type"] == "/problems/csrf"

    other_session_token, _ = f.make_user_session(session, user=user)
    wrong = client.patch(
        "/api/v1/me", json={"name": "After"}, headers={CSRF_HEADER: csrf_token_for(other_session_token)}
    )
    assert wrong.status_code == 403
    session.refresh(user)
    assert user.name == "Before"

    right = client.patch("/api/v1/me", json={"name": "After"}, headers={CSRF_HEADER: csrf_token_for(token)})
    assert right.status_code == 200
    assert right.json()["name"] == "After"
    # Refusals are audited as permission denials (before authentication: no user id).
    denials = session.scalars(select(ActivityLog).where(ActivityLog.action == "PERMISSION_DENIED")).all()
    assert [d.metadata_ and d.metadata_["problem"] for d in denials] == ["/problems/csrf"] * 2
    assert all(d.metadata_ and d.metadata_["path"] == "/api/v1/me" for d in denials)


def test_reads_need_no_token(client: TestClient, session: Session) -> None:
    token, _ = f.make_user_session(session)
    set_session_cookie(client, token, with_csrf_header=False)
    assert client.get("/api/v1/me").status_code == 200


def test_bearer_token_requests_are_exempt_and_never_fall_back_to_the_cookie(
    client: TestClient, session: Session
) -> None:
    user = f.make_user(session)
    api_token, _ = f.make_api_token(session, user=user)
    response = client.patch(
        "/api/v1/me", json={"name": "Via token"}, headers={"Authorization": f"Bearer {api_token}"}
    )
    assert response.status_code == 200
    # A bad bearer token is refused even when a valid session cookie is there too.
    cookie_token, _ = f.make_user_session(session, user=user)
    set_session_cookie(client, cookie_token)
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer bib_wrong"}).status_code == 401


def test_anonymous_requests_without_a_cookie_are_not_checked(client: TestClient) -> None:
    response = client.post("/api/v1/auth/login", json={"email": "x@example.org", "password": "whatever"})
    assert response.status_code == 401  # reached the handler: no CSRF refusal


def test_login_with_a_stale_cookie_still_works(client: TestClient, session: Session) -> None:
    f.make_login_user(session, email="stale@example.org")
    set_session_cookie(client, "expired-or-unknown-session-token-value-000000", with_csrf_header=False)
    response = client.post(
        "/api/v1/auth/login", json={"email": "stale@example.org", "password": f.TEST_PASSWORD}
    )
    assert response.status_code == 200


def test_cross_origin_requests_are_refused_even_to_login(client: TestClient, session: Session) -> None:
    f.make_login_user(session, email="victim@example.org")
    body = {"email": "victim@example.org", "password": f.TEST_PASSWORD}
    foreign = client.post("/api/v1/auth/login", json=body, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403
    assert foreign.json()["type"] == "/problems/csrf"
    cross_site = client.post("/api/v1/auth/login", json=body, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross_site.status_code == 403
    same_origin = client.post("/api/v1/auth/login", json=body, headers={"Origin": "http://testserver"})
    assert same_origin.status_code == 200


def test_html_forms_send_the_token_as_a_field(client: TestClient, session: Session) -> None:
    token, _ = f.make_user_session(session)
    set_session_cookie(client, token, with_csrf_header=False)
    refused = client.post("/account/logout", data={}, follow_redirects=False)
    assert refused.status_code == 403
    accepted = client.post(
        "/account/logout", data={CSRF_FIELD: csrf_token_for(token)}, follow_redirects=False
    )
    assert accepted.status_code == 303
    assert client.get("/api/v1/me").status_code == 401


def test_routes_added_later_are_protected_too(app: FastAPI, client: TestClient, session: Session) -> None:
    changed: list[bool] = []

    @app.post("/api/v1/_later")
    def later() -> dict[str, bool]:
        changed.append(True)
        return {"ok": True}

    token, _ = f.make_user_session(session)
    set_session_cookie(client, token, with_csrf_header=False)
    assert client.post("/api/v1/_later").status_code == 403
    assert changed == []
    assert client.post("/api/v1/_later", headers={CSRF_HEADER: csrf_token_for(token)}).status_code == 200
