"""The quiz pages' HTML form: the fields each question is drawn with, and the answers a posted form
holds (the shapes of docs/quizzes.md "Answers", exactly what the JSON API takes).

Field names: `q.<question id>` (choice, true/false, short answer), `q.<question id>.<blank id>` (a
blank), `q.<question id>.<left id>` (a matching row). Every question also posts its id in the
hidden `questions` field, so a question left empty in the form is cleared, not kept: the form is
the whole attempt, as the student sees it.

Nothing here reads correct answers: it works from the presented questions (presentation.present).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape
from starlette.datastructures import FormData

from bibliology.content import render_html, to_plain_text
from bibliology.content.questions import BLANK as BLANK_PATTERN
from bibliology.enums import QuestionType
from bibliology.quizzes.schemas import PresentedQuestion
from bibliology.web import gettext

QUESTIONS_FIELD = "questions"
MAX_QUESTIONS = 500


def field_name(question_id: str, part: str | None = None) -> str:
    return f"q.{question_id}" if part is None else f"q.{question_id}.{part}"


def _text(doc: Any) -> str:
    return str(doc.get("text", "")) if isinstance(doc, dict) else ""


def rich(doc: Any) -> Markup:
    """A question text or explanation ({"text": rich text}) as safe HTML."""
    return Markup(render_html(_text(doc)))  # noqa: S704 - render_html escapes everything it is given


def inline(text: Any) -> Markup:
    return Markup(render_html(str(text or ""), inline=True))  # noqa: S704 - escaped by render_html


def plain(text: Any) -> str:
    return to_plain_text(str(text or ""), inline=True)


@dataclass(frozen=True)
class Choice:
    id: str
    html: Markup
    text: str
    checked: bool = False


@dataclass(frozen=True)
class MatchRow:
    left_id: str
    html: Markup
    text: str
    name: str
    selected: str | None


@dataclass
class QuestionField:
    """One question of the take page, with what is saved filled in."""

    id: str
    number: int
    kind: str
    points: int
    name: str
    text_html: Markup
    fell_back: bool
    multiple: bool = False
    choices: list[Choice] = field(default_factory=list)
    value: Any = None  # true/false: True/False/None; short answer: the text
    rows: list[MatchRow] = field(default_factory=list)
    targets: list[Choice] = field(default_factory=list)
    answered: bool = False


def _blank_input(question_id: str, blank_id: str, value: str) -> str:
    label = gettext("Blank %(n)s") % {"n": blank_id}
    return (
        f'<input type="text" class="quiz-blank" name="{escape(field_name(question_id, blank_id))}" '
        f'id="{escape(field_name(question_id, blank_id))}" data-part="{escape(blank_id)}" value="{escape(value)}" '
        f'aria-label="{escape(label)}" maxlength="1000" size="12" autocomplete="off" spellcheck="false">'
    )


def with_blanks(question: PresentedQuestion, saved: dict[str, Any]) -> Markup:
    """The sentence with an input in place of each blank (render_html leaves `{{1}}` as it is)."""
    filled = saved.get("blanks") if isinstance(saved.get("blanks"), dict) else {}
    html = render_html(_text(question.text))
    known = set(question.blanks or [])

    def replace(match: re.Match[str]) -> str:
        blank_id = match.group(1)
        if blank_id not in known:
            return match.group(0)
        value = filled.get(blank_id) if isinstance(filled, dict) else None
        return _blank_input(question.id, blank_id, value if isinstance(value, str) else "")

    return Markup(BLANK_PATTERN.sub(replace, html))  # noqa: S704 - inputs built from escaped values


def question_field(question: PresentedQuestion, saved: Any) -> QuestionField:
    answer: dict[str, Any] = saved if isinstance(saved, dict) else {}
    kind = str(question.question_type)
    out = QuestionField(
        id=question.id,
        number=question.position + 1,
        kind=kind,
        points=question.points,
        name=field_name(question.id),
        text_html=rich(question.text),
        fell_back=question.fell_back,
        answered=bool(answer),
    )
    if question.question_type == QuestionType.MULTIPLE_CHOICE:
        selected = answer.get("selected")
        picked: list[Any] = selected if isinstance(selected, list) else []
        out.multiple = bool(question.multiple)
        out.choices = [
            Choice(str(o["id"]), inline(o["text"]), plain(o["text"]), o["id"] in picked)
            for o in (question.options or [])
        ]
    elif question.question_type == QuestionType.TRUE_FALSE:
        out.value = answer.get("value") if isinstance(answer.get("value"), bool) else None
    elif question.question_type == QuestionType.SHORT_ANSWER:
        out.value = answer.get("text") if isinstance(answer.get("text"), str) else ""
    elif question.question_type == QuestionType.FILL_BLANK:
        out.text_html = with_blanks(question, answer)
    elif question.question_type == QuestionType.MATCHING:
        sides = question.options if isinstance(question.options, dict) else {}
        pairs = answer.get("pairs") if isinstance(answer.get("pairs"), dict) else {}
        out.targets = [
            Choice(str(o["id"]), inline(o["text"]), plain(o["text"])) for o in sides.get("right", [])
        ]
        out.rows = [
            MatchRow(
                str(o["id"]),
                inline(o["text"]),
                plain(o["text"]),
                field_name(question.id, str(o["id"])),
                pairs.get(o["id"]) if isinstance(pairs, dict) else None,
            )
            for o in sides.get("left", [])
        ]
    return out


def _answer(question: PresentedQuestion, form: FormData) -> Any:
    """The answer the form holds for one question, or None (nothing given: clear it)."""
    name = field_name(question.id)
    kind = question.question_type
    if kind == QuestionType.MULTIPLE_CHOICE:
        selected = [str(v) for v in form.getlist(name)]
        return {"selected": selected} if selected else None
    if kind == QuestionType.TRUE_FALSE:
        value = form.get(name)
        if value in (None, ""):
            return None
        # Anything but true/false goes on as a string: the service refuses it like the API does.
        return {"value": value == "true"} if value in ("true", "false") else {"value": value}
    if kind == QuestionType.SHORT_ANSWER:
        text = form.get(name)
        return {"text": text} if isinstance(text, str) and text != "" else None
    if kind == QuestionType.FILL_BLANK:
        blanks = {b: form.get(field_name(question.id, b)) for b in question.blanks or []}
        given = {b: v for b, v in blanks.items() if isinstance(v, str) and v != ""}
        return {"blanks": given} if given else None
    sides = question.options if isinstance(question.options, dict) else {}
    pairs = {str(o["id"]): form.get(field_name(question.id, str(o["id"]))) for o in sides.get("left", [])}
    chosen = {left: right for left, right in pairs.items() if isinstance(right, str) and right != ""}
    return {"pairs": chosen} if chosen else None


def posted_answers(form: FormData, questions: list[PresentedQuestion]) -> dict[str, Any]:
    """Answers by question id for every question the form lists in `questions`. An id the attempt
    does not have is passed on as it came, so the service refuses it like the API does."""
    by_id = {q.id: q for q in questions}
    listed = [str(v) for v in form.getlist(QUESTIONS_FIELD)][:MAX_QUESTIONS]
    answers: dict[str, Any] = {}
    for question_id in dict.fromkeys(listed):
        question = by_id.get(question_id)
        answers[question_id] = _answer(question, form) if question is not None else None
    return answers
