"""Translation reports over JSON, for a course's teacher and admins."""

from __future__ import annotations

from fastapi import APIRouter

from bibliology.accounts.deps import CurrentActor
from bibliology.deps import SessionDep
from bibliology.translations import reports
from bibliology.translations.schemas import TranslationReport

router = APIRouter(prefix="/api/v1", tags=["translations"])


@router.get("/courses/{course_id}/translation-report")
def course_report(session: SessionDep, actor: CurrentActor, course_id: str) -> TranslationReport:
    """French that is missing or stale (its English changed since) in the course and all its content."""
    return reports.for_course(session, actor=actor, course_id=course_id)


@router.get("/lessons/{lesson_id}/translation-report")
def lesson_report(session: SessionDep, actor: CurrentActor, lesson_id: str) -> TranslationReport:
    """French that is missing or stale in the lesson, its slides and blocks."""
    return reports.for_lesson(session, actor=actor, lesson_id=lesson_id)
