"""A student's private notes on slides. A note belongs to its slide by id (slide_index, the design's
column, is kept in step when slides move: hooks.slides_changed); a deleted slide leaves the note on
its lesson with its last position. Notes are their author's alone: anyone else, admins included,
is answered "not found"."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.errors import NotFound
from bibliology.pagination import Page, PageParams
from bibliology.policy import Actor, Denied, require_login
from bibliology.progress.models import StudentNote
from bibliology.progress.schemas import NoteRead
from bibliology.progress.service import slide_position, visible_lesson


def create(session: Session, *, actor: Actor, lesson_id: str, slide_id: str, note_text: str) -> NoteRead:
    student_id = require_login(actor)
    visible_lesson(session, actor=actor, lesson_id=lesson_id)
    index = slide_position(session, lesson_id=lesson_id, slide_id=slide_id)
    note = StudentNote(
        student_id=student_id, lesson_id=lesson_id, slide_id=slide_id, slide_index=index, note_text=note_text
    )
    session.add(note)
    session.flush()
    return NoteRead.model_validate(note)


def _own(session: Session, *, actor: Actor, note_id: str) -> StudentNote:
    student_id = require_login(actor)
    note = session.get(StudentNote, note_id, populate_existing=True, with_for_update=True)
    if note is None:
        raise NotFound("no such note")
    if note.student_id != student_id:
        raise Denied("no such note")
    return note


def update(
    session: Session, *, actor: Actor, note_id: str, note_text: str | None = None, slide_id: str | None = None
) -> NoteRead:
    """Edit the text and/or move the note to another slide of its lesson."""
    note = _own(session, actor=actor, note_id=note_id)
    if slide_id is not None and slide_id != note.slide_id:
        note.slide_index = slide_position(session, lesson_id=note.lesson_id, slide_id=slide_id)
        note.slide_id = slide_id
    if note_text is not None:
        note.note_text = note_text
    session.flush()
    session.refresh(note, ["updated_at"])
    return NoteRead.model_validate(note)


def delete(session: Session, *, actor: Actor, note_id: str) -> None:
    session.delete(_own(session, actor=actor, note_id=note_id))
    session.flush()


def list_for_lesson(session: Session, *, actor: Actor, lesson_id: str, pages: PageParams) -> Page[NoteRead]:
    """The actor's notes on a lesson in slide order (notes of deleted slides last), oldest first."""
    student_id = require_login(actor)
    visible_lesson(session, actor=actor, lesson_id=lesson_id)
    mine = (StudentNote.student_id == student_id, StudentNote.lesson_id == lesson_id)
    total = session.scalar(select(func.count()).where(*mine)) or 0
    notes = session.scalars(
        select(StudentNote)
        .where(*mine)
        .order_by(
            StudentNote.slide_id.is_(None), StudentNote.slide_index, StudentNote.created_at, StudentNote.id
        )
        .limit(pages.page_size)
        .offset(pages.offset)
        .execution_options(populate_existing=True)
    ).all()
    return Page.of([NoteRead.model_validate(note) for note in notes], total, pages)
