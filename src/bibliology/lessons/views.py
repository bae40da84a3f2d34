"""The lesson player (docs/web-plan.md): one slide per page, 1-based numbers in the URL.

GET /courses/{course}/lessons/{lesson}            303 to the slide the student stopped on
GET /courses/{course}/lessons/{lesson}/slides/{n} the slide, its navigation and the student's notes

The slide comes from the students' lesson tree (what GET /api/v1/lessons/{id} answers). Viewing a
slide records it on the server, as a progress event of 0 seconds through the API's own service, so
a reader without JavaScript progresses and completes lessons too; player.js adds the time spent
while the tab is visible by posting events to POST /api/v1/progress/events. The notes routes live in
progress/notes_views.py."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bibliology.accounts.deps import Auth, current_auth
from bibliology.deps import SessionDep
from bibliology.enums import LessonProgressStatus
from bibliology.errors import NotFound
from bibliology.lessons import player, rendering
from bibliology.lessons.urls import course_url, enrol_redirect, slide_url
from bibliology.policy import Actor
from bibliology.progress.api import AppCache
from bibliology.web import html, login_redirect, page_language

rendering.install()
router = APIRouter(include_in_schema=False)

MaybeAuth = Annotated[Auth | None, Depends(current_auth)]
Slug = Annotated[str, Path(min_length=1, max_length=200)]
SlideNumber = Annotated[int, Path(ge=1, le=100_000)]


@router.get("/courses/{course_slug}/lessons/{lesson_slug}", response_class=HTMLResponse)
def resume(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    cache: AppCache,
    course_slug: Slug,
    lesson_slug: Slug,
) -> Response:
    """303 to the slide the student was last on (the first when they have not started)."""
    if auth is None:
        return login_redirect(request.url.path)
    actor = Actor(auth.user.id, auth.user.role)
    lesson = player.load(
        session,
        actor=actor,
        course_slug=course_slug,
        lesson_slug=lesson_slug,
        lang=page_language(request),
        cache=cache,
    )
    if not lesson.standing.may_read:
        return enrol_redirect(course_slug)
    return RedirectResponse(slide_url(course_slug, lesson_slug, lesson.resume_number()), status_code=303)


@router.get("/courses/{course_slug}/lessons/{lesson_slug}/slides/{number}", response_class=HTMLResponse)
def slide_page(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    cache: AppCache,
    course_slug: Slug,
    lesson_slug: Slug,
    number: SlideNumber,
) -> Response:
    if auth is None:
        return login_redirect(request.url.path)
    actor = Actor(auth.user.id, auth.user.role)
    lang = page_language(request)
    lesson = player.load(
        session,
        actor=actor,
        course_slug=course_slug,
        lesson_slug=lesson_slug,
        lang=lang,
        cache=cache,
        number=number,
    )
    if not lesson.standing.may_read:
        return enrol_redirect(course_slug)
    slides = lesson.slides
    if number > len(slides):
        raise NotFound("no such slide" if slides else "this lesson has no slides yet")
    slide = slides[number - 1]
    # Views count for enrolled students only, and never on an archived (read-only) course.
    track = lesson.standing.studying and not lesson.read_only
    completed = lesson.standing.lesson_status == LessonProgressStatus.COMPLETED
    if track and player.needs_view(lesson, slide["id"]):
        completed = player.record_view(
            session, actor=actor, lesson=lesson, slide_id=slide["id"]
        ).lesson_completed
    return html(
        request,
        "lessons/player.html",
        {
            "lang": lang,
            "tree": lesson.tree,
            "course": lesson.course,
            "slide": slide,
            "number": number,
            "total": len(slides),
            "quizzes": quiz_summaries(lesson.tree),
            "track": track,
            "preview": not lesson.standing.studying,
            "completed": completed,
            "notes": player.slide_notes(lesson, slide["id"]),
            "can_write_notes": not lesson.read_only,
            "urls": _urls(course_slug, lesson_slug, number, len(slides)),
        },
    )


def quiz_summaries(tree: dict[str, Any]) -> dict[str, Any]:
    """The tree's quiz summaries (the lesson's and each slide's) by id, for QUIZ blocks."""
    found = {quiz["id"]: quiz for quiz in tree.get("quizzes", [])}
    for slide in tree["slides"]:
        found.update({quiz["id"]: quiz for quiz in slide.get("quizzes", [])})
    return found


def _urls(course_slug: str, lesson_slug: str, number: int, total: int) -> dict[str, str | None]:
    here = slide_url(course_slug, lesson_slug, number)
    return {
        "course": course_url(course_slug),
        "first": slide_url(course_slug, lesson_slug, 1),
        "last": slide_url(course_slug, lesson_slug, total),
        "prev": slide_url(course_slug, lesson_slug, number - 1) if number > 1 else None,
        "next": slide_url(course_slug, lesson_slug, number + 1) if number < total else None,
        "notes": f"{here}/notes",
        "all_notes": f"{course_url(course_slug)}/notes",
    }
