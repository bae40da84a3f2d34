"""FILL_BLANK: {"blanks": {"1": "…", "2": "…"}}, credit per blank."""

from __future__ import annotations

from bibliology.content import FillBlankAnswer
from bibliology.quizzes.grading.base import Grade, Policy, field_of, parts_credit, string_map
from bibliology.quizzes.grading.normalise import TypedMatch, match_typed
from bibliology.quizzes.grading.short_answer import accepted_for


def grade(correct: FillBlankAnswer, answer: object, lang: str, policy: Policy) -> Grade:
    given = string_map(field_of(answer, "blanks"))
    results: dict[str, TypedMatch] = {}
    for blank in correct.blanks:
        text = given.get(blank.id)
        results[blank.id] = (
            TypedMatch(None)
            if text is None
            else match_typed(text, accepted_for(blank.accepted, lang), correct.match)
        )
    right = sum(1 for result in results.values() if result.correct)
    detail = {"blanks": {blank_id: result.as_detail() for blank_id, result in results.items()}}
    return Grade(parts_credit(right, len(correct.blanks), policy), detail)
