"""Learning pages: the student's dashboard and the teacher's roster of a course. They render the
same documents as the JSON API (queries.dashboard, queries.roster); the dashboard adds the
completed courses, which its document leaves out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from bibliology.accounts.deps import Auth, current_auth
from bibliology.deps import SessionDep
from bibliology.pagination import Pagination
from bibliology.policy import Actor
from bibliology.progress.completed import completed_courses
from bibliology.queries import dashboard, roster
from bibliology.translations.deps import ReaderLanguage
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


@router.get("/teach/courses/{course_id}/roster", response_class=HTMLResponse)
def roster_page(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    lang: ReaderLanguage,
    course_id: str,
    pages: Pagination,
    sort: Annotated[str, Query(max_length=20)] = "name",
) -> Response:
    if auth is None:
        return login_redirect(request.url.path)
    actor = Actor(auth.user.id, auth.user.role)
    page = roster.course_roster(session, actor=actor, course_id=course_id, pages=pages, sort=sort)
    return html(request, "progress/roster.html", {"lang": lang, "page": page, "sort": sort})
