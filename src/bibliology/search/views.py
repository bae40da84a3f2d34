"""The results page, GET /search?q=… (the header's search box), in the page's language."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from bibliology.accounts.deps import Auth, current_auth
from bibliology.deps import SessionDep, read_only
from bibliology.errors import Invalid
from bibliology.policy import ANONYMOUS, Actor
from bibliology.search import service
from bibliology.web import html, page_language

router = APIRouter(include_in_schema=False)


@router.get("/search", response_class=HTMLResponse)
@read_only
def results(
    request: Request,
    session: SessionDep,
    auth: Annotated[Auth | None, Depends(current_auth)],
    q: Annotated[str, Query(max_length=4096)] = "",
    page: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 1,
) -> HTMLResponse:
    lang = page_language(request)
    actor = Actor(auth.user.id, auth.user.role) if auth else ANONYMOUS
    found, error = None, None
    if q.strip():
        try:
            found = service.search(session, actor=actor, q=q, lang=lang, page=page, drafts=actor.can_teach)
        except Invalid as invalid:
            error = invalid.detail
    context = {"q": q, "found": found, "error": error, "lang": lang}
    return html(request, "search/results.html", context, status_code=422 if error else 200)
