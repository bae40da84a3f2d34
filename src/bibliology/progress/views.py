"""Learning pages: the student's dashboard. It renders the same document as the JSON API
(queries.dashboard) and adds the completed courses, which that document leaves out. The teacher's
roster is in progress/teach_views.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from bibliology.accounts.deps import Auth, current_auth
from bibliology.deps import SessionDep
from bibliology.policy import Actor
from bibliology.progress.completed import completed_courses
from bibliology.queries import dashboard
from bibliology.web import html, login_redirect, page_language

router = APIRouter(include_in_schema=False)

MaybeAuth = Annotated[Auth | None, Depends(current_auth)]


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, session: SessionDep, auth: MaybeAuth) -> Response:
    """Courses in progress (last accessed first) with the lesson to resume, completed courses,
    recent quiz results and certificates."""
    if auth is None:
        return login_redirect(request.url.path)
    lang = page_language(request)
    actor = Actor(auth.user.id, auth.user.role)
    document = dashboard.student_dashboard(session, actor=actor, student_id=auth.user.id, lang=lang)
    done = completed_courses(session, actor=actor, student_id=auth.user.id, lang=lang)
    return html(request, "progress/dashboard.html", {"lang": lang, "doc": document, "completed": done})
