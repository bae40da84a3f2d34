"""A deck built here with python-pptx, and its French twin: text, nesting, formatting, Scripture,
pictures, notes, unsupported objects, then the French side filled block by block."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.content import render_html
from bibliology.courses.models import Course
from bibliology.enums import ContentBlockType, LessonStatus, SlideLayout
from bibliology.imports.models import PptxImport
from bibliology.imports.runner import ImportFailed, run_import
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.media.models import MediaFile
from bibliology.policy import Actor
from bibliology.translations.models import TranslationRevision
from tests.imports import decks
from tests.imports.conftest import import_deck, stored_files
from tests.support import SavepointTransactions

T = ContentBlockType


def lesson_tree(session: Session, lesson_id: str) -> list[tuple[Slide, list[ContentBlock]]]:
    slides = session.scalars(select(Slide).where(Slide.lesson_id == lesson_id).order_by(Slide.slide_order))
    return [
        (
            slide,
            list(
                session.scalars(
                    select(ContentBlock)
                    .where(ContentBlock.slide_id == slide.id)
                    .order_by(ContentBlock.block_order)
                )
            ),
        )
        for slide in slides
    ]


def count(session: Session, model: type[Any]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def english(
    session: Session, transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> Lesson:
    outcome = import_deck(
        transactions, actor=teacher_actor, course=course, data=decks.build_study("en"), filename="fruit.pptx"
    )
    assert outcome.status == "succeeded"
    assert outcome.lesson_id is not None
    return session.get_one(Lesson, outcome.lesson_id)


def test_the_english_deck_becomes_a_draft_lesson(session: Session, english: Lesson, media_root: Path) -> None:
    assert english.status == LessonStatus.DRAFT
    assert english.title_en == "The Fruit of the Spirit"
    assert (english.imported_from_pptx, english.original_filename) == (True, "fruit.pptx")
    tree = lesson_tree(session, english.id)
    assert len(tree) == decks.SLIDE_COUNT
    assert [slide.layout for slide, _ in tree] == [
        SlideLayout.TITLE, SlideLayout.CONTENT, SlideLayout.CONTENT, SlideLayout.CONTENT,
        SlideLayout.TWO_COLUMN, SlideLayout.CONTENT, SlideLayout.BLANK, SlideLayout.IMAGE_FOCUS,
    ]  # fmt: skip
    assert [slide.title_en for slide, _ in tree][:6] == [
        "The Fruit of the Spirit", "Nine qualities", "Key verse", "Read more", "Words", "Media",
    ]  # fmt: skip
    assert [slide.notes_en for slide, _ in tree][:3] == [
        "Welcome the class and pray.",
        "Ask the class for examples.",
        None,
    ]
    assert all(slide.title_fr is None and slide.notes_fr is None for slide, _ in tree)
    assert all(block.content_fr is None for _, blocks in tree for block in blocks)


def test_bullet_levels_become_nested_items_with_their_formatting(session: Session, english: Lesson) -> None:
    (_, blocks) = lesson_tree(session, english.id)[1]
    assert [b.block_type for b in blocks] == [T.LIST]
    assert blocks[0].content_en == {
        "style": "bullet",
        "items": [
            {
                "text": "**Love**",
                "children": [{"text": "Agape in Greek", "children": [{"text": "Self-giving"}]}],
            },
            {"text": "Joy"},
            {"text": "*Peace*"},
        ],
    }


def test_scripture_paragraphs_become_verse_blocks(session: Session, english: Lesson) -> None:
    (_, blocks) = lesson_tree(session, english.id)[2]
    assert [(b.block_type, b.content_en) for b in blocks] == [
        (T.VERSE, {"reference": "Gal.5.22", "text": "But the fruit of the Spirit is love, joy, peace…"}),
        (T.VERSE, {"reference": "John.3.16", "text": "John 3:16"}),
        (T.VERSE, {"reference": "1Cor.13.4", "text": "Love is patient, love is kind"}),
    ]


def test_links_are_kept_and_user_text_is_escaped(session: Session, english: Lesson) -> None:
    (_, blocks) = lesson_tree(session, english.id)[3]
    link, tricky = (b.content_en["text"] for b in blocks)
    assert link == f"Read it on [Bible Gateway]({decks.LINK})"
    assert f'<a href="{decks.LINK.replace("&", "&amp;")}"' in render_html(link)
    html = render_html(tricky)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "*these*" in html
    assert "<em>" not in html
    assert "<li>" not in html
    assert "- not a list item" in html


def test_a_table_and_a_picture_in_two_columns(session: Session, english: Lesson, media_root: Path) -> None:
    (_slide, blocks) = lesson_tree(session, english.id)[4]
    assert [b.block_type for b in blocks] == [T.LIST, T.LIST, T.IMAGE]
    assert blocks[1].content_en["items"] == [
        {"text": "**Greek:** agape — **Meaning:** love"},
        {"text": "**Greek:** chara — **Meaning:** joy"},
    ]
    image = blocks[2].content_en
    assert (image["alt"], image["width"], image["height"]) == ("Map of Galatia", 80, 60)
    media = session.scalar(
        select(MediaFile).where(MediaFile.storage_key == image["url"].removeprefix("/media/"))
    )
    assert media is not None
    assert media.content_type == "image/png"
    assert (media_root / media.storage_key).is_file()


def test_unsupported_objects_leave_a_note_and_a_report_entry(session: Session, english: Lesson) -> None:
    (_, blocks) = lesson_tree(session, english.id)[5]
    assert [b.content_en["text"] for b in blocks[:4]] == [
        "Chart: Growth (not imported)",
        "Video: movie.mp4 (not imported)",
        "Embedded object: Excel.Sheet.12 (not imported)",
        "Picture: Map of Galatia (WMF, kept as a file: convert it to PNG to show it)",
    ]
    assert blocks[4].content_en == {"text": "Grouped text"}  # inside a group shape
    record = session.scalar(select(PptxImport).where(PptxImport.lesson_id == english.id))
    assert record is not None
    assert record.report is not None
    report = record.report["slides"][5]
    assert [entry["what"] for entry in report["skipped"]] == ["Chart 2", "movie.mp4", "Object 4"]
    assert any("kept as a file at /media/" in warning for warning in report["warnings"])
    metafile = session.scalar(select(MediaFile).where(MediaFile.content_type == "application/octet-stream"))
    assert metafile is not None
    assert metafile.original_filename == "image.wmf"


def test_the_import_is_tracked_and_reported(session: Session, english: Lesson) -> None:
    record = session.scalar(select(PptxImport).where(PptxImport.lesson_id == english.id))
    assert record is not None
    assert (record.status, record.deck, record.slide_count) == ("succeeded", None, decks.SLIDE_COUNT)
    assert record.report is not None
    assert record.report["totals"]["slides"] == decks.SLIDE_COUNT
    assert record.report["totals"]["by_type"] == {
        "HEADING": 1,
        "LIST": 3,
        "VERSE": 3,
        "TEXT": 3,
        "IMAGE": 2,
        "CALLOUT": 4,
    }
    revisions = session.scalar(
        select(func.count()).select_from(TranslationRevision).where(TranslationRevision.language == "en")
    )
    assert revisions
    assert revisions > decks.SLIDE_COUNT


def test_importing_again_into_the_draft_replaces_its_content(
    session: Session,
    transactions: SavepointTransactions,
    course: Course,
    teacher_actor: Actor,
    english: Lesson,
) -> None:
    before = [
        (s.layout, s.title_en, [(b.block_type, b.content_en) for b in blocks])
        for s, blocks in lesson_tree(session, english.id)
    ]
    media_before = count(session, MediaFile)
    outcome = import_deck(
        transactions, actor=teacher_actor, course=course, data=decks.build_study("en"), lesson_id=english.id
    )
    assert outcome.lesson_id == english.id
    after = [
        (s.layout, s.title_en, [(b.block_type, b.content_en) for b in blocks])
        for s, blocks in lesson_tree(session, english.id)
    ]
    assert after == before
    assert count(session, Slide) == decks.SLIDE_COUNT
    assert count(session, MediaFile) == media_before  # pictures stored once per content


def test_running_a_finished_import_again_changes_nothing(
    session: Session, transactions: SavepointTransactions, english: Lesson
) -> None:
    record = session.scalar(select(PptxImport).where(PptxImport.lesson_id == english.id))
    assert record is not None
    blocks = count(session, ContentBlock)
    outcome = run_import(transactions, import_id=record.id)
    assert (outcome.status, outcome.lesson_id) == ("succeeded", english.id)
    assert count(session, ContentBlock) == blocks
    assert count(session, Lesson) == 1


def test_only_a_draft_lesson_is_replaced(
    session: Session,
    transactions: SavepointTransactions,
    course: Course,
    teacher_actor: Actor,
    english: Lesson,
) -> None:
    english.status = LessonStatus.PUBLISHED
    session.flush()
    with pytest.raises(Exception, match="only goes into a draft lesson"):
        import_deck(
            transactions, actor=teacher_actor, course=course, data=decks.build_study(), lesson_id=english.id
        )


# --------------------------------------------------------------------------- French


def test_the_french_deck_fills_the_french_side_block_by_block(
    session: Session,
    transactions: SavepointTransactions,
    course: Course,
    teacher_actor: Actor,
    english: Lesson,
) -> None:
    english_content = [[b.content_en for b in blocks] for _, blocks in lesson_tree(session, english.id)]
    outcome = import_deck(
        transactions,
        actor=teacher_actor,
        course=course,
        data=decks.build_study("fr"),
        lesson_id=english.id,
        language="fr",
    )
    assert (outcome.status, outcome.lesson_id) == ("succeeded", english.id)
    session.expire_all()
    tree = lesson_tree(session, english.id)
    assert [[b.content_en for b in blocks] for _, blocks in tree] == english_content  # English untouched
    assert session.get_one(Lesson, english.id).title_fr == "Le fruit de l’Esprit"
    assert [slide.title_fr for slide, _ in tree][:3] == [
        "Le fruit de l’Esprit",
        "Neuf qualités",
        "Verset clé",
    ]
    assert tree[0][0].notes_fr == "Accueillir le groupe et prier."
    assert tree[1][1][0].content_fr == {
        "style": "bullet",
        "items": [
            {
                "text": "**Amour**",
                "children": [{"text": "Agapè en grec", "children": [{"text": "Don de soi"}]}],
            },
            {"text": "Joie"},
            {"text": "*Paix*"},
        ],
    }
    assert [b.content_fr for b in tree[2][1]] == [
        {"reference": "Gal.5.22", "text": "Mais le fruit de l’Esprit, c’est l’amour, la joie, la paix…"},
        {"reference": "John.3.16", "text": "Jean 3,16"},
        {"reference": "1Cor.13.4", "text": "L’amour est patient, il est plein de bonté"},
    ]
    image = tree[4][1][2].content_fr
    assert image is not None
    assert image["alt"] == "Carte de la Galatie"
    assert image["url"].startswith("/media/")
    assert tree[5][1][0].content_fr == {"variant": "warning", "text": "Graphique : Croissance (non importé)"}
    assert all(b.content_fr is not None for _, blocks in tree for b in blocks)
    french_revisions = session.scalar(
        select(func.count()).select_from(TranslationRevision).where(TranslationRevision.language == "fr")
    )
    assert french_revisions
    assert french_revisions > decks.SLIDE_COUNT


@pytest.mark.parametrize(
    ("deck", "problem"),
    [
        (lambda: decks.build_study("fr", drop_last_slide=True), "the lesson has 8 slides, the French deck 7"),
        (
            lambda: decks.build_study("fr", extra_block_on=1),
            "slide 2: the lesson has 1 block (LIST), the French deck 2 blocks (LIST, TEXT)",
        ),
        (
            lambda: decks.rezip(
                decks.build_study("fr"),
                replace={
                    "ppt/slides/slide3.xml": decks.slide_xml(decks.build_study("fr"), 3).replace(
                        b"Jean 3,16", b"Jean 3,17"
                    )
                },
            ),
            "slide 3, block 2 (VERSE): content_fr.reference: must be the same as in content_en ('John.3.16')",
        ),
    ],
    ids=["slide-count", "block-count", "verse-reference"],
)
def test_a_french_deck_that_does_not_match_writes_nothing(
    session: Session,
    transactions: SavepointTransactions,
    course: Course,
    teacher_actor: Actor,
    english: Lesson,
    media_root: Path,
    deck: Any,
    problem: str,
) -> None:
    files_before, media_before = stored_files(media_root), count(session, MediaFile)
    with pytest.raises(ImportFailed) as failed:
        import_deck(
            transactions, actor=teacher_actor, course=course, data=deck(), lesson_id=english.id, language="fr"
        )
    outcome = failed.value.outcome
    assert outcome.status == "failed"
    assert outcome.report is not None
    assert problem in outcome.report["problems"]
    assert "does not match the lesson" in (outcome.error or "")
    session.expire_all()
    tree = lesson_tree(session, english.id)
    assert all(slide.title_fr is None for slide, _ in tree)
    assert all(b.content_fr is None for _, blocks in tree for b in blocks)
    assert session.get_one(Lesson, english.id).title_fr is None
    assert (stored_files(media_root), count(session, MediaFile)) == (files_before, media_before)


def test_a_french_deck_needs_a_lesson(
    transactions: SavepointTransactions, course: Course, teacher_actor: Actor
) -> None:
    with pytest.raises(Exception, match="name the lesson"):
        import_deck(
            transactions, actor=teacher_actor, course=course, data=decks.build_study("fr"), language="fr"
        )
