from __future__ import annotations

from typing import Any

import pytest

from bibliology.content import ContentInvalid, QuestionType, ValidatedQuestion, blank_ids, validate_question
from bibliology.enums import QuestionType as DbQuestionType

_MC_OPTIONS_EN = [{"id": "a", "text": "Peter"}, {"id": "b", "text": "*John*"}, {"id": "c", "text": "Judas"}]
_MC_OPTIONS_FR = [{"id": "a", "text": "Pierre"}, {"id": "b", "text": "*Jean*"}, {"id": "c", "text": "Judas"}]
_MATCH_EN = {
    "left": [{"id": "l1", "text": "Genesis"}, {"id": "l2", "text": "Exodus"}],
    "right": [
        {"id": "r1", "text": "Creation"},
        {"id": "r2", "text": "Red Sea"},
        {"id": "r3", "text": "Exile"},
    ],
}
_MATCH_FR = {
    "left": [{"id": "l1", "text": "Genèse"}, {"id": "l2", "text": "Exode"}],
    "right": [
        {"id": "r1", "text": "Création"},
        {"id": "r2", "text": "Mer Rouge"},
        {"id": "r3", "text": "Exil"},
    ],
}
_ACCEPTED = {"en": ["the world"], "fr": ["le monde"]}

VALID: list[dict[str, Any]] = [
    {
        "question_type": "MULTIPLE_CHOICE",
        "text_en": {"text": "Who was the *beloved* disciple?"},
        "text_fr": {"text": "Qui était le disciple « bien-aimé » ?"},
        "options_en": _MC_OPTIONS_EN,
        "options_fr": _MC_OPTIONS_FR,
        "correct_answers": {"multiple": False, "correct": ["b"]},
        "explanation_en": {
            "text": "See [John 13:23](https://www.biblegateway.com/passage/?search=John+13%3A23)."
        },
        "explanation_fr": {"text": "Voir Jean 13,23."},
        "points": 2,
    },
    {
        "question_type": "MULTIPLE_CHOICE",
        "text_en": {"text": "Which were apostles?"},
        "options_en": _MC_OPTIONS_EN,
        "correct_answers": {"multiple": True, "correct": ["a", "b", "c"]},
        "points": 0,
    },
    {
        "question_type": "TRUE_FALSE",
        "text_en": {"text": "Paul wrote Romans."},
        "text_fr": {"text": "Paul a écrit l’épître aux Romains."},
        "correct_answers": {"value": True},
        "points": 1,
    },
    {
        "question_type": "SHORT_ANSWER",
        "text_en": {"text": "Who denied Jesus three times?"},
        "text_fr": {"text": "Qui a renié Jésus trois fois ?"},
        "correct_answers": {
            "accepted": {"en": ["Peter", "Simon Peter"], "fr": ["Pierre", "Simon-Pierre"]},
            "match": {"ignore_accents": True, "typo_tolerance": 1},
        },
        "points": 3,
    },
    {
        "question_type": "SHORT_ANSWER",
        "text_en": {"text": "How many books are in the Torah?"},
        "correct_answers": {"accepted": {"en": ["5", "five"]}},
        "points": 1,
    },
    {
        "question_type": "FILL_BLANK",
        "text_en": {"text": "For God so loved the {{1}} that he gave his only {{2}}."},
        "text_fr": {"text": "Car Dieu a tant aimé le {{1}} qu’il a donné son {{2}} unique."},
        "correct_answers": {
            "blanks": [
                {"id": "1", "accepted": _ACCEPTED},
                {"id": "2", "accepted": {"en": ["Son"], "fr": ["Fils"]}},
            ],
            "match": {
                "ignore_case": True,
                "ignore_accents": False,
                "normalize_apostrophes": True,
                "normalize_ligatures": True,
                "collapse_whitespace_punctuation": True,
                "typo_tolerance": 0,
            },
        },
        "points": 2,
    },
    {
        "question_type": "MATCHING",
        "text_en": {"text": "Match each book with its event."},
        "text_fr": {"text": "Associez chaque livre à son événement."},
        "options_en": _MATCH_EN,
        "options_fr": _MATCH_FR,
        "correct_answers": {"pairs": [["l1", "r1"], ["l2", "r2"]]},
        "points": 4,
    },
]


def _call(question: dict[str, Any]) -> ValidatedQuestion:
    args = dict(question)
    return validate_question(args.pop("question_type"), **args)


def _again(result: ValidatedQuestion) -> ValidatedQuestion:
    columns = result.columns()
    return validate_question(
        columns["question_type"],
        text_en=columns["question_text_en"],
        text_fr=columns["question_text_fr"],
        options_en=columns["options_en"],
        options_fr=columns["options_fr"],
        correct_answers=columns["correct_answers"],
        explanation_en=columns["explanation_en"],
        explanation_fr=columns["explanation_fr"],
        points=columns["points"],
    )


@pytest.mark.parametrize("question", VALID, ids=lambda q: str(q["question_type"]))
def test_valid_questions_round_trip(question: dict[str, Any]) -> None:
    result = _call(question)
    assert result.question_type == question["question_type"]
    assert _again(result) == result
    assert result.question_text_en == question["text_en"]


def test_normalised_defaults_and_shorthand() -> None:
    result = validate_question(
        "short_answer", text_en="Name the river.", correct_answers={"accepted": {"en": [" Jordan "]}}
    )
    assert result.question_type is QuestionType.SHORT_ANSWER
    assert result.question_text_en == {"text": "Name the river."}
    assert result.points == 1
    assert result.correct_answers == {
        "accepted": {"en": ["Jordan"], "fr": []},
        "match": {
            "ignore_case": True,
            "ignore_accents": False,
            "normalize_apostrophes": True,
            "normalize_ligatures": True,
            "collapse_whitespace_punctuation": True,
            "typo_tolerance": 0,
        },
    }
    single = validate_question(
        "MULTIPLE_CHOICE", text_en="Q", options_en=_MC_OPTIONS_EN, correct_answers={"correct": ["a"]}
    )
    assert single.correct_answers == {"multiple": False, "correct": ["a"]}


def test_options_never_carry_correctness() -> None:
    result = _call(VALID[0])
    assert result.options_en == _MC_OPTIONS_EN
    assert all(set(option) == {"id", "text"} for option in _MC_OPTIONS_EN)


def test_question_type_mirrors_the_database_enum() -> None:
    assert [member.value for member in QuestionType] == [member.value for member in DbQuestionType]


def test_blank_ids() -> None:
    assert blank_ids("Le {{1}} et la {{2}}, puis {{10}}") == ["1", "2", "10"]
    assert blank_ids("{{ 1 }} {{a}} {{0}}") == []


def _with(base: int, **changes: Any) -> dict[str, Any]:
    return {**VALID[base], **changes}


_MC, _TF, _SA, _FB, _MATCH = 0, 2, 3, 5, 6
_FB_ANSWERS = VALID[_FB]["correct_answers"]

INVALID: list[tuple[dict[str, Any], str]] = [
    # every type: shared columns
    (_with(_MC, question_type="ESSAY"), "question_type"),
    (_with(_TF, text_en={"text": ""}), "text_en.text"),
    (_with(_TF, text_en={"texte": "Vrai ?"}), "text_en.texte"),
    (_with(_TF, text_en=42), "text_en"),
    (_with(_TF, text_fr={"text": "[x](javascript:alert(1))"}), "text_fr.text"),
    (_with(_TF, explanation_en={"text": "x" * 20_001}), "explanation_en.text"),
    (_with(_TF, points=101), "points"),
    (_with(_TF, points=-1), "points"),
    (_with(_TF, points="3"), "points"),
    (_with(_TF, points=True), "points"),
    # bilingual completeness
    (_with(_TF, text_fr=None, explanation_fr={"text": "Voir Romains 1,1."}), "explanation_fr"),
    (_with(_MC, text_fr=None), "options_fr"),
    (_with(_MC, options_fr=None), "options_fr"),
    # MULTIPLE_CHOICE
    (_with(_MC, options_en=None), "options_en"),
    (_with(_MC, options_en=[{"id": "a", "text": "only one"}]), "options_en"),
    (_with(_MC, options_en=[{"id": f"o{n}", "text": "x"} for n in range(11)]), "options_en"),
    (_with(_MC, options_en=[{"id": "A", "text": "x"}, {"id": "b", "text": "y"}]), "options_en.0.id"),
    (_with(_MC, options_en=[{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]), "options_en.1.id"),
    (
        _with(_MC, options_en=[{"id": "a", "text": "x", "correct": True}, {"id": "b", "text": "y"}]),
        "options_en.0.correct",
    ),
    (_with(_MC, options_fr=list(reversed(_MC_OPTIONS_FR))), "options_fr"),
    (_with(_MC, options_fr=_MC_OPTIONS_FR[:2]), "options_fr"),
    (_with(_MC, correct_answers={"multiple": False, "correct": ["a", "b"]}), "correct_answers.correct"),
    (_with(_MC, correct_answers={"multiple": True, "correct": []}), "correct_answers.correct"),
    (_with(_MC, correct_answers={"multiple": True, "correct": ["a", "z"]}), "correct_answers.correct.1"),
    (_with(_MC, correct_answers={"multiple": True, "correct": ["a", "a"]}), "correct_answers.correct.1"),
    (_with(_MC, correct_answers={"multiple": "yes", "correct": ["a"]}), "correct_answers.multiple"),
    # TRUE_FALSE
    (_with(_TF, correct_answers={"value": "true"}), "correct_answers.value"),
    (_with(_TF, correct_answers={}), "correct_answers.value"),
    (_with(_TF, options_en=[{"id": "t", "text": "True"}, {"id": "f", "text": "False"}]), "options_en"),
    # SHORT_ANSWER
    (_with(_SA, correct_answers={"accepted": {"en": [], "fr": ["Pierre"]}}), "correct_answers.accepted.en"),
    (_with(_SA, correct_answers={"accepted": {"fr": ["Pierre"]}}), "correct_answers.accepted.en"),
    (_with(_SA, correct_answers={"accepted": {"en": ["Peter\nSimon"]}}), "correct_answers.accepted.en.0"),
    (
        _with(_SA, correct_answers={"accepted": {"en": ["Peter"]}, "match": {"typo_tolerance": 3}}),
        "correct_answers.match.typo_tolerance",
    ),
    (
        _with(_SA, correct_answers={"accepted": {"en": ["Peter"]}, "match": {"fuzzy": True}}),
        "correct_answers.match.fuzzy",
    ),
    (_with(_SA, options_fr=[]), "options_fr"),
    # FILL_BLANK
    (_with(_FB, text_en={"text": "No blanks here."}), "text_en.text"),
    (_with(_FB, text_en={"text": "The {{1}} and {{1}} and {{2}}"}), "text_en.text"),
    (_with(_FB, text_fr={"text": "Le {{ 1 }} et le {{2}}"}), "text_fr.text"),
    (_with(_FB, text_fr={"text": "Le {{1}} et le {{2}} et {{3}}"}), "correct_answers.blanks"),
    (_with(_FB, correct_answers={**_FB_ANSWERS, "blanks": []}), "correct_answers.blanks"),
    (
        _with(_FB, correct_answers={**_FB_ANSWERS, "blanks": [{"id": "1", "accepted": _ACCEPTED}] * 2}),
        "correct_answers.blanks.1.id",
    ),
    (
        _with(_FB, correct_answers={**_FB_ANSWERS, "blanks": [{"id": "one", "accepted": _ACCEPTED}]}),
        "correct_answers.blanks.0.id",
    ),
    (
        _with(_FB, correct_answers={"blanks": [{"id": "1", "accepted": {"fr": ["monde"]}}]}),
        "correct_answers.blanks.0.accepted.en",
    ),
    # MATCHING
    (
        _with(_MATCH, options_en={"left": _MATCH_EN["left"][:1], "right": _MATCH_EN["right"]}),
        "options_en.left",
    ),
    (
        _with(
            _MATCH, options_en={**_MATCH_EN, "right": [{"id": "l1", "text": "x"}, {"id": "r9", "text": "y"}]}
        ),
        "options_en.right.0.id",
    ),
    (_with(_MATCH, options_en=_MC_OPTIONS_EN), "options_en"),
    (_with(_MATCH, options_fr={**_MATCH_FR, "right": _MATCH_FR["right"][:2]}), "options_fr.right"),
    (_with(_MATCH, correct_answers={"pairs": [["l1", "r1"]]}), "correct_answers.pairs"),
    (
        _with(_MATCH, correct_answers={"pairs": [["l1", "r1"], ["l1", "r2"], ["l2", "r2"]]}),
        "correct_answers.pairs.1.0",
    ),
    (_with(_MATCH, correct_answers={"pairs": [["l1", "r1"], ["l2", "r9"]]}), "correct_answers.pairs.1.1"),
    (_with(_MATCH, correct_answers={"pairs": [["r1", "l1"], ["l2", "r2"]]}), "correct_answers.pairs.0.0"),
    (_with(_MATCH, correct_answers={"pairs": [["l1", "r1", "r2"], ["l2", "r2"]]}), "correct_answers.pairs.0"),
]


@pytest.mark.parametrize(("question", "field"), INVALID)
def test_invalid_questions_name_the_field(question: dict[str, Any], field: str) -> None:
    with pytest.raises(ContentInvalid) as caught:
        _call(question)
    fields = [error["field"] for error in caught.value.errors]
    assert field in fields
    assert f"{field}:" in str(caught.value)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ContentInvalid) as caught:
        validate_question(
            "MULTIPLE_CHOICE",
            text_en={"text": ""},
            options_en=[{"id": "a", "text": "x"}],
            correct_answers={"correct": []},
            points=500,
        )
    assert {error["field"] for error in caught.value.errors} == {
        "text_en.text",
        "options_en",
        "correct_answers.correct",
        "points",
    }


def test_matching_right_side_may_be_reused_and_have_distractors() -> None:
    result = _call(_with(_MATCH, correct_answers={"pairs": [["l1", "r1"], ["l2", "r1"]]}))
    assert result.correct_answers == {"pairs": [["l1", "r1"], ["l2", "r1"]]}
