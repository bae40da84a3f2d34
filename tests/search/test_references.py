"""Search by Bible reference: verse ordinals, overlaps, mixed queries, and the SQL versification table."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.bible import parse_reference
from bibliology.bible.books import BOOKS
from bibliology.bible.ordinals import TOTAL_VERSES, ordinal, passage_range, position
from bibliology.enums import ContentBlockType
from bibliology.policy import Actor
from bibliology.search import service
from bibliology.search.query import parse_query
from tests.search.support import ids, lesson_with

VERSE = ContentBlockType.VERSE


def verse_lesson(session: Session, osis: str, text_en: str = "Scripture.") -> str:
    lesson = lesson_with(
        session, block_type=VERSE, content_en={"reference": osis, "text": text_en}, text_fr=None
    )
    return lesson.id


def test_romans_8_31_finds_a_block_of_romans_8_28_39(session: Session) -> None:
    lesson = verse_lesson(session, "Rom.8.28-Rom.8.39")
    assert lesson in ids(session, "Romains 8,31")
    assert lesson in ids(session, "Rom 8:31", lang="en")
    assert lesson in ids(session, "Romans 8")  # the chapter overlaps
    assert lesson not in ids(session, "Romains 9,1")


def test_other_reference_forms(session: Session) -> None:
    corinthians = verse_lesson(session, "1Cor.13.4-1Cor.13.7")
    psalm = verse_lesson(session, "Ps.23")
    john = verse_lesson(session, "John.3.16")
    assert corinthians in ids(session, "1 Co 13:4-7")
    assert psalm in ids(session, "Ps 23")
    assert john in ids(session, "John 3")
    assert john in ids(session, "Jean 3,16")


def test_mixed_query_needs_both(session: Session) -> None:
    love = verse_lesson(session, "1Cor.13.4-1Cor.13.7", "Charity suffereth long, and is kind")
    other = verse_lesson(session, "1Cor.13.1", "Though I speak with the tongues of men")
    found = ids(session, "kind 1 Co 13", lang="en")
    assert love in found
    assert other not in found
    results = service.search(session, actor=Actor(), q="kind 1 Co 13", lang="en")
    assert results.reference == "1Cor.13"
    assert next(h for h in results.items if h.id == love).passages == ["1Cor.13.4-1Cor.13.7"]


def test_query_parsing() -> None:
    parsed = parse_query("amour 1 Co 13")
    assert parsed.reference is not None
    assert parsed.reference.osis == "1Cor.13"
    assert parsed.tsquery == "'amour'"
    assert parse_query("Jean 3,16").tsquery == ""
    assert (
        parse_query('"fruit de l’Esprit" esp').tsquery == "('fruit' <-> 'de' <-> 'l' <-> 'esprit') & 'esp':*"
    )
    assert parse_query("3 graces").reference is None


def test_ordinals() -> None:
    assert ordinal("Gen", 1, 1) == 1
    assert ordinal("Rev", 22, 21) == TOTAL_VERSES == 31102
    assert position(ordinal("Rom", 8, 31)) == ("Rom", 8, 31)
    assert passage_range(parse_reference("Ps 23").passages[0]) == (ordinal("Ps", 23, 1), ordinal("Ps", 23, 6))


def test_the_sql_versification_table_matches_books_py(session: Session) -> None:
    rows = session.execute(text("SELECT book, chapter, first_ordinal, verse_count FROM bible_chapters")).all()
    assert len(rows) == sum(b.chapters for b in BOOKS) == 1189
    for book, chapter, first, count in rows:
        assert first == ordinal(book, chapter, 1)
        assert count == next(b for b in BOOKS if b.osis == book).verses[chapter - 1]
    ranges = session.scalars(text("SELECT bible_osis_ranges('Rom.8.28-Rom.8.39;Ps.23')::text")).all()
    assert ranges == [
        f"[{ordinal('Rom', 8, 28)},{ordinal('Rom', 8, 39) + 1})",
        f"[{ordinal('Ps', 23, 1)},{ordinal('Ps', 23, 6) + 1})",
    ]
    assert session.scalars(text("SELECT bible_osis_ranges('not a reference')")).all() == []
