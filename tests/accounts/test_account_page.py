"""The account page's forms: profile, password, data export and deletion, through the same models
and services as /api/v1/me and /api/v1/auth/password."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.accounts.passwords import verify_password
from bibliology.activity.models import ActivityLog
from bibliology.http import SESSION_COOKIE
from tests import factories as f

HTML = {"Accept": "text/html"}


def _actions(session: Session, user: User) -> list[str]:
    return list(session.scalars(select(ActivityLog.action).where(ActivityLog.user_id == user.id)).all())


def test_the_profile_form_saves_and_refuses_beside_the_field(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    user = f.make_login_user(session, name="Lydia of Thyatira", language_pref="en")
    login_as(user)

    refused = client.post("/account/profile", data={"name": "  ", "language_pref": "fr"}, headers=HTML)
    assert refused.status_code == 422
    assert 'id="profile-name-error"' in refused.text
    assert 'aria-invalid="true" aria-describedby="profile-name-error"' in refused.text
    assert '<option value="fr" lang="fr" selected>' in refused.text  # what was chosen is kept
    session.refresh(user)
    assert (user.name, user.language_pref) == ("Lydia of Thyatira", "en")

    saved = client.post(
        "/account/profile", data={"name": "Lydia", "language_pref": "fr"}, follow_redirects=False
    )
    assert (saved.status_code, saved.headers["location"]) == (303, "/account?done=profile")
    session.refresh(user)
    assert (user.name, user.language_pref) == ("Lydia", "fr")
    page = client.get("/account?done=profile", headers=HTML)
    assert page.text.count('lang="fr"') >= 1
    assert "Votre profil est enregistré." in page.text  # her new language, at once


def test_the_password_form_checks_the_current_one_and_keeps_this_browser_signed_in(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    user = f.make_login_user(session)
    login_as(user)
    old_cookie = client.cookies[SESSION_COOKIE]

    wrong = client.post(
        "/account/password",
        data={"current_password": "not it at all", "new_password": "a brand new passphrase"},
        headers=HTML,
    )
    assert wrong.status_code == 422
    assert 'id="password-current-error"' in wrong.text
    assert "wrong password" in wrong.text

    short = client.post(
        "/account/password", data={"current_password": f.TEST_PASSWORD, "new_password": "short"}, headers=HTML
    )
    assert short.status_code == 422
    assert 'id="password-new-error"' in short.text
    session.refresh(user)
    assert verify_password(user.password_hash, f.TEST_PASSWORD)

    done = client.post(
        "/account/password",
        data={"current_password": f.TEST_PASSWORD, "new_password": "a brand new passphrase"},
        follow_redirects=False,
    )
    assert (done.status_code, done.headers["location"]) == (303, "/account?done=password")
    session.refresh(user)
    assert verify_password(user.password_hash, "a brand new passphrase")
    assert client.cookies[SESSION_COOKIE] != old_cookie  # a fresh session for this browser…
    assert client.get("/account", headers=HTML, follow_redirects=False).status_code == 200
    assert "PASSWORD_CHANGE" in _actions(session, user)


def test_deleting_the_account_needs_the_box_and_the_password(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    user = f.make_login_user(session, name="Demas", email="demas@example.org")
    login_as(user)
    page = client.get("/account", headers=HTML)
    assert 'href="/api/v1/me/export"' in page.text

    unticked = client.post("/account/delete", data={"password": f.TEST_PASSWORD}, headers=HTML)
    assert unticked.status_code == 422
    assert 'id="delete-confirm-error"' in unticked.text
    wrong = client.post("/account/delete", data={"password": "nope nope", "confirm": "yes"}, headers=HTML)
    assert wrong.status_code == 422
    assert 'id="delete-password-error"' in wrong.text
    session.refresh(user)
    assert user.email == "demas@example.org"

    gone = client.post("/account/delete", data={"password": f.TEST_PASSWORD, "confirm": "yes"}, headers=HTML)
    assert gone.status_code == 200
    assert "Account deleted" in gone.text
    session.refresh(user)
    assert user.email != "demas@example.org"
    assert user.name != "Demas"
    assert client.get("/account", follow_redirects=False).status_code == 303
