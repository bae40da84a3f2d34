"""What every grader returns, and the per-quiz scoring policy they apply."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

PartialCredit = Literal["all_or_nothing", "partial"]
WrongPickPenalty = Literal["none", "balanced", "strict"]

ZERO = Fraction(0)
ONE = Fraction(1)


@dataclass(frozen=True)
class Policy:
    """quizzes.partial_credit_policy and quizzes.wrong_pick_penalty (docs/quizzes.md "Scoring")."""

    partial_credit: PartialCredit = "partial"
    wrong_pick_penalty: WrongPickPenalty = "balanced"


@dataclass(frozen=True)
class Grade:
    """The share of the question's points earned (0 ≤ credit ≤ 1, exact) and what the grader saw."""

    credit: Fraction
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def is_correct(self) -> bool:
        return self.credit == ONE


def parts_credit(right: int, total: int, policy: Policy) -> Fraction:
    """Credit per blank / per pair, or all-or-nothing."""
    if total <= 0:
        return ZERO
    if policy.partial_credit == "all_or_nothing":
        return ONE if right == total else ZERO
    return Fraction(right, total)


def clamp(credit: Fraction) -> Fraction:
    return min(ONE, max(ZERO, credit))


def field_of(answer: object, key: str) -> object:
    """answer[key] when the answer is an object; anything else reads as unanswered."""
    return answer.get(key) if isinstance(answer, dict) else None


def string_map(value: object) -> dict[str, str]:
    """{"1": "monde"} kept; non-string keys or values dropped."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
