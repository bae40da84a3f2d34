"""PowerPoint upload (POST /api/v1/imports, multipart) and the import's report (GET)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, UploadFile, status

from bibliology.accounts.deps import LoggedIn, RequireTeacher
from bibliology.deps import SessionDep
from bibliology.imports import safety, service
from bibliology.imports.schemas import ImportRead

router = APIRouter(prefix="/api/v1/imports", tags=["imports"])
# The deck itself plus room for the multipart envelope: app.UPLOAD_LIMITS["/api/v1/imports"].
UPLOAD_LIMIT = safety.LIMITS.upload_bytes + 64 * 1024
# The import pages' forms (teach_views.py) take a deck up to twice the limit, so that the importer
# itself refuses one too large, with its own words on the form, rather than the body-size guard.
PAGE_UPLOAD_LIMIT = 2 * safety.LIMITS.upload_bytes + 64 * 1024


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=ImportRead)
def upload_deck(
    actor: RequireTeacher,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="The .pptx deck")],
    course_id: Annotated[str, Form(description="The course the lesson belongs to")],
    lesson_id: Annotated[
        str | None,
        Form(description="An existing lesson: a draft to replace (en), or the lesson to translate (fr)"),
    ] = None,
    language: Annotated[Literal["en", "fr"], Form(description="The deck's language")] = "en",
) -> ImportRead:
    """Check the deck and queue its import into a draft lesson (or a lesson's French side); follow
    it at `job_url`, then read the report here. A refused deck answers 422 with the reason."""
    data = file.file.read(safety.LIMITS.upload_bytes + 1)
    record = service.create(
        session,
        actor=actor,
        course_id=course_id,
        data=data,
        filename=file.filename or "deck.pptx",
        lesson_id=lesson_id or None,
        language=language,
    )
    return ImportRead.of(record)


@router.get("/{import_id}", response_model=ImportRead)
def read_import(import_id: str, actor: LoggedIn, session: SessionDep) -> ImportRead:
    """An import's status and per-slide report (its uploader, the course's teacher or an admin)."""
    return ImportRead.of(service.get_for_actor(session, actor=actor, import_id=import_id))
