"""Typed answers: each match option on French examples, and the bounded edit distance."""

from __future__ import annotations

import pytest

from bibliology.content import MatchOptions
from bibliology.quizzes.grading.normalise import edit_distance, match_typed, normalise

DEFAULT = MatchOptions()
NOTHING = MatchOptions(
    ignore_case=False,
    ignore_accents=False,
    normalize_apostrophes=False,
    normalize_ligatures=False,
    collapse_whitespace_punctuation=False,
)


def test_accents_are_ignored_only_when_asked() -> None:
    assert match_typed("eglise", ["Église"], MatchOptions(ignore_accents=True)).correct
    assert not match_typed("eglise", ["Église"], DEFAULT).correct
    # In French an accent can change the word: "ou" is not "où" by default.
    assert not match_typed("ou", ["où"], DEFAULT).correct


def test_apostrophes_curly_and_straight_are_one() -> None:
    assert match_typed("l'esprit", ["l’Esprit"], DEFAULT).correct
    no_collapse = DEFAULT.model_copy(update={"collapse_whitespace_punctuation": False})
    assert match_typed("l’esprit", ["l'Esprit"], no_collapse).correct
    assert not match_typed("l'esprit", ["l’Esprit"], NOTHING.model_copy(update={"ignore_case": True})).correct


def test_ligatures() -> None:
    assert match_typed("coeur", ["cœur"], DEFAULT).correct
    assert match_typed("Cœur", ["coeur"], DEFAULT).correct
    assert match_typed("ex aequo", ["ex æquo"], DEFAULT).correct
    assert not match_typed(
        "coeur", ["cœur"], DEFAULT.model_copy(update={"normalize_ligatures": False})
    ).correct


def test_case() -> None:
    assert match_typed("pierre", ["Pierre"], DEFAULT).correct
    assert not match_typed("pierre", ["Pierre"], MatchOptions(ignore_case=False)).correct


def test_whitespace_and_punctuation_collapse() -> None:
    assert match_typed("Pierre!", ["Pierre !"], DEFAULT).correct
    assert match_typed("  Simon   Pierre ", ["Simon-Pierre"], DEFAULT).correct
    # A narrow no-break space before "!" as French typography puts it.
    assert match_typed("Pierre\u202f!", ["Pierre"], DEFAULT).correct
    assert not match_typed(
        "Simon Pierre", ["Simon-Pierre"], MatchOptions(collapse_whitespace_punctuation=False)
    ).correct


def test_all_options_together() -> None:
    options = MatchOptions(ignore_accents=True)
    assert match_typed("  L'EGLISE, coeur de la foi ", ["l’Église — cœur de la foi"], options).correct


def test_normalise_is_idempotent_on_examples() -> None:
    for text in ("L’Église", "cœur", "Pierre !", "ÆSOPE"):
        once = normalise(text, MatchOptions(ignore_accents=True))
        assert normalise(once, MatchOptions(ignore_accents=True)) == once


def test_typo_tolerance_is_reported_and_bounded() -> None:
    one = MatchOptions(typo_tolerance=1)
    found = match_typed("Jérusalme", ["Jérusalem"], one)  # a swap of neighbours is one edit
    assert found.correct
    assert found.edits == 1
    assert found.as_detail()["typo"] is True
    assert not match_typed("Jérusalme", ["Jérusalem"], DEFAULT).correct
    assert not match_typed("Jrusalme", ["Jérusalem"], one).correct  # two edits
    assert match_typed("Jrusalme", ["Jérusalem"], MatchOptions(typo_tolerance=2)).correct


def test_short_answers_need_length_for_a_typo() -> None:
    one = MatchOptions(typo_tolerance=1)
    assert not match_typed("Noa", ["Noé"], one).correct  # 3 characters: exact only
    assert match_typed("Paol", ["Paul"], one).correct


def test_exact_match_wins_over_a_typo_match() -> None:
    found = match_typed("Saul", ["Paul", "Saul"], MatchOptions(typo_tolerance=1))
    assert found.accepted == "Saul"
    assert found.edits == 0


def test_empty_and_oversized_answers_never_match() -> None:
    assert not match_typed("   ", ["Pierre"], DEFAULT).correct
    assert not match_typed("x" * 5000, ["x" * 200], MatchOptions(typo_tolerance=2)).correct


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("", "", 0),
        ("abc", "abc", 0),
        ("abc", "acb", 1),
        ("abc", "ab", 1),
        ("kitten", "sitting", 3),
        ("", "ab", 2),
    ],
)
def test_edit_distance(a: str, b: str, expected: int) -> None:
    assert edit_distance(a, b, 5) == expected
    assert edit_distance(a, b, 0) == min(expected, 1)
