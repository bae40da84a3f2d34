"""HTML rendering shared by the page routers: templates, the page's language, UI strings, static URLs.

UI strings live in one gettext catalogue (locale/fr/LC_MESSAGES/messages.po: English msgids, French
msgstr), read with Babel at import — a translator edits the .po, nothing is compiled. Templates call
`_()`/`ngettext()` (jinja2.ext.i18n); they read the language of the page being rendered from a
context variable that `html()` sets around the render.
"""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, urlencode

import jinja2
import markupsafe
from babel.messages.pofile import read_po
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from bibliology.i18n import SUPPORTED, choose

if TYPE_CHECKING:
    from bibliology.accounts.deps import Viewer
    from bibliology.accounts.models import User

PACKAGE = Path(__file__).parent
STATIC_DIR = PACKAGE / "static"
CATALOGUE = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
LANG_COOKIE = "lang"

_language: contextvars.ContextVar[str] = contextvars.ContextVar("ui_language", default="en")


def _load(path: Path) -> dict[str | tuple[str, str], str | tuple[str, ...]]:
    """msgid (or (singular, plural)) → translation; untranslated and fuzzy entries are left out so
    they fall back to English rather than to an empty string."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    table: dict[str | tuple[str, str], str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            forms = tuple(message.string or ())
            if all(forms):
                table[(message.id[0], message.id[1])] = forms
        elif message.string:
            table[message.id] = str(message.string)
    return table


FRENCH = _load(CATALOGUE)


def gettext(message: str) -> str:
    if _language.get() == "fr":
        found = FRENCH.get(message)
        if isinstance(found, str):
            return found
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    if _language.get() == "fr":
        found = FRENCH.get((singular, plural))
        if isinstance(found, tuple):
            return found[0 if n <= 1 else 1]  # French: 0 and 1 are singular
    return singular if n == 1 else plural


def N_(message: str) -> str:
    """Marks a UI string for the catalogue where it is defined; it is translated where it is shown
    (LazyText, or gettext at render time)."""
    return message


class LazyText(str):
    """A UI string translated when a template renders it, in that page's language: form errors are
    made before the page's language is in force. As a plain `str` it is the English text."""

    msgid: str
    params: dict[str, object]

    def __new__(cls, msgid: str, **params: object) -> LazyText:
        text = super().__new__(cls, msgid % params if params else msgid)
        text.msgid, text.params = msgid, params
        return text

    def translated(self) -> str:
        message = gettext(self.msgid)
        return message % self.params if self.params else message

    def __html__(self) -> str:
        return str(markupsafe.escape(self.translated()))


@contextmanager
def ui_language(lang: str) -> Iterator[None]:
    """Render (or translate in Python) in `lang` for the duration of the block."""
    token = _language.set(lang if lang in SUPPORTED else "en")
    try:
        yield
    finally:
        _language.reset(token)


@cache
def _file_version(relative: str) -> str:
    return hashlib.sha256((STATIC_DIR / relative).read_bytes()).hexdigest()[:12]


def static_url(relative: str) -> str:
    """/static/<file>?v=<content hash>: the file is served with a year-long immutable cache, and a
    changed file gets a new URL."""
    return f"/static/{relative}?v={_file_version(relative)}"


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(PACKAGE / "templates"),
    autoescape=True,
    extensions=["jinja2.ext.i18n"],
)
_ENV.install_gettext_callables(gettext, ngettext, newstyle=False)  # type: ignore[attr-defined]
_ENV.globals["static_url"] = static_url


def percent(value: object) -> str:
    """`{{ n|percent }}`: "75%" in English, "75 %" (no-break space) in French."""
    return gettext("%(score)s%%") % {"score": value}


_ENV.filters["percent"] = percent
# Macros imported without context (`{% import "macros.html" as m %}`) cannot see the page's
# `csrf_token`: csrf_field() reads the one of the page being rendered from here instead.
_page_csrf: contextvars.ContextVar[str] = contextvars.ContextVar("page_csrf_token", default="")
_ENV.globals["page_csrf_token"] = _page_csrf.get
TEMPLATES = Jinja2Templates(env=_ENV)


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def current_user(request: Request) -> Viewer | None:
    """The signed-in user (plain values) when the route depended on accounts.deps.current_auth, as
    every page does."""
    viewer: Viewer | None = getattr(request.state, "viewer", None)
    return viewer


def page_language(request: Request, user: User | Viewer | None = None) -> str:
    """`?lang=`, else the signed-in user's preference, else the `lang` cookie, else Accept-Language,
    else English."""
    user = user or current_user(request)
    preference = user.language_pref if user is not None else None
    return choose(
        request.query_params.get("lang"),
        preference or request.cookies.get(LANG_COOKIE),
        request.headers.get("accept-language"),
    )


def without_lang(target: str) -> str:
    """A path and query without `lang=` (it would override the language just chosen)."""
    path, _, query = target.partition("?")
    kept = [(key, value) for key, value in parse_qsl(query, keep_blank_values=True) if key != "lang"]
    return path + (f"?{urlencode(kept)}" if kept else "")


def lang_switch_url(request: Request, code: str) -> str:
    """The EN/FR switch's link: back to this very page (and slide) afterwards."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/lang/{code}?{urlencode({'next': without_lang(here)})}"


def login_redirect(next_path: str) -> RedirectResponse:
    """303 to the sign-in page, which comes back to `next_path` (a same-site path) afterwards."""
    return RedirectResponse(f"/account/login?next={quote(next_path, safe='/')}", status_code=303)


def csrf_token(request: Request) -> str:
    from bibliology.http import SESSION_COOKIE, csrf_token_for  # http imports this module

    session_token = request.cookies.get(SESSION_COOKIE)
    return csrf_token_for(session_token) if session_token else ""


def html(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render a page. The context gains `lang` (unless given), `current_user`, `csrf_token` (for the
    hidden form field) and `lang_switch_url(code)`; UI strings are translated into `lang`."""
    user = current_user(request)
    lang = str(context.get("lang") or page_language(request, user))
    full = {
        "current_user": user,
        "csrf_token": csrf_token(request),
        "lang_switch_url": lambda code: lang_switch_url(request, code),
        **context,
        "lang": lang,
    }
    csrf = _page_csrf.set(str(full["csrf_token"]))
    try:
        with ui_language(lang):
            return TEMPLATES.TemplateResponse(
                request, template, full, status_code=status_code, headers=headers
            )
    finally:
        _page_csrf.reset(csrf)


class VersionedStatic(StaticFiles):
    """Static files; those asked for by static_url() (with ?v=) are cached for a year, immutable."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200 and b"v=" in scope.get("query_string", b""):
            response.headers["cache-control"] = "public, max-age=31536000, immutable"
        return response
