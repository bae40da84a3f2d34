"""Plausible student answers for demo submissions, entirely right or entirely wrong on purpose.

The shapes are the quiz engine's (`bibliology.quizzes.grading`): MULTIPLE_CHOICE ``{"selected": [ids]}``,
TRUE_FALSE ``{"value": bool}``, SHORT_ANSWER ``{"text": str}``, FILL_BLANK ``{"blanks": {"1": str}}``,
MATCHING ``{"pairs": {left id: right id}}``. A wrong answer earns no credit under any scoring policy
(no right pick, no right blank, no right pair), so a submission's points are the sum of its answers'.
"""

from __future__ import annotations

from typing import Any

from bibliology.content import ValidatedQuestion
from bibliology.enums import QuestionType

_DONT_KNOW = {"en": "I don't know", "fr": "Je ne sais pas"}


def sample_answer(question: ValidatedQuestion, *, correct: bool, lang: str) -> dict[str, Any]:
    """An answer in `lang` (English when the question has no French) that is right iff `correct`."""
    lang = lang if question.question_text_fr is not None else "en"
    answers = question.correct_answers
    kind = question.question_type
    if kind is QuestionType.TRUE_FALSE:
        return {"value": answers["value"] if correct else not answers["value"]}
    if kind is QuestionType.MULTIPLE_CHOICE:
        assert isinstance(question.options_en, list)
        right: list[str] = answers["correct"]
        wrong = [option["id"] for option in question.options_en if option["id"] not in right]
        return {"selected": list(right) if correct else wrong[:1]}
    if kind is QuestionType.SHORT_ANSWER:
        return {"text": _accepted(answers["accepted"], lang) if correct else _DONT_KNOW[lang]}
    if kind is QuestionType.FILL_BLANK:
        words = [_accepted(blank["accepted"], lang) for blank in answers["blanks"]]
        if not correct:  # each blank gets its neighbour's word (or nothing when alone)
            words = words[1:] + words[:1] if len(words) > 1 else [""]
        return {"blanks": {blank["id"]: word for blank, word in zip(answers["blanks"], words, strict=True)}}
    lefts = [left for left, _ in answers["pairs"]]
    rights = [right for _, right in answers["pairs"]]
    if not correct:  # every left item matched with its neighbour's answer
        rights = rights[1:] + rights[:1]
    return {"pairs": dict(zip(lefts, rights, strict=True))}


def _accepted(accepted: dict[str, list[str]], lang: str) -> str:
    return str((accepted.get(lang) or accepted["en"])[0])
