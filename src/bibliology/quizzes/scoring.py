"""Exact scores and their one rounding.

Credit is kept as an exact fraction (`fractions.Fraction`). A question's credit always has a small
denominator — options ≤ 10, blanks and pairs ≤ 20, overrides in hundredths — so storing it with 9
decimals and reading it back with `limit_denominator(MAX_DENOMINATOR)` gives the same fraction again.
The design's integer columns (points_earned, score_percentage) hold the exact value rounded half up,
once, from the exact total (never a sum of rounded parts). Pass/fail compares the exact percentage.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

MAX_DENOMINATOR = 10_000
CREDIT_PLACES = 9
TOTAL_PLACES = 6


def round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def to_decimal(value: Fraction, places: int) -> Decimal:
    return Decimal(round_half_up(value * 10**places)).scaleb(-places)


def credit_from_db(value: Decimal | None) -> Fraction:
    return Fraction(0) if value is None else Fraction(value).limit_denominator(MAX_DENOMINATOR)


def earned_points(points: int, credit: Fraction, override: Decimal | None) -> Fraction:
    """A teacher's override wins over the grader (never above the question's points)."""
    if override is not None:
        return min(Fraction(override), Fraction(points))
    return credit * points


@dataclass(frozen=True)
class Score:
    points_exact: Fraction
    total_points: int
    passing_score_percentage: int

    @property
    def percentage(self) -> Fraction:
        if self.total_points == 0:
            return Fraction(100)  # nothing could be lost
        return self.points_exact * 100 / self.total_points

    @property
    def points_earned(self) -> int:
        return round_half_up(self.points_exact)

    @property
    def score_percentage(self) -> int:
        return round_half_up(self.percentage)

    @property
    def passed(self) -> bool:
        return self.percentage >= self.passing_score_percentage


def total(items: Iterable[tuple[int, Fraction]], *, passing_score_percentage: int) -> Score:
    """Score from (question points, points earned) pairs."""
    points = 0
    earned = Fraction(0)
    for question_points, question_earned in items:
        points += question_points
        earned += question_earned
    return Score(earned, points, passing_score_percentage)
