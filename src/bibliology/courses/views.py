"""Course pages: the catalogue (also at /), a course's page with its outline and the reader's
progress, and the enrol/drop forms (POST with the CSRF field, then 303 back to the course)."""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bibliology.accounts.deps import Auth, current_auth
from bibliology.courses import pages, service, vocabulary
from bibliology.deps import SessionDep
from bibliology.enums import EnrollmentStatus, LessonStatus
from bibliology.errors import Invalid
from bibliology.pagination import PageParams
from bibliology.policy import ANONYMOUS, Actor
from bibliology.progress import enrollment
from bibliology.queries import course_outline
from bibliology.web import html, login_redirect, page_language

router = APIRouter(include_in_schema=False)

MaybeAuth = Annotated[Auth | None, Depends(current_auth)]
Filter = Annotated[str, Query(max_length=40)]
PAGE_SIZE = 12


def _actor(auth: Auth | None) -> Actor:
    return Actor(auth.user.id, auth.user.role) if auth else ANONYMOUS


def _term(kind: str, value: str) -> str | None:
    """A filter from the GET form: "" (the form's "all") is no filter; an unknown term is a 422."""
    if not value:
        return None
    try:
        return vocabulary.check(kind, value)
    except ValueError as error:
        raise Invalid(f"{kind}: {error}", fields=[{"field": kind, "message": str(error)}]) from None


@router.get("/", response_class=HTMLResponse)
@router.get("/courses", response_class=HTMLResponse)
def catalogue(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    category: Filter = "",
    difficulty: Filter = "",
    tag: Filter = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    lang = page_language(request)
    tag = " ".join(tag.split())
    params = PageParams(page=page, page_size=PAGE_SIZE)
    found = service.catalogue(
        session,
        lang=lang,
        params=params,
        category=_term("category", category),
        difficulty=_term("difficulty", difficulty),
        tag=tag or None,
    )
    filters = {"category": category, "difficulty": difficulty, "tag": tag}
    last = max(1, math.ceil(found.total / PAGE_SIZE))

    def link(number: int) -> str:
        kept = {key: value for key, value in filters.items() if value}
        return "/courses?" + urlencode({**kept, "page": number})

    return html(
        request,
        "courses/catalogue.html",
        {
            "lang": lang,
            "page": found,
            "pages": last,
            "prev_url": link(page - 1) if page > 1 else None,
            "next_url": link(page + 1) if page < last else None,
            "filters": filters,
            "categories": vocabulary.CATEGORIES,
            "difficulties": vocabulary.DIFFICULTIES,
            "languages": pages.languages(session, [course.id for course in found.items]),
        },
    )


def _resume(lessons: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Where "Resume" goes: the first lesson in progress, else the first not completed, else the
    first (to read it again)."""
    for wanted in ("IN_PROGRESS", None):
        for lesson in lessons:
            status = (lesson["progress"] or {}).get("status")
            if (status == wanted) if wanted else (status != "COMPLETED"):
                return lesson
    return lessons[0] if lessons else None


@router.get("/courses/{course_slug}", response_class=HTMLResponse)
def course_page(request: Request, session: SessionDep, auth: MaybeAuth, course_slug: str) -> HTMLResponse:
    """Drafts (and archived courses a reader is not enrolled in) are 404 to students, as in the API."""
    lang = page_language(request)
    doc = course_outline.course_outline(
        session,
        actor=_actor(auth),
        course_id=pages.course_id(session, course_slug),
        lang=lang,
        cache=request.app.state.cache,
    )
    course = doc["course"]
    own = doc["enrollment"]
    enrolled = own is not None and own["status"] != EnrollmentStatus.DROPPED
    category = service.term("category", course["category"], lang)
    difficulty = service.term("difficulty", course["difficulty"], lang)
    return html(
        request,
        "courses/course.html",
        {
            "lang": lang,
            "doc": doc,
            "enrolled": enrolled,
            "archived": course["status"] == LessonStatus.ARCHIVED,
            "resume": _resume(doc["lessons"]) if enrolled else None,
            "category": category.label if category else None,
            "difficulty": difficulty.label if difficulty else None,
        },
    )


def _back(course_slug: str) -> RedirectResponse:
    return RedirectResponse(f"/courses/{course_slug}", status_code=303)


@router.post("/courses/{course_slug}/enrol")
def enrol_form(session: SessionDep, auth: MaybeAuth, course_slug: str) -> Response:
    if auth is None:
        return login_redirect(f"/courses/{course_slug}")
    enrollment.enrol(session, actor=_actor(auth), course_id=pages.course_id(session, course_slug))
    return _back(course_slug)


@router.post("/courses/{course_slug}/drop")
def drop_form(session: SessionDep, auth: MaybeAuth, course_slug: str) -> Response:
    if auth is None:
        return login_redirect(f"/courses/{course_slug}")
    enrollment.drop(session, actor=_actor(auth), course_id=pages.course_id(session, course_slug))
    return _back(course_slug)
