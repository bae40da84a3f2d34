"""The result page's review, in words: the answer given, the correct answer and the explanation of
each question, from the API's own result (review.student_result via presentation.attempt_view).

What is shown is what the result holds: review items only with allow_review, correct answers and
explanations only with show_correct_answers — this module adds nothing the API would not send.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from bibliology.content.questions import BLANK
from bibliology.enums import QuestionType
from bibliology.quizzes.schemas import AttemptView, PresentedQuestion, ReviewItem
from bibliology.quizzes.webforms import inline, plain, rich
from bibliology.web import gettext


@dataclass(frozen=True)
class ReviewRow:
    number: int
    text_html: Markup
    fell_back: bool
    answered: bool
    given: list[str]
    is_correct: bool
    points_earned: str
    points: int
    correct: list[str] | None
    explanation: Markup | None
    teacher_comment: str | None
    typo_forgiven: bool
    partly: bool = False  # some points without being right (parts, picks)


def _texts(question: PresentedQuestion) -> dict[str, str]:
    """Option id → plain text (both sides of a matching question)."""
    options = question.options
    if isinstance(options, dict):
        options = [*options.get("left", []), *options.get("right", [])]
    if not isinstance(options, list):
        return {}
    return {str(o["id"]): plain(o["text"]) for o in options if isinstance(o, dict)}


def _yes_no(value: Any) -> str:
    return gettext("True") if value is True else gettext("False") if value is False else str(value)


def describe(question: PresentedQuestion, answer: Any, *, accepted: bool = False) -> list[str]:
    """An answer (given, or the correct one when `accepted`) as lines of plain text."""
    if not isinstance(answer, dict):
        return []
    names = _texts(question)
    kind = question.question_type
    if kind == QuestionType.MULTIPLE_CHOICE:
        return [names.get(str(s), str(s)) for s in answer.get("selected") or []]
    if kind == QuestionType.TRUE_FALSE:
        return [_yes_no(answer.get("value"))] if "value" in answer else []
    if kind == QuestionType.SHORT_ANSWER:
        if accepted:
            return [", ".join(str(a) for a in answer.get("accepted") or [])]
        return [str(answer.get("text", ""))]
    if kind == QuestionType.FILL_BLANK:
        blanks = answer.get("blanks") or {}
        lines = []
        for blank_id in question.blanks or list(blanks):
            value = blanks.get(blank_id)
            if value is None:
                continue
            shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
            lines.append(gettext("Blank %(n)s: %(answer)s") % {"n": blank_id, "answer": shown})
        return lines
    pairs = answer.get("pairs") or {}
    sides = question.options if isinstance(question.options, dict) else {}
    order = [str(o["id"]) for o in sides.get("left", []) if isinstance(o, dict)]  # as the items were shown
    lefts = [left for left in order if left in pairs] + [left for left in pairs if left not in order]
    return [f"{names.get(str(left), left)} → {names.get(str(pairs[left]), pairs[left])}" for left in lefts]


def _gapped(question: PresentedQuestion) -> Markup:
    """A fill-in-the-blank sentence with numbered gaps where the inputs were."""
    html = str(rich(question.text))
    return Markup(  # noqa: S704 - the sentence is render_html's output, the gap is ours
        BLANK.sub(lambda m: f'<span class="quiz-gap">({escape(m.group(1))}) ____</span>', html)
    )


def _row(question: PresentedQuestion, item: ReviewItem | None) -> ReviewRow:
    text = _gapped(question) if question.question_type == QuestionType.FILL_BLANK else rich(question.text)
    if item is None:
        return ReviewRow(
            question.position + 1, text, question.fell_back, False, [], False, "0", question.points,
            None, None, None, False,
        )  # fmt: skip
    detail = item.detail or {}
    explanation = rich(item.explanation) if item.explanation else None
    answered = bool(item.answer_given)  # the grader stores {} for a question left unanswered
    return ReviewRow(
        number=question.position + 1,
        text_html=text,
        fell_back=question.fell_back,
        answered=answered,
        given=describe(question, item.answer_given) if answered else [],
        is_correct=item.is_correct,
        points_earned=_points(item),
        points=item.points,
        correct=describe(question, item.correct_answer, accepted=True) if item.correct_answer else None,
        explanation=explanation if explanation and str(explanation) else None,
        teacher_comment=item.teacher_comment,
        typo_forgiven=_typo(detail),
        partly=not item.is_correct and item.points_earned > 0,
    )


def _typo(detail: dict[str, Any]) -> bool:
    """A typed answer (or one of its blanks) accepted with a typo forgiven."""
    blanks = detail.get("blanks")
    parts = list(blanks.values()) if isinstance(blanks, dict) else []
    return detail.get("typo") is True or any(isinstance(p, dict) and p.get("typo") is True for p in parts)


def _points(item: ReviewItem) -> str:
    return format(item.points_earned.normalize(), "f")


def review_rows(view: AttemptView) -> list[ReviewRow] | None:
    """Rows in the attempt's order, or None when the quiz shows the score only."""
    if view.result is None or view.result.review is None:
        return None
    items = {item.question_id: item for item in view.result.review}
    return [_row(question, items.get(question.id)) for question in view.questions]


__all__ = ["ReviewRow", "describe", "inline", "review_rows"]
