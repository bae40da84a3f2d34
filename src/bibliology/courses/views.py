from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from bibliology.courses import service
from bibliology.deps import SessionDep
from bibliology.i18n import choose
from bibliology.web import html

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def catalogue(request: Request, session: SessionDep, lang: str | None = None) -> HTMLResponse:
    language = choose(lang, None, request.headers.get("accept-language"))
    courses = service.list_published(session, lang=language)
    return html(request, "courses/catalogue.html", {"courses": courses, "lang": language})
