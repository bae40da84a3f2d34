"""Bible books and references: parse, normalise (OSIS) and format in English and French."""

from bibliology.bible.books import BOOKS, BOOKS_BY_OSIS, Book
from bibliology.bible.references import (
    InvalidReference,
    Passage,
    Reference,
    VerseRef,
    find_references,
    format_reference,
    parse_osis,
    parse_reference,
)

__all__ = [
    "BOOKS",
    "BOOKS_BY_OSIS",
    "Book",
    "InvalidReference",
    "Passage",
    "Reference",
    "VerseRef",
    "find_references",
    "format_reference",
    "parse_osis",
    "parse_reference",
]
