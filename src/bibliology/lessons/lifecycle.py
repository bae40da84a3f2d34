"""Publish, archive, restore and delete a lesson (the rules are the course's: courses/lifecycle.py).
Every status change recounts the course's enrollments (progress.hooks.lesson_set_changed)."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from bibliology.certificates.models import Certificate
from bibliology.courses import audit
from bibliology.courses.lifecycle import VERBS, Change, next_status
from bibliology.db import utcnow
from bibliology.enums import LessonStatus
from bibliology.errors import Conflict
from bibliology.invalidation import invalidate
from bibliology.lessons import access, ordering
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.policy import Actor
from bibliology.progress.hooks import lesson_set_changed
from bibliology.progress.models import LessonProgress, StudentNote
from bibliology.quizzes.models import Quiz, QuizSubmission
from bibliology.translations import service as translations


def change_status(
    session: Session, *, actor: Actor, lesson_id: str, change: Change, request: Request | None = None
) -> Lesson:
    """Publish, archive or restore a lesson of a course that is not archived."""
    lesson = access.lesson(session, actor, lesson_id, write=True, content=False).lesson
    session.refresh(lesson, with_for_update={"key_share": True})  # one status change at a time
    status = next_status(change, lesson.status, lesson.published_at, what="lesson")
    if status is None:
        return lesson
    previous = lesson.status
    lesson.status = status
    if status == LessonStatus.PUBLISHED and lesson.published_at is None:
        lesson.published_at = utcnow()
    session.flush()
    lesson_set_changed(session, course_id=lesson.course_id)
    audit.log(
        session,
        actor=actor,
        verb=VERBS[change],
        entity="lesson",
        entity_id=lesson.id,
        request=request,
        previous_status=previous.value,
        status=status.value,
    )
    invalidate(session, course_ids=[lesson.course_id], lesson_ids=[lesson.id])
    return lesson


def _student_records(session: Session, lesson_id: str) -> str | None:
    """What students have on this lesson, if anything (a draft normally has nothing)."""
    checks = (
        ("progress", exists().where(LessonProgress.lesson_id == lesson_id)),
        ("notes", exists().where(StudentNote.lesson_id == lesson_id)),
        ("certificates", exists().where(Certificate.lesson_id == lesson_id)),
        (
            "quiz submissions",
            exists().where(QuizSubmission.quiz_id == Quiz.id, Quiz.lesson_id == lesson_id),
        ),
    )
    found = session.execute(select(*(check for _, check in checks))).one()
    names = [name for (name, _), present in zip(checks, found, strict=True) if present]
    return ", ".join(names) or None


def delete(session: Session, *, actor: Actor, lesson_id: str, request: Request | None = None) -> None:
    """Delete a draft lesson no student has records on; the course's other lessons close the gap."""
    lesson = access.lesson(session, actor, lesson_id, write=True, content=False).lesson
    course_id = lesson.course_id
    ordering.lock(session, ordering.LESSONS, course_id)
    session.refresh(lesson)
    if lesson.status != LessonStatus.DRAFT:
        raise Conflict(
            f"this lesson is {lesson.status.value.lower()}: only a draft can be deleted; archive it instead"
        )
    records = _student_records(session, lesson.id)
    if records:
        raise Conflict(f"students have records on this lesson ({records}): archive it instead")
    slide_ids = select(Slide.id).where(Slide.lesson_id == lesson.id)
    translations.forget(
        session, entity_ids=select(ContentBlock.id).where(ContentBlock.slide_id.in_(slide_ids))
    )
    translations.forget(session, entity_ids=slide_ids)
    translations.forget(session, entity_ids=[lesson.id])
    audit.log(
        session,
        actor=actor,
        verb="DELETE",
        entity="lesson",
        entity_id=lesson.id,
        request=request,
        course_id=course_id,
        slug=lesson.slug,
        title_en=lesson.title_en,
    )
    session.delete(lesson)
    ordering.close_gaps(session, ordering.LESSONS, course_id)
    lesson_set_changed(session, course_id=course_id)
    invalidate(session, course_ids=[course_id], lesson_ids=[lesson_id])
