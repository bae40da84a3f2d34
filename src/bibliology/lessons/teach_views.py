"""The lesson editor and the slide editor (the teacher's app, issue 14).

GET/POST /teach/lessons/{lesson}                         metadata EN/FR, slides with thumbnails
POST     /teach/lessons/{lesson}/slides                  add a slide (layout)
POST     /teach/lessons/{lesson}/slides/{slide}/move     no-JS reorder (0-based `position`)
POST     /teach/lessons/{lesson}/slides/{slide}/delete   delete a slide
GET/POST /teach/slides/{slide}                           the slide editor: layout, titles, notes
GET      /teach/slides/{slide}/preview?lang=             the slide as students see it (fragment)
POST     /teach/slides/{slide}/blocks                    add a block
POST     /teach/blocks/{block}                           edit a block
POST     /teach/blocks/{block}/move | /delete
GET      /teach/verse-preview?ref=                       a reference parsed, in EN and FR (fragment)

Every write goes through the services the JSON API calls (lessons.service, slides, blocks). The
previews render the students' lesson tree with the students' templates (lessons/slide.html). Saves
of the slide editor carry the slide's version (lessons.versions): a save from a stale page is
refused and the typed values are shown again. A save sent by teach-editor.js (header
`X-Requested-With: fetch`) is answered in JSON; its refusals are then submitted again as a plain
form, so the page shows them like any other.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from starlette.datastructures import FormData, UploadFile

from bibliology.bible.passages import read_passage
from bibliology.bible.references import InvalidReference, parse_reference
from bibliology.courses.models import Course
from bibliology.deps import SessionDep
from bibliology.enums import ContentBlockType, SlideLayout
from bibliology.errors import DomainError, Invalid, NotFound
from bibliology.i18n import SUPPORTED
from bibliology.lessons import access, block_forms, blocks, rendering, service, slides, tree, versions
from bibliology.lessons.schemas import BlockCreate, BlockUpdate, LessonUpdate, SlideCreate, SlideUpdate
from bibliology.lessons.views import quiz_summaries
from bibliology.media import service as media
from bibliology.media.api import get_storage
from bibliology.media.models import MediaFile
from bibliology.pages import FieldErrors, MaybeAuth, domain_field_errors, field_errors, page_actor, see_other
from bibliology.policy import Actor
from bibliology.queries.lesson_tree import lesson_tree
from bibliology.quizzes.models import Quiz
from bibliology.web import N_, html, page_language

rendering.install()
router = APIRouter(include_in_schema=False)

LAYOUTS = [layout.value for layout in SlideLayout]
BLOCK_TYPES = [kind.value for kind in ContentBlockType]
LESSON_FIELDS = ("title_en", "title_fr", "description_en", "description_fr", "estimated_minutes")
SLIDE_FIELDS = ("layout", "title_en", "title_fr", "notes_en", "notes_fr")
Position = Annotated[int, Form(ge=0, le=100_000)]


async def read_form(request: Request) -> AsyncIterator[FormData]:
    """The submitted form, whatever its fields (a block form's names depend on its type); its
    uploaded files are closed after the response."""
    form = await request.form()
    try:
        yield form
    finally:
        await form.close()


FormDep = Annotated[FormData, Depends(read_form)]


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _wants_json(request: Request) -> bool:
    return request.headers.get("x-requested-with") == "fetch"


# --------------------------------------------------------------------------- the lesson editor


def _course(session: SessionDep, course_id: str) -> Course:
    return session.get_one(Course, course_id)


def _in_language(row: Any, name: str, lang: str) -> str:
    return str(getattr(row, f"{name}_{lang}", None) or getattr(row, f"{name}_en"))


def _lesson_page(
    request: Request,
    session: SessionDep,
    actor: Actor,
    lesson_id: str,
    *,
    values: Mapping[str, str] | None = None,
    errors: FieldErrors | None = None,
    alert: str | None = None,
    status_code: int = 200,
) -> Response:
    lesson = tree.read_authoring(session, actor=actor, lesson_id=lesson_id)
    lang = page_language(request)
    course = _course(session, lesson.course_id)
    student_tree = lesson_tree(session, actor=actor, lesson_id=lesson_id, lang=lang)
    stored = {
        name: "" if getattr(lesson, name) is None else str(getattr(lesson, name)) for name in LESSON_FIELDS
    }
    context = {
        "lesson": lesson,
        "course": course,
        "course_title": _in_language(course, "title", lang),
        "lesson_title": _in_language(lesson, "title", lang),
        "values": values if values is not None else stored,
        "errors": errors or {},
        "alert": alert,
        "thumbnails": {s["id"]: s for s in student_tree["slides"]},
        "quizzes": quiz_summaries(student_tree),
        "layouts": LAYOUTS,
        "done": request.query_params.get("done"),
    }
    return html(request, "lessons/teach/lesson.html", context, status_code=status_code)


@router.get("/teach/lessons/{lesson_id}", response_class=HTMLResponse)
def lesson_page(request: Request, session: SessionDep, auth: MaybeAuth, lesson_id: str) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    return _lesson_page(request, session, actor, lesson_id)


@router.post("/teach/lessons/{lesson_id}")
def update_lesson(
    request: Request, session: SessionDep, auth: MaybeAuth, lesson_id: str, form: FormDep
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    values = {name: _text(form, name) for name in LESSON_FIELDS}
    errors: FieldErrors = {}
    body: dict[str, Any] = {name: values[name].strip() or None for name in LESSON_FIELDS}
    body["title_en"] = values["title_en"].strip()  # required: blank is an error, not "leave as is"
    minutes = values["estimated_minutes"].strip()
    if minutes and not minutes.isdigit():
        errors["estimated_minutes"] = N_("Enter a whole number of minutes.")
        body.pop("estimated_minutes")
    elif minutes:
        body["estimated_minutes"] = int(minutes)
    try:
        data = LessonUpdate.model_validate(body)
    except ValidationError as exc:
        errors = field_errors(exc) | errors
    if errors:
        return _lesson_page(request, session, actor, lesson_id, values=values, errors=errors, status_code=422)
    try:
        service.update(session, actor=actor, lesson_id=lesson_id, data=data, request=request)
    except Invalid as exc:
        found = domain_field_errors(exc)
        return _lesson_page(request, session, actor, lesson_id, values=values, errors=found, status_code=422)
    return see_other(f"/teach/lessons/{lesson_id}", done="saved")


@router.post("/teach/lessons/{lesson_id}/slides")
def add_slide(
    request: Request, session: SessionDep, auth: MaybeAuth, lesson_id: str, form: FormDep
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    try:
        data = SlideCreate.model_validate({"layout": _text(form, "layout") or "CONTENT"})
    except ValidationError as exc:
        return _lesson_page(request, session, actor, lesson_id, errors=field_errors(exc), status_code=422)
    slide = slides.create(session, actor=actor, lesson_id=lesson_id, data=data, request=request)
    return see_other(f"/teach/slides/{slide.id}", done="created")


def _slide_of_lesson(session: SessionDep, actor: Actor, lesson_id: str, slide_id: str) -> None:
    slide, _ = access.slide(session, actor, slide_id)
    if slide.lesson_id != lesson_id:
        raise NotFound("no such slide")


@router.post("/teach/lessons/{lesson_id}/slides/{slide_id}/move")
def move_slide(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    lesson_id: str,
    slide_id: str,
    position: Position,
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    _slide_of_lesson(session, actor, lesson_id, slide_id)
    try:
        slides.move(session, actor=actor, slide_id=slide_id, position=position, request=request)
    except Invalid as exc:
        return _lesson_page(request, session, actor, lesson_id, alert=str(exc), status_code=422)
    return see_other(f"/teach/lessons/{lesson_id}", done="moved")


@router.post("/teach/lessons/{lesson_id}/slides/{slide_id}/delete")
def delete_slide(
    request: Request, session: SessionDep, auth: MaybeAuth, lesson_id: str, slide_id: str
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    _slide_of_lesson(session, actor, lesson_id, slide_id)
    try:
        slides.delete(session, actor=actor, slide_id=slide_id, request=request)
    except DomainError as exc:
        if exc.status >= 500 or exc.status in (401, 403, 404):
            raise
        return _lesson_page(request, session, actor, lesson_id, alert=str(exc), status_code=exc.status)
    return see_other(f"/teach/lessons/{lesson_id}", done="deleted")


# --------------------------------------------------------------------------- the slide editor


class BlockForm:
    """One block's form on the page: its values (stored, or as typed) and its errors."""

    def __init__(self, kind: str, values: Mapping[str, str], errors: Mapping[str, str] | None = None):
        self.kind = kind
        self.values = dict(values)
        self.errors = dict(errors or {})
        self.rows = block_forms.entry_rows(self.values)

    def get(self, name: str) -> str:
        return self.values.get(name, "")


def _preview(session: SessionDep, actor: Actor, lesson_id: str, slide_id: str, lang: str) -> dict[str, Any]:
    student_tree = lesson_tree(session, actor=actor, lesson_id=lesson_id, lang=lang)
    found = next((s for s in student_tree["slides"] if s["id"] == slide_id), None)
    if found is None:
        raise NotFound("no such slide")
    return {"slide": found, "lang": lang, "quizzes": quiz_summaries(student_tree)}


def verse_preview(session: SessionDep, reference: str) -> dict[str, Any]:
    """A reference as the editor previews it: its reading in each language and the passage from
    the imported translation of each language (when there is one), or why it does not parse."""
    try:
        parsed = parse_reference(reference)
    except InvalidReference as exc:
        return {"reference": reference, "error": str(exc), "languages": []}
    languages = []
    for lang in SUPPORTED:
        entry: dict[str, Any] = {"lang": lang, "display": parsed.format(lang), "text": None}
        try:
            passage = read_passage(session, ref=parsed.format("en"), lang=lang)
        except (NotFound, Invalid):
            passage = None
        if passage is not None and passage.verses:
            entry |= {
                "text": passage.text,
                "translation": passage.translation_name,
                "fallback": passage.fallback,
                "truncated": passage.truncated,
            }
        languages.append(entry)
    return {"reference": reference, "osis": parsed.osis, "error": None, "languages": languages}


def _media_choices(session: SessionDep, course: Course) -> list[MediaFile]:
    """The images the course's teacher uploaded, newest first (to reuse one in an IMAGE block)."""
    return list(
        session.scalars(
            select(MediaFile)
            .where(MediaFile.owner_id == course.teacher_id, MediaFile.content_type.like("image/%"))
            .order_by(MediaFile.created_at.desc())
            .limit(30)
        )
    )


def _slide_page(
    request: Request,
    session: SessionDep,
    actor: Actor,
    slide_id: str,
    *,
    slide_values: Mapping[str, str] | None = None,
    slide_errors: FieldErrors | None = None,
    forms: Mapping[str, BlockForm] | None = None,
    new_block: BlockForm | None = None,
    alert: str | None = None,
    status_code: int = 200,
) -> Response:
    slide, context = access.slide(session, actor, slide_id, write=False)
    authoring = tree.read_slide_authoring(session, slide)
    lang = page_language(request)
    course = context.course
    stored = {
        name: "" if getattr(slide, name) is None else str(getattr(slide, name)) for name in SLIDE_FIELDS
    }
    stored["layout"] = slide.layout.value
    block_list = []
    for block in authoring.blocks:
        kind = block.block_type.value
        form = (forms or {}).get(block.id) or BlockForm(
            kind, block_forms.to_values(kind, block.content_en, block.content_fr, block.style_config)
        )
        reference = form.get("content_en.reference")
        verse = verse_preview(session, reference) if kind == "VERSE" and reference.strip() else None
        block_list.append({"block": block, "form": form, "verse": verse})
    add = request.query_params.get("add", "").upper()
    if new_block is None and add in BLOCK_TYPES:
        new_block = BlockForm(add, {})
    new_verse = None
    if new_block is not None and new_block.kind == "VERSE" and new_block.get("content_en.reference").strip():
        new_verse = verse_preview(session, new_block.get("content_en.reference"))
    lesson_quizzes = session.scalars(
        select(Quiz).where(Quiz.lesson_id == slide.lesson_id).order_by(Quiz.created_at, Quiz.id)
    ).all()
    previews = {code: _preview(session, actor, slide.lesson_id, slide.id, code) for code in SUPPORTED}
    page = {
        "slide": authoring,
        "lesson": context.lesson,
        "lesson_title": _in_language(context.lesson, "title", lang),
        "course": course,
        "course_title": _in_language(course, "title", lang),
        "number": authoring.position + 1,
        "version": versions.current(session, slide.id),
        "values": slide_values if slide_values is not None else stored,
        "errors": slide_errors or {},
        "blocks": block_list,
        "new_block": new_block,
        "new_verse": new_verse,
        "layouts": LAYOUTS,
        "block_types": BLOCK_TYPES,
        "lesson_quizzes": lesson_quizzes,
        "media_choices": _media_choices(session, course),
        "previews": previews,
        "alert": alert,
        "done": request.query_params.get("done"),
        "read_only": context.lesson.status.value == "ARCHIVED" or course.status.value == "ARCHIVED",
    }
    return html(request, "lessons/teach/slide.html", page, status_code=status_code)


@router.get("/teach/slides/{slide_id}", response_class=HTMLResponse)
def slide_page(request: Request, session: SessionDep, auth: MaybeAuth, slide_id: str) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    return _slide_page(request, session, actor, slide_id)


@router.get("/teach/slides/{slide_id}/preview", response_class=HTMLResponse)
def slide_preview(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    slide_id: str,
    lang: Annotated[str, Query(pattern="^(en|fr)$")] = "en",
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    slide, _ = access.slide(session, actor, slide_id, write=False)
    preview = _preview(session, actor, slide.lesson_id, slide.id, lang)
    return html(request, "lessons/teach/_preview.html", {"preview": preview})


def _refused(request: Request, session: SessionDep, slide_id: str, exc: DomainError) -> Response | None:
    """A JSON answer for teach-editor.js (it then submits the form as a page), else None."""
    if _wants_json(request):
        return JSONResponse({"detail": str(exc), "status": exc.status}, status_code=exc.status)
    return None


@router.post("/teach/slides/{slide_id}")
def update_slide(
    request: Request, session: SessionDep, auth: MaybeAuth, slide_id: str, form: FormDep
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    access.slide(session, actor, slide_id)
    values = {name: _text(form, name) for name in SLIDE_FIELDS}
    body = {name: values[name].strip() or None for name in SLIDE_FIELDS}
    body["layout"] = values["layout"] or "CONTENT"
    try:
        data = SlideUpdate.model_validate(body)
        versions.ensure(session, slide_id, _text(form, "version") or None)
        slides.update(session, actor=actor, slide_id=slide_id, data=data, request=request)
    except ValidationError as exc:
        if _wants_json(request):
            return JSONResponse({"detail": "invalid"}, status_code=422)
        errors = field_errors(exc)
        return _slide_page(
            request, session, actor, slide_id, slide_values=values, slide_errors=errors, status_code=422
        )
    except (Invalid, versions.StaleVersion) as exc:
        answer = _refused(request, session, slide_id, exc)
        if answer is not None:
            return answer
        stale = isinstance(exc, versions.StaleVersion)
        errors = {} if stale else domain_field_errors(exc)
        alert = versions.STALE_MESSAGE if stale else None
        return _slide_page(
            request,
            session,
            actor,
            slide_id,
            slide_values=values,
            slide_errors=errors,
            alert=alert,
            status_code=exc.status,
        )
    if _wants_json(request):
        return JSONResponse({"version": versions.current(session, slide_id)})
    return see_other(f"/teach/slides/{slide_id}", done="saved")


def _upload(
    request: Request, session: SessionDep, actor: Actor, form: FormData, values: dict[str, str]
) -> FieldErrors:
    """No-JS image choice: an uploaded image picked from the list, or a file chosen in an IMAGE form,
    stored through the media service; its address and size go into the form (teach-editor.js
    uploads through POST /api/v1/media instead and fills the same fields)."""
    errors: FieldErrors = {}
    for lang in ("en", "fr"):
        pick = form.get(f"pick_{lang}")
        if isinstance(pick, str) and pick.startswith("/media/"):
            chosen = session.scalar(
                select(MediaFile).where(MediaFile.storage_key == pick.removeprefix("/media/"))
            )
            if chosen is not None:
                values[f"content_{lang}.url"] = media.media_url(chosen)
                values[f"content_{lang}.width"] = str(chosen.width or "")
                values[f"content_{lang}.height"] = str(chosen.height or "")
        upload = form.get(f"upload_{lang}")
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue
        data = upload.file.read()
        if not data:
            continue
        try:
            stored = media.store_upload(
                session,
                data=data,
                filename=upload.filename,
                owner_id=actor.user_id,
                kind="image",
                storage=get_storage(request),
            )
        except Invalid as exc:
            errors[f"upload_{lang}"] = str(exc)
            continue
        values[f"content_{lang}.url"] = media.media_url(stored)
        values[f"content_{lang}.width"] = str(stored.width or "")
        values[f"content_{lang}.height"] = str(stored.height or "")
    return errors


def _block_refusal(
    exc: Invalid | ValidationError, kind: str, values: Mapping[str, str], parsed: block_forms.Parsed | None
) -> dict[str, str]:
    raw = field_errors(exc) if isinstance(exc, ValidationError) else domain_field_errors(exc)
    return block_forms.place_errors(raw, parsed, block_forms.known_names(kind, values))


@router.post("/teach/slides/{slide_id}/blocks")
def add_block(
    request: Request, session: SessionDep, auth: MaybeAuth, slide_id: str, form: FormDep
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    access.slide(session, actor, slide_id)
    kind_text = _text(form, "block_type").upper()
    if kind_text not in BLOCK_TYPES:
        message = N_("Choose a block type.")
        return _slide_page(request, session, actor, slide_id, alert=message, status_code=422)
    values = block_forms.form_values(form)
    errors = _upload(request, session, actor, form, values)
    parsed = block_forms.from_form(kind_text, values)
    try:
        data = BlockCreate.model_validate(
            {
                "block_type": kind_text,
                "content_en": parsed.content_en,
                "content_fr": parsed.content_fr,
                "style_config": parsed.style_config,
            }
        )
        if not errors:
            block = blocks.create(session, actor=actor, slide_id=slide_id, data=data, request=request)
    except (ValidationError, Invalid) as exc:
        errors |= _block_refusal(exc, kind_text, values, parsed)
    if errors:
        new = BlockForm(kind_text, values, errors)
        return _slide_page(request, session, actor, slide_id, new_block=new, status_code=422)
    return (
        see_other(f"/teach/slides/{slide_id}", done="block-added")
        if not _wants_json(request)
        else (JSONResponse({"id": block.id}))
    )


@router.post("/teach/blocks/{block_id}")
def update_block(
    request: Request, session: SessionDep, auth: MaybeAuth, block_id: str, form: FormDep
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    block, slide, _ = access.block(session, actor, block_id)
    kind = block.block_type.value
    values = block_forms.form_values(form)
    errors = _upload(request, session, actor, form, values)
    parsed = block_forms.from_form(kind, values)
    alert = None
    status_code = 422
    try:
        data = BlockUpdate.model_validate(
            {
                "content_en": parsed.content_en,
                "content_fr": parsed.content_fr,
                "style_config": parsed.style_config,
            }
        )
        versions.ensure(session, slide.id, _text(form, "version") or None)
        if not errors:
            blocks.update(session, actor=actor, block_id=block_id, data=data, request=request)
    except versions.StaleVersion as exc:
        answer = _refused(request, session, slide.id, exc)
        if answer is not None:
            return answer
        alert, status_code = versions.STALE_MESSAGE, exc.status
    except (ValidationError, Invalid) as exc:
        if _wants_json(request):
            return JSONResponse({"detail": "invalid"}, status_code=422)
        errors |= _block_refusal(exc, kind, values, parsed)
    if errors or alert:
        forms = {block_id: BlockForm(kind, values, errors)}
        return _slide_page(
            request, session, actor, slide.id, forms=forms, alert=alert, status_code=status_code
        )
    if _wants_json(request):
        return JSONResponse({"version": versions.current(session, slide.id)})
    return see_other(f"/teach/slides/{slide.id}", done="block-saved")


@router.post("/teach/blocks/{block_id}/move")
def move_block(
    request: Request, session: SessionDep, auth: MaybeAuth, block_id: str, position: Position
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    _, slide, _ = access.block(session, actor, block_id)
    try:
        blocks.move(session, actor=actor, block_id=block_id, position=position, request=request)
    except Invalid as exc:
        return _slide_page(request, session, actor, slide.id, alert=str(exc), status_code=422)
    return see_other(f"/teach/slides/{slide.id}", done="moved")


@router.post("/teach/blocks/{block_id}/delete")
def delete_block(request: Request, session: SessionDep, auth: MaybeAuth, block_id: str) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    _, slide, _ = access.block(session, actor, block_id)
    blocks.delete(session, actor=actor, block_id=block_id, request=request)
    return see_other(f"/teach/slides/{slide.id}", done="block-deleted")


@router.get("/teach/verse-preview", response_class=HTMLResponse)
def verse_preview_fragment(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    ref: Annotated[str, Query(min_length=1, max_length=300)],
) -> Response:
    """The verse preview of the slide editor for a reference being typed (teach-editor.js)."""
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    return html(request, "lessons/teach/_verse_preview.html", {"verse": verse_preview(session, ref)})
