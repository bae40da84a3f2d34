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


def test_login_goes_back_to_the_page_that_asked_for_it(client: TestClient, session: Session) -> None:
    f.make_login_user(session, email="next@example.org", name="Next Reader")
    asked = client.get("/dashboard", headers=HTML, follow_redirects=False)
    assert (asked.status_code, asked.headers["location"]) == (303, "/account/login?next=/dashboard")
    form = client.get(asked.headers["location"], headers=HTML)
    assert '<input type="hidden" name="next" value="/dashboard">' in form.text
    done = client.post(
        "/account/login",
        data={"email": "next@example.org", "password": f.TEST_PASSWORD, "next": "/dashboard"},
        follow_redirects=False,
    )
    assert (done.status_code, done.headers["location"]) == (303, "/dashboard")


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "dashboard", ""],
)
def test_login_never_redirects_off_site(client: TestClient, session: Session, target: str) -> None:
    f.make_login_user(session, email="off@example.org", name="Off Site")
    form = client.get("/account/login", params={"next": target}, headers=HTML)
    assert 'name="next" value="/account"' in form.text
    done = client.post(
        "/account/login",
        data={"email": "off@example.org", "password": f.TEST_PASSWORD, "next": target},
        follow_redirects=False,
    )
    assert (done.status_code, done.headers["location"]) == (303, "/account")
