"""The EN/FR switch: `GET /lang/{code}?next=<path>` remembers the choice and goes back to the same
page (and slide). Signed in, the choice is the user's language_pref; always, a `lang` cookie (what
anonymous readers keep). A link from another site only sets the cookie: it cannot change an
account's preference (it is a GET, so no CSRF token protects it)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse

from bibliology.accounts.deps import Auth, current_auth
from bibliology.accounts.service import update_profile
from bibliology.accounts.views import safe_next
from bibliology.deps import SessionDep
from bibliology.web import LANG_COOKIE, without_lang

router = APIRouter(include_in_schema=False)

ONE_YEAR = 365 * 24 * 3600


@router.get("/lang/{code}")
def switch_language(
    request: Request,
    session: SessionDep,
    auth: Annotated[Auth | None, Depends(current_auth)],
    code: Literal["en", "fr"],
    next: Annotated[str | None, Query(max_length=2048)] = None,
) -> RedirectResponse:
    same_site = request.headers.get("sec-fetch-site") != "cross-site"
    if auth is not None and same_site and auth.user.language_pref != code:
        update_profile(session, user=auth.user, changes={"language_pref": code}, request=request)
    response = RedirectResponse(without_lang(safe_next(next, "/")), status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(LANG_COOKIE, code, max_age=ONE_YEAR, samesite="lax", httponly=True, secure=secure)
    return response
