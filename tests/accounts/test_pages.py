"""The account pages: forms that call the same services as the API."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts import throttles
from bibliology.activity.models import ActivityLog
from bibliology.http import SESSION_COOKIE
from tests import factories as f

HTML = {"Accept": "text/html"}


def test_login_page_logs_in_and_shows_the_account(client: TestClient, session: Session) -> None:
    user = f.make_login_user(session, email="page@example.org", name="Page Reader")
    form = client.get("/account/login", headers=HTML)
    assert form.status_code == 200
    assert 'action="/account/login"' in form.text
    wrong = client.post(
        "/account/login", data={"email": "page@example.org", "password": "nope"}, headers=HTML
    )
    assert wrong.status_code == 401
    assert "wrong e-mail or password" in wrong.text
    assert 'value="page@example.org"' in wrong.text  # the form keeps what was typed
    assert session.scalars(select(ActivityLog.action).where(ActivityLog.user_id == user.id)).all() == [
        "LOGIN_FAILED"
    ]

    done = client.post(
        "/account/login",
        data={"email": "page@example.org", "password": f.TEST_PASSWORD},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/account"
    assert SESSION_COOKIE in client.cookies
    account = client.get("/account", headers=HTML)
    assert "Page Reader" in account.text
    assert 'name="csrf_token"' in account.text


def test_anonymous_account_page_redirects_to_login(client: TestClient) -> None:
    response = client.get("/account", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/account/login")


def test_register_page(client: TestClient, session: Session) -> None:
    bad = client.post(
        "/account/register", data={"email": "nope", "password": "short", "name": "N"}, headers=HTML
    )
    assert bad.status_code == 422
    assert "not an e-mail address" in bad.text
    done = client.post(
        "/account/register",
        data={
            "email": "form@example.org",
            "password": "a sturdy passphrase",
            "name": "Form",
            "language_pref": "fr",
        },
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert client.get("/api/v1/me").json()["language_pref"] == "fr"


def test_throttled_forms_say_when_to_retry(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(throttles, "LOGIN_PER_ACCOUNT", replace(throttles.LOGIN_PER_ACCOUNT, hits=1))
    client.post("/account/login", data={"email": "t@example.org", "password": "x"})
    blocked = client.post("/account/login", data={"email": "t@example.org", "password": "x"}, headers=HTML)
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    assert "too many login attempts" in blocked.text


def test_password_reset_page_answers_the_same_for_any_address(client: TestClient, session: Session) -> None:
    f.make_user(session, email="known@example.org")
    known = client.post("/account/password-reset", data={"email": "known@example.org"}, headers=HTML)
    unknown = client.post("/account/password-reset", data={"email": "unknown@example.org"}, headers=HTML)
    assert known.status_code == unknown.status_code == 200
    assert known.text == unknown.text
