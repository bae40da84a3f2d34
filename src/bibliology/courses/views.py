from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from bibliology.courses import service
from bibliology.deps import SessionDep
from bibliology.web import html, page_language

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def catalogue(request: Request, session: SessionDep, lang: str | None = None) -> HTMLResponse:
    language = page_language(request)
    courses = service.list_published(session, lang=language)
    return html(request, "courses/catalogue.html", {"courses": courses, "lang": language})
