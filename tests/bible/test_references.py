"""Tests for the Bible reference parser, normaliser and formatter."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bibliology.bible import (
    BOOKS,
    BOOKS_BY_OSIS,
    Book,
    InvalidReference,
    Passage,
    Reference,
    VerseRef,
    find_references,
    format_reference,
    parse_osis,
    parse_reference,
)
from tests.support import SHARED, shared

VALID: list[tuple[str, str]] = [
    # English
    ("John 3:16", "John.3.16"),
    ("Jn 3.16-18", "John.3.16-John.3.18"),
    ("Jn. 3:16", "John.3.16"),
    ("john 3:16", "John.3.16"),
    ("JOHN 3:16", "John.3.16"),
    ("  John   3 : 16  ", "John.3.16"),
    ("John3:16", "John.3.16"),
    ("1 Co 13:4-7", "1Cor.13.4-1Cor.13.7"),
    ("1Co 13", "1Cor.13"),
    ("I Corinthians 13:4", "1Cor.13.4"),
    ("II Cor 5:17", "2Cor.5.17"),
    ("First John 1:9", "1John.1.9"),
    ("1 Jn 4:8", "1John.4.8"),
    ("2 Sam 7:12", "2Sam.7.12"),
    ("1 Kgs 19:12", "1Kgs.19.12"),
    ("2 Chr 7:14", "2Chr.7.14"),
    ("1 Thess 5:16-18", "1Thess.5.16-1Thess.5.18"),
    ("2 Tim 3:16", "2Tim.3.16"),
    ("1 Pet 2:9", "1Pet.2.9"),
    ("Rom 8:28–39", "Rom.8.28-Rom.8.39"),
    ("Rom 8:28—39", "Rom.8.28-Rom.8.39"),
    ("Ps 23:1-6; Jn 10:11", "Ps.23.1-Ps.23.6;John.10.11"),
    ("Ps 23:1-6, Jn 10:11", "Ps.23.1-Ps.23.6;John.10.11"),
    ("Ps 119:176", "Ps.119.176"),
    ("Psalms 117", "Ps.117"),
    ("Psalm 23", "Ps.23"),
    ("Pss 120-134", "Ps.120-Ps.134"),
    ("Ps 23, 24", "Ps.23;Ps.24"),
    ("John 3:16-4:2", "John.3.16-John.4.2"),
    ("John 3-4:2", "John.3.1-John.4.2"),
    ("John 3:16, 18", "John.3.16;John.3.18"),
    ("Jn 3:16,18", "John.3.16;John.3.18"),
    ("Jn 3:16, 4:2", "John.3.16;John.4.2"),
    ("Jn 3:16; 4:2", "John.3.16;John.4.2"),
    ("Ps 119:1-6,10", "Ps.119.1-Ps.119.6;Ps.119.10"),
    ("Jn 3:16a", "John.3.16"),
    ("John 3 v. 16", "John.3.16"),
    ("Jn 3:16, v. 18", "John.3.16;John.3.18"),
    ("Jude 3", "Jude.1.3"),
    ("Jude 1:3", "Jude.1.3"),
    ("Jude 3-5", "Jude.1.3-Jude.1.5"),
    ("Jude", "Jude.1"),
    ("Obadiah 4", "Obad.1.4"),
    ("Phlm 6", "Phlm.1.6"),
    ("2 John 5", "2John.1.5"),
    ("3 Jn 14", "3John.1.14"),
    ("Genesis", "Gen.1-Gen.50"),
    ("Gen 1:1", "Gen.1.1"),
    ("Exod 20:1-17", "Exod.20.1-Exod.20.17"),
    ("Deut 6:4", "Deut.6.4"),
    ("Song of Songs 2:4", "Song.2.4"),
    ("Song 2:4", "Song.2.4"),
    ("Isa 53:5", "Isa.53.5"),
    ("Mal 4:6", "Mal.4.6"),
    ("Matt 5:3-12", "Matt.5.3-Matt.5.12"),
    ("Mk 1:1", "Mark.1.1"),
    ("Lk 2:1-20", "Luke.2.1-Luke.2.20"),
    ("Acts 2:1-4", "Acts.2.1-Acts.2.4"),
    ("Gal 5:22-23", "Gal.5.22-Gal.5.23"),
    ("Jas 1:2", "Jas.1.2"),
    ("Rev 22:21", "Rev.22.21"),
    ("Revelation of John 1:1", "Rev.1.1"),
    # French
    ("Jean 3,16", "John.3.16"),
    ("Jean 3.16", "John.3.16"),
    ("Jean 3, v. 16", "John.3.16"),
    ("1 Corinthiens 13.4-7", "1Cor.13.4-1Cor.13.7"),
    ("Psaume 23", "Ps.23"),
    ("Psaumes 120-134", "Ps.120-Ps.134"),
    ("Ésaïe 53:5", "Isa.53.5"),
    ("Esaie 53.5", "Isa.53.5"),
    ("És 53,5", "Isa.53.5"),
    ("ésaïe 53,5", "Isa.53.5"),
    ("E\u0301sai\u0308e 53,5", "Isa.53.5"),  # decomposed accents (NFD), as pasted from some Mac apps
    ("Apocalypse 22:21", "Rev.22.21"),
    ("Ap 21,4", "Rev.21.4"),
    ("Genèse 1:1", "Gen.1.1"),
    ("Gn 1,1-3", "Gen.1.1-Gen.1.3"),
    ("Matthieu 5.3-12", "Matt.5.3-Matt.5.12"),
    ("Actes 2:1-4", "Acts.2.1-Acts.2.4"),
    ("Romains 12:1-2", "Rom.12.1-Rom.12.2"),
    ("Rm 12,1-2", "Rom.12.1-Rom.12.2"),
    ("Jean 3,16-4,2", "John.3.16-John.4.2"),
    ("Jean 3.16–4.2", "John.3.16-John.4.2"),
    ("Jean 3,16.18", "John.3.16;John.3.18"),
    ("Jean 3,16-18; 4,2", "John.3.16-John.3.18;John.4.2"),
    ("1 R 19,12", "1Kgs.19.12"),
    ("2 S 7,12", "2Sam.7.12"),
    ("1 Ch 16,34", "1Chr.16.34"),
    ("Né 8,10", "Neh.8.10"),
    ("Cantique des cantiques 2,4", "Song.2.4"),
    ("Ct 2,4", "Song.2.4"),
    ("Éz 37,1-14", "Ezek.37.1-Ezek.37.14"),
    ("Os 6,6", "Hos.6.6"),
    ("Abdias 4", "Obad.1.4"),
    ("So 3,17", "Zeph.3.17"),
    ("Ag 1,4", "Hag.1.4"),
    ("Mc 1,1", "Mark.1.1"),
    ("Lc 15,11-32", "Luke.15.11-Luke.15.32"),
    ("Ph 4,13", "Phil.4.13"),
    ("Phm 6", "Phlm.1.6"),
    ("He 11,1", "Heb.11.1"),
    ("Jc 1,2", "Jas.1.2"),
    ("1 P 2,9", "1Pet.2.9"),
    ("1re Jean 4,8", "1John.4.8"),
    ("Jd 3", "Jude.1.3"),
    ("Philémon 6", "Phlm.1.6"),
]

INVALID: list[tuple[str, str]] = [
    ("", "empty reference"),
    ("   ", "empty reference"),
    ("Jhn 3:16", "unknown book 'Jhn'"),
    ("hello world", "unknown book 'hello world'"),
    ("Chapter 3:16", "unknown book 'Chapter'"),
    ("3:16", "missing book name"),
    ("1 Genesis 1:1", "unknown book '1 Genesis'"),
    ("John 3:16; xyz 4", "unknown book 'xyz'"),
    ("Jude 2:1", "Jude has 1 chapter, not 2"),
    ("Ps 151", "Psalms has 150 chapters, not 151"),
    ("Psaume 151", "Psalms has 150 chapters, not 151"),
    ("John 22:1", "John has 21 chapters, not 22"),
    ("Jean 22,1", "John has 21 chapters, not 22"),
    ("John 0:1", "John has no chapter 0"),
    ("John 3:37", "John 3 has 36 verses, not 37"),
    ("John 3:40", "John 3 has 36 verses, not 40"),
    ("John 3:0", "John 3 has no verse 0"),
    ("Ps 117:3", "Psalm 117 has 2 verses, not 3"),
    ("Jude 30", "Jude has 25 verses, not 30"),
    ("3 John 15", "3 John has 14 verses, not 15"),
    ("Mal 4:7", "Malachi 4 has 6 verses, not 7"),
    ("Ps 23,24", "Psalm 23 has 6 verses, not 24"),
    ("John 3:18-16", "range end John.3.16 is before its start John.3.18"),
    ("John 4:2-3:16", "range end John.3.16 is before its start John.4.2"),
    ("Ps 25-23", "range end Ps.23 is before its start Ps.25"),
    ("John 3::16", "expected a verse number after 'John 3:'"),
    ("John 3:", "expected a verse number after 'John 3:'"),
    ("John 3:16-", "expected a range end number"),
    ("John 3:16;", "expected a chapter number"),
    ("John 3:16 hello", "unexpected 'hello' after 'John 3:16'"),
    ("Jn 3:16ff", "unexpected 'ff' after 'Jn 3:16'"),
    ("Psalm 23rd", "unexpected 'rd' after 'Psalm 23'"),
    ("Genesis one", "expected a chapter number after 'Genesis'"),
]


@pytest.mark.parametrize(("text", "osis"), VALID)
def test_parse_valid(text: str, osis: str) -> None:
    assert parse_reference(text).osis == osis


@pytest.mark.parametrize(("text", "message"), INVALID)
def test_parse_invalid(text: str, message: str) -> None:
    with pytest.raises(InvalidReference) as info:
        parse_reference(text)
    assert message in str(info.value)


def test_invalid_reference_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown book"):
        parse_reference("Jhn 3:16")


FORMATS: list[tuple[str, str, str]] = [
    ("John.3.16", "John 3:16", "Jean 3.16"),
    ("John.3.16-John.3.18", "John 3:16-18", "Jean 3.16-18"),
    ("Ps.23", "Psalm 23", "Psaume 23"),
    ("Ps.23-Ps.25", "Psalms 23-25", "Psaumes 23-25"),
    ("Ps.23;Ps.24", "Psalms 23; 24", "Psaumes 23; 24"),
    ("1Cor.13.4-1Cor.13.7", "1 Corinthians 13:4-7", "1 Corinthiens 13.4-7"),
    ("Ps.23.1-Ps.23.6;John.10.11", "Psalm 23:1-6; John 10:11", "Psaume 23.1-6; Jean 10.11"),
    ("John.3.16-John.4.2", "John 3:16-4:2", "Jean 3.16–4.2"),
    ("John.3.16;John.3.18", "John 3:16, 18", "Jean 3.16, 18"),
    ("John.3.16;John.4.2", "John 3:16; 4:2", "Jean 3.16; 4.2"),
    ("Jude.1.3", "Jude 3", "Jude 3"),
    ("Jude.1.3-Jude.1.5", "Jude 3-5", "Jude 3-5"),
    ("Jude.1", "Jude", "Jude"),
    ("Obad.1.4", "Obadiah 4", "Abdias 4"),
    ("Isa.53.5", "Isaiah 53:5", "Ésaïe 53.5"),
    ("Song.2.4", "Song of Solomon 2:4", "Cantique des cantiques 2.4"),
    ("Rev.22.21", "Revelation 22:21", "Apocalypse 22.21"),
    ("Gen.1-Gen.50", "Genesis 1-50", "Genèse 1-50"),
    ("2Kgs.2.11", "2 Kings 2:11", "2 Rois 2.11"),
]


@pytest.mark.parametrize(("osis", "english", "french"), FORMATS)
def test_format(osis: str, english: str, french: str) -> None:
    assert format_reference(osis, "en") == english
    assert format_reference(osis, "fr") == french
    assert parse_osis(osis).format("fr-CA") == french


def test_format_unknown_language() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        format_reference("John.3.16", "de")


def test_data_model() -> None:
    ref = parse_reference("Jn 3:16-18; Ps 23")
    assert ref == Reference(
        (
            Passage(VerseRef("John", 3, 16), VerseRef("John", 3, 18)),
            Passage(VerseRef("Ps", 23, None), VerseRef("Ps", 23, None)),
        )
    )
    assert ref.passages[0].start.osis == "John.3.16"


@pytest.mark.parametrize(
    ("osis", "message"),
    [
        ("", "empty reference"),
        ("Jhn.3.16", "unknown OSIS book 'Jhn'"),
        ("John 3:16", "malformed OSIS reference"),
        ("John.3.16-Acts.1.1", "spans two books"),
        ("John.3.16-John.3.17-John.3.18", "malformed OSIS range"),
        ("John.22.1", "John has 21 chapters, not 22"),
        ("John.3.18-John.3.16", "range end John.3.16 is before its start John.3.18"),
        ("John.3.16;", "malformed OSIS reference ''"),
    ],
)
def test_parse_osis_invalid(osis: str, message: str) -> None:
    with pytest.raises(InvalidReference) as info:
        parse_osis(osis)
    assert message in str(info.value)


MORE_OSIS = [
    "Ps.23.1-Ps.23.6;John.10.11;1John.4.8;Jude.1.3;Rev.22.21",
    "Jude.1;Jude.1.3",
    "Jude.1.3;Jude.1",
    "Ps.119.1-Ps.119.6;Ps.119.10;Ps.120;Ps.121.1",
    "John.3.16-John.4.2;John.4.5",
    "Obad.1;Phlm.1;2John.1;3John.1",
    "Song.1-Song.8",
    "Ps.117-Ps.119.4",
]
ROUND_TRIP = [osis for _, osis in VALID] + [osis for osis, _, _ in FORMATS] + MORE_OSIS


@pytest.mark.parametrize("osis", ROUND_TRIP)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_round_trip(osis: str, lang: str) -> None:
    ref = parse_osis(osis)
    assert parse_osis(ref.osis) == ref
    assert parse_reference(ref.format(lang)) == ref


@st.composite
def passages(draw: st.DrawFn) -> Passage:
    book = draw(st.sampled_from(BOOKS))
    chapter = draw(st.integers(1, book.chapters))
    if draw(st.booleans()):  # chapter-level passage
        last = draw(st.integers(chapter, book.chapters))
        return Passage(VerseRef(book.osis, chapter, None), VerseRef(book.osis, last, None))
    verse = draw(st.integers(1, book.verses[chapter - 1]))
    if draw(st.booleans()):
        return Passage(VerseRef(book.osis, chapter, verse), VerseRef(book.osis, chapter, verse))
    end_chapter = draw(st.integers(chapter, min(chapter + 2, book.chapters)))
    low = verse if end_chapter == chapter else 1
    end_verse = draw(st.integers(low, book.verses[end_chapter - 1]))
    return Passage(VerseRef(book.osis, chapter, verse), VerseRef(book.osis, end_chapter, end_verse))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(BOOKS), st.data())
def test_round_trip_random_verses(book: Book, data: st.DataObject) -> None:
    chapter = data.draw(st.integers(1, book.chapters))
    verse = data.draw(st.integers(1, book.verses[chapter - 1]))
    point = VerseRef(book.osis, chapter, verse)
    ref = Reference((Passage(point, point),))
    for lang in ("en", "fr"):
        assert parse_reference(ref.format(lang)) == ref
    assert parse_osis(ref.osis) == ref


@settings(max_examples=300, deadline=None)
@given(st.lists(passages(), min_size=1, max_size=4))
def test_round_trip_random_lists(items: list[Passage]) -> None:
    ref = Reference(tuple(items))
    assert parse_osis(ref.osis) == ref
    for lang in ("en", "fr"):
        assert parse_reference(ref.format(lang)) == ref


FOUND: list[tuple[str, list[tuple[str, str]]]] = [
    ("Love, joy, peace … — Galatians 5:22", [("Galatians 5:22", "Gal.5.22")]),
    ("« Car Dieu a tant aimé le monde » (Jean 3,16).", [("Jean 3,16", "John.3.16")]),
    ("Jean 3,16", [("Jean 3,16", "John.3.16")]),
    (
        "Read Ps 23:1-6; Jn 10:11 and then Rom 8:28–39.",
        [("Ps 23:1-6; Jn 10:11", "Ps.23.1-Ps.23.6;John.10.11"), ("Rom 8:28–39", "Rom.8.28-Rom.8.39")],
    ),
    ("See John 3:16, 18 for more.", [("John 3:16, 18", "John.3.16;John.3.18")]),
    (
        "Lisez 1 Co 13.4-7 puis Ésaïe 53:5.",
        [("1 Co 13.4-7", "1Cor.13.4-1Cor.13.7"), ("Ésaïe 53:5", "Isa.53.5")],
    ),
    ("As I Corinthians 13:4 says", [("I Corinthians 13:4", "1Cor.13.4")]),
    ("Psalm 23 is a comfort.", [("Psalm 23", "Ps.23")]),
    ("The letter of Jude 3 urges us", [("Jude 3", "Jude.1.3")]),
    ("John 3: he said so", [("John 3", "John.3")]),
    ("Galatians 5:22, which lists the fruit", [("Galatians 5:22", "Gal.5.22")]),
    ("Psalm 23, 4 people came", [("Psalm 23", "Ps.23")]),
    ("Is 53:5 and Am 5:24", [("Is 53:5", "Isa.53.5"), ("Am 5:24", "Amos.5.24")]),
    ("In 2024 we met 3 times", []),
    ("Chapter 3:16 of my notes", []),
    ("I am 5 years old and so 2 of us came", []),
    ("He 3 times said it; Song 3 is next; Act 2 begins", []),
    ("Le 3 mai, il est 3 h 16", []),
    ("Psalm 23rd", []),
    ("Mark", []),
    ("John 3:40 does not exist", []),
    ("Ps 151 either", []),
    ("jean 3,16 en minuscules", []),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_find_references(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(text[start:end], ref.osis) for start, end, ref in find_references(text)]
    assert found == expected


def test_find_references_spans_in_decomposed_text() -> None:
    text = "Voir E\u0301saïe 53:5."
    [(start, end, ref)] = find_references(text)
    assert text[start:end] == "E\u0301saïe 53:5"
    assert ref.osis == "Isa.53.5"


def test_kjv_totals() -> None:
    assert len(BOOKS) == 66
    assert sum(book.chapters for book in BOOKS) == 1189
    assert sum(sum(book.verses) for book in BOOKS) == 31102


def test_book_table() -> None:
    assert [b.osis for b in BOOKS][:3] == ["Gen", "Exod", "Lev"]
    assert [b.osis for b in BOOKS][-3:] == ["3John", "Jude", "Rev"]
    assert {b.osis for b in BOOKS if b.chapters == 1} == {"Obad", "Phlm", "2John", "3John", "Jude"}
    assert BOOKS_BY_OSIS["Ps"].verses[116] == 2  # Psalm 117
    assert BOOKS_BY_OSIS["Mal"].chapters == 4  # KJV keeps Malachi 4 (Louis Segond merges it into 3)
    assert BOOKS_BY_OSIS["3John"].verses == (14,)


def test_verse_counts_match_kjv_export() -> None:
    """The shared French Bible (KJV versification) agrees with our verse table."""
    export = shared(SHARED / "data" / "bibles" / "FreSynodale1921.csv", "the shared Bible text (data/bibles)")
    counts: dict[str, dict[int, int]] = {}
    with export.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            chapters = counts.setdefault(row["Book"], {})
            chapter = int(row["Chapter"])
            chapters[chapter] = max(chapters.get(chapter, 0), int(row["Verse"]))
    exported = [tuple(chapters[c] for c in sorted(chapters)) for chapters in counts.values()]
    assert exported == [book.verses for book in BOOKS]
