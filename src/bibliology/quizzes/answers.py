"""The shape of an answer saved during an attempt (docs/quizzes.md "Answers"). Saving refuses a
malformed answer so the student hears of it at once; the grader itself accepts anything."""

from __future__ import annotations

from typing import Any

from bibliology.content import blank_ids
from bibliology.enums import QuestionType
from bibliology.quizzes.models import Question

MAX_TEXT = 1_000


def _ids(options: Any, side: str | None = None) -> set[str]:
    if side is not None:
        options = options.get(side) if isinstance(options, dict) else None
    if not isinstance(options, list):
        return set()
    return {o["id"] for o in options if isinstance(o, dict) and isinstance(o.get("id"), str)}


def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_TEXT


def problem(question: Question, answer: Any) -> str | None:
    """Why `answer` cannot be an answer to `question`, or None when it can."""
    kind = question.question_type
    if not isinstance(answer, dict):
        return "must be an object"
    if kind == QuestionType.MULTIPLE_CHOICE:
        selected = answer.get("selected")
        if set(answer) != {"selected"} or not isinstance(selected, list):
            return 'must be {"selected": [option ids]}'
        multiple = isinstance(question.correct_answers, dict) and question.correct_answers.get("multiple")
        if not multiple and len(selected) > 1:
            return "this question takes one option"
        if any(not isinstance(s, str) or s not in _ids(question.options_en) for s in selected):
            return "selected holds an id that is not an option of this question"
        return None
    if kind == QuestionType.TRUE_FALSE:
        ok = set(answer) == {"value"} and isinstance(answer["value"], bool)
        return None if ok else 'must be {"value": true} or {"value": false}'
    if kind == QuestionType.SHORT_ANSWER:
        ok = set(answer) == {"text"} and _text(answer["text"])
        return None if ok else f'must be {{"text": "…"}} (at most {MAX_TEXT} characters)'
    if kind == QuestionType.FILL_BLANK:
        blanks = answer.get("blanks")
        text = (
            question.question_text_en.get("text", "") if isinstance(question.question_text_en, dict) else ""
        )
        known = set(blank_ids(text))
        if set(answer) != {"blanks"} or not isinstance(blanks, dict):
            return 'must be {"blanks": {"1": "…", …}}'
        if any(key not in known or not _text(value) for key, value in blanks.items()):
            return f"blanks: every key must be a blank of the question and every value a text of at most {MAX_TEXT} characters"
        return None
    pairs = answer.get("pairs")
    if set(answer) != {"pairs"} or not isinstance(pairs, dict):
        return 'must be {"pairs": {"left id": "right id", …}}'
    left, right = _ids(question.options_en, "left"), _ids(question.options_en, "right")
    if any(key not in left or value not in right for key, value in pairs.items()):
        return "pairs: every key must be a left item and every value a right item of this question"
    return None
