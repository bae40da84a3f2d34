"""Password change, reset by e-mail, e-mail verification: tokens single-use and expiring."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from email.message import EmailMessage

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts import one_time, password_policy
from bibliology.accounts.auth_models import ApiToken, UserSession
from bibliology.accounts.models import User
from bibliology.errors import Invalid
from bibliology.http import CSRF_HEADER, SESSION_COOKIE
from tests import factories as f
from tests.accounts.support import set_session_cookie

NEW_PASSWORD = "another sturdy passphrase"
Outbox = Callable[[], list[EmailMessage]]


def token_in(message: EmailMessage) -> str:
    body = message.get_content()
    match = re.search(r"token=([A-Za-z0-9_\-]+)", body)
    assert match, body
    return match.group(1)


def login(client: TestClient, email: str, password: str) -> int:
    return client.post("/api/v1/auth/login", json={"email": email, "password": password}).status_code


def test_the_breached_list_ships_10000_passwords() -> None:
    common = password_policy.common_passwords()
    assert len(common) == 10_000
    assert {"123456", "password", "qwerty", "iloveyou"} <= common
    assert password_policy.problems("sunshine1") != []
    assert password_policy.problems("Correct-Horse-Battery-9") == []
    assert password_policy.problems("ann.smith@example.org", email="ann.smith@example.org") != []


def test_change_password_revokes_every_other_session_and_token(client: TestClient, session: Session) -> None:
    user = f.make_login_user(session, email="pw@example.org")
    other_browser, _ = f.make_user_session(session, user=user)
    api_token, _ = f.make_api_token(session, user=user)
    this_browser, _ = f.make_user_session(session, user=user)
    set_session_cookie(client, this_browser)

    wrong = client.post(
        "/api/v1/auth/password", json={"current_password": "nope", "new_password": NEW_PASSWORD}
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "current_password"

    response = client.post(
        "/api/v1/auth/password", json={"current_password": f.TEST_PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 204
    new_cookie = client.cookies[SESSION_COOKIE]
    assert new_cookie != this_browser  # this browser continues on a fresh session
    client.headers[CSRF_HEADER] = client.cookies["csrftoken"]
    assert client.get("/api/v1/me").status_code == 200
    for old in (other_browser, this_browser):
        set_session_cookie(client, old)
        assert client.get("/api/v1/me").status_code == 401
    client.cookies.clear()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {api_token}"}).status_code == 401
    assert session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)).all() == []
    assert len(session.scalars(select(UserSession).where(UserSession.user_id == user.id)).all()) == 1
    assert login(client, "pw@example.org", f.TEST_PASSWORD) == 401
    assert login(client, "pw@example.org", NEW_PASSWORD) == 200


def test_change_password_refuses_a_breached_new_password(client: TestClient, session: Session) -> None:
    user = f.make_login_user(session)
    token, _ = f.make_user_session(session, user=user)
    set_session_cookie(client, token)
    response = client.post(
        "/api/v1/auth/password", json={"current_password": f.TEST_PASSWORD, "new_password": "iloveyou1"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "new_password"
    assert client.get("/api/v1/me").status_code == 200  # nothing was revoked


def test_password_reset_by_email_is_single_use(client: TestClient, session: Session, outbox: Outbox) -> None:
    user = f.make_login_user(session, email="reset@example.org", language_pref="fr")
    stolen_session, _ = f.make_user_session(session, user=user)

    unknown = client.post("/api/v1/auth/password-reset", json={"email": "nobody@example.org"})
    known = client.post("/api/v1/auth/password-reset", json={"email": "RESET@example.org"})
    assert unknown.status_code == known.status_code == 202
    assert unknown.json() == known.json()  # no hint whether the account exists
    [message] = outbox()
    assert message["To"] == "reset@example.org"
    assert "mot de passe" in message["Subject"]  # the user's language
    assert "/account/password-reset/confirm?token=" in message.get_content()
    token = token_in(message)
    assert session.scalars(select(User.id).where(User.id == user.id)).one()

    weak = client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": "password1"}
    )
    assert weak.status_code == 422  # refused before the token is used: the link still works
    done = client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert done.status_code == 204
    again = client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD + "!"}
    )
    assert again.status_code == 422
    assert again.json()["errors"][0]["field"] == "token"

    assert login(client, "reset@example.org", f.TEST_PASSWORD) == 401
    assert login(client, "reset@example.org", NEW_PASSWORD) == 200
    set_session_cookie(client, stolen_session)
    assert client.get("/api/v1/me").status_code == 401  # every earlier session ended
    session.refresh(user)
    # The link proved the mailbox.
    assert (
        client.post(
            "/api/v1/auth/login", json={"email": "reset@example.org", "password": NEW_PASSWORD}
        ).json()["user"]["email_verified"]
        is True
    )


def test_reset_tokens_expire(client: TestClient, session: Session) -> None:
    user = f.make_login_user(session)
    an_hour_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1, seconds=1)
    token = one_time.issue(
        session, user_id=user.id, email=user.email, purpose="password_reset", now=an_hour_ago
    )
    response = client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 422
    assert "expired" in response.json()["detail"]


def test_a_new_reset_link_kills_the_previous_one(session: Session) -> None:
    user = f.make_user(session)
    first = one_time.issue(session, user_id=user.id, email=user.email, purpose="password_reset")
    second = one_time.issue(session, user_id=user.id, email=user.email, purpose="password_reset")
    with pytest.raises(Invalid):
        one_time.consume(session, token=first, purpose="password_reset")
    assert one_time.consume(session, token=second, purpose="password_reset").user_id == user.id


def test_tokens_serve_only_their_purpose(session: Session) -> None:
    user = f.make_user(session)
    token = one_time.issue(session, user_id=user.id, email=user.email, purpose="email_verification")
    with pytest.raises(Invalid):
        one_time.consume(session, token=token, purpose="password_reset")


def test_email_verification(client: TestClient, session: Session, outbox: Outbox) -> None:
    registered = client.post(
        "/api/v1/auth/register", json={"email": "v@example.org", "password": NEW_PASSWORD, "name": "V"}
    )
    assert registered.status_code == 201
    client.headers[CSRF_HEADER] = registered.json()["csrf_token"]
    [message] = outbox()
    assert message["Subject"] == "Confirm your e-mail address for Bibliology"
    first_token = token_in(message)
    # Asking again sends a new link and kills the first.
    assert client.post("/api/v1/auth/verify-email").status_code == 202
    second_token = token_in(outbox()[-1])
    assert client.post("/api/v1/auth/verify-email/confirm", json={"token": first_token}).status_code == 422
    assert client.post("/api/v1/auth/verify-email/confirm", json={"token": second_token}).status_code == 204
    assert client.get("/api/v1/me").json()["email_verified"] is True
    assert client.post("/api/v1/auth/verify-email/confirm", json={"token": second_token}).status_code == 422
    already = client.post("/api/v1/auth/verify-email")
    assert already.json()["detail"] == "this address is already confirmed"


def test_verification_tokens_expire(client: TestClient, session: Session) -> None:
    user = f.make_user(session)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    token = one_time.issue(
        session, user_id=user.id, email=user.email, purpose="email_verification", now=long_ago
    )
    assert client.post("/api/v1/auth/verify-email/confirm", json={"token": token}).status_code == 422


def test_reset_and_verification_pages_post_the_token(client: TestClient, session: Session) -> None:
    user = f.make_login_user(session, email="page@example.org")
    token = one_time.issue(session, user_id=user.id, email=user.email, purpose="password_reset")
    page = client.get(f"/account/password-reset/confirm?token={token}")
    assert page.status_code == 200
    assert f'value="{token}"' in page.text
    assert session.scalars(select(User).where(User.id == user.id)).one()  # GET changed nothing
    done = client.post("/account/password-reset/confirm", data={"token": token, "new_password": NEW_PASSWORD})
    assert done.status_code == 200
    assert login(client, "page@example.org", NEW_PASSWORD) == 200
    reused = client.post(
        "/account/password-reset/confirm", data={"token": token, "new_password": NEW_PASSWORD}
    )
    assert reused.status_code == 422
    assert "already used" in reused.text
