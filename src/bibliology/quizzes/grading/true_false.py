"""TRUE_FALSE: {"value": true | false}; anything but a JSON boolean is unanswered."""

from __future__ import annotations

from bibliology.content import TrueFalseAnswer
from bibliology.quizzes.grading.base import ONE, ZERO, Grade, field_of


def grade(correct: TrueFalseAnswer, answer: object) -> Grade:
    value = field_of(answer, "value")
    given = value if isinstance(value, bool) else None
    return Grade(ONE if given is correct.value else ZERO, {"given": given})
