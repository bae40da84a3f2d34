"""Parse, normalise and format Bible references in English and French.

The normalised form is OSIS ("John.3.16-John.3.18;Ps.23"); see docs/bible-references.md for the
accepted syntax and the formatting style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bibliology.bible.books import ALIASES, BOOKS_BY_OSIS, ORDINALS, Book, fold_with_map

__all__ = [
    "InvalidReference",
    "Passage",
    "Reference",
    "VerseRef",
    "find_references",
    "format_reference",
    "parse_osis",
    "parse_reference",
]


class InvalidReference(ValueError):
    """The text is not a Bible reference, or points outside the KJV versification."""


@dataclass(frozen=True)
class VerseRef:
    book: str  # OSIS id, e.g. "John", "1Cor", "Ps"
    chapter: int
    verse: int | None = None  # None: the whole chapter

    @property
    def osis(self) -> str:
        tail = "" if self.verse is None else f".{self.verse}"
        return f"{self.book}.{self.chapter}{tail}"


@dataclass(frozen=True)
class Passage:
    """A verse, a verse range, a chapter or a chapter range; both ends are at the same level."""

    start: VerseRef
    end: VerseRef  # equal to start for a single verse or chapter

    @property
    def osis(self) -> str:
        return self.start.osis if self.start == self.end else f"{self.start.osis}-{self.end.osis}"


@dataclass(frozen=True)
class Reference:
    passages: tuple[Passage, ...]

    @property
    def osis(self) -> str:
        return ";".join(p.osis for p in self.passages)

    def format(self, lang: str) -> str:
        return _format(self, _language(lang))


def parse_reference(text: str) -> Reference:
    """Parse a human-written English or French reference such as "Jn 3:16-18" or "Jean 3,16"."""
    if not text.strip():
        raise InvalidReference("empty reference")
    parser = _Parser(text, lenient=False)
    passages = parser.parse_list()
    parser.expect_end()
    return Reference(tuple(passages))


def parse_osis(osis: str) -> Reference:
    """Parse the normalised form produced by `Reference.osis`."""
    if not osis.strip():
        raise InvalidReference("empty reference")
    passages = []
    for part in osis.strip().split(";"):
        ends = part.split("-")
        if len(ends) > 2:
            raise InvalidReference(f"malformed OSIS range {part!r}")
        (book, start), (end_book, end) = _osis_point(ends[0]), _osis_point(ends[-1])
        if end_book is not book:
            raise InvalidReference(f"range {part!r} spans two books")
        passages.append(_passage(book, start, end))
    return Reference(tuple(passages))


def format_reference(osis: str, lang: str) -> str:
    return parse_osis(osis).format(lang)


def find_references(text: str) -> list[tuple[int, int, Reference]]:
    """Find references in running text; returns (start, end) spans into `text` and the parsed reference.

    Stricter than `parse_reference` to avoid false positives: the book name must be capitalised and be
    followed by a chapter; abbreviations that are also ordinary words ("Is", "Am", "So", "Song"...) only
    count when followed by chapter and verse; a bare book name never counts.
    """
    found: list[tuple[int, int, Reference]] = []
    parser = _Parser(text, lenient=True)
    pos = 0
    while (match := _BOOK.search(parser.folded, pos)) is not None:
        parser.pos = match.start()
        try:
            passages = parser.parse_list()
        except InvalidReference:
            pos = match.start() + 1  # a shorter book name may still start inside this match
            continue
        span = (parser.original(match.start()), parser.original(parser.pos))
        found.append((*span, Reference(tuple(passages))))
        pos = parser.pos
    return found


# --- Parsing ---------------------------------------------------------------------------------------------

_ALL_ORDINALS = sorted((w for words in ORDINALS.values() for w in words), key=len, reverse=True)
_NAMES = sorted({name for _, name in ALIASES}, key=len, reverse=True)
# Digits may touch the name ("1Co"); spelled-out ordinals need a space ("I Co"), or "Isa" would read "I Sa".
_BOOK = re.compile(
    r"(?<!\w)(?:(?P<ordinal>{}) +|(?P<num>[123]) *)?(?P<name>{})(?![^\W\d_])\.? *".format(
        "|".join(_ALL_ORDINALS), "|".join(r" +".join(map(re.escape, n.split())) for n in _NAMES)
    )
)
_ORDINAL_NUMBER = {word: number for number, words in ORDINALS.items() for word in words}

_NUMBER = re.compile(r"[0-9]+")
_VERSE_PART = re.compile(r"[abc](?![^\W\d_])")  # "16a", "16b": accepted, the part is dropped
# chapter/verse separator: "3:16", "3.16", "3,16" (French), "3 v. 16", "3, vv. 16"
_CV_SEP = re.compile(r" *: *|[.,](?=[0-9])| *,? *vv?\.? *(?=[0-9])")
_VERSE_MARK = re.compile(r"vv?\.? *")  # "Jn 3:16, v. 18"
_DASH = re.compile(r" *- *")
_LIST_SEP = re.compile(r" *([;,]) *")
_FRENCH_VERSE_LIST = re.compile(r"\.(?=[0-9])")  # "Jn 3,16.18" once "," has separated chapter and verse
_WORD_CHAR = re.compile(r"[^\W_]")
_WORD_START = re.compile(r"(?!vv?\.? *[0-9])[^\W\d_]")  # a word, but not a "v. 18" verse mark
_BOOKISH = re.compile(r"(?:[0-9] *)?[^\W\d_][^0-9;,:]*")

# Abbreviations that are everyday English or French words: in running text "Is 53" or "Song 3" is more
# likely prose than Scripture, so these need chapter and verse there ("Is 53:5").
_WORDLIKE = frozenset(
    {"ab", "ac", "act", "ag", "am", "col", "dan", "es", "est", "ex", "ga", "gen", "he", "is", "jon", "lam"}
    | {"mal", "mat", "mi", "na", "nb", "ne", "nu", "num", "ob", "os", "ph", "pr", "re", "rev", "ro", "so"}
    | {"song", "tit"}
)

_Point = tuple[int, int | None]  # (chapter, verse or None)


class _Parser:
    """Recursive-descent parser over the folded text; `lenient` is the running-text mode."""

    def __init__(self, text: str, *, lenient: bool) -> None:
        self.text = text
        self.folded, self._index = fold_with_map(text)
        self.lenient = lenient
        self.pos = 0
        # State of the current book's citation, reset by each book name:
        self.book_word = ""  # the book name as matched (folded), without its number
        self.verse_written = False  # a chapter/verse separator was seen
        self.comma_verses = False  # "," has separated chapter and verse: "." may then list verses
        self.colon_verses = False  # ":" has separated chapter and verse: "," then only lists

    def original(self, pos: int) -> int:
        return self._index[pos] if pos < len(self._index) else len(self.text)

    def parse_list(self) -> list[Passage]:
        """Parse `item (sep item)*`; an item may start with a book name or continue the previous book."""
        passages: list[Passage] = []
        book: Book | None = None
        sep = ""
        self.pos = len(self.folded) - len(self.folded[self.pos :].lstrip())
        sep_pos = self.pos
        while True:
            try:
                found = self._book()
                if found is not None:
                    book = found
                    passage = self._first_passage(book)
                elif book is None or _WORD_START.match(self.folded, self.pos):
                    raise self._no_book()
                else:
                    passage = self._passage(book, self._known_chapter(book, passages[-1], sep))
                if self.lenient and _WORD_CHAR.match(self.folded, self.pos):
                    raise self._error("a reference must not run into a word")
            except InvalidReference:
                if not (self.lenient and passages):
                    raise
                self.pos = sep_pos  # keep what was found, leave the separator to the prose
                break
            passages.append(passage)
            sep_pos = self.pos
            sep = self._list_sep(passage)
            if not sep:
                break
        return passages

    def expect_end(self) -> None:
        rest = self.text[self.original(self.pos) :].strip()
        if rest:
            raise InvalidReference(f"unexpected {rest[:20]!r} after {self._consumed()!r}")

    def _book(self) -> Book | None:
        match = _BOOK.match(self.folded, self.pos)
        if match is None:
            return None
        number = match["num"] or _ORDINAL_NUMBER.get(match["ordinal"] or "", "")
        book = ALIASES.get((number, " ".join(match["name"].split())))
        if book is None:
            return None
        if self.lenient and not self.text[self.original(match.start("name"))].isupper():
            return None
        self.pos = match.end()
        self.book_word = match["name"]
        self.verse_written = self.comma_verses = self.colon_verses = False
        return book

    def _first_passage(self, book: Book) -> Passage:
        if not _NUMBER.match(self.folded, self.pos):
            if self.lenient or not self._at_item_end():
                raise self._error("expected a chapter number")
            return _passage(book, (1, None), (book.chapters, None))  # a book name alone: the whole book
        passage = self._passage(book, 1 if book.chapters == 1 else None)
        if self.lenient and self.book_word in _WORDLIKE and not self.verse_written:
            raise self._error(f"{self.book_word!r} without a verse may be prose")
        return passage

    def _passage(self, book: Book, chapter: int | None) -> Passage:
        """Parse `C[:V][-[C:]V]` or `C[-C]`; with `chapter` known (one-chapter book, verse list), `V[-V]`."""
        if chapter is not None:
            self._take(_VERSE_MARK)
        first = self._number("chapter" if chapter is None else "verse")
        if self._cv_sep():
            start: _Point = (first, self._verse())
        elif chapter is None:
            start = (first, None)
        else:
            start = (chapter, first)
            self._take(_VERSE_PART)
        end = start
        if self._take(_DASH):
            second = self._number("range end")
            if self._cv_sep():
                end = (second, self._verse())
            elif start[1] is None:
                end = (second, None)
            else:
                end = (start[0], second)
                self._take(_VERSE_PART)
        return _passage(book, start, end)

    def _known_chapter(self, book: Book, previous: Passage, sep: str) -> int | None:
        """After "," a bare number is another verse of the same chapter; after ";" it is a chapter."""
        if book.chapters == 1:
            return 1
        if sep in ",." and previous.end.verse is not None:
            return previous.end.chapter
        if sep == "," and self.lenient:  # "Psalm 23, 4 people came": too risky in running text
            raise self._error("a chapter list needs ';' in running text")
        return None

    def _number(self, what: str) -> int:
        match = _NUMBER.match(self.folded, self.pos)
        if match is None:
            raise self._error(f"expected a {what} number")
        self.pos = match.end()
        return int(match[0])

    def _verse(self) -> int:
        verse = self._number("verse")
        self._take(_VERSE_PART)
        return verse

    def _cv_sep(self) -> bool:
        match = _CV_SEP.match(self.folded, self.pos)
        if match is None or (match[0] == "," and self.colon_verses):  # "Ps 23:1-6,10" lists verse 10
            return False
        if self._take(_CV_SEP) is None:
            return False
        self.verse_written = True
        self.comma_verses = self.comma_verses or match[0] == ","
        self.colon_verses = self.colon_verses or ":" in match[0]
        return True

    def _take(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """Consume `pattern`; in running text only when a number follows ("John 3: he said" is John 3)."""
        match = pattern.match(self.folded, self.pos)
        if match is None or (self.lenient and not _NUMBER.match(self.folded, match.end())):
            return None
        self.pos = match.end()
        return match

    def _list_sep(self, previous: Passage) -> str:
        match = _LIST_SEP.match(self.folded, self.pos)
        if match is None and self.comma_verses and previous.end.verse is not None:
            match = _FRENCH_VERSE_LIST.match(self.folded, self.pos)
        if match is None:
            return ""
        self.pos = match.end()
        return match[0].strip()

    def _at_item_end(self) -> bool:
        return _LIST_SEP.match(self.folded, self.pos) is not None or not self.folded[self.pos :].strip()

    def _no_book(self) -> InvalidReference:
        match = _BOOKISH.match(self.folded, self.pos)
        if match is None:
            return InvalidReference(f"missing book name in {self.text.strip()!r}")
        token = self.text[self.original(match.start()) : self.original(match.end())].strip(" .")
        return InvalidReference(f"unknown book {token!r}")

    def _consumed(self) -> str:
        return self.text[: self.original(self.pos)].strip()

    def _error(self, message: str) -> InvalidReference:
        return InvalidReference(f"{message} after {self._consumed()!r}")


def _passage(book: Book, start: _Point, end: _Point) -> Passage:
    """Validate against KJV versification; a chapter-to-verse range ("John 3-4:2") starts at verse 1."""
    (c1, v1), (c2, v2) = start, end
    _check_chapter(book, c1)
    _check_chapter(book, c2)
    if v1 is None and v2 is not None:
        v1 = 1
    if v2 is None and v1 is not None:
        v2 = book.verses[c2 - 1]
    for chapter, verse in ((c1, v1), (c2, v2)):
        if verse is not None:
            _check_verse(book, chapter, verse)
    first, last = VerseRef(book.osis, c1, v1), VerseRef(book.osis, c2, v2)
    if (c2, v2 or 0) < (c1, v1 or 0):
        raise InvalidReference(f"range end {last.osis} is before its start {first.osis}")
    return Passage(first, last)


def _check_chapter(book: Book, chapter: int) -> None:
    if chapter < 1:
        raise InvalidReference(f"{book.name_en} has no chapter {chapter}")
    if chapter > book.chapters:
        plural = "s" if book.chapters > 1 else ""
        raise InvalidReference(f"{book.name_en} has {book.chapters} chapter{plural}, not {chapter}")


def _check_verse(book: Book, chapter: int, verse: int) -> None:
    where = book.name_en if book.chapters == 1 else f"{book.chapter_name_en} {chapter}"
    if verse < 1:
        raise InvalidReference(f"{where} has no verse {verse}")
    count = book.verses[chapter - 1]
    if verse > count:
        raise InvalidReference(f"{where} has {count} verses, not {verse}")


_OSIS_POINT = re.compile(r"(?P<book>[1-3]?[A-Za-z]+)\.(?P<chapter>[0-9]+)(?:\.(?P<verse>[0-9]+))?")


def _osis_point(text: str) -> tuple[Book, _Point]:
    match = _OSIS_POINT.fullmatch(text.strip())
    if match is None:
        raise InvalidReference(f"malformed OSIS reference {text!r}")
    book = BOOKS_BY_OSIS.get(match["book"])
    if book is None:
        raise InvalidReference(f"unknown OSIS book {match['book']!r}")
    verse = match["verse"]
    return book, (int(match["chapter"]), None if verse is None else int(verse))


# --- Formatting ------------------------------------------------------------------------------------------


def _language(lang: str) -> str:
    code = lang.lower().replace("_", "-").split("-")[0]
    if code not in ("en", "fr"):
        raise ValueError(f"unsupported language {lang!r}: use 'en' or 'fr'")
    return code


def _format(reference: Reference, lang: str) -> str:
    """One book name per run of passages in the same book: "John 3:16, 18; 4:2; Psalm 23"."""
    groups: list[list[Passage]] = []
    for passage in reference.passages:
        previous = groups[-1][-1] if groups else None
        if previous and previous.start.book == passage.start.book and not _whole_book(previous, passage):
            groups[-1].append(passage)
        else:
            groups.append([passage])
    return "; ".join(_format_group(group, lang) for group in groups)


def _whole_book(*passages: Passage) -> bool:
    # A one-chapter book cited whole is written as its bare name, which cannot be part of a list.
    return any(p.start.verse is None and BOOKS_BY_OSIS[p.start.book].chapters == 1 for p in passages)


def _format_group(group: list[Passage], lang: str) -> str:
    book = BOOKS_BY_OSIS[group[0].start.book]
    chapters = {c for p in group for c in range(p.start.chapter, p.end.chapter + 1)}
    text = book.name(lang, several_chapters=len(chapters) > 1)
    previous: Passage | None = None
    for passage in group:
        if previous is None:
            text += "" if _whole_book(passage) else " " + _format_passage(book, passage, lang)
        elif _continues_chapter(previous, passage):
            text += ", " + _format_passage(book, passage, lang, verses_only=True)
        else:
            text += "; " + _format_passage(book, passage, lang)
        previous = passage
    return text


def _continues_chapter(previous: Passage, passage: Passage) -> bool:
    return (
        previous.end.verse is not None
        and passage.start.verse is not None
        and previous.end.chapter == passage.start.chapter == passage.end.chapter
    )


def _format_passage(book: Book, passage: Passage, lang: str, *, verses_only: bool = False) -> str:
    start, end = passage.start, passage.end
    if start.verse is None or end.verse is None:
        return str(start.chapter) if start == end else f"{start.chapter}-{end.chapter}"
    if verses_only or book.chapters == 1:
        return str(start.verse) if start == end else f"{start.verse}-{end.verse}"
    sep = ":" if lang == "en" else "."
    text = f"{start.chapter}{sep}{start.verse}"
    if start.chapter != end.chapter:
        dash = "-" if lang == "en" else "–"  # French typography: en dash between chapter.verse pairs
        return f"{text}{dash}{end.chapter}{sep}{end.verse}"
    return text if start == end else f"{text}-{end.verse}"
