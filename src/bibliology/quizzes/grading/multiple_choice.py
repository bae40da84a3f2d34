"""MULTIPLE_CHOICE: one right option, or several with per-option credit and a wrong-pick penalty."""

from __future__ import annotations

from fractions import Fraction

from bibliology.content import MultipleChoiceAnswer
from bibliology.quizzes.grading.base import ONE, ZERO, Grade, Policy, clamp, field_of


def selected_ids(answer: object) -> list[str]:
    """{"selected": ["a", "c"]} (a bare id is accepted for single answers); duplicates dropped."""
    value = field_of(answer, "selected")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return list(dict.fromkeys(item for item in value if isinstance(item, str)))


def grade(correct: MultipleChoiceAnswer, option_ids: list[str], answer: object, policy: Policy) -> Grade:
    picked = [option for option in selected_ids(answer) if option in option_ids]
    right = set(correct.correct)
    wrong = set(option_ids) - right
    right_picks = sum(1 for option in picked if option in right)
    wrong_picks = len(picked) - right_picks
    detail = {"selected": picked, "right_picks": right_picks, "wrong_picks": wrong_picks}
    exact = set(picked) == right
    if not correct.multiple or policy.partial_credit == "all_or_nothing":
        return Grade(ONE if exact else ZERO, detail)
    credit = Fraction(right_picks, len(right))
    if policy.wrong_pick_penalty == "balanced" and wrong:
        credit -= Fraction(wrong_picks, len(wrong))
    elif policy.wrong_pick_penalty == "strict":
        credit -= Fraction(wrong_picks, len(right))
    return Grade(clamp(credit), detail)
