"""Ranking from search_terms (issue 16's benchmark work): titles above body text, every statement
the service chooses finds exactly what `document @@ tsquery` finds, the terms follow the documents,
and the stored `public` flag follows status changes."""

from __future__ import annotations

import pytest
from sqlalchemy import text, update
from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.enums import LessonStatus, UserRole
from bibliology.lessons.models import Lesson
from bibliology.policy import ANONYMOUS, Actor
from bibliology.search import service
from bibliology.search.query import parse_query
from tests.factories import make_course, make_teacher
from tests.search.support import ids, lesson_with


def _statement(session: Session, q: str, lang: str, **kw: object) -> str | None:
    parsed = parse_query(q)
    params = service._params(parsed, actor=ANONYMOUS, lang=lang, course=None, drafts=False) | kw
    return service.plan(parsed, params)


def test_a_title_match_ranks_above_body_text(session: Session) -> None:
    course = make_course(session, status=LessonStatus.PUBLISHED)
    body = lesson_with(
        session, course=course, text_en="Jehoshaphat " * 30, text_fr=None, title_en="Kings of Judah"
    )
    title = lesson_with(session, course=course, text_en="Nothing here.", text_fr=None, title_en="Jehoshaphat")
    found = ids(session, "jehoshaphat ", lang="en")
    assert found.index(title.id) < found.index(body.id)
    results = service.search(session, actor=ANONYMOUS, q="jehoshaphat", lang="en")  # as a prefix too
    order = [h.id for h in results.items]
    assert order.index(title.id) < order.index(body.id)


def test_more_occurrences_rank_higher_in_the_body(session: Session) -> None:
    once = lesson_with(session, text_en="Ahithophel gave counsel.", text_fr=None)
    often = lesson_with(session, text_en="Ahithophel, Ahithophel, Ahithophel.", text_fr=None)
    found = ids(session, "ahithophel ", lang="en")
    assert found.index(often.id) < found.index(once.id)


@pytest.mark.parametrize(
    ("q", "lang", "statement"),
    [
        ("zorobabel ", "fr", "single_public"),
        ("zorob", "fr", "postings_public"),
        ("zorobabel temple ", "fr", "postings_public"),
        ('"temple de zorobabel"', "fr", "phrases_public"),
        ('"le temple" zorob', "fr", "phrases_public"),  # a phrase and a prefix
        ('"temple fut rebâti"', "fr", "phrases_public"),
        ('"le temple fut" "fut rebâti"', "fr", "phrases_public"),  # two phrases
    ],
)
def test_every_statement_finds_what_the_document_matches(
    session: Session, q: str, lang: str, statement: str
) -> None:
    course = make_course(session, status=LessonStatus.PUBLISHED)
    texts = ["Le temple de Zorobabel.", "Zorobabel revint.", "Le temple fut rebâti.", "Rien."]
    made = [lesson_with(session, course=course, text_fr=t) for t in texts]
    assert _statement(session, q, lang) == statement
    tsquery = parse_query(q).tsquery
    expected = set(
        session.scalars(
            text(
                "SELECT entity_id FROM search_documents WHERE lang = :lang AND kind = 'lesson'"
                " AND document @@ to_tsquery('french', :q) AND entity_id = ANY(:ids)"
            ),
            {"lang": lang, "q": tsquery, "ids": [m.id for m in made]},
        )
    )
    assert expected  # the query means something here
    assert len(expected) < len(made)  # and leaves something out
    found = {h.id for h in service.search(session, actor=ANONYMOUS, q=q, lang=lang).items}
    assert found & {m.id for m in made} == expected
    # The joined statements (a teacher's drafts) find the same.
    admin = Actor(user_id="admin", role=UserRole.ADMIN)
    with_drafts = {h.id for h in service.search(session, actor=admin, q=q, lang=lang, drafts=True).items}
    assert with_drafts & {m.id for m in made} == expected


def test_terms_are_the_documents_lexemes(session: Session) -> None:
    lesson_with(session, text_en="Shear-jashub and Maher-shalal-hash-baz.", text_fr="Schear-Jaschub.")
    lesson = lesson_with(session, text_en="Zerubbabel built the temple.", text_fr=None)
    wrong = session.scalar(
        text(
            """SELECT count(*) FROM search_documents d
               WHERE d.entity_id = :id AND (
                 ARRAY(SELECT t.lexeme FROM search_terms t WHERE t.doc_id = d.doc_id ORDER BY 1)
                 IS DISTINCT FROM ARRAY(SELECT x COLLATE "C" FROM unnest(tsvector_to_array(d.document)) x ORDER BY 1)
                 OR EXISTS (SELECT 1 FROM search_terms t WHERE t.doc_id = d.doc_id AND t.public <> d.public))"""
        ),
        {"id": lesson.id},
    )
    assert wrong == 0
    assert (
        session.scalar(
            text(
                "SELECT count(*) FROM search_terms t JOIN search_documents d USING (doc_id)"
                " WHERE d.entity_id = :id AND t.lexeme = 'zerubbabel'"
            ),
            {"id": lesson.id},
        )
        == 2
    )  # the English and the French reader's document (French falls back to English)


def test_publishing_and_archiving_update_what_students_see(session: Session) -> None:
    teacher = make_teacher(session)
    course = make_course(session, teacher=teacher, status=LessonStatus.DRAFT)
    lesson = lesson_with(session, course=course, status=LessonStatus.DRAFT, text_fr="Le livre de Abdias.")
    assert lesson.id not in ids(session, "abdias ")
    session.execute(update(Course).where(Course.id == course.id).values(status=LessonStatus.PUBLISHED))
    assert lesson.id not in ids(session, "abdias ")  # the lesson is still a draft
    session.execute(update(Lesson).where(Lesson.id == lesson.id).values(status=LessonStatus.PUBLISHED))
    assert lesson.id in ids(session, "abdias ")
    assert lesson.id in ids(session, "abd")
    session.execute(update(Course).where(Course.id == course.id).values(status=LessonStatus.ARCHIVED))
    assert lesson.id not in ids(session, "abdias ")
    assert lesson.id not in ids(session, "abd")


PHRASE_TEXTS = (
    "Saint, saint, saint est l’Éternel des armées.",
    "Le saint temple de l’Éternel.",
    "David vit Bath-Schéba ; Bath-Schéba était belle.",
    "L’Esprit de Dieu planait au-dessus des eaux.",
    "Dieu dit : que la lumière soit ! Et la lumière fut.",
    "La lumière de Dieu, et Dieu de lumière.",
)
PHRASES = (
    '"saint saint"',
    '"saint saint saint"',
    '"saint temple"',
    '"temple saint"',
    '"l\'Éternel des armées"',
    '"Bath-Schéba était"',
    '"vit Bath-Schéba"',
    '"l\'esprit de dieu"',
    '"esprit dieu"',
    '"la lumière fut"',
    '"lumière de Dieu"',
    '"Dieu de lumière"',
    '"de Dieu" lumi',
    '"lumière soit" "lumière fut"',
    '"et dieu"',
)


def test_phrases_from_postings_find_exactly_what_the_documents_match(session: Session) -> None:
    """Positions from search_terms line phrases up as `document @@ phraseto` would: stop words keep
    their place, hyphenated words and elisions split alike, a word repeated in the phrase counts."""
    course = make_course(session, status=LessonStatus.PUBLISHED)
    made = [lesson_with(session, course=course, text_fr=t) for t in PHRASE_TEXTS]
    made_ids = [m.id for m in made]
    admin = Actor(user_id="admin", role=UserRole.ADMIN)
    for q in PHRASES:
        tsquery = parse_query(q).tsquery
        expected = set(
            session.scalars(
                text(
                    "SELECT entity_id FROM search_documents WHERE lang = 'fr' AND kind = 'lesson'"
                    " AND document @@ to_tsquery('french', :q) AND entity_id = ANY(:ids)"
                ),
                {"q": tsquery, "ids": made_ids},
            )
        )
        assert _statement(session, q, "fr") in ("phrases_public", "postings_public"), q
        public = {h.id for h in service.search(session, actor=ANONYMOUS, q=q, lang="fr").items}
        joined = {h.id for h in service.search(session, actor=admin, q=q, lang="fr", drafts=True).items}
        assert public & set(made_ids) == expected, q
        assert joined & set(made_ids) == expected, q
    # The cases above mean something: some phrases match, some do not.
    assert ids(session, '"temple saint"') == []
    assert ids(session, '"saint temple"') == [made[1].id]


def test_a_phrase_checks_the_best_candidates_only(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """A phrase of common words costs the same at any scale: of the documents holding its words,
    the best-ranked CANDIDATES are checked for the phrase, and `total` counts those that match."""
    course = make_course(session, status=LessonStatus.PUBLISHED)
    in_title = lesson_with(session, course=course, title_fr="Ézéchias roi", text_fr="Le roi Ézéchias pria.")
    lesson_with(session, course=course, text_fr="Le roi Ézéchias pria, Ézéchias le roi.")
    lesson_with(session, course=course, text_fr="Ézéchias fut un roi.")  # the words, not the phrase
    assert service.search(session, actor=ANONYMOUS, q='"roi ezechias"', lang="fr").total == 2
    monkeypatch.setattr(service, "CANDIDATES", 1)
    results = service.search(session, actor=ANONYMOUS, q='"roi ezechias"', lang="fr")
    assert [h.id for h in results.items] == [in_title.id]  # the best candidate (its title) matches
    assert results.total == 1
