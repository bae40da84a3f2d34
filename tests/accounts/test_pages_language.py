"""The account pages speak the page's language (query, preference, cookie, Accept-Language) and
registering goes back to the page that asked for it, like signing in."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from tests import factories as f

HTML = {"accept": "text/html"}


def test_the_forms_follow_the_language_cookie_and_accept_language(client: TestClient) -> None:
    french = client.get("/account/register", headers={**HTML, "accept-language": "fr-CA,fr;q=0.9"})
    assert '<html lang="fr">' in french.text
    assert "Créer un compte" in french.text
    assert 'value="fr" lang="fr" selected' in french.text  # the suggested preference
    client.cookies.set("lang", "en")
    english = client.get("/account/login", headers={**HTML, "accept-language": "fr"})
    assert '<html lang="en">' in english.text
    assert '<label for="login-email">E-mail address</label>' in english.text


def test_the_account_page_is_in_the_users_language(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    login_as(f.make_user(session, name="Phoebe", language_pref="fr"))
    page = client.get("/account", headers=HTML)
    assert '<html lang="fr">' in page.text
    assert "Mon compte" in page.text
    assert "Élève" in page.text


def test_a_confirmation_message_is_translated(client: TestClient, session: Session) -> None:
    f.make_user(session, email="msg@example.org")
    done = client.post("/account/password-reset?lang=fr", data={"email": "msg@example.org"}, headers=HTML)
    assert done.status_code == 200
    assert "Consultez vos e-mails" in done.text


def test_registering_goes_back_to_the_page_that_asked(client: TestClient) -> None:
    form = client.get("/account/register", params={"next": "/courses/romans"}, headers=HTML)
    assert '<input type="hidden" name="next" value="/courses/romans">' in form.text
    done = client.post(
        "/account/register",
        data={
            "email": "next-register@example.org",
            "password": "a sturdy passphrase",
            "name": "Next",
            "next": "/courses/romans",
        },
        follow_redirects=False,
    )
    assert (done.status_code, done.headers["location"]) == (303, "/courses/romans")
    elsewhere = client.get("/account/register", params={"next": "//evil.example"}, headers=HTML)
    assert 'name="next"' not in elsewhere.text
