"""The 66 books of the Protestant canon with English/French names and KJV versification.

The verse counts below were generated once from a KJV-versified Bible export; the product never reads
that file. Totals: 1,189 chapters and 31,102 verses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["ALIASES", "BOOKS", "BOOKS_BY_OSIS", "ORDINALS", "Book", "fold", "fold_with_map", "split_number"]


@dataclass(frozen=True)
class Book:
    """One book: OSIS id, display names, accepted abbreviations and verses per chapter (KJV)."""

    osis: str
    name_en: str
    name_fr: str
    abbrevs_en: tuple[str, ...]
    abbrevs_fr: tuple[str, ...]
    verses: tuple[int, ...]  # verses[c - 1] is the number of verses in chapter c
    other_names: tuple[str, ...]  # alternative full names, e.g. "Song of Songs", "Psaume"
    chapter_name_en: str  # the name used for a single chapter: "Psalm 23" but "Psalms 23-25"
    chapter_name_fr: str

    @property
    def chapters(self) -> int:
        return len(self.verses)

    def name(self, lang: str, *, several_chapters: bool = True) -> str:
        if lang == "fr":
            return self.name_fr if several_chapters else self.chapter_name_fr
        return self.name_en if several_chapters else self.chapter_name_en

    @property
    def aliases(self) -> tuple[str, ...]:
        names = (self.name_en, self.name_fr, self.chapter_name_en, self.chapter_name_fr, *self.other_names)
        return names + self.abbrevs_en + self.abbrevs_fr


def _book(
    osis: str,
    name_en: str,
    name_fr: str,
    abbrevs_en: str,
    abbrevs_fr: str,
    verses: tuple[int, ...],
    *,
    alt: tuple[str, ...] = (),
    chapter_en: str = "",
    chapter_fr: str = "",
) -> Book:
    # Abbreviations are listed without the book number ("Cor Co" for 1Cor); the number is added here.
    number = osis[0] + " " if osis[0].isdigit() else ""
    return Book(
        osis=osis,
        name_en=name_en,
        name_fr=name_fr,
        abbrevs_en=tuple(number + a for a in abbrevs_en.split()),
        abbrevs_fr=tuple(number + a for a in abbrevs_fr.split()),
        verses=verses,
        other_names=alt,
        chapter_name_en=chapter_en or name_en,
        chapter_name_fr=chapter_fr or name_fr,
    )


# Ambiguities resolved (see docs/bible-references.md): "Es" is Isaiah (French Ésaïe), "Est" is Esther,
# "Ez" is Ezekiel, "Jon" is Jonah, "Ph" is Philippians, "Ha" is Habakkuk, "So" is Zephaniah (Sophonie).
# "Jhn", "Hb", "Jud", "Le" and "La" are deliberately not accepted.
# fmt: off
BOOKS: tuple[Book, ...] = (
    _book("Gen", "Genesis", "Genèse", "Gen Gn Ge", "Gn", (
        31, 25, 24, 26, 32, 22, 24, 22, 29, 32, 32, 20, 18, 24, 21, 16, 27, 33, 38, 18, 34, 24, 20, 67, 34,
        35, 46, 22, 35, 43, 55, 32, 20, 31, 29, 43, 36, 30, 23, 23, 57, 38, 34, 34, 28, 34, 31, 22, 33, 26,
    )),
    _book("Exod", "Exodus", "Exode", "Exod Exo Ex", "Ex", (
        22, 25, 22, 31, 23, 30, 25, 32, 35, 29, 10, 51, 22, 31, 27, 36, 16, 27, 25, 26, 36, 31, 33, 18, 40,
        37, 21, 43, 46, 38, 18, 35, 23, 35, 35, 38, 29, 31, 43, 38,
    )),
    _book("Lev", "Leviticus", "Lévitique", "Lev Lv", "Lv", (
        17, 16, 17, 35, 19, 30, 38, 36, 24, 20, 47, 8, 59, 57, 33, 34, 16, 30, 37, 27, 24, 33, 44, 23, 55,
        46, 34,
    )),
    _book("Num", "Numbers", "Nombres", "Num Nm Nu", "Nb", (
        54, 34, 51, 49, 31, 27, 89, 26, 23, 36, 35, 16, 33, 45, 41, 50, 13, 32, 22, 29, 35, 41, 30, 25, 18,
        65, 23, 31, 40, 16, 54, 42, 56, 29, 34, 13,
    )),
    _book("Deut", "Deuteronomy", "Deutéronome", "Deut Deu Dt", "Dt", (
        46, 37, 29, 49, 33, 25, 26, 20, 29, 22, 32, 32, 18, 29, 23, 22, 20, 22, 21, 20, 23, 30, 25, 22, 19,
        19, 26, 68, 29, 20, 30, 52, 29, 12,
    )),
    _book("Josh", "Joshua", "Josué", "Josh Jsh", "Jos", (
        18, 24, 17, 24, 15, 27, 26, 35, 27, 43, 23, 24, 33, 15, 63, 10, 18, 28, 51, 9, 45, 34, 16, 33,
    )),
    _book("Judg", "Judges", "Juges", "Judg Jdg", "Jg", (
        36, 23, 31, 24, 31, 40, 25, 35, 57, 18, 40, 15, 25, 20, 20, 31, 13, 31, 30, 48, 25,
    )),
    _book("Ruth", "Ruth", "Ruth", "Ru Rth", "Rt", (22, 23, 18, 22)),
    _book("1Sam", "1 Samuel", "1 Samuel", "Sam Sa Sm", "S", (
        28, 36, 21, 22, 12, 21, 17, 22, 27, 27, 15, 25, 23, 52, 35, 23, 58, 30, 24, 42, 15, 23, 29, 22, 44,
        25, 12, 25, 11, 31, 13,
    )),
    _book("2Sam", "2 Samuel", "2 Samuel", "Sam Sa Sm", "S", (
        27, 32, 39, 12, 25, 23, 29, 18, 13, 19, 27, 31, 39, 33, 37, 23, 29, 33, 43, 26, 22, 51, 39, 25,
    )),
    _book("1Kgs", "1 Kings", "1 Rois", "Kgs Kg Ki", "R", (
        53, 46, 28, 34, 18, 38, 51, 66, 28, 29, 43, 33, 34, 31, 34, 34, 24, 46, 21, 43, 29, 53,
    )),
    _book("2Kgs", "2 Kings", "2 Rois", "Kgs Kg Ki", "R", (
        18, 25, 27, 44, 27, 33, 20, 29, 37, 36, 21, 21, 25, 29, 38, 20, 41, 37, 37, 21, 26, 20, 37, 20, 30,
    )),
    _book("1Chr", "1 Chronicles", "1 Chroniques", "Chr Chron Ch", "Ch", (
        54, 55, 24, 43, 26, 81, 40, 40, 44, 14, 47, 40, 14, 17, 29, 43, 27, 17, 19, 8, 30, 19, 32, 31, 31,
        32, 34, 21, 30,
    )),
    _book("2Chr", "2 Chronicles", "2 Chroniques", "Chr Chron Ch", "Ch", (
        17, 18, 17, 22, 14, 42, 22, 18, 31, 19, 23, 16, 22, 15, 19, 14, 19, 34, 11, 37, 20, 12, 21, 27, 28,
        23, 9, 27, 36, 27, 21, 33, 25, 33, 27, 23,
    )),
    _book("Ezra", "Ezra", "Esdras", "Ezr", "Esd", (11, 70, 13, 24, 17, 22, 28, 36, 15, 44)),
    _book("Neh", "Nehemiah", "Néhémie", "Neh", "Né", (11, 20, 32, 23, 19, 19, 73, 18, 38, 39, 36, 47, 31)),
    _book("Esth", "Esther", "Esther", "Esth Est", "Est", (22, 23, 15, 17, 14, 14, 10, 17, 32, 3)),
    _book("Job", "Job", "Job", "Jb", "Jb", (
        22, 13, 26, 21, 27, 30, 21, 22, 35, 22, 20, 25, 28, 22, 35, 22, 16, 21, 29, 29, 34, 30, 17, 25, 6,
        14, 23, 28, 25, 31, 40, 22, 33, 37, 16, 33, 24, 41, 30, 24, 34, 17,
    )),
    _book("Ps", "Psalms", "Psaumes", "Ps Pss Psa Psm", "Ps", (
        6, 12, 8, 8, 12, 10, 17, 9, 20, 18, 7, 8, 6, 7, 5, 11, 15, 50, 14, 9, 13, 31, 6, 10, 22, 12, 14, 9,
        11, 12, 24, 11, 22, 22, 28, 12, 40, 22, 13, 17, 13, 11, 5, 26, 17, 11, 9, 14, 20, 23, 19, 9, 6, 7,
        23, 13, 11, 11, 17, 12, 8, 12, 11, 10, 13, 20, 7, 35, 36, 5, 24, 20, 28, 23, 10, 12, 20, 72, 13, 19,
        16, 8, 18, 12, 13, 17, 7, 18, 52, 17, 16, 15, 5, 23, 11, 13, 12, 9, 9, 5, 8, 28, 22, 35, 45, 48, 43,
        13, 31, 7, 10, 10, 9, 8, 18, 19, 2, 29, 176, 7, 8, 9, 4, 8, 5, 6, 5, 6, 8, 8, 3, 18, 3, 3, 21, 26,
        9, 8, 24, 13, 10, 7, 12, 15, 21, 10, 20, 14, 9, 6,
    ), alt=("Psalm", "Psaume"), chapter_en="Psalm", chapter_fr="Psaume"),
    _book("Prov", "Proverbs", "Proverbes", "Prov Prv Pr", "Pr", (
        33, 22, 35, 27, 23, 35, 27, 36, 18, 32, 31, 28, 25, 35, 33, 33, 28, 24, 29, 30, 31, 29, 35, 34, 28,
        28, 27, 28, 27, 33, 31,
    )),
    _book("Eccl", "Ecclesiastes", "Ecclésiaste", "Eccl Eccles Ecc Qoh", "Ec Qo", (
        18, 26, 22, 16, 20, 12, 29, 17, 18, 20, 10, 14,
    ), alt=("Qohelet", "Qohéleth")),
    _book("Song", "Song of Solomon", "Cantique des cantiques", "Song Cant", "Ct", (
        17, 17, 11, 16, 16, 13, 13, 14,
    ), alt=("Song of Songs", "Canticles", "Cantique")),
    _book("Isa", "Isaiah", "Ésaïe", "Isa Is", "És", (
        31, 22, 26, 6, 30, 13, 25, 22, 21, 34, 16, 6, 22, 32, 9, 14, 14, 7, 25, 6, 17, 25, 18, 23, 12, 21,
        13, 29, 24, 33, 9, 20, 24, 17, 10, 22, 38, 22, 8, 31, 29, 25, 28, 28, 25, 13, 15, 22, 26, 11, 23,
        15, 12, 17, 13, 12, 21, 14, 21, 22, 11, 12, 19, 12, 25, 24,
    ), alt=("Isaïe",)),
    _book("Jer", "Jeremiah", "Jérémie", "Jer Jr", "Jr", (
        19, 37, 25, 31, 31, 30, 34, 22, 26, 25, 23, 17, 27, 22, 21, 21, 27, 23, 15, 18, 14, 30, 40, 10, 38,
        24, 22, 17, 32, 24, 40, 44, 26, 22, 19, 32, 21, 28, 18, 16, 18, 22, 13, 30, 5, 28, 7, 47, 39, 46,
        64, 34,
    )),
    _book("Lam", "Lamentations", "Lamentations", "Lam", "Lm", (22, 22, 66, 22, 22)),
    _book("Ezek", "Ezekiel", "Ézéchiel", "Ezek Eze", "Éz", (
        28, 10, 27, 17, 17, 14, 27, 18, 11, 22, 25, 28, 23, 23, 8, 63, 24, 32, 14, 49, 32, 31, 49, 27, 17,
        21, 36, 26, 21, 26, 18, 32, 33, 31, 15, 38, 28, 23, 29, 49, 26, 20, 27, 31, 25, 24, 23, 35,
    )),
    _book("Dan", "Daniel", "Daniel", "Dan Dn", "Dn", (21, 49, 30, 37, 31, 28, 28, 27, 27, 21, 45, 13)),
    _book("Hos", "Hosea", "Osée", "Hos", "Os", (11, 23, 5, 19, 15, 11, 16, 14, 17, 15, 12, 14, 16, 9)),
    _book("Joel", "Joel", "Joël", "Jl", "Jl", (20, 32, 21)),
    _book("Amos", "Amos", "Amos", "Am", "Am", (15, 16, 15, 13, 27, 14, 17, 14, 15)),
    _book("Obad", "Obadiah", "Abdias", "Obad Ob", "Ab", (21,)),
    _book("Jonah", "Jonah", "Jonas", "Jon Jnh", "Jon", (17, 10, 10, 11)),
    _book("Mic", "Micah", "Michée", "Mic", "Mi", (16, 13, 12, 13, 15, 16, 20)),
    _book("Nah", "Nahum", "Nahoum", "Nah", "Na", (15, 13, 19)),
    _book("Hab", "Habakkuk", "Habacuc", "Hab", "Ha", (17, 20, 19)),
    _book("Zeph", "Zephaniah", "Sophonie", "Zeph Zep", "So", (18, 15, 20)),
    _book("Hag", "Haggai", "Aggée", "Hag Hg", "Ag", (15, 23)),
    _book("Zech", "Zechariah", "Zacharie", "Zech Zec", "Za", (
        21, 13, 10, 14, 11, 15, 14, 23, 17, 12, 17, 14, 9, 21,
    )),
    _book("Mal", "Malachi", "Malachie", "Mal", "Ml", (14, 17, 18, 6)),
    _book("Matt", "Matthew", "Matthieu", "Matt Mat Mt", "Mt", (
        25, 23, 17, 25, 48, 34, 29, 34, 38, 42, 30, 50, 58, 36, 39, 28, 27, 35, 30, 34, 46, 46, 39, 51, 46,
        75, 66, 20,
    )),
    _book("Mark", "Mark", "Marc", "Mk Mrk", "Mc", (
        45, 28, 35, 41, 43, 56, 37, 38, 50, 52, 33, 44, 37, 72, 47, 20,
    )),
    _book("Luke", "Luke", "Luc", "Lk Luk", "Lc", (
        80, 52, 38, 44, 39, 49, 50, 56, 62, 42, 54, 59, 35, 35, 32, 31, 37, 43, 48, 47, 38, 71, 56, 53,
    )),
    _book("John", "John", "Jean", "Jn", "Jn", (
        51, 25, 36, 54, 47, 71, 53, 59, 41, 42, 57, 50, 38, 31, 27, 33, 26, 40, 42, 31, 25,
    )),
    _book("Acts", "Acts", "Actes", "Act", "Ac", (
        26, 47, 26, 37, 42, 15, 60, 40, 43, 48, 30, 25, 52, 28, 41, 40, 34, 28, 41, 38, 40, 30, 35, 27, 27,
        32, 44, 31,
    ), alt=("Acts of the Apostles", "Actes des Apôtres")),
    _book("Rom", "Romans", "Romains", "Rom Ro Rm", "Rm", (
        32, 29, 31, 25, 21, 23, 25, 39, 33, 21, 36, 21, 14, 23, 33, 27,
    )),
    _book("1Cor", "1 Corinthians", "1 Corinthiens", "Cor Co", "Co", (
        31, 16, 23, 21, 13, 20, 40, 13, 27, 33, 34, 31, 13, 40, 58, 24,
    )),
    _book("2Cor", "2 Corinthians", "2 Corinthiens", "Cor Co", "Co", (
        24, 17, 18, 18, 21, 18, 16, 24, 15, 18, 33, 21, 14,
    )),
    _book("Gal", "Galatians", "Galates", "Gal", "Ga", (24, 21, 29, 31, 26, 18)),
    _book("Eph", "Ephesians", "Éphésiens", "Eph", "Ép", (23, 22, 21, 32, 33, 24)),
    _book("Phil", "Philippians", "Philippiens", "Phil Php", "Ph", (30, 30, 21, 23)),
    _book("Col", "Colossians", "Colossiens", "Col", "Col", (29, 23, 25, 18)),
    _book("1Thess", "1 Thessalonians", "1 Thessaloniciens", "Thess Thes Th", "Th", (10, 20, 13, 18, 28)),
    _book("2Thess", "2 Thessalonians", "2 Thessaloniciens", "Thess Thes Th", "Th", (12, 17, 18)),
    _book("1Tim", "1 Timothy", "1 Timothée", "Tim Ti", "Tm", (20, 15, 16, 16, 25, 21)),
    _book("2Tim", "2 Timothy", "2 Timothée", "Tim Ti", "Tm", (18, 26, 17, 22)),
    _book("Titus", "Titus", "Tite", "Tit", "Tt", (16, 15, 15)),
    _book("Phlm", "Philemon", "Philémon", "Phlm Philem Phm", "Phm", (25,)),
    _book("Heb", "Hebrews", "Hébreux", "Heb", "Hé", (14, 18, 19, 16, 14, 20, 28, 13, 28, 39, 40, 29, 25)),
    _book("Jas", "James", "Jacques", "Jas Jm", "Jc", (27, 26, 18, 17, 20)),
    _book("1Pet", "1 Peter", "1 Pierre", "Pet Pt Pe", "P", (25, 25, 22, 19, 14)),
    _book("2Pet", "2 Peter", "2 Pierre", "Pet Pt Pe", "P", (21, 22, 18)),
    _book("1John", "1 John", "1 Jean", "Jn", "Jn", (10, 29, 24, 21, 21)),
    _book("2John", "2 John", "2 Jean", "Jn", "Jn", (13,)),
    _book("3John", "3 John", "3 Jean", "Jn", "Jn", (14,)),
    _book("Jude", "Jude", "Jude", "Jd", "Jd", (25,)),
    _book("Rev", "Revelation", "Apocalypse", "Rev Rv Re", "Ap Apoc", (
        20, 29, 22, 11, 14, 17, 17, 13, 21, 11, 19, 17, 18, 20, 8, 21, 18, 24, 21, 15, 27, 21,
    ), alt=("Revelation of John", "Revelations")),
)
# fmt: on

BOOKS_BY_OSIS: dict[str, Book] = {book.osis: book for book in BOOKS}

# Spelled-out prefixes of numbered books, after folding: "I John", "First John", "1re Jean", ...
ORDINALS: dict[str, tuple[str, ...]] = {
    "1": ("i", "1st", "first", "1er", "1re", "premier", "premiere"),
    "2": ("ii", "2nd", "second", "2e", "2eme", "deuxieme", "seconde"),
    "3": ("iii", "3rd", "third", "3e", "3eme", "troisieme"),
}

_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Lower-case `text`, strip accents and unify dashes/spaces for matching.

    Also returns, for each folded character, its index in `text`, so that matches found in the folded
    string can be reported as spans of the original (which may be in NFD form, hence dropped marks).
    """
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if unicodedata.combining(ch):
            continue
        if ch.isspace():
            folded = " "
        elif ch in _DASHES:
            folded = "-"
        else:
            folded = unicodedata.normalize("NFD", ch)[0].lower()
            if len(folded) != 1:  # e.g. a ligature whose lower-case form is two characters
                folded = ch
        chars.append(folded)
        index.append(i)
    return "".join(chars), index


def fold(text: str) -> str:
    return fold_with_map(text)[0]


_NUMBERED = re.compile(r"([123]) (.+)")


def split_number(alias: str) -> tuple[str, str]:
    """`"1 Cor"` -> `("1", "cor")`; `"Song of Songs"` -> `("", "song of songs")`."""
    folded = " ".join(fold(alias).split())
    match = _NUMBERED.fullmatch(folded)
    return (match[1], match[2]) if match else ("", folded)


def _alias_index() -> dict[tuple[str, str], Book]:
    index: dict[tuple[str, str], Book] = {}
    for book in BOOKS:
        for alias in book.aliases:
            key = split_number(alias)
            other = index.setdefault(key, book)
            if other is not book:
                raise ValueError(f"alias {alias!r} names both {other.osis} and {book.osis}")
    return index


# (book number or "", folded name) -> book, e.g. ("1", "co") -> 1Cor, ("", "psaume") -> Ps.
ALIASES: dict[tuple[str, str], Book] = _alias_index()
