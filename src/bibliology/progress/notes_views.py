"""Notes pages: the notes panel's forms beside each slide (add, edit, delete: plain POST forms with
the CSRF field, then 303 back to the slide's notes) and a course's notes by lesson and slide.

Writes go through progress.notes, as the JSON API's do; a slide number is turned into its slide with
the player's lesson tree, so the student may only write where they may study. Included by
lessons/views.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from bibliology.accounts.deps import Auth, current_auth
from bibliology.cache import Cache
from bibliology.deps import SessionDep
from bibliology.errors import Conflict, Invalid, NotFound
from bibliology.lessons import player
from bibliology.lessons.urls import course_url, enrol_redirect, slide_url
from bibliology.policy import Actor
from bibliology.progress import notes
from bibliology.progress.api import AppCache
from bibliology.progress.course_notes import course_notes
from bibliology.web import html, login_redirect, page_language

router = APIRouter(include_in_schema=False)

MaybeAuth = Annotated[Auth | None, Depends(current_auth)]
Slug = Annotated[str, Path(min_length=1, max_length=200)]
SlideNumber = Annotated[int, Path(ge=1, le=100_000)]
NoteId = Annotated[str, Path(min_length=1, max_length=64)]
# The service's limit is 10 000 characters after stripping; the form may carry a little more space.
NoteField = Annotated[str, Form(max_length=12_000)]
MAX_NOTE = 10_000

SLIDE = "/courses/{course_slug}/lessons/{lesson_slug}/slides/{number}/notes"


def _text(note_text: str) -> str:
    text = note_text.replace("\r\n", "\n").strip()
    if not text or len(text) > MAX_NOTE:
        raise Invalid(
            "a note needs 1 to 10 000 characters",
            fields=[{"field": "note_text", "message": "1 to 10 000 characters"}],
        )
    return text


def _writable_slide(
    session: Session,
    actor: Actor,
    cache: Cache,
    request: Request,
    course_slug: str,
    lesson_slug: str,
    number: int,
) -> tuple[player.PlayerLesson, str] | Response:
    """The lesson and the id of its slide `number`, or the redirect for a reader who may not study."""
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
    if lesson.read_only:
        raise Conflict("this course is archived: its notes can no longer change")
    if number > len(lesson.slides):
        raise NotFound("no such slide")
    return lesson, lesson.slides[number - 1]["id"]


def _back(course_slug: str, lesson_slug: str, number: int) -> Response:
    return RedirectResponse(f"{slide_url(course_slug, lesson_slug, number)}#notes", status_code=303)


@router.post(SLIDE)
def add_note(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    cache: AppCache,
    course_slug: Slug,
    lesson_slug: Slug,
    number: SlideNumber,
    note_text: NoteField,
) -> Response:
    if auth is None:
        return login_redirect(request.url.path)
    actor = Actor(auth.user.id, auth.user.role)
    found = _writable_slide(session, actor, cache, request, course_slug, lesson_slug, number)
    if isinstance(found, Response):
        return found
    lesson, slide_id = found
    notes.create(
        session, actor=actor, lesson_id=lesson.lesson_id, slide_id=slide_id, note_text=_text(note_text)
    )
    return _back(course_slug, lesson_slug, number)


@router.post(SLIDE + "/{note_id}")
def edit_note(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    cache: AppCache,
    course_slug: Slug,
    lesson_slug: Slug,
    number: SlideNumber,
    note_id: NoteId,
    note_text: NoteField,
) -> Response:
    if auth is None:
        return login_redirect(request.url.path)
    actor = Actor(auth.user.id, auth.user.role)
    found = _writable_slide(session, actor, cache, request, course_slug, lesson_slug, number)
    if isinstance(found, Response):
        return found
    notes.update(session, actor=actor, note_id=note_id, note_text=_text(note_text))
    return _back(course_slug, lesson_slug, number)


@router.post(SLIDE + "/{note_id}/delete")
def delete_note(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    cache: AppCache,
    course_slug: Slug,
    lesson_slug: Slug,
    number: SlideNumber,
    note_id: NoteId,
) -> Response:
    if auth is None:
        return login_redirect(request.url.path)
    actor = Actor(auth.user.id, auth.user.role)
    found = _writable_slide(session, actor, cache, request, course_slug, lesson_slug, number)
    if isinstance(found, Response):
        return found
    notes.delete(session, actor=actor, note_id=note_id)
    return _back(course_slug, lesson_slug, number)


@router.get("/courses/{course_slug}/notes", response_class=HTMLResponse)
def notes_page(request: Request, session: SessionDep, auth: MaybeAuth, course_slug: Slug) -> Response:
    """Every note of the student on the course, by lesson and slide, each linking to its slide."""
    if auth is None:
        return login_redirect(request.url.path)
    actor = Actor(auth.user.id, auth.user.role)
    lang = page_language(request)
    found = course_notes(session, actor=actor, course_slug=course_slug, lang=lang)
    return html(
        request,
        "progress/notes.html",
        {"lang": lang, "course": found, "course_url": course_url(found.course_slug), "slide_url": slide_url},
    )
