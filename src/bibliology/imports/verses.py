"""Which slide paragraphs are Scripture: a quotation followed by its reference, or a reference alone.

Accepted shapes (English and French references alike, through `bibliology.bible.find_references`):

- a lone reference, possibly several: "Jean 3,16", "Ps 23; Jn 10:11", "John 3:16 (KJV)";
- wording, a dash, the reference: "Love, joy, peace — Galatians 5:22";
- quoted wording, then the reference (in brackets or not): "« Car Dieu… » (Jean 3,16)";
- an attribution line ("— Galatians 5:22") under a paragraph of wording: see `attribution`.

Prose that merely cites a passage ("Read Galatians 5:22 today") stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from bibliology.bible import Reference, find_references

DASHES = "—–―‒-~"
OPENING_QUOTES = "«“„‘\"'"
CLOSING_QUOTES = "»”“’\"'"
# After the last reference: an optional translation abbreviation ("(KJV)", ", LSG"), then closing
# punctuation only.
_TAIL = re.compile(r"\s*[)\]]?\s*(?:[,(\[]?\s*(?P<translation>[A-Z][A-Z0-9]{1,9})\s*[)\]]?)?[\s.;:)\]]*")
_SEPARATORS = re.compile(r"[\s,;.()\[\]" + re.escape(DASHES) + r"]*")


@dataclass(frozen=True)
class VerseMatch:
    reference: Reference
    # The wording on the slide; None when the paragraph is only the reference.
    quote: str | None
    translation: str | None = None
    # The paragraph as written (whitespace collapsed): a lone reference's text in the block.
    written: str = ""


def detect(text: str) -> VerseMatch | None:
    """The paragraph as a verse block, or None when it is not Scripture quoted or cited alone."""
    text = " ".join(text.split())
    found = find_references(text)
    if not found:
        return None
    start, end, last = found[-1]
    tail = _TAIL.fullmatch(text, end)
    if tail is None:
        return None
    translation = tail.group("translation")
    if _only_references(text[: found[0][0]], found, text):
        return VerseMatch(_merged(found), None, translation, text)
    head = text[:start].rstrip()
    quote = _quotation(head)
    if quote is None:
        return None
    return VerseMatch(last, quote, translation, text)


def attribution(text: str) -> VerseMatch | None:
    """A line that only attributes the paragraph above it: a dash, then a lone reference."""
    text = text.strip()
    if not text or text[0] not in DASHES:
        return None
    match = detect(text.lstrip(DASHES + " "))
    return match if match is not None and match.quote is None else None


def _only_references(prefix: str, found: list[tuple[int, int, Reference]], text: str) -> bool:
    """Nothing but separators before, between and after the references (up to the tail)."""
    gaps = [prefix] + [text[a_end:b_start] for (_, a_end, _), (b_start, _, _) in pairwise(found)]
    return all(_SEPARATORS.fullmatch(gap) for gap in gaps)


def _merged(found: list[tuple[int, int, Reference]]) -> Reference:
    return Reference(tuple(passage for _, _, reference in found for passage in reference.passages))


def unquote(text: str) -> str:
    """The wording without the quotation marks around it."""
    text = text.strip()
    if len(text) >= 2 and text[0] in OPENING_QUOTES and text.rstrip(".")[-1] in CLOSING_QUOTES:
        text = text[1:].rstrip(".").rstrip()[:-1]
    return text.strip()


def _quotation(head: str) -> str | None:
    """The wording before a reference, when the paragraph is shaped as a citation; else None."""
    bracketed = head.endswith(("(", "["))
    if bracketed:
        head = head[:-1].rstrip()
    dashed = bool(head) and head[-1] in DASHES and (len(head) == 1 or head[-2] == " " or head[-1] != "-")
    if dashed:
        head = head[:-1].rstrip()
    quoted = bool(head) and (
        head[-1] in CLOSING_QUOTES or head.endswith(tuple(f"{q}." for q in CLOSING_QUOTES))
    )
    if not (dashed or quoted):
        return None
    return unquote(head.rstrip(",:")) or None
