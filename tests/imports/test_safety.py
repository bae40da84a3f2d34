"""Hostile and wrong files are refused before python-pptx opens them, each with its own message,
and leave nothing behind: no import, no job, no lesson, no media row or file."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.imports import runner
from bibliology.imports.models import PptxImport
from bibliology.imports.report import ImportReport
from bibliology.imports.safety import DeckRefused, Limits, check_deck
from bibliology.lessons.models import Lesson
from bibliology.media.models import MediaFile
from bibliology.policy import Actor
from tests.imports import decks
from tests.imports.conftest import import_deck, stored_files
from tests.support import SavepointTransactions

HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "zip bomb": (
        decks.zip_bomb,
        "zip-bomb",
        "The entry 'ppt/media/bomb.bin' expands 1,029 times (203,842 → 209,715,200 bytes): this looks like a zip bomb.",
    ),
    "20,000 entries": (
        decks.many_entries,
        "too-many-entries",
        "The archive holds 20,044 entries; a deck may hold at most 2,000.",
    ),
    "XXE": (
        decks.xxe_deck,
        "xml-entities",
        "The part 'ppt/slides/slide1.xml' declares a DOCTYPE or XML entities, which decks never contain "
        "(an XML external-entity attack?); the file is refused.",
    ),
    "renamed .docx": (
        decks.docx,
        "not-pptx",
        "This is a Word document (.docx), not a PowerPoint presentation.",
    ),
    "empty file": (lambda: b"", "empty", "The file is empty."),
    "no slides": (decks.empty_deck, "no-slides", "The deck has no slides: there is nothing to import."),
    "encrypted": (
        lambda: decks.ole_file("EncryptedPackage"),
        "encrypted",
        "This deck is password-protected (encrypted). Remove the password in PowerPoint "
        "(File › Info › Protect Presentation) and upload it again.",
    ),
    "legacy .ppt": (
        lambda: decks.ole_file("PowerPoint Document"),
        "legacy-ppt",
        "This is a PowerPoint 97–2003 .ppt file. Save it as .pptx in PowerPoint and upload that.",
    ),
    "not a zip": (
        lambda: b"plain text, renamed to .pptx",
        "not-pptx",
        "This file is not a PowerPoint .pptx deck (it is not a zip archive).",
    ),
}


def leftovers(session: Session, media_root: Path) -> dict[str, Any]:
    def count(model: type[Any]) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    jobs = session.scalar(text("SELECT count(*) FROM procrastinate_jobs"))
    return {
        "imports": count(PptxImport),
        "lessons": count(Lesson),
        "media": count(MediaFile),
        "jobs": jobs,
        "files": stored_files(media_root),
    }


NOTHING = {"imports": 0, "lessons": 0, "media": 0, "jobs": 0, "files": []}


@pytest.mark.parametrize("name", HOSTILE)
def test_each_bad_file_is_refused_with_its_own_message_and_leaves_nothing(
    name: str,
    session: Session,
    transactions: SavepointTransactions,
    course: Course,
    teacher_actor: Actor,
    media_root: Path,
) -> None:
    build, code, message = HOSTILE[name]
    with pytest.raises(DeckRefused) as refused:
        import_deck(transactions, actor=teacher_actor, course=course, data=build())
    assert (refused.value.code, refused.value.detail) == (code, message)
    assert refused.value.status == 422
    assert refused.value.fields == [{"field": "file", "message": message}]
    assert leftovers(session, media_root) == NOTHING


def test_the_messages_are_all_different() -> None:
    messages = [message for _, _, message in HOSTILE.values()]
    assert len(set(messages)) == len(messages)


def test_python_pptx_never_sees_a_refused_deck(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_open(data: bytes) -> Any:
        raise AssertionError("python-pptx was handed a refused deck")

    monkeypatch.setattr(runner, "read_deck", must_not_open)
    report = ImportReport(filename="bomb.pptx", language="en")
    with pytest.raises(DeckRefused, match="zip bomb"):
        runner.build_plan(
            decks.zip_bomb(), filename="bomb.pptx", language="en", report=report, progress=_Quiet()
        )


class _Quiet:
    def start(self, task: str, total: int) -> None:
        return None

    def advance(self, units: int = 1) -> None:
        return None


def test_oversized_and_expanding_decks_are_refused_by_the_limits() -> None:
    deck = decks.build_slides(2)
    with pytest.raises(DeckRefused) as refused:
        check_deck(deck, limits=Limits(upload_bytes=len(deck) - 1))
    assert refused.value.code == "too-large"
    with pytest.raises(DeckRefused) as refused:
        check_deck(deck, limits=Limits(uncompressed_bytes=10_000))
    assert refused.value.code == "too-large-uncompressed"
    with pytest.raises(DeckRefused) as refused:
        check_deck(deck, limits=Limits(slides=1))
    assert (refused.value.code, refused.value.detail) == (
        "too-many-slides",
        "The deck has 2 slides; split it into lessons of at most 1 slides.",
    )
    assert check_deck(deck).slide_count == 2


def test_damaged_xml_a_show_file_and_a_pdf_are_refused() -> None:
    deck = decks.build_slides(1)
    broken = decks.rezip(deck, replace={"ppt/slides/slide1.xml": b"<p:sld><unclosed></p:sld>"})
    with pytest.raises(DeckRefused) as refused:
        check_deck(broken)
    assert refused.value.code == "xml-malformed"
    assert "'ppt/slides/slide1.xml' is not well-formed XML" in refused.value.detail

    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        types = archive.read("[Content_Types].xml")
    show = decks.rezip(
        deck, replace={"[Content_Types].xml": types.replace(b"presentation.main+xml", b"slideshow.main+xml")}
    )
    with pytest.raises(DeckRefused) as refused:
        check_deck(show)
    assert (refused.value.code, refused.value.detail) == (
        "pptx-variant",
        "This is a PowerPoint show (.ppsx), not a PowerPoint presentation. "
        "Open it in PowerPoint and save it as a .pptx presentation.",
    )

    with pytest.raises(DeckRefused) as refused:
        check_deck(b"%PDF-1.7 ...")
    assert refused.value.code == "not-pptx"
    assert refused.value.detail.startswith("This is a PDF")


def test_an_svg_with_entities_inside_a_deck_is_refused_too() -> None:
    svg = decks.XXE.replace(b"p:sld", b"svg") + b'<svg xmlns="http://www.w3.org/2000/svg">&xxe;</svg>'
    deck = decks.rezip(decks.build_slides(1), add={"ppt/media/picture.svg.bin": svg})
    with pytest.raises(DeckRefused) as refused:
        check_deck(deck)
    assert refused.value.code == "xml-entities"


def test_the_entry_count_is_read_before_the_archive_is_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("zipfile parsed the whole directory of an oversized archive")

    data = decks.many_entries()
    monkeypatch.setattr(zipfile, "ZipFile", must_not_open)
    with pytest.raises(DeckRefused, match="20,044 entries"):
        check_deck(data)
