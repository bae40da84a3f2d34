"""Verse ordinals in the KJV versification: Genesis 1:1 is 1, Revelation 22:21 is 31,102.

The same numbers fill the `bible_chapters` table (written by migration 0010_search), which the SQL
side uses to turn a VERSE block's OSIS reference into ranges; a test checks the two agree.
"""

from __future__ import annotations

from bibliology.bible.books import BOOKS, BOOKS_BY_OSIS
from bibliology.bible.references import Passage, Reference

__all__ = ["TOTAL_VERSES", "first_ordinal", "multirange", "ordinal", "passage_range", "position", "ranges"]


def _first_ordinals() -> dict[tuple[str, int], int]:
    out: dict[tuple[str, int], int] = {}
    n = 1
    for book in BOOKS:
        for chapter, count in enumerate(book.verses, start=1):
            out[(book.osis, chapter)] = n
            n += count
    return out


_FIRST = _first_ordinals()
TOTAL_VERSES = sum(sum(book.verses) for book in BOOKS)
_BY_ORDINAL = sorted((first, book, chapter) for (book, chapter), first in _FIRST.items())


def first_ordinal(book: str, chapter: int) -> int:
    return _FIRST[(book, chapter)]


def ordinal(book: str, chapter: int, verse: int) -> int:
    if not 1 <= verse <= BOOKS_BY_OSIS[book].verses[chapter - 1]:
        raise ValueError(f"{book} {chapter} has no verse {verse}")
    return _FIRST[(book, chapter)] + verse - 1


def position(number: int) -> tuple[str, int, int]:
    """(book, chapter, verse) of an ordinal."""
    if not 1 <= number <= TOTAL_VERSES:
        raise ValueError(f"no verse {number}")
    low, high = 0, len(_BY_ORDINAL) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if _BY_ORDINAL[middle][0] <= number:
            low = middle
        else:
            high = middle - 1
    first, book, chapter = _BY_ORDINAL[low]
    return book, chapter, number - first + 1


def passage_range(passage: Passage) -> tuple[int, int]:
    """First and last ordinal (inclusive); a chapter reference covers the whole chapter."""
    start, end = passage.start, passage.end
    book = BOOKS_BY_OSIS[end.book]
    low = _FIRST[(start.book, start.chapter)] + (start.verse or 1) - 1
    high = _FIRST[(end.book, end.chapter)] + (end.verse or book.verses[end.chapter - 1]) - 1
    return low, high


def ranges(reference: Reference) -> list[tuple[int, int]]:
    return [passage_range(p) for p in reference.passages]


def multirange(reference: Reference) -> str:
    """An int4multirange literal of the reference's passages."""
    return "{" + ",".join(f"[{low},{high}]" for low, high in ranges(reference)) + "}"
