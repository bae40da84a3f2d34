"""MATCHING: {"pairs": {"left id": "right id", …}}, credit per left item matched right."""

from __future__ import annotations

from bibliology.content import MatchingAnswer
from bibliology.quizzes.grading.base import Grade, Policy, field_of, parts_credit, string_map


def grade(correct: MatchingAnswer, answer: object, policy: Policy) -> Grade:
    given = string_map(field_of(answer, "pairs"))
    expected = {pair[0]: pair[1] for pair in correct.pairs}
    results = {left: given.get(left) == right for left, right in expected.items()}
    right = sum(results.values())
    return Grade(parts_credit(right, len(expected), policy), {"pairs": results})
