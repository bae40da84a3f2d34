"""The teacher's PowerPoint import pages: upload a deck (a new draft lesson, or a lesson's French
twin or re-import), follow its job, read its report. They call the import service the JSON API
calls (POST /api/v1/imports), so a refused file gets the same message on the form."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.bible.references import format_reference
from bibliology.courses import access as courses
from bibliology.deps import SessionDep
from bibliology.errors import DomainError
from bibliology.imports import safety, service
from bibliology.imports.models import PptxImport
from bibliology.jobs.models import BackgroundJob
from bibliology.jobs.schemas import JobRead
from bibliology.lessons import access as lessons
from bibliology.lessons.models import Lesson, Slide
from bibliology.pages import FieldErrors, MaybeAuth, domain_field_errors, page_actor, see_other
from bibliology.policy import Actor
from bibliology.web import N_, html, page_language

router = APIRouter(include_in_schema=False)


def _read(file: UploadFile | None) -> tuple[bytes, str]:
    """The uploaded bytes (at most one byte over the limit) and the file's name."""
    if file is None or not file.filename:
        return b"", ""
    if file.size is not None and file.size > safety.LIMITS.upload_bytes:
        safety.check_size(file.size)  # the importer's own refusal, without reading it all
    return file.file.read(safety.LIMITS.upload_bytes + 1), file.filename


def _upload(
    session: Session,
    *,
    actor: Actor,
    course_id: str,
    file: UploadFile | None,
    lesson_id: str | None,
    language: str,
) -> PptxImport:
    data, filename = _read(file)
    if not filename:
        # The checks of the course and lesson first (a foreign course answers 404, not "choose a file").
        course = courses.writable(session, actor, course_id)
        if lesson_id is not None:
            service.check_target(session, actor=actor, course=course, lesson_id=lesson_id, language=language)
        raise safety.DeckRefused(N_("Choose a .pptx file to upload."), code="no-file")
    return service.create(
        session,
        actor=actor,
        course_id=course_id,
        data=data,
        filename=filename,
        lesson_id=lesson_id,
        language=language,
    )


def _upload_errors(error: DomainError) -> FieldErrors:
    """The importer's refusal beside the file field (lesson and language refusals beside theirs)."""
    found = domain_field_errors(error)
    if "__all__" in found and len(found) == 1:
        return {"file": found["__all__"]}
    return found


# --------------------------------------------------------------------------- a new lesson


def _course_form(
    request: Request,
    session: Session,
    actor: Actor,
    course_id: str,
    *,
    errors: FieldErrors | None = None,
    status_code: int = 200,
) -> Response:
    course = courses.manageable(session, actor, course_id)
    recent = service.list_for_course(session, actor=actor, course_id=course.id)
    context = {"course": course, "lesson": None, "recent": recent, "errors": errors or {}, "language": "en"}
    return html(request, "imports/upload.html", context, status_code=status_code)


@router.get("/teach/courses/{course_id}/import", response_class=HTMLResponse)
def course_import_form(request: Request, session: SessionDep, auth: MaybeAuth, course_id: str) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    return _course_form(request, session, actor, course_id)


@router.post("/teach/courses/{course_id}/import")
def course_import(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    course_id: str,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    try:
        record = _upload(session, actor=actor, course_id=course_id, file=file, lesson_id=None, language="en")
    except DomainError as error:
        if error.status not in (409, 422):
            raise
        return _course_form(request, session, actor, course_id, errors=_upload_errors(error), status_code=422)
    return see_other(f"/teach/imports/{record.id}")


# --------------------------------------------------------------------------- a lesson's deck


def _lesson_form(
    request: Request,
    session: Session,
    actor: Actor,
    lesson_id: str,
    *,
    errors: FieldErrors | None = None,
    language: str = "fr",
    status_code: int = 200,
) -> Response:
    context = lessons.lesson(session, actor, lesson_id, manage=True)
    recent = service.list_for_course(
        session, actor=actor, course_id=context.course.id, lesson_id=context.lesson.id
    )
    values = {
        "course": context.course,
        "lesson": context.lesson,
        "recent": recent,
        "errors": errors or {},
        "language": language,
    }
    return html(request, "imports/upload.html", values, status_code=status_code)


@router.get("/teach/lessons/{lesson_id}/import", response_class=HTMLResponse)
def lesson_import_form(request: Request, session: SessionDep, auth: MaybeAuth, lesson_id: str) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    return _lesson_form(request, session, actor, lesson_id)


@router.post("/teach/lessons/{lesson_id}/import")
def lesson_import(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    lesson_id: str,
    file: Annotated[UploadFile | None, File()] = None,
    language: Annotated[Literal["en", "fr"], Form()] = "fr",
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    context = lessons.lesson(session, actor, lesson_id, manage=True)
    try:
        record = _upload(
            session,
            actor=actor,
            course_id=context.course.id,
            file=file,
            lesson_id=context.lesson.id,
            language=language,
        )
    except DomainError as error:
        if error.status not in (409, 422):
            raise
        return _lesson_form(
            request,
            session,
            actor,
            lesson_id,
            errors=_upload_errors(error),
            language=language,
            status_code=422,
        )
    return see_other(f"/teach/imports/{record.id}")


# --------------------------------------------------------------------------- progress and report


def _verses(report: dict[str, Any], lang: str) -> list[str]:
    found = []
    for slide in report.get("slides", []):
        for label in slide.get("created", []):
            if label.startswith("VERSE "):
                osis = label.removeprefix("VERSE ")
                try:
                    found.append(format_reference(osis, lang))
                except ValueError:
                    found.append(osis)
    return found


def _slide_ids(session: Session, lesson_id: str | None) -> list[str]:
    if lesson_id is None:
        return []
    return list(
        session.scalars(select(Slide.id).where(Slide.lesson_id == lesson_id).order_by(Slide.slide_order))
    )


@router.get("/teach/imports/{import_id}", response_class=HTMLResponse)
def import_page(request: Request, session: SessionDep, auth: MaybeAuth, import_id: str) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    record = service.get_for_actor(session, actor=actor, import_id=import_id)
    course = courses.manageable(session, actor, record.course_id)
    lesson = None if record.lesson_id is None else session.get(Lesson, record.lesson_id)
    job = None if record.job_id is None else session.get(BackgroundJob, record.job_id)
    report = record.report or {}
    finished = record.status in ("succeeded", "failed")
    context = {
        "record": record,
        "course": course,
        "lesson": lesson,
        "job": None if job is None else JobRead.of(job),
        "report": report,
        "finished": finished,
        "verses": _verses(report, page_language(request)),
        "slide_ids": _slide_ids(session, record.lesson_id) if record.status == "succeeded" else [],
    }
    return html(request, "imports/report.html", context)
