"""Translation reports over JSON, for a course's teacher and admins."""

from __future__ import annotations

from fastapi import APIRouter, Request

from bibliology.accounts.deps import CurrentActor
from bibliology.deps import SessionDep
from bibliology.translations import reports, service
from bibliology.translations.schemas import ReviewIn, ReviewRead, TranslationReport

router = APIRouter(prefix="/api/v1", tags=["translations"])


@router.get("/courses/{course_id}/translation-report")
def course_report(session: SessionDep, actor: CurrentActor, course_id: str) -> TranslationReport:
    """French that is missing or stale (its English changed since) in the course and all its content."""
    return reports.for_course(session, actor=actor, course_id=course_id)


@router.get("/lessons/{lesson_id}/translation-report")
def lesson_report(session: SessionDep, actor: CurrentActor, lesson_id: str) -> TranslationReport:
    """French that is missing or stale in the lesson, its slides and blocks."""
    return reports.for_lesson(session, actor=actor, lesson_id=lesson_id)


@router.post("/translations/reviewed")
def mark_reviewed(session: SessionDep, actor: CurrentActor, body: ReviewIn, request: Request) -> ReviewRead:
    """The French of a field is still right although its English changed: its revision is stamped
    now (text unchanged), which takes it off the stale list. The entity's author only; recorded in
    the activity log."""
    revised_at = service.mark_reviewed(
        session,
        actor=actor,
        entity_type=body.entity_type,
        entity_id=body.entity_id,
        field=body.field,
        language=body.language,
        request=request,
    )
    return ReviewRead(**body.model_dump(), revised_at=revised_at)
