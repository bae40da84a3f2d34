"""A student's private notes on slides."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bibliology.errors import Invalid, NotFound, Unauthorized
from bibliology.pagination import PageParams
from bibliology.policy import ANONYMOUS
from bibliology.progress import notes
from tests import factories as f
from tests.queries.support import actor, slide_ids


def test_create_edit_move_list_and_delete(session: Session) -> None:
    lesson = f.make_published_lesson(session, course=f.make_published_course(session, lessons=0), slides=3)
    first, second, third = slide_ids(session, lesson.id)
    me = actor(f.make_user(session))
    late = notes.create(session, actor=me, lesson_id=lesson.id, slide_id=third, note_text="  agape  ")
    early = notes.create(session, actor=me, lesson_id=lesson.id, slide_id=first, note_text="logos")
    assert (late.slide_index, early.slide_index) == (2, 0)
    edited = notes.update(session, actor=me, note_id=late.id, note_text="phileo")
    assert (edited.note_text, edited.slide_id) == ("phileo", third)
    moved = notes.update(session, actor=me, note_id=early.id, slide_id=second)
    assert (moved.slide_id, moved.slide_index, moved.note_text) == (second, 1, "logos")
    page = notes.list_for_lesson(session, actor=me, lesson_id=lesson.id, pages=PageParams())
    assert [(n.note_text, n.slide_index) for n in page.items] == [("logos", 1), ("phileo", 2)]
    assert page.total == 2
    notes.delete(session, actor=me, note_id=late.id)
    assert notes.list_for_lesson(session, actor=me, lesson_id=lesson.id, pages=PageParams()).total == 1
    with pytest.raises(Invalid):  # a slide of another lesson
        notes.update(session, actor=me, note_id=early.id, slide_id=f.make_slide(session).id)


def test_notes_are_their_authors_alone(session: Session) -> None:
    teacher = f.make_teacher(session)
    lesson = f.make_published_lesson(
        session, course=f.make_published_course(session, teacher=teacher, lessons=0)
    )
    author = actor(f.make_user(session))
    note = notes.create(
        session,
        actor=author,
        lesson_id=lesson.id,
        slide_id=slide_ids(session, lesson.id)[0],
        note_text="mine",
    )
    for other in (actor(f.make_user(session)), actor(teacher), actor(f.make_admin(session))):
        with pytest.raises(NotFound):
            notes.update(session, actor=other, note_id=note.id, note_text="theirs")
        with pytest.raises(NotFound):
            notes.delete(session, actor=other, note_id=note.id)
        assert (
            notes.list_for_lesson(session, actor=other, lesson_id=lesson.id, pages=PageParams()).items == []
        )
    with pytest.raises(Unauthorized):
        notes.list_for_lesson(session, actor=ANONYMOUS, lesson_id=lesson.id, pages=PageParams())
    with pytest.raises(NotFound):
        notes.update(session, actor=author, note_id="no-such-note", note_text="x")


def test_no_notes_on_a_lesson_the_student_cannot_see(session: Session) -> None:
    draft = f.make_lesson(session, course=f.make_published_course(session, lessons=0))
    slide = f.make_slide(session, lesson=draft)
    with pytest.raises(NotFound):
        notes.create(
            session, actor=actor(f.make_user(session)), lesson_id=draft.id, slide_id=slide.id, note_text="x"
        )
