"""The UI-string catalogue: every string the templates and the code mark for translation has a
French translation, the catalogue parses, and the page machinery renders in the chosen language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology import web
from bibliology.accounts.models import User
from tests import factories as f

PACKAGE = Path(web.__file__).parent
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}


def marked_strings() -> dict[str | tuple[str, str], str]:
    found: dict[str | tuple[str, str], str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        PACKAGE, METHODS, OPTIONS, keywords=KEYWORDS
    ):
        key = (message[0], message[1]) if isinstance(message, tuple) else message
        found.setdefault(key, f"{filename}:{lineno}")
    return found


def test_the_catalogue_parses_without_duplicates() -> None:
    with web.CATALOGUE.open("rb") as handle:
        catalog = read_po(handle)
    ids = [message.id for message in catalog if message.id]
    assert len(ids) == len(set(map(str, ids)))
    text = web.CATALOGUE.read_text(encoding="utf-8")
    assert text.count("\nmsgid ") == len(ids) + 1  # the header; a duplicate would be merged by read_po


def test_every_marked_string_has_a_french_translation() -> None:
    marked = marked_strings()
    assert "Skip to content" in marked  # the extractor sees the templates
    missing = {message: where for message, where in marked.items() if message not in web.FRENCH}
    assert not missing, "add these to locale/fr/LC_MESSAGES/messages.po:\n" + "\n".join(
        f"  {where}: {message!r}" for message, where in sorted(missing.items(), key=str)
    )


def test_french_typography_before_high_punctuation() -> None:
    bad = [
        text
        for text in (value for value in web.FRENCH.values() if isinstance(value, str))
        for mark in ":;!?"
        if f" {mark}" in text
    ]
    assert not bad, f"use a non-breaking space (U+00A0) before : ; ! ? in: {bad}"


def test_form_errors_are_rendered_in_the_pages_language() -> None:
    """field_errors() runs before the page's language is in force: its messages translate when shown."""
    from pydantic import BaseModel, Field, ValidationError

    from bibliology.pages import field_errors

    class Form(BaseModel):
        title: str = Field(min_length=3)
        minutes: int

    try:
        Form.model_validate({"title": "ab", "minutes": "soon"})
    except ValidationError as invalid:
        errors = field_errors(invalid)
    assert errors == {"title": "At least 3 characters.", "minutes": "A whole number, please."}
    template = web._ENV.from_string("{{ errors.title }} / {{ errors.minutes }}")
    with web.ui_language("fr"):
        assert template.render(errors=errors) == "Au moins 3 caractères. / Un nombre entier, s’il vous plaît."
    assert template.render(errors=errors) == "At least 3 characters. / A whole number, please."


def test_gettext_follows_the_ui_language() -> None:
    with web.ui_language("fr"):
        assert web.gettext("Sign in") == "Se connecter"
        assert web.gettext("a string nobody translated") == "a string nobody translated"
    assert web.gettext("Sign in") == "Sign in"


def test_a_page_is_in_the_chosen_language(client: TestClient) -> None:
    client.cookies.set("lang", "fr")
    french = client.get("/account/login", headers={"accept": "text/html"})
    assert '<html lang="fr">' in french.text
    assert "Aller au contenu" in french.text
    english = client.get("/account/login?lang=en", headers={"accept": "text/html"})
    assert '<html lang="en">' in english.text
    assert "Skip to content" in english.text


def test_the_language_switch_remembers_and_goes_back(client: TestClient) -> None:
    response = client.get(
        "/lang/fr", params={"next": "/courses/x/lessons/y/slides/3?lang=en"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/courses/x/lessons/y/slides/3"
    assert "lang=fr" in response.headers["set-cookie"]
    assert "HttpOnly" in response.headers["set-cookie"]
    elsewhere = client.get("/lang/en", params={"next": "//evil.example/x"}, follow_redirects=False)
    assert elsewhere.headers["location"] == "/"
    assert client.get("/lang/de", follow_redirects=False).status_code == 422


def test_the_switch_links_drop_the_lang_parameter(client: TestClient) -> None:
    page = client.get("/account/login?lang=fr&next=/dashboard", headers={"accept": "text/html"})
    assert 'href="/lang/en?next=%2Faccount%2Flogin%3Fnext%3D%252Fdashboard"' in page.text


def test_static_files_are_versioned_and_cached(client: TestClient) -> None:
    url = web.static_url("css/app.css")
    assert url.startswith("/static/css/app.css?v=")
    response = client.get(url)
    assert response.status_code == 200
    assert "immutable" in response.headers["cache-control"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/../web.py").status_code == 404


def test_a_signed_in_switch_becomes_the_users_preference(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    user = f.make_user(session, language_pref="en")
    login_as(user)
    response = client.get("/lang/fr", params={"next": "/account"}, follow_redirects=False)
    assert response.status_code == 303
    session.refresh(user)
    assert user.language_pref == "fr"
    client.cookies.clear()  # the preference, not only the cookie, decides now
    login_as(user)
    assert '<html lang="fr">' in client.get("/account", headers={"accept": "text/html"}).text

    # A link from another site sets the cookie but leaves the account's preference alone.
    foreign = client.get("/lang/en", headers={"sec-fetch-site": "cross-site"}, follow_redirects=False)
    assert foreign.status_code == 303
    session.refresh(user)
    assert user.language_pref == "fr"


def test_an_error_page_after_a_rollback_still_shows_who_is_signed_in(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    user = f.make_user(session, name="Lydia", language_pref="fr")
    login_as(user)
    page = client.get("/teach/courses/nope/roster", headers={"accept": "text/html"})
    assert page.status_code in (403, 404)
    assert '<html lang="fr">' in page.text
    assert "Lydia" in page.text
