"""Grading, one module per question type; never `eval`, never raises.

`grade(question, answer, lang=…, policy=…)` takes the stored question (type, correct_answers,
options) and an answer of any JSON shape. A malformed answer earns nothing; a question whose stored
correct answers do not validate (written by another client) earns nothing and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from bibliology.content import (
    FillBlankAnswer,
    MatchingAnswer,
    MultipleChoiceAnswer,
    ShortAnswerAnswer,
    TrueFalseAnswer,
)
from bibliology.enums import QuestionType
from bibliology.quizzes.grading import fill_blank, matching, multiple_choice, short_answer, true_false
from bibliology.quizzes.grading.base import ZERO, Grade, Policy

__all__ = ["GradableQuestion", "Grade", "Policy", "grade"]


@dataclass(frozen=True)
class GradableQuestion:
    question_type: QuestionType
    correct_answers: Any
    options_en: Any = None


def option_ids(options: Any) -> list[str]:
    if not isinstance(options, list):
        return []
    return [o["id"] for o in options if isinstance(o, dict) and isinstance(o.get("id"), str)]


def grade(question: GradableQuestion, answer: object, *, lang: str, policy: Policy) -> Grade:
    correct = question.correct_answers
    try:
        match question.question_type:
            case QuestionType.MULTIPLE_CHOICE:
                mc = MultipleChoiceAnswer.model_validate(correct)
                return multiple_choice.grade(mc, option_ids(question.options_en), answer, policy)
            case QuestionType.TRUE_FALSE:
                return true_false.grade(TrueFalseAnswer.model_validate(correct), answer)
            case QuestionType.SHORT_ANSWER:
                return short_answer.grade(ShortAnswerAnswer.model_validate(correct), answer, lang)
            case QuestionType.FILL_BLANK:
                return fill_blank.grade(FillBlankAnswer.model_validate(correct), answer, lang, policy)
            case QuestionType.MATCHING:
                return matching.grade(MatchingAnswer.model_validate(correct), answer, policy)
    except ValidationError:
        pass
    return Grade(ZERO, {"unscorable": True})
