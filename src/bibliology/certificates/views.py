"""The public verification page, `/verify/<number>` (and `/verify?number=…` from its form), in
English or French: valid, revoked, not found or mistyped, with the holder's name, the title and
the issue date only. Rate-limited like the API (per address)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from babel.dates import format_date
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bibliology.certificates import service
from bibliology.certificates import tasks as _tasks  # noqa: F401  (registers the completion listeners)
from bibliology.certificates.api import throttle_verification
from bibliology.deps import SessionDep
from bibliology.web import current_user, html, page_language

router = APIRouter(include_in_schema=False)


@router.get("/verify", response_class=HTMLResponse)
def verify_form(request: Request, number: Annotated[str | None, Query(max_length=64)] = None) -> Response:
    """The form; a submitted number goes to its own page (a link others can be given)."""
    if number and number.strip():
        typed = quote(number.strip().upper().replace(" ", "-"), safe="")
        return RedirectResponse(f"/verify/{typed}", status_code=303)
    return html(request, "certificates/verify.html", {"result": None, "typed": ""})


@router.get("/verify/{number}", response_class=HTMLResponse)
def verify_page(
    request: Request, session: SessionDep, number: Annotated[str, Path(min_length=1, max_length=64)]
) -> Response:
    throttle_verification(request)
    lang = page_language(request, current_user(request))
    result = service.verify(session, number=number, language=lang)
    locale = "fr_FR" if lang == "fr" else "en_US"
    context = {
        "result": result,
        "typed": number,
        "lang": lang,
        "issued_on": format_date(result.issued_on, format="long", locale=locale)
        if result.issued_on
        else None,
        "revoked_on": format_date(result.revoked_on, format="long", locale=locale)
        if result.revoked_on
        else None,
    }
    # Robots need not index people's names; a revoked or valid answer must never be cached stale.
    headers = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
    return html(request, "certificates/verify.html", context, headers=headers)
