"""SHORT_ANSWER: {"text": "…"} compared with the accepted answers of the attempt's language."""

from __future__ import annotations

from bibliology.content import AcceptedAnswers, ShortAnswerAnswer
from bibliology.quizzes.grading.base import ONE, ZERO, Grade, field_of
from bibliology.quizzes.grading.normalise import match_typed


def accepted_for(accepted: AcceptedAnswers, lang: str) -> list[str]:
    """French attempts use the French list, or the English one when the teacher left it empty."""
    return accepted.fr if lang == "fr" and accepted.fr else accepted.en


def grade(correct: ShortAnswerAnswer, answer: object, lang: str) -> Grade:
    text = field_of(answer, "text")
    if not isinstance(text, str):
        return Grade(ZERO, {"is_correct": False, "matched": None, "typo": False, "edits": 0})
    found = match_typed(text, accepted_for(correct.accepted, lang), correct.match)
    return Grade(ONE if found.correct else ZERO, found.as_detail())
