"""Quiz pages (docs/web-plan.md): the intro with the rules, taking an attempt, confirming the
submission, the result with the review the quiz allows.

They call the services the JSON API calls (api_attempts.py): overview.quiz_overview, attempts.*,
presentation.attempt_view — so the access rules, the deadline and what a review shows are the
API's. Forms post with the CSRF field and answer 303 (PRG). The take page works without
JavaScript (a Save button, a confirmation page); quiz.js adds autosave, a dialog and the countdown.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from bibliology.accounts.deps import Auth, current_auth
from bibliology.deps import SessionDep
from bibliology.errors import Conflict, NotFound, Unauthorized
from bibliology.policy import ANONYMOUS, Actor
from bibliology.quizzes import access, attempts, overview
from bibliology.quizzes.attempts import Outcome, server_now
from bibliology.quizzes.presentation import attempt_view
from bibliology.quizzes.schemas import AttemptView
from bibliology.quizzes.webforms import QUESTIONS_FIELD, QuestionField, posted_answers, question_field
from bibliology.quizzes.webreview import review_rows
from bibliology.translations.localize import localize
from bibliology.web import html, login_redirect, page_language, ui_language

router = APIRouter(include_in_schema=False)

MaybeAuth = Annotated[Auth | None, Depends(current_auth)]
# Ids are short; a longer one names nothing (422 rather than a lookup).
Id = Annotated[str, Path(min_length=1, max_length=64)]


async def posted_form(request: Request) -> FormData:
    """The posted form (already read, and cached, by the CSRF check when a session cookie came)."""
    return await request.form()


PostedForm = Annotated[FormData, Depends(posted_form)]


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _actor(auth: Auth | None) -> Actor:
    return Actor(auth.user.id, auth.user.role) if auth else ANONYMOUS


def _signed_in(auth: Auth | None) -> Actor:
    if auth is None:
        raise Unauthorized("log in to do this")
    return _actor(auth)


def attempt_url(quiz_id: str, attempt_id: str, page: str = "") -> str:
    return f"/quizzes/{quiz_id}/attempts/{attempt_id}" + (f"/{page}" if page else "")


def _of_quiz(outcome: Outcome, quiz_id: str) -> Outcome:
    """The attempt must belong to the quiz in the URL (else the URL names nothing)."""
    if outcome.submission.quiz_id != quiz_id:
        raise NotFound("no such attempt")
    return outcome


def _view(session: Session, outcome: Outcome) -> AttemptView:
    return attempt_view(session, submission=outcome.submission, quiz=outcome.context.quiz, now=server_now())


def _fields(view: AttemptView, lang: str) -> list[QuestionField]:
    with ui_language(lang):  # the blanks' accessible names are UI strings
        return [question_field(q, view.answers.get(q.id)) for q in view.questions]


@router.get("/quizzes/{quiz_id}", response_class=HTMLResponse)
def quiz_intro(request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id) -> Response:
    """The rules, the attempts made and left, and Start (or Resume)."""
    actor = _actor(auth)
    lang = page_language(request, auth.user if auth else None)
    quiz = overview.quiz_overview(session, actor=actor, quiz_id=quiz_id, lang=lang, now=server_now())
    context = access.quiz(session, actor, quiz_id)  # for the links to the course and lesson
    return html(
        request,
        "quizzes/intro.html",
        {
            "lang": lang,
            "quiz": quiz,
            "course": context.course,
            "lesson": context.lesson,
            "signed_in": auth is not None,
        },
    )


@router.post("/quizzes/{quiz_id}/attempts")
def start(request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id) -> Response:
    """Start an attempt (or go back to the open one) in the page's language."""
    actor = _signed_in(auth)
    lang = page_language(request, auth.user if auth else None)
    outcome, _created = attempts.start_attempt(
        session, actor=actor, quiz_id=quiz_id, lang=lang, now=server_now()
    )
    return _see_other(attempt_url(quiz_id, outcome.submission.id))


@router.get("/quizzes/{quiz_id}/attempts/{attempt_id}", response_class=HTMLResponse)
def take(request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id, attempt_id: Id) -> Response:
    """The questions with the answers saved so far; a graded (or now overdue) attempt goes to its result."""
    if auth is None:
        return login_redirect(request.url.path)
    outcome = _of_quiz(
        attempts.view_attempt(session, actor=_actor(auth), submission_id=attempt_id, now=server_now()),
        quiz_id,
    )
    if outcome.submission.status != "open":
        return _see_other(attempt_url(quiz_id, attempt_id, "result"))
    view = _view(session, outcome)
    lang = page_language(request, auth.user)
    return html(
        request,
        "quizzes/take.html",
        {
            "lang": lang,
            "attempt": view,
            **_title(outcome),
            "fields": _fields(view, lang),
            "questions_field": QUESTIONS_FIELD,
            "saved": request.query_params.get("saved") == "1",
            "form_url": attempt_url(quiz_id, attempt_id),
            "result_url": attempt_url(quiz_id, attempt_id, "result"),
        },
    )


@router.post("/quizzes/{quiz_id}/attempts/{attempt_id}")
def save(
    request: Request, session: SessionDep, auth: MaybeAuth, form: PostedForm, quiz_id: Id, attempt_id: Id
) -> Response:
    """The take form: `action` save (back to the form), finish (to the confirmation) or submit
    (the dialog's confirmed submit: save and grade at once)."""
    actor = _signed_in(auth)
    now = server_now()
    current = _of_quiz(
        attempts.view_attempt(session, actor=actor, submission_id=attempt_id, now=now), quiz_id
    )
    result = attempt_url(quiz_id, attempt_id, "result")
    if current.submission.status != "open":
        return _see_other(result + "?late=1" if current.submission.closed_by == "deadline" else result)
    given = posted_answers(form, _view(session, current).questions)
    action = form.get("action")
    if action == "submit":
        outcome = attempts.submit_attempt(
            session, actor=actor, submission_id=attempt_id, now=now, given=given
        )
        return _see_other(result + ("?late=1" if outcome.refused else ""))
    try:
        outcome = attempts.save_answers(session, actor=actor, submission_id=attempt_id, given=given, now=now)
    except Conflict:  # submitted meanwhile (another tab)
        return _see_other(result)
    if outcome.refused:  # past the deadline: graded with what was saved in time
        return _see_other(result + "?late=1")
    if action == "finish":
        return _see_other(attempt_url(quiz_id, attempt_id, "submit"))
    return _see_other(attempt_url(quiz_id, attempt_id) + "?saved=1")


@router.get("/quizzes/{quiz_id}/attempts/{attempt_id}/submit", response_class=HTMLResponse)
def confirm(request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id, attempt_id: Id) -> Response:
    """The no-JavaScript confirmation: what is answered, what is not, and Submit."""
    if auth is None:
        return login_redirect(request.url.path)
    outcome = _of_quiz(
        attempts.view_attempt(session, actor=_actor(auth), submission_id=attempt_id, now=server_now()),
        quiz_id,
    )
    if outcome.submission.status != "open":
        return _see_other(attempt_url(quiz_id, attempt_id, "result"))
    view = _view(session, outcome)
    lang = page_language(request, auth.user)
    fields = _fields(view, lang)
    return html(
        request,
        "quizzes/confirm.html",
        {
            "lang": lang,
            "attempt": view,
            **_title(outcome),
            "answered": sum(1 for f in fields if f.answered),
            "unanswered": [f.number for f in fields if not f.answered],
            "total": len(fields),
            "form_url": attempt_url(quiz_id, attempt_id, "submit"),
            "back_url": attempt_url(quiz_id, attempt_id),
        },
    )


@router.post("/quizzes/{quiz_id}/attempts/{attempt_id}/submit")
def submit(request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id, attempt_id: Id) -> Response:
    """Grade the attempt with the answers saved (a repeated submit keeps the first result)."""
    actor = _signed_in(auth)
    now = server_now()
    _of_quiz(attempts.view_attempt(session, actor=actor, submission_id=attempt_id, now=now), quiz_id)
    attempts.submit_attempt(session, actor=actor, submission_id=attempt_id, now=now)
    return _see_other(attempt_url(quiz_id, attempt_id, "result"))


@router.get("/quizzes/{quiz_id}/attempts/{attempt_id}/result", response_class=HTMLResponse)
def result(request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id, attempt_id: Id) -> Response:
    """Score, pass or fail, and the review as the quiz's settings allow."""
    if auth is None:
        return login_redirect(request.url.path)
    outcome = _of_quiz(
        attempts.view_attempt(session, actor=_actor(auth), submission_id=attempt_id, now=server_now()),
        quiz_id,
    )
    if outcome.submission.status == "open":
        return _see_other(attempt_url(quiz_id, attempt_id))
    view = _view(session, outcome)
    lang = page_language(request, auth.user)
    with ui_language(lang):
        rows = review_rows(view)
    return html(
        request,
        "quizzes/result.html",
        {
            "lang": lang,
            "attempt": view,
            "result": view.result,
            **_title(outcome),
            "rows": rows,
            "late": request.query_params.get("late") == "1",
            "quiz_url": f"/quizzes/{quiz_id}",
        },
    )


def _title(outcome: Outcome) -> dict[str, Any]:
    """The quiz's title in the attempt's language (English when it has no French one, flagged so
    the page says so)."""
    found = localize(outcome.submission.language, outcome.context.quiz, ("title",))
    return {"title": str(found.values["title"]), "title_fell_back": "title" in found.fallback}
