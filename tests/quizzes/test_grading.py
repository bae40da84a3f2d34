"""The grader: every question type and option, exact partial credit, and properties that hold for
answers of any shape."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bibliology.content import validate_question
from bibliology.enums import QuestionType
from bibliology.quizzes.grading import GradableQuestion, Policy, grade

PARTIAL = Policy("partial", "none")
BALANCED = Policy("partial", "balanced")
STRICT = Policy("partial", "strict")
ALL_OR_NOTHING = Policy("all_or_nothing", "balanced")


def question(kind: QuestionType, **kw: Any) -> GradableQuestion:
    valid = validate_question(kind, **({"text_en": "Q"} | kw))
    return GradableQuestion(valid.question_type, valid.correct_answers, valid.options_en)


OPTIONS = [{"id": i, "text": i.upper()} for i in ("a", "b", "c", "d", "e")]
SINGLE = question(QuestionType.MULTIPLE_CHOICE, options_en=OPTIONS[:3], correct_answers={"correct": ["b"]})
# Two right (a, b) and three wrong (c, d, e).
MULTIPLE = question(
    QuestionType.MULTIPLE_CHOICE,
    options_en=OPTIONS,
    correct_answers={"multiple": True, "correct": ["a", "b"]},
)
TRUE = question(QuestionType.TRUE_FALSE, correct_answers={"value": True})
SHORT = question(
    QuestionType.SHORT_ANSWER,
    text_fr="Q",
    correct_answers={
        "accepted": {"en": ["Peter", "Simon Peter"], "fr": ["Pierre", "l’Église"]},
        "match": {"ignore_accents": True, "typo_tolerance": 1},
    },
)
BLANKS = question(
    QuestionType.FILL_BLANK,
    text_en="For God so loved the {{1}} that he gave his only {{2}}.",
    text_fr="Car Dieu a tant aimé le {{1}} qu’il a donné son {{2}} unique.",
    correct_answers={
        "blanks": [
            {"id": "1", "accepted": {"en": ["world"], "fr": ["monde"]}},
            {"id": "2", "accepted": {"en": ["Son"], "fr": ["Fils"]}},
        ]
    },
)
MATCH = question(
    QuestionType.MATCHING,
    options_en={
        "left": [
            {"id": "l1", "text": "Genesis"},
            {"id": "l2", "text": "Exodus"},
            {"id": "l3", "text": "Ruth"},
        ],
        "right": [
            {"id": "r1", "text": "Creation"},
            {"id": "r2", "text": "Red Sea"},
            {"id": "r3", "text": "Boaz"},
        ],
    },
    correct_answers={"pairs": [["l1", "r1"], ["l2", "r2"], ["l3", "r3"]]},
)


def credit(q: GradableQuestion, answer: object, *, lang: str = "en", policy: Policy = BALANCED) -> Fraction:
    return grade(q, answer, lang=lang, policy=policy).credit


class TestMultipleChoice:
    def test_single(self) -> None:
        assert credit(SINGLE, {"selected": ["b"]}) == 1
        assert credit(SINGLE, {"selected": "b"}) == 1
        assert credit(SINGLE, {"selected": ["a"]}) == 0
        assert credit(SINGLE, {"selected": ["a", "b"]}) == 0  # one answer only
        assert credit(SINGLE, {"selected": ["zz"]}) == 0

    def test_multiple_per_option_credit_without_penalty(self) -> None:
        assert credit(MULTIPLE, {"selected": ["a"]}, policy=PARTIAL) == Fraction(1, 2)
        assert credit(MULTIPLE, {"selected": ["a", "b", "c", "d", "e"]}, policy=PARTIAL) == 1
        assert grade(MULTIPLE, {"selected": ["a", "b"]}, lang="en", policy=PARTIAL).is_correct

    def test_balanced_penalty_costs_one_wrong_option_share(self) -> None:
        assert credit(MULTIPLE, {"selected": ["a", "b", "c"]}, policy=BALANCED) == Fraction(2, 3)
        assert credit(MULTIPLE, {"selected": ["a", "c"]}, policy=BALANCED) == Fraction(1, 2) - Fraction(1, 3)
        assert credit(MULTIPLE, {"selected": ["a", "b", "c", "d", "e"]}, policy=BALANCED) == 0  # ticking all

    def test_strict_penalty_cancels_a_right_pick_floor_zero(self) -> None:
        assert credit(MULTIPLE, {"selected": ["a", "b", "c"]}, policy=STRICT) == Fraction(1, 2)
        assert credit(MULTIPLE, {"selected": ["a", "c", "d"]}, policy=STRICT) == 0  # 1/2 - 1, floored

    def test_all_or_nothing(self) -> None:
        assert credit(MULTIPLE, {"selected": ["a"]}, policy=ALL_OR_NOTHING) == 0
        assert credit(MULTIPLE, {"selected": ["b", "a"]}, policy=ALL_OR_NOTHING) == 1

    def test_detail_names_the_picks(self) -> None:
        detail = grade(MULTIPLE, {"selected": ["a", "c", "c", "x"]}, lang="en", policy=BALANCED).detail
        assert detail == {"selected": ["a", "c"], "right_picks": 1, "wrong_picks": 1}


def test_true_false() -> None:
    assert credit(TRUE, {"value": True}) == 1
    assert credit(TRUE, {"value": False}) == 0
    assert credit(TRUE, {"value": "true"}) == 0  # a string is not a boolean
    assert credit(TRUE, {}) == 0


class TestShortAnswer:
    def test_per_language_lists(self) -> None:
        assert credit(SHORT, {"text": "pierre"}, lang="fr") == 1
        assert credit(SHORT, {"text": "peter"}, lang="en") == 1
        assert credit(SHORT, {"text": "Pierre"}, lang="en") == 0
        assert credit(SHORT, {"text": "Peter"}, lang="fr") == 0

    def test_french_matching_options(self) -> None:
        assert credit(SHORT, {"text": "l'eglise"}, lang="fr") == 1  # accents ignored, ’ = '
        found = grade(SHORT, {"text": "Pierrre"}, lang="fr", policy=BALANCED)
        assert found.credit == 1
        assert found.detail == {"is_correct": True, "matched": "Pierre", "typo": True, "edits": 1}

    def test_an_empty_french_list_falls_back_to_english(self) -> None:
        q = question(QuestionType.SHORT_ANSWER, correct_answers={"accepted": {"en": ["cœur"]}})
        assert credit(q, {"text": "coeur"}, lang="fr") == 1


class TestFillBlank:
    def test_credit_per_blank(self) -> None:
        assert credit(BLANKS, {"blanks": {"1": "monde", "2": "Fils"}}, lang="fr") == 1
        assert credit(BLANKS, {"blanks": {"1": "monde", "2": "fille"}}, lang="fr") == Fraction(1, 2)
        assert credit(BLANKS, {"blanks": {"1": "World"}}, lang="en") == Fraction(1, 2)
        assert credit(BLANKS, {"blanks": {"1": "monde"}}, lang="fr", policy=ALL_OR_NOTHING) == 0

    def test_detail_per_blank(self) -> None:
        detail = grade(BLANKS, {"blanks": {"1": "world", "2": 3}}, lang="en", policy=BALANCED).detail
        assert detail["blanks"]["1"]["is_correct"] is True
        assert detail["blanks"]["2"]["is_correct"] is False


class TestMatching:
    def test_credit_per_pair(self) -> None:
        assert credit(MATCH, {"pairs": {"l1": "r1", "l2": "r2", "l3": "r3"}}) == 1
        assert credit(MATCH, {"pairs": {"l1": "r1", "l2": "r3", "l3": "r2"}}) == Fraction(1, 3)
        assert credit(MATCH, {"pairs": {"l1": "r1", "l2": "r2"}}, policy=ALL_OR_NOTHING) == 0

    def test_detail(self) -> None:
        assert grade(MATCH, {"pairs": {"l1": "r1"}}, lang="en", policy=BALANCED).detail == {
            "pairs": {"l1": True, "l2": False, "l3": False}
        }


def test_a_misconfigured_question_earns_nothing_and_says_so() -> None:
    broken = GradableQuestion(QuestionType.MULTIPLE_CHOICE, {"correct": "b"}, OPTIONS)
    result = grade(broken, {"selected": ["b"]}, lang="en", policy=BALANCED)
    assert result.credit == 0
    assert result.detail == {"unscorable": True}


# --------------------------------------------------------------------------- properties

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=20,
)
KEYS = st.sampled_from(["selected", "value", "text", "blanks", "pairs", "1", "2", "l1", "a"])
SHAPED = st.dictionaries(KEYS, JSON | st.dictionaries(KEYS, JSON, max_size=4) | st.lists(KEYS), max_size=4)
POLICIES = st.builds(
    Policy,
    st.sampled_from(["all_or_nothing", "partial"]),
    st.sampled_from(["none", "balanced", "strict"]),
)
QUESTIONS = st.sampled_from([SINGLE, MULTIPLE, TRUE, SHORT, BLANKS, MATCH])


@settings(max_examples=400, deadline=None)
@given(q=QUESTIONS, answer=JSON | SHAPED, lang=st.sampled_from(["en", "fr", "de", ""]), policy=POLICIES)
def test_the_grader_never_raises_and_stays_within_the_points(
    q: GradableQuestion, answer: object, lang: str, policy: Policy
) -> None:
    result = grade(q, answer, lang=lang, policy=policy)
    assert 0 <= result.credit <= 1
    assert result.is_correct == (result.credit == 1)


@settings(max_examples=200, deadline=None)
@given(correct=JSON, answer=JSON | SHAPED, kind=st.sampled_from(list(QuestionType)), options=JSON)
def test_garbage_stored_questions_never_raise(
    correct: Any, answer: object, kind: QuestionType, options: Any
) -> None:
    result = grade(GradableQuestion(kind, correct, options), answer, lang="fr", policy=BALANCED)
    assert 0 <= result.credit <= 1


@settings(max_examples=200, deadline=None)
@given(picked=st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), unique=True), policy=POLICIES)
def test_multiple_choice_credit_is_monotonic_in_right_picks(picked: list[str], policy: Policy) -> None:
    with_a = credit(MULTIPLE, {"selected": [*picked, "a"]}, policy=policy)
    without_a = credit(MULTIPLE, {"selected": [p for p in picked if p != "a"]}, policy=policy)
    assert with_a >= without_a
