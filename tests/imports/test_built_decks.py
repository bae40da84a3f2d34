"""Decks the suite builds with python-pptx, so a clone needs nothing beside it: pictures and their
captions, shapes in groups and tables, titles, subtitles and notes, SmartArt. (The shared deck
collection, when present, adds 47 real decks: test_shared_decks.py.)"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.enums import ContentBlockType, SlideLayout
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.media.models import MediaFile
from bibliology.policy import Actor
from tests.imports import decks
from tests.imports.conftest import import_deck
from tests.support import SavepointTransactions

T = ContentBlockType


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


def imported(
    transactions: SavepointTransactions, actor: Actor, course: Course, data: bytes, **options: Any
) -> tuple[str, dict[str, Any]]:
    outcome = import_deck(transactions, actor=actor, course=course, data=data, **options)
    assert outcome.status == "succeeded", outcome.error
    assert outcome.lesson_id is not None
    assert outcome.report is not None
    return outcome.lesson_id, outcome.report


def test_a_title_a_picture_and_its_caption_make_an_image_focus_slide(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    lesson_id, report = imported(transactions, teacher_actor, course, decks.build_picture_slides("en"))
    slides = slides_of(session, lesson_id)
    assert len(slides) == decks.PICTURE_SLIDE_COUNT
    t = decks.PICTURE_TEXTS["en"]
    below, above = slides[0], slides[1]
    for slide, caption in ((below, t["caption"]), (above, t["above"])):
        assert (slide.title_en, slide.layout) == (t["title"], SlideLayout.IMAGE_FOCUS)
        (image,) = blocks_of(session, slide)
        assert image.block_type == T.IMAGE
        assert image.content_en["caption"] == caption
        assert (image.content_en["alt"], image.content_en["width"]) == (t["alt"], 96)
        assert image.content_en["url"].startswith("/media/")
    assert report["slides"][0]["created"] == [f"IMAGE “{t['alt']}” with its caption"]
    assert report["slides"][0]["layout"] == "IMAGE_FOCUS"


def test_a_picture_among_other_blocks_keeps_its_layout(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    lesson_id, _ = imported(transactions, teacher_actor, course, decks.build_picture_slides("en"))
    shapes = [
        (slide.layout, [b.block_type for b in blocks_of(session, slide)])
        for slide in slides_of(session, lesson_id)[2:]
    ]
    assert shapes == [
        (SlideLayout.CONTENT, [T.IMAGE, T.TEXT, T.TEXT]),  # two texts: neither is the caption
        (SlideLayout.CONTENT, [T.LIST, T.IMAGE]),
        (SlideLayout.CONTENT, [T.IMAGE, T.IMAGE, T.TEXT]),  # whose caption would it be?
        (SlideLayout.TWO_COLUMN, [T.TEXT, T.IMAGE]),  # side by side, as the layout says
    ]


def test_the_french_deck_fills_the_captions(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    lesson_id, _ = imported(transactions, teacher_actor, course, decks.build_picture_slides("en"))
    imported(
        transactions,
        teacher_actor,
        course,
        decks.build_picture_slides("fr"),
        lesson_id=lesson_id,
        language="fr",
    )
    (image,) = blocks_of(session, slides_of(session, lesson_id)[0])
    t = decks.PICTURE_TEXTS
    assert image.content_fr is not None
    assert (image.content_en["caption"], image.content_fr["caption"]) == (
        t["en"]["caption"],
        t["fr"]["caption"],
    )
    assert image.content_fr["alt"] == t["fr"]["alt"]


def test_pictures_a_table_and_a_group(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    lesson_id, report = imported(transactions, teacher_actor, course, decks.build_shapes())
    (slide,) = slides_of(session, lesson_id)
    assert (slide.title_en, slide.layout) == (None, SlideLayout.CONTENT)
    blocks = blocks_of(session, slide)
    images = [b.content_en for b in blocks if b.block_type == T.IMAGE]
    assert [image["alt"] for image in images] == ["python-logo.gif", "Picture 2 of slide 1"]
    assert all(image["url"].startswith("/media/") for image in images)
    assert session.scalar(select(func.count()).select_from(MediaFile)) == 2
    texts = [b.content_en["text"] for b in blocks if b.block_type == T.TEXT]
    # The text box, the group's text box and boxes, then the table (cells labelled by their column).
    assert texts == [
        "Test text",
        "Group test text",
        "Box 1",
        "Box 2",
        "**Col head 1:** Cell text 1 — **Col head 2:** Cell text 2",
    ]
    (entry,) = report["slides"]
    assert {s["what"]: s["why"] for s in entry["skipped"]} == {
        "Title 1": "an empty placeholder",
        "Connector 9": "a drawing without text",
    }
    assert entry["warnings"] == ["“Picture 3” has no alternative text; “Picture 2 of slide 1” was used"]
    lesson = session.get_one(Lesson, lesson_id)
    assert lesson.title_en == "deck"  # no slide title, no title property: the file's name


def test_titles_subtitles_notes_and_layouts(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    lesson_id, _ = imported(transactions, teacher_actor, course, decks.build_titles(core_title="Ignored"))
    first, second, third = slides_of(session, lesson_id)
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
    assert blocks_of(session, second) == []
    assert (third.title_en, third.layout) == ("Minimal Deck", SlideLayout.TITLE)
    assert [b.content_en for b in blocks_of(session, third)] == [
        {"text": "Single slide, “White” template", "level": 2}
    ]
    assert session.get_one(Lesson, lesson_id).title_en == "Title Text"  # the first slide title wins


def test_an_untitled_deck_takes_its_title_property(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    data = decks.build_untitled(core_title="Romans, an overview")
    lesson_id, _ = imported(transactions, teacher_actor, course, data, filename="romans.pptx")
    assert session.get_one(Lesson, lesson_id).title_en == "Romans, an overview"


def test_smartart_becomes_a_list_of_its_texts(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    lesson_id, report = imported(transactions, teacher_actor, course, decks.build_smartart())
    (slide,) = slides_of(session, lesson_id)
    assert [b.content_en for b in blocks_of(session, slide)] == [
        {"style": "bullet", "items": [{"text": "shapes\\[5\\]"}, {"text": "Smart Art"}]}
    ]
    assert report["slides"][0]["warnings"] == [
        "the SmartArt diagram “Diagram 7” was imported as a list of its texts"
    ]
    assert session.scalar(select(func.count()).select_from(MediaFile)) == 0
