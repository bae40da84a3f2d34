"""The issue's quality bars for words: accents, ligatures, apostrophes, stemming, prefixes, phrases,
visibility, untranslated content and snippets."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.enums import LessonStatus
from bibliology.errors import Invalid
from bibliology.policy import Actor
from bibliology.search import service
from bibliology.search.folding import fold
from tests.factories import make_course, make_teacher
from tests.search.support import ids, lesson_with


def test_evangile_finds_evangile_with_accent(session: Session) -> None:
    lesson = lesson_with(session, text_fr="L’Évangile selon Jean.")
    assert lesson.id in ids(session, "evangile")
    assert lesson.id in ids(session, "ÉVANGILE")


def test_coeur_finds_the_ligature(session: Session) -> None:
    lesson = lesson_with(session, text_fr="Crée en moi un cœur pur, ô Dieu.")
    assert lesson.id in ids(session, "coeur")
    assert lesson.id in ids(session, "cœur")


def test_apostrophes_fold(session: Session) -> None:
    lesson = lesson_with(session, text_fr="Le fruit de l’Esprit, c’est l’amour.")
    assert lesson.id in ids(session, "l'Esprit")
    assert lesson.id in ids(session, "l’esprit")


def test_french_stemming_graces_finds_grace(session: Session) -> None:
    lesson = lesson_with(session, text_fr="Par la grâce vous êtes sauvés.")
    assert lesson.id in ids(session, "graces ")


def test_english_stemming_and_prefix(session: Session) -> None:
    lesson = lesson_with(session, text_en="The fruit of the Spirit is love, joy, peace.", text_fr=None)
    assert lesson.id in ids(session, "spirits ", lang="en")
    assert lesson.id in ids(session, "spir", lang="en")  # search as you type


def test_prefix_finds_esprit(session: Session) -> None:
    lesson = lesson_with(session, text_fr="Le fruit de l’Esprit est l’amour.")
    assert lesson.id in ids(session, "esp")


def test_phrase_needs_the_words_in_order(session: Session) -> None:
    yes = lesson_with(session, text_en="But the fruit of the Spirit is love.", text_fr=None)
    no = lesson_with(session, text_en="The Spirit gives fruit.", text_fr=None)
    found = ids(session, '"fruit of the spirit"', lang="en")
    assert yes.id in found
    assert no.id not in found


def test_drafts_invisible_to_students_visible_to_their_teacher_on_request(session: Session) -> None:
    teacher = make_teacher(session)
    course = make_course(session, teacher=teacher, status=LessonStatus.PUBLISHED)
    draft = lesson_with(session, course=course, status=LessonStatus.DRAFT, text_fr="Le mystère caché.")
    student = Actor(user_id="someone", role=None)
    assert draft.id not in ids(session, "mystere", actor=student)
    owner = Actor(user_id=teacher.id, role=teacher.role)
    assert draft.id not in ids(session, "mystere", actor=owner)  # only when asked
    assert draft.id in ids(session, "mystere", actor=owner, drafts=True)
    other = make_teacher(session)
    assert draft.id not in ids(
        session, "mystere", actor=Actor(user_id=other.id, role=other.role), drafts=True
    )


def test_archived_never_and_draft_courses_hidden(session: Session) -> None:
    archived = lesson_with(session, status=LessonStatus.ARCHIVED, text_fr="Le tabernacle ancien.")
    course = make_course(session, status=LessonStatus.DRAFT)
    in_draft_course = lesson_with(session, course=course, text_fr="Le tabernacle nouveau.")
    found = ids(session, "tabernacle")
    assert archived.id not in found
    assert in_draft_course.id not in found


def test_untranslated_lessons_are_flagged_for_french_readers(session: Session) -> None:
    lesson = lesson_with(session, text_en="Melchizedek king of Salem.", text_fr=None, title_fr=None)
    results = service.search(session, actor=Actor(), q="melchizedek", lang="fr")
    hit = next(h for h in results.items if h.id == lesson.id)
    assert hit.untranslated
    english = service.search(session, actor=Actor(), q="melchizedek", lang="en")
    assert not next(h for h in english.items if h.id == lesson.id).untranslated


def test_snippet_highlights_original_characters(session: Session) -> None:
    lesson = lesson_with(session, text_fr="Au commencement était l’Évangile de la grâce.")
    hit = next(
        h for h in service.search(session, actor=Actor(), q="evangile", lang="fr").items if h.id == lesson.id
    )
    assert "<mark>Évangile</mark>" in hit.snippet_html
    assert "l’Évangile" in hit.snippet


def test_courses_are_found_by_title(session: Session) -> None:
    course = make_course(session, status=LessonStatus.PUBLISHED, title_fr="Les Épîtres pastorales")
    results = service.search(session, actor=Actor(), q="epitres", lang="fr")
    assert any(h.kind == "course" and h.id == course.id for h in results.items)


def test_course_filter(session: Session) -> None:
    first = lesson_with(session, text_fr="Le jubilé.")
    second = lesson_with(session, text_fr="Le jubilé encore.")
    found = ids(session, "jubile", course=first.course_id)
    assert first.id in found
    assert second.id not in found


@pytest.mark.parametrize("q", ["", "   ", "x" * 501])
def test_empty_or_long_queries_are_invalid(session: Session, q: str) -> None:
    with pytest.raises(Invalid):
        service.search(session, actor=Actor(), q=q, lang="fr")


def test_python_fold_matches_sql_fold(session: Session) -> None:
    sample = "L’ÉVANGILE Œuvre cœur Æsir straße Ça déjà-vu naïve Ñandú Łódź ‘quoted’"
    assert session.scalar(text("SELECT search_fold(:t)"), {"t": sample}) == fold(sample)


def test_snippet_of_a_match_deep_in_a_long_lesson(session: Session) -> None:
    filler = "Ceci est une phrase de remplissage sans intérêt. " * 120
    lesson = lesson_with(session, text_fr=filler + "Enfin le mot Melchisédek apparaît.")
    hit = next(
        h
        for h in service.search(session, actor=Actor(), q="melchisedek", lang="fr").items
        if h.id == lesson.id
    )
    assert "<mark>Melchisédek</mark>" in hit.snippet_html
