"""PowerPoint imports: accept an upload (policy, safety checks, the deck stored and its job queued in
the request's transaction) and let its owner read what became of it. The import itself runs in
runner.py, from the job (tasks.py) or from `bibliology import-pptx`."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology import jobs
from bibliology.courses import access as courses
from bibliology.courses.models import Course
from bibliology.enums import LessonStatus
from bibliology.errors import Conflict, Invalid, NotFound
from bibliology.imports import safety, tasks
from bibliology.imports.models import PptxImport
from bibliology.lessons import access as lessons
from bibliology.media.service import clean_filename
from bibliology.policy import Actor, require_teacher

LANGUAGES = ("en", "fr")


def create(
    session: Session,
    *,
    actor: Actor,
    course_id: str,
    data: bytes,
    filename: str,
    lesson_id: str | None = None,
    language: str = "en",
    enqueue: bool = True,
) -> PptxImport:
    """Check the target and the deck, keep the deck and queue its import (unless `enqueue` is off:
    the CLI runs it at once). Nothing is written when a check fails."""
    owner_id = require_teacher(actor)
    if language not in LANGUAGES:
        raise Invalid(
            "language: must be en or fr", fields=[{"field": "language", "message": "must be en or fr"}]
        )
    course = courses.writable(session, actor, course_id)
    if lesson_id is not None:
        check_target(session, actor=actor, course=course, lesson_id=lesson_id, language=language)
    elif language == "fr":
        message = "a French deck fills the French side of an existing lesson: name the lesson"
        raise Invalid(message, fields=[{"field": "lesson_id", "message": message}])
    facts = safety.check_deck(data)
    record = PptxImport(
        course_id=course.id,
        lesson_id=lesson_id,
        owner_id=owner_id,
        language=language,
        original_filename=clean_filename(filename) or "deck.pptx",
        byte_size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        deck=data,
        slide_count=facts.slide_count,
    )
    session.add(record)
    session.flush()
    if enqueue:
        # One import at a time per lesson (or per new lesson): the queue's lock serialises them.
        job = jobs.defer(
            session,
            tasks.run_pptx_import,
            owner_id=owner_id,
            lock=f"pptx-import:{lesson_id or record.id}",
            import_id=record.id,
        )
        record.job_id = job.id
        session.flush()
    return record


def check_target(session: Session, *, actor: Actor, course: Course, lesson_id: str, language: str) -> None:
    """The named lesson must be the course's, writable, and a draft when its content is replaced."""
    context = lessons.lesson(session, actor, lesson_id, write=True)
    if context.course.id != course.id:
        raise NotFound("no such lesson")
    if language == "en" and context.lesson.status != LessonStatus.DRAFT:
        raise Conflict(
            f"this lesson is {context.lesson.status.value.lower()}: an English import replaces a lesson's "
            "content, so it only goes into a draft lesson"
        )


def get_for_actor(session: Session, *, actor: Actor, import_id: str) -> PptxImport:
    """An import, for whoever uploaded it, the course's teacher, or an admin; others get 404."""
    record = session.get(PptxImport, import_id)
    if record is None or actor.user_id is None:
        raise NotFound("no such import")
    if actor.is_admin or actor.user_id == record.owner_id:
        return record
    course = session.get(Course, record.course_id)
    if course is None or course.teacher_id != actor.user_id:
        raise NotFound("no such import")
    return record


def list_for_course(
    session: Session, *, actor: Actor, course_id: str, lesson_id: str | None = None, limit: int = 20
) -> list[PptxImport]:
    """A course's latest imports (or one lesson's), newest first, for its teacher and admins; the
    decks themselves are not loaded."""
    course = courses.manageable(session, actor, course_id)
    statement = select(PptxImport).where(PptxImport.course_id == course.id)
    if lesson_id is not None:
        statement = statement.where(PptxImport.lesson_id == lesson_id)
    return list(session.scalars(statement.order_by(PptxImport.created_at.desc()).limit(limit)))
