"""Error pages for browsers: 403, 404 and 500 in the reader's language, in the site's layout; API
clients keep getting problem+json."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.http import CSRF_HEADER
from tests import factories as f

HTML = {"accept": "text/html"}


@pytest.mark.parametrize(("lang", "heading"), [("en", "Page not found"), ("fr", "Page introuvable")])
def test_not_found_in_both_languages(client: TestClient, lang: str, heading: str) -> None:
    page = client.get(f"/no/such/page?lang={lang}", headers=HTML)
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}">' in page.text
    assert f'<h1 id="error-heading">{heading}</h1>' in page.text
    assert '<main id="main"' in page.text  # the site's layout, with its header and footer
    assert 'href="/"' in page.text


@pytest.mark.parametrize(("lang", "heading"), [("en", "Access refused"), ("fr", "Accès refusé")])
def test_forbidden_in_both_languages(
    client: TestClient, session: Session, login_as: Callable[[User], str], lang: str, heading: str
) -> None:
    student = f.make_user(session, language_pref=lang)
    course = f.make_published_course(session, lessons=0)
    login_as(student)
    page = client.get(f"/teach/courses/{course.id}/roster", headers=HTML)  # not the teacher
    assert page.status_code == 403
    assert f'<html lang="{lang}">' in page.text  # the signed-in user's preference
    assert heading in page.text

    del client.headers[CSRF_HEADER]
    client.cookies.set("lang", lang)  # refused before anyone is signed in: the cookie decides
    refused = client.post("/account/logout", data={}, headers=HTML)  # no CSRF field
    assert refused.status_code == 403
    assert f'<html lang="{lang}">' in refused.text
    assert heading in refused.text


@pytest.fixture
def failing_app(app: FastAPI) -> FastAPI:
    @app.get("/test-only/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    return app


@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "Something went wrong"), ("fr", "Une erreur est survenue")]
)
def test_an_unhandled_exception_is_a_500_page(failing_app: FastAPI, lang: str, heading: str) -> None:
    with TestClient(failing_app, raise_server_exceptions=False) as client:
        page = client.get(f"/test-only/boom?lang={lang}", headers=HTML)
        assert page.status_code == 500
        assert page.headers["content-type"].startswith("text/html")
        assert f'<html lang="{lang}">' in page.text
        assert heading in page.text
        assert "secret internals" not in page.text
        assert "content-security-policy" in page.headers


def test_api_clients_still_get_problem_json(failing_app: FastAPI) -> None:
    with TestClient(failing_app, raise_server_exceptions=False) as client:
        missing = client.get("/api/v1/courses/nope", headers=HTML)
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
        crashed = client.get("/test-only/boom")
        assert crashed.status_code == 500
        assert crashed.headers["content-type"] == "application/problem+json"
        assert crashed.json()["status"] == 500
        assert "secret internals" not in crashed.text


def test_an_unknown_path_still_knows_who_is_signed_in(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    login_as(f.make_user(session, name="Tabitha", language_pref="fr"))
    page = client.get("/no/route/here", headers=HTML)
    assert page.status_code == 404
    assert "Tabitha" in page.text
    assert '<html lang="fr">' in page.text
