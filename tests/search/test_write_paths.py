"""Every write path keeps the search index in its own transaction: the authoring services (course,
lesson, slide, block), translation edits (French fields alone), deletes and the PowerPoint import."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses import service as courses
from bibliology.courses.models import Course
from bibliology.courses.schemas import CourseUpdate
from bibliology.enums import ContentBlockType, LessonStatus
from bibliology.lessons import blocks, slides
from bibliology.lessons import service as lessons
from bibliology.lessons.models import ContentBlock, Lesson
from bibliology.lessons.schemas import BlockCreate, BlockUpdate, LessonUpdate, SlideUpdate
from bibliology.policy import Actor
from bibliology.search.models import SearchDocument, SearchPassage
from tests.factories import make_course, make_lesson, make_slide, make_teacher
from tests.imports import decks
from tests.imports.conftest import import_deck
from tests.search.support import ids
from tests.support import SavepointTransactions


def _owner(session: Session) -> tuple[Actor, Course]:
    teacher = make_teacher(session)
    course = make_course(session, teacher=teacher, status=LessonStatus.PUBLISHED)
    return Actor(teacher.id, teacher.role), course


def test_block_create_update_delete(session: Session) -> None:
    actor, course = _owner(session)
    lesson = make_lesson(session, course=course, status=LessonStatus.PUBLISHED)
    slide = make_slide(session, lesson=lesson)
    block = blocks.create(
        session,
        actor=actor,
        slide_id=slide.id,
        data=BlockCreate(block_type="TEXT", content_en={"text": "Zerubbabel"}),
    )
    assert lesson.id in ids(session, "zerubbabel", lang="en")
    blocks.update(session, actor=actor, block_id=block.id, data=BlockUpdate(content_en={"text": "Nehemiah"}))
    assert lesson.id not in ids(session, "zerubbabel", lang="en")
    assert lesson.id in ids(session, "nehemiah", lang="en")
    blocks.delete(session, actor=actor, block_id=block.id)
    assert lesson.id not in ids(session, "nehemiah", lang="en")


def test_translation_edit_of_a_block_updates_the_french_document(session: Session) -> None:
    actor, course = _owner(session)
    lesson = make_lesson(session, course=course, status=LessonStatus.PUBLISHED)
    slide = make_slide(session, lesson=lesson)
    block = blocks.create(
        session,
        actor=actor,
        slide_id=slide.id,
        data=BlockCreate(block_type="TEXT", content_en={"text": "Mercy"}),
    )
    assert lesson.id not in ids(session, "misericorde")
    blocks.update(
        session, actor=actor, block_id=block.id, data=BlockUpdate(content_fr={"text": "Miséricorde"})
    )
    assert lesson.id in ids(session, "misericorde")


def test_slide_title_and_lesson_fields(session: Session) -> None:
    actor, course = _owner(session)
    lesson = make_lesson(session, course=course, status=LessonStatus.PUBLISHED)
    slide = make_slide(session, lesson=lesson)
    slides.update(session, actor=actor, slide_id=slide.id, data=SlideUpdate(title_fr="Le sabbat"))
    assert lesson.id in ids(session, "sabbat")
    lessons.update(
        session,
        actor=actor,
        lesson_id=lesson.id,
        data=LessonUpdate(description_en="Pentecost", description_fr="La pentecôte"),
    )
    assert lesson.id in ids(session, "pentecote")
    lessons.update(session, actor=actor, lesson_id=lesson.id, data=LessonUpdate(title_en="Jubilee year"))
    assert lesson.id in ids(session, "jubilee", lang="en")
    slides.delete(session, actor=actor, slide_id=slide.id)
    assert lesson.id not in ids(session, "sabbat")


def test_course_update_and_cascade(session: Session) -> None:
    actor, course = _owner(session)
    courses.update(
        session, actor=actor, course_id=course.id, data=CourseUpdate(title_fr="Les prophètes mineurs")
    )
    assert course.id in ids(session, "prophetes")
    lesson = make_lesson(session, course=course, status=LessonStatus.PUBLISHED)
    session.delete(session.get_one(Lesson, lesson.id))
    session.flush()
    assert session.scalars(select(SearchDocument).where(SearchDocument.entity_id == lesson.id)).all() == []


def test_verse_block_reference_is_indexed_and_follows_edits(session: Session) -> None:
    actor, course = _owner(session)
    lesson = make_lesson(session, course=course, status=LessonStatus.PUBLISHED)
    slide = make_slide(session, lesson=lesson)
    block = blocks.create(
        session,
        actor=actor,
        slide_id=slide.id,
        data=BlockCreate(block_type="VERSE", content_en={"reference": "Rom 8:28-39", "text": "And we know…"}),
    )
    assert lesson.id in ids(session, "Romains 8,31")
    blocks.update(
        session,
        actor=actor,
        block_id=block.id,
        data=BlockUpdate(content_en={"reference": "Ps 23", "text": "The LORD is my shepherd"}),
    )
    assert lesson.id not in ids(session, "Romains 8,31")
    assert lesson.id in ids(session, "Psaume 23:4")
    passages = session.scalars(select(SearchPassage).where(SearchPassage.block_id == block.id)).all()
    assert len(passages) == 1


def test_pptx_import_indexes_its_lesson(session: Session) -> None:
    teacher = make_teacher(session)
    course = make_course(session, teacher=teacher, status=LessonStatus.PUBLISHED)
    actor = Actor(teacher.id, session.get_one(User, teacher.id).role)
    outcome = import_deck(
        SavepointTransactions(session),
        actor=actor,
        course=course,
        data=decks.build_study("en"),
        filename="f.pptx",
    )
    assert outcome.lesson_id is not None
    documents = session.scalars(
        select(SearchDocument).where(SearchDocument.lesson_id == outcome.lesson_id)
    ).all()
    assert {d.lang for d in documents} == {"en", "fr"}
    assert "galatians" in " ".join(str(d.document) for d in documents) or any(
        "Galatians" in (d.body or "") for d in documents
    )
    verse_blocks = session.scalars(
        select(ContentBlock.id).where(ContentBlock.block_type == ContentBlockType.VERSE)
    ).all()
    if verse_blocks:
        assert session.scalars(
            select(SearchPassage).where(SearchPassage.lesson_id == outcome.lesson_id)
        ).all()
