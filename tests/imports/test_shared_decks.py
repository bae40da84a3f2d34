"""Every deck of the shared collection (shared/data/pptx, 47 real decks; BIBLIOLOGY_SHARED_DIR says
where shared is): decks with slides import into a lesson with as many slides (warnings allowed);
decks without slides are refused, saying so. Then what the known decks hold, checked.

These tests skip, naming what is missing, without the collection (failing under
BIBLIOLOGY_STRICT_SKIPS=1, as in CI); the behaviour they check is also covered by decks the suite
builds itself (test_built_decks.py, test_study_deck.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.enums import ContentBlockType, SlideLayout
from bibliology.imports.models import PptxImport
from bibliology.imports.safety import DeckRefused
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.media.models import MediaFile
from bibliology.policy import Actor
from tests.imports.conftest import import_deck
from tests.support import (
    SHARED_DECKS,
    Missing,
    SavepointTransactions,
    params_or_missing,
    present,
    shared,
    shared_missing_reason,
)

COLLECTION = "the shared deck collection (data/pptx)"
DECKS = sorted(SHARED_DECKS.glob("*.pptx"))


def deck_id(path: Path) -> str:
    return path.stem.removeprefix("features_steps_test_files_")


def shared_deck(name: str) -> bytes:
    shared(SHARED_DECKS, COLLECTION)
    return shared(SHARED_DECKS / name, f"the shared deck {name}").read_bytes()


def slides_of(session: Session, lesson_id: str) -> list[Slide]:
    return list(
        session.scalars(select(Slide).where(Slide.lesson_id == lesson_id).order_by(Slide.slide_order))
    )


def blocks_of(session: Session, slide: Slide) -> list[ContentBlock]:
    return list(
        session.scalars(
            select(ContentBlock).where(ContentBlock.slide_id == slide.id).order_by(ContentBlock.block_order)
        )
    )


def test_the_shared_decks_are_there() -> None:
    shared(SHARED_DECKS, COLLECTION)
    assert len(DECKS) >= 40, f"expected the 47 shared decks in {SHARED_DECKS}, found {len(DECKS)}"


@pytest.mark.parametrize(
    "deck", params_or_missing(DECKS, reason=shared_missing_reason(COLLECTION, SHARED_DECKS), ids=deck_id)
)
def test_every_shared_deck_imports_or_is_refused_for_having_no_slides(
    deck: Path | Missing,
    session: Session,
    transactions: SavepointTransactions,
    course: Course,
    teacher_actor: Actor,
) -> None:
    path = present(deck)
    expected = len(Presentation(str(path)).slides)
    data = path.read_bytes()
    if expected == 0:
        with pytest.raises(DeckRefused) as refused:
            import_deck(transactions, actor=teacher_actor, course=course, data=data, filename=path.name)
        assert refused.value.code == "no-slides"
        assert refused.value.detail == "The deck has no slides: there is nothing to import."
        assert session.scalar(select(func.count()).select_from(PptxImport)) == 0
        return
    outcome = import_deck(transactions, actor=teacher_actor, course=course, data=data, filename=path.name)
    assert outcome.status == "succeeded", outcome.error
    assert outcome.lesson_id is not None
    lesson = session.get_one(Lesson, outcome.lesson_id)
    assert (lesson.imported_from_pptx, lesson.original_filename) == (True, path.name)
    assert lesson.import_date is not None
    assert len(slides_of(session, lesson.id)) == expected
    assert outcome.report is not None
    assert [slide["number"] for slide in outcome.report["slides"]] == list(range(1, expected + 1))


def test_a_deck_with_pictures_a_table_and_a_group(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    data = shared_deck("tests_test_files_test_slides.pptx")
    outcome = import_deck(transactions, actor=teacher_actor, course=course, data=data)
    assert outcome.lesson_id is not None
    (slide,) = slides_of(session, outcome.lesson_id)
    blocks = blocks_of(session, slide)
    images = [b.content_en for b in blocks if b.block_type == ContentBlockType.IMAGE]
    assert [image["alt"] for image in images] == ["python-logo.gif", "python-icon.jpeg"]
    assert all(image["url"].startswith("/media/") for image in images)
    assert session.scalar(select(func.count()).select_from(MediaFile)) == 2
    texts = [b.content_en["text"] for b in blocks if b.block_type == ContentBlockType.TEXT]
    # Text boxes, the group's text box and boxes, then the table (cells labelled by their column).
    assert texts == [
        "Test text",
        "Group test text",
        "Box 1",
        "Box 2",
        "**Col head 1:** Cell text 1 — **Col head 2:** Cell text 2",
    ]
    assert outcome.report is not None
    skipped = {entry["what"]: entry["why"] for entry in outcome.report["slides"][0]["skipped"]}
    assert skipped["Title 1"] == "an empty placeholder"
    assert skipped["Straight Arrow Connector 14"] == "a drawing without text"


def test_titles_subtitles_notes_and_layouts(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    data = shared_deck("features_steps_test_files_ph-inherit-props.pptx")
    outcome = import_deck(transactions, actor=teacher_actor, course=course, data=data)
    assert outcome.lesson_id is not None
    first, second = slides_of(session, outcome.lesson_id)
    assert (first.title_en, first.notes_en, first.layout) == (
        "Title Text",
        "Notes in inherited position and size.",
        SlideLayout.CONTENT,
    )
    assert [b.content_en for b in blocks_of(session, first)] == [{"text": "Body Text"}]
    assert (second.title_en, second.notes_en, second.layout) == (
        None,
        "Notes in modified position and size.",
        SlideLayout.BLANK,
    )
    lesson = session.get_one(Lesson, outcome.lesson_id)
    assert lesson.title_en == "Title Text"

    data = shared_deck("tests_test_files_no-core-props.pptx")
    outcome = import_deck(transactions, actor=teacher_actor, course=course, data=data)
    assert outcome.lesson_id is not None
    (slide,) = slides_of(session, outcome.lesson_id)
    assert (slide.title_en, slide.layout) == ("Minimal Deck", SlideLayout.TITLE)
    assert [b.content_en for b in blocks_of(session, slide)] == [
        {"text": "Single slide, “White” template", "level": 2}
    ]


def test_smartart_becomes_a_list_and_charts_a_note(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    data = shared_deck("features_steps_test_files_shp-shapes.pptx")
    outcome = import_deck(transactions, actor=teacher_actor, course=course, data=data)
    assert outcome.lesson_id is not None
    first = slides_of(session, outcome.lesson_id)[0]
    blocks = blocks_of(session, first)
    assert first.title_en == "shapes[0]"
    assert [b.block_type for b in blocks] == [
        ContentBlockType.LIST, ContentBlockType.IMAGE, ContentBlockType.TEXT, ContentBlockType.CALLOUT, ContentBlockType.LIST,
    ]  # fmt: skip
    assert blocks[3].content_en == {"variant": "warning", "text": "Chart: shapes\\[4\\] (not imported)"}
    assert blocks[4].content_en == {
        "style": "bullet",
        "items": [{"text": "shapes\\[5\\]"}, {"text": "Smart Art"}],
    }
    assert outcome.report is not None
    assert (
        "the SmartArt diagram “Diagram 7” was imported as a list of its texts"
        in outcome.report["slides"][0]["warnings"]
    )


def test_an_ole_object_is_reported_and_noted(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    data = shared_deck("features_steps_test_files_shp-access-ole-object.pptx")
    outcome = import_deck(transactions, actor=teacher_actor, course=course, data=data)
    assert outcome.lesson_id is not None
    (slide,) = slides_of(session, outcome.lesson_id)
    assert [b.content_en for b in blocks_of(session, slide)] == [
        {"variant": "warning", "text": "Embedded object: Excel.Sheet.12 (not imported)"}
    ]
    assert outcome.report is not None
    assert outcome.report["slides"][0]["skipped"] == [
        {"what": "Object 1", "why": "embedded (OLE) object not imported: a note takes its place on the slide"}
    ]
