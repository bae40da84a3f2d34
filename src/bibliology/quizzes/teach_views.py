"""The quiz editor (the course's teacher and admins): create a quiz on a lesson or one of its
slides, edit its policy with its consequences in words, add, edit, reorder and delete its questions
of the five types, delete it, and try it as a student without recording anything.

Every change goes through the services the JSON API calls (quizzes.authoring) with the API's own
models (QuizCreate/QuizUpdate, QuestionCreate/QuestionUpdate); quizzes.editor_forms maps the forms
to those bodies and the API's errors back to the inputs. Access is the services': another teacher
gets the 403/404 the API gives.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from bibliology.deps import SessionDep
from bibliology.enums import QuestionType
from bibliology.errors import Conflict, DomainError, Invalid, NotFound
from bibliology.lessons import access as lesson_access
from bibliology.lessons.models import Slide
from bibliology.pages import FieldErrors, MaybeAuth, domain_field_errors, field_errors, page_actor, see_other
from bibliology.policy import Actor
from bibliology.quizzes import access, authoring, preview
from bibliology.quizzes.access import QuizContext
from bibliology.quizzes.attempts import server_now
from bibliology.quizzes.editor_forms import (
    QuestionForm,
    QuizForm,
    place_errors,
    policy_words,
    question_sentence,
    type_label,
    type_labels,
)
from bibliology.quizzes.models import Question
from bibliology.quizzes.overview import rules
from bibliology.quizzes.schemas import QuestionCreate, QuestionUpdate, QuizCreate, QuizUpdate
from bibliology.quizzes.webforms import QUESTIONS_FIELD, plain, posted_answers, question_field
from bibliology.quizzes.webreview import review_rows
from bibliology.web import current_user, html, page_language, ui_language

router = APIRouter(include_in_schema=False)

Id = Annotated[str, Path(min_length=1, max_length=64)]
SlideQuery = Annotated[str | None, Query(max_length=64)]
Done = Annotated[str | None, Query(max_length=20, pattern=r"^[a-z-]+$")]


async def posted_form(request: Request) -> FormData:
    """The posted form (already read, and cached, by the CSRF check)."""
    return await request.form()


PostedForm = Annotated[FormData, Depends(posted_form)]


def _actor(request: Request, auth: Any) -> Actor | Response:
    return page_actor(request, auth, teacher=True)


def quiz_url(quiz_id: str, tail: str = "") -> str:
    return f"/teach/quizzes/{quiz_id}" + (f"/{tail}" if tail else "")


def _back(quiz_id: str, done: str, question_id: str) -> Response:
    """Back to the editor, scrolled to the question."""
    return RedirectResponse(f"{quiz_url(quiz_id)}?done={done}#q-{question_id}", status_code=303)


def _slides(session: Session, lesson_id: str) -> list[tuple[str, str]]:
    """The lesson's slides as (id, label) for the slide picker."""
    rows = session.execute(
        select(Slide.id, Slide.slide_order, Slide.title_en)
        .where(Slide.lesson_id == lesson_id)
        .order_by(Slide.slide_order, Slide.id)
    )
    return [
        (sid, f"{n + 1}. {title}" if title else f"{n + 1}.") for n, (sid, order, title) in enumerate(rows)
    ]


def _trail(context: Any, *tail: tuple[str, str]) -> list[tuple[str, str]]:
    course, lesson = context.course, context.lesson
    return [
        (f"/teach/courses/{course.id}", course.title_en),
        (f"/teach/lessons/{lesson.id}", lesson.title_en),
        *tail,
    ]


def _quiz_form_context(qf: QuizForm, errors: FieldErrors, slides: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "qf": qf,
        "errors": errors,
        "slides": slides,
        "sentences": qf.sentences(),
        "words": policy_words(),
    }


def _words(request: Request) -> Any:
    """Translate what Python words (policy sentences, type labels) in the page's language."""
    return ui_language(page_language(request, current_user(request)))


def _refusal(exc: ValidationError | DomainError) -> FieldErrors:
    return field_errors(exc) if isinstance(exc, ValidationError) else domain_field_errors(exc)


# --------------------------------------------------------------------------- a new quiz


@router.get("/teach/lessons/{lesson_id}/quizzes/new", response_class=HTMLResponse)
def new_quiz(
    request: Request, session: SessionDep, auth: MaybeAuth, lesson_id: Id, slide: SlideQuery = None
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    context = lesson_access.lesson(session, actor, lesson_id, write=True)
    qf = QuizForm(slide_id=slide or "")
    return _new_page(request, session, context, qf, {})


def _new_page(
    request: Request, session: Session, context: Any, qf: QuizForm, errors: FieldErrors, status: int = 200
) -> Response:
    with _words(request):
        form_context = _quiz_form_context(qf, errors, _slides(session, context.lesson.id))
    return html(
        request,
        "quizzes/teach/new.html",
        {"lesson": context.lesson, "course": context.course, "trail": _trail(context), **form_context},
        status_code=status,
    )


@router.post("/teach/lessons/{lesson_id}/quizzes/new")
def create_quiz(
    request: Request, session: SessionDep, auth: MaybeAuth, form: PostedForm, lesson_id: Id
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    context = lesson_access.lesson(session, actor, lesson_id, write=True)
    qf = QuizForm.posted(form)
    try:
        data = QuizCreate.model_validate(qf.body())
        quiz = authoring.create_quiz(session, actor=actor, lesson_id=lesson_id, data=data, request=request)
    except (ValidationError, Invalid) as exc:
        return _new_page(request, session, context, qf, _refusal(exc), 422)
    return see_other(quiz_url(quiz.id), done="created")


# --------------------------------------------------------------------------- the editor


def _editor(
    request: Request,
    session: Session,
    actor: Actor,
    quiz_id: str,
    *,
    qf: QuizForm | None = None,
    errors: FieldErrors | None = None,
    done: str | None = None,
    status: int = 200,
) -> Response:
    context = access.quiz(session, actor, quiz_id, manage=True)
    questions = authoring.list_questions(session, actor=actor, quiz_id=quiz_id)
    quiz = context.quiz
    with _words(request):
        words = {
            "questions": [_summary(q, context) for q in questions],
            "types": type_labels(),
            **_quiz_form_context(qf or QuizForm.of(quiz), errors or {}, _slides(session, context.lesson.id)),
        }
    return html(
        request,
        "quizzes/teach/edit.html",
        {
            "quiz": quiz,
            "lesson": context.lesson,
            "course": context.course,
            "trail": _trail(context),
            "done": done,
            **words,
        },
        status_code=status,
    )


def _summary(question: Question, context: QuizContext) -> dict[str, Any]:
    text_en = question.question_text_en.get("text", "") if isinstance(question.question_text_en, dict) else ""
    text_fr = question.question_text_fr.get("text", "") if isinstance(question.question_text_fr, dict) else ""
    return {
        "id": question.id,
        "type": type_label(question.question_type),
        "text_en": plain(text_en),
        "text_fr": plain(text_fr),
        "points": question.points,
        "retired": question.retired_at is not None,
        "scoring": question_sentence(question, context.quiz),
    }


@router.get("/teach/quizzes/{quiz_id}", response_class=HTMLResponse)
def edit_quiz(
    request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id, done: Done = None
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    return _editor(request, session, actor, quiz_id, done=done)


@router.post("/teach/quizzes/{quiz_id}")
def save_quiz(
    request: Request, session: SessionDep, auth: MaybeAuth, form: PostedForm, quiz_id: Id
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    qf = QuizForm.posted(form)
    try:
        data = QuizUpdate.model_validate(qf.body())
        authoring.update_quiz(session, actor=actor, quiz_id=quiz_id, data=data, request=request)
    except (ValidationError, Invalid) as exc:
        return _editor(request, session, actor, quiz_id, qf=qf, errors=_refusal(exc), status=422)
    return see_other(quiz_url(quiz_id), done="saved")


# --------------------------------------------------------------------------- questions


def _kind(raw: str | None) -> QuestionType:
    try:
        return QuestionType(str(raw or "").upper())
    except ValueError:
        message = "choose a question type"
        raise Invalid(
            f"question_type: {message}", fields=[{"field": "question_type", "message": message}]
        ) from None


def _question_page(
    request: Request,
    context: QuizContext,
    qf: QuestionForm,
    *,
    question: Question | None,
    errors: FieldErrors,
    status: int = 200,
) -> Response:
    quiz = context.quiz
    with _words(request):
        label = type_label(qf.kind)
        scoring = qf.sentence(quiz)
    number = None
    if question is not None:
        number = question.question_order + 1
    return html(
        request,
        "quizzes/teach/question.html",
        {
            "quiz": quiz,
            "lesson": context.lesson,
            "course": context.course,
            "trail": _trail(context, (quiz_url(quiz.id), quiz.title_en)),
            "question": question,
            "number": number,
            "f": qf.padded(),
            "kind": qf.kind.value,
            "type_label": label,
            "scoring": scoring,
            "errors": errors,
            "action": quiz_url(quiz.id, f"questions/{question.id}" if question else "questions"),
        },
        status_code=status,
    )


@router.get("/teach/quizzes/{quiz_id}/questions/new", response_class=HTMLResponse)
def new_question(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    quiz_id: Id,
    type: Annotated[str, Query(max_length=20)] = "MULTIPLE_CHOICE",
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    context = access.quiz(session, actor, quiz_id, write=True)
    return _question_page(request, context, QuestionForm(kind=_kind(type)), question=None, errors={})


@router.post("/teach/quizzes/{quiz_id}/questions")
def add_question(
    request: Request, session: SessionDep, auth: MaybeAuth, form: PostedForm, quiz_id: Id
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    context = access.quiz(session, actor, quiz_id, write=True)
    raw = form.get("question_type")
    qf = QuestionForm.posted(form, _kind(raw if isinstance(raw, str) else None))
    body, origins = qf.body()
    try:
        data = QuestionCreate.model_validate(body)
        question = authoring.add_question(session, actor=actor, quiz_id=quiz_id, data=data, request=request)
    except (ValidationError, Invalid) as exc:
        errors = place_errors(_refusal(exc), origins)
        return _question_page(request, context, qf, question=None, errors=errors, status=422)
    return _back(quiz_id, "added", question.id)


def _question_of(
    session: Session, actor: Actor, quiz_id: str, question_id: str
) -> tuple[Question, QuizContext]:
    question, context = access.question(session, actor, question_id)
    if context.quiz.id != quiz_id:
        raise NotFound("no such question in this quiz")
    return question, context


@router.get("/teach/quizzes/{quiz_id}/questions/{question_id}", response_class=HTMLResponse)
def edit_question(
    request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id, question_id: Id
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    question, context = _question_of(session, actor, quiz_id, question_id)
    return _question_page(request, context, QuestionForm.of(question), question=question, errors={})


@router.post("/teach/quizzes/{quiz_id}/questions/{question_id}")
def save_question(
    request: Request, session: SessionDep, auth: MaybeAuth, form: PostedForm, quiz_id: Id, question_id: Id
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    question, context = _question_of(session, actor, quiz_id, question_id)
    qf = QuestionForm.posted(form, QuestionType(question.question_type))
    body, origins = qf.body()
    try:
        data = QuestionUpdate.model_validate(body)
        _, graded = authoring.update_question(
            session, actor=actor, question_id=question_id, data=data, request=request
        )
    except (ValidationError, Invalid, Conflict) as exc:
        errors = place_errors(_refusal(exc), origins)
        return _question_page(request, context, qf, question=question, errors=errors, status=422)
    return see_other(quiz_url(quiz_id), done="regrade" if graded else "updated")


@router.get("/teach/quizzes/{quiz_id}/questions/{question_id}/delete", response_class=HTMLResponse)
def confirm_delete_question(
    request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id, question_id: Id
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    question, context = _question_of(session, actor, quiz_id, question_id)
    with _words(request):
        summary = _summary(question, context)
    return html(
        request,
        "quizzes/teach/confirm.html",
        {
            "what": "question",
            "quiz": context.quiz,
            "trail": _trail(context, (quiz_url(quiz_id), context.quiz.title_en)),
            "summary": summary,
            "answered": authoring.has_answers(session, question_id=question_id),
            "action": quiz_url(quiz_id, f"questions/{question_id}/delete"),
            "cancel": quiz_url(quiz_id),
        },
    )


@router.post("/teach/quizzes/{quiz_id}/questions/{question_id}/delete")
def delete_question(
    request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id, question_id: Id
) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    _question_of(session, actor, quiz_id, question_id)
    outcome = authoring.remove_question(session, actor=actor, question_id=question_id, request=request)
    return see_other(quiz_url(quiz_id), done="retired" if outcome == "retired" else "deleted")


@router.post("/teach/quizzes/{quiz_id}/questions/{question_id}/move")
def move_question(
    request: Request, session: SessionDep, auth: MaybeAuth, form: PostedForm, quiz_id: Id, question_id: Id
) -> Response:
    """The no-JavaScript reorder: the question to 0-based `position`, through the same service as
    PUT /api/v1/quizzes/{id}/question-order (the whole order, atomically)."""
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    _question_of(session, actor, quiz_id, question_id)
    ids = [q.id for q in authoring.list_questions(session, actor=actor, quiz_id=quiz_id)]
    raw = form.get("position")
    if not isinstance(raw, str) or not raw.strip().lstrip("-").isdigit():
        message = "must be a whole number (0 is the first place)"
        raise Invalid(f"position: {message}", fields=[{"field": "position", "message": message}])
    position = max(0, min(len(ids) - 1, int(raw)))
    ids.remove(question_id)
    ids.insert(position, question_id)
    authoring.reorder_questions(session, actor=actor, quiz_id=quiz_id, question_ids=ids, request=request)
    return _back(quiz_id, "moved", question_id)


# --------------------------------------------------------------------------- deleting the quiz


@router.get("/teach/quizzes/{quiz_id}/delete", response_class=HTMLResponse)
def confirm_delete_quiz(request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    context = access.quiz(session, actor, quiz_id, write=True)
    return _confirm_quiz(request, context)


def _confirm_quiz(request: Request, context: QuizContext, refusal: str | None = None) -> Response:
    quiz = context.quiz
    return html(
        request,
        "quizzes/teach/confirm.html",
        {
            "what": "quiz",
            "quiz": quiz,
            "trail": _trail(context, (quiz_url(quiz.id), quiz.title_en)),
            "refusal": refusal,
            "action": quiz_url(quiz.id, "delete"),
            "cancel": quiz_url(quiz.id),
        },
        status_code=409 if refusal else 200,
    )


@router.post("/teach/quizzes/{quiz_id}/delete")
def delete_quiz(request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id) -> Response:
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    context = access.quiz(session, actor, quiz_id, write=True)
    lesson_id = context.lesson.id
    try:
        authoring.delete_quiz(session, actor=actor, quiz_id=quiz_id, request=request)
    except Conflict as exc:  # attempted, or shown by a quiz block: say so where the teacher can act
        return _confirm_quiz(request, context, str(exc))
    return see_other(f"/teach/lessons/{lesson_id}", done="quiz-deleted")


# --------------------------------------------------------------------------- try it as a student


def _preview_page(
    request: Request,
    session: Session,
    actor: Actor,
    auth: Any,
    quiz_id: str,
    form: FormData | None,
) -> Response:
    context, questions = preview.preview_questions(session, actor=actor, quiz_id=quiz_id)
    quiz = context.quiz
    lang = page_language(request, auth.user if auth else None)
    seed = _seed(form)
    shown = preview.presented(questions, quiz=quiz, lang=lang, seed=seed)
    now = server_now()
    result = rows = None
    fields = []
    if form is not None:
        given = posted_answers(form, shown)
        result = preview.grade(questions, shown, quiz=quiz, lang=lang, given=given)
        with ui_language(lang):
            rows = review_rows(preview.view(quiz, shown, lang=lang, now=now, result=result))
    else:
        with ui_language(lang):
            fields = [question_field(q, None) for q in shown]
    title_fr = lang == "fr" and bool(quiz.title_fr)
    return html(
        request,
        "quizzes/teach/preview.html",
        {
            "lang": lang,
            "quiz": quiz,
            "lesson": context.lesson,
            "course": context.course,
            "trail": _trail(context, (quiz_url(quiz.id), quiz.title_en)),
            "title": quiz.title_fr if title_fr else quiz.title_en,
            "title_fell_back": lang == "fr" and not quiz.title_fr,
            "attempt": {"lang": lang},
            "rules": rules(quiz, lang).summary,
            "fields": fields,
            "questions_field": QUESTIONS_FIELD,
            "seed": seed,
            "result": result,
            "rows": rows,
            "form_url": quiz_url(quiz.id, "preview"),
        },
    )


def _seed(form: FormData | None) -> int:
    raw = form.get("seed") if form is not None else None
    if isinstance(raw, str) and raw.isdigit() and len(raw) < 20:
        return int(raw)
    return secrets.randbits(62)


@router.get("/teach/quizzes/{quiz_id}/preview", response_class=HTMLResponse)
def preview_quiz(request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: Id) -> Response:
    """The quiz as a student sees it, answerable; nothing is recorded."""
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    return _preview_page(request, session, actor, auth, quiz_id, None)


@router.post("/teach/quizzes/{quiz_id}/preview", response_class=HTMLResponse)
def grade_preview(
    request: Request, session: SessionDep, auth: MaybeAuth, form: PostedForm, quiz_id: Id
) -> Response:
    """The preview graded by the real graders, with the review the quiz allows; nothing is recorded."""
    actor = _actor(request, auth)
    if isinstance(actor, Response):
        return actor
    return _preview_page(request, session, actor, auth, quiz_id, form)
