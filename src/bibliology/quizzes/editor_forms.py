"""The quiz editor's HTML forms and the JSON bodies of the API they stand for.

A form is read into a plain value object (`QuizForm`, `QuestionForm`) that holds exactly what was
typed, so a refused form is drawn again with nothing lost. `body()` turns it into the body the JSON
API takes (QuizCreate/QuizUpdate, QuestionCreate/QuestionUpdate, checked by the same models and
by `content.validate_question`), and remembers which input each value of the body came from: an
error at `options_en.2.text` is then shown beside the input it came from.

Nothing is coerced silently: a number field that holds letters is passed on as text, and the API's
strict models refuse it in their own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData

from bibliology.enums import QuestionType
from bibliology.pages import FieldErrors
from bibliology.quizzes.attempts import GRACE
from bibliology.quizzes.models import Question, Quiz
from bibliology.web import gettext, ngettext

Origins = dict[str, str]  # body path (dotted) → the form input (or group) it came from

MATCH_FLAGS = (
    "ignore_case",
    "ignore_accents",
    "normalize_apostrophes",
    "normalize_ligatures",
    "collapse_whitespace_punctuation",
)
_MATCH_DEFAULTS = {
    "ignore_case": True,
    "ignore_accents": False,
    "normalize_apostrophes": True,
    "normalize_ligatures": True,
    "collapse_whitespace_punctuation": True,
}
MAX_OPTIONS = 10
MAX_PAIRS = 20
MAX_BLANKS = 20
_INTEGER = re.compile(r"^\s*-?\d{1,9}\s*$")


def _str(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _integer(raw: str) -> int | str | None:
    """A number field: its int, None when empty, else the text (refused by the strict models)."""
    if not raw.strip():
        return None
    return int(raw) if _INTEGER.match(raw) else raw


def _optional(raw: str) -> str | None:
    return raw if raw.strip() else None


def _lines(raw: str) -> list[str]:
    return [line.strip() for line in raw.splitlines() if line.strip()]


def _doc_text(doc: Any) -> str:
    return str(doc.get("text", "")) if isinstance(doc, dict) else ""


def place_errors(errors: FieldErrors, origins: Origins) -> FieldErrors:
    """The API's errors (by body path) by form input: the longest known prefix of each path wins;
    a path no input stands for goes above the form with its path."""
    placed: FieldErrors = {}
    for path, message in errors.items():
        key = path
        while key and key not in origins:
            key = key.rpartition(".")[0]
        target = origins.get(key, "__all__")
        # The first error of an input is shown beside it (kept as given: pages translate it).
        placed.setdefault(
            target, message if target != "__all__" or path == "__all__" else f"{path}: {message}"
        )
    return placed


# --------------------------------------------------------------------------- the quiz's settings


@dataclass
class QuizForm:
    title_en: str = ""
    title_fr: str = ""
    slide_id: str = ""
    passing_score_percentage: str = "70"
    time_limit_minutes: str = ""
    max_attempts: str = ""
    shuffle_questions: bool = False
    shuffle_options: bool = False
    allow_review: bool = True
    show_correct_answers: bool = True
    partial_credit_policy: str = "partial"
    wrong_pick_penalty: str = "balanced"

    @classmethod
    def of(cls, quiz: Quiz) -> QuizForm:
        return cls(
            title_en=quiz.title_en,
            title_fr=quiz.title_fr or "",
            slide_id=quiz.slide_id or "",
            passing_score_percentage=str(quiz.passing_score_percentage),
            time_limit_minutes="" if quiz.time_limit_minutes is None else str(quiz.time_limit_minutes),
            max_attempts="" if quiz.max_attempts is None else str(quiz.max_attempts),
            shuffle_questions=quiz.shuffle_questions,
            shuffle_options=quiz.shuffle_options,
            allow_review=quiz.allow_review,
            show_correct_answers=quiz.show_correct_answers,
            partial_credit_policy=quiz.partial_credit_policy,
            wrong_pick_penalty=quiz.wrong_pick_penalty,
        )

    @classmethod
    def posted(cls, form: FormData) -> QuizForm:
        return cls(
            title_en=_str(form, "title_en"),
            title_fr=_str(form, "title_fr"),
            slide_id=_str(form, "slide_id"),
            passing_score_percentage=_str(form, "passing_score_percentage"),
            time_limit_minutes=_str(form, "time_limit_minutes"),
            max_attempts=_str(form, "max_attempts"),
            shuffle_questions="shuffle_questions" in form,
            shuffle_options="shuffle_options" in form,
            allow_review="allow_review" in form,
            show_correct_answers="show_correct_answers" in form,
            partial_credit_policy=_str(form, "partial_credit_policy"),
            wrong_pick_penalty=_str(form, "wrong_pick_penalty"),
        )

    def body(self) -> dict[str, Any]:
        """Every setting (an update sends them all: an empty time limit or attempts field clears it)."""
        passing = _integer(self.passing_score_percentage)
        return {
            "title_en": self.title_en,
            "title_fr": _optional(self.title_fr),
            "slide_id": self.slide_id or None,
            "passing_score_percentage": self.passing_score_percentage if passing is None else passing,
            "time_limit_minutes": _integer(self.time_limit_minutes),
            "max_attempts": _integer(self.max_attempts),
            "shuffle_questions": self.shuffle_questions,
            "shuffle_options": self.shuffle_options,
            "allow_review": self.allow_review,
            "show_correct_answers": self.show_correct_answers,
            "partial_credit_policy": self.partial_credit_policy,
            "wrong_pick_penalty": self.wrong_pick_penalty,
        }

    def sentences(self) -> list[str]:
        """The policy's consequences for students, in words (from the form, typed values or not)."""
        attempts = _integer(self.max_attempts)
        minutes = _integer(self.time_limit_minutes)
        passing = _integer(self.passing_score_percentage)
        return policy_sentences(
            max_attempts=attempts if isinstance(attempts, int) else None,
            time_limit_minutes=minutes if isinstance(minutes, int) else None,
            passing_score_percentage=passing if isinstance(passing, int) else 70,
            shuffle_questions=self.shuffle_questions,
            shuffle_options=self.shuffle_options,
            allow_review=self.allow_review,
            show_correct_answers=self.show_correct_answers,
            partial_credit_policy=self.partial_credit_policy,
            wrong_pick_penalty=self.wrong_pick_penalty,
        )


def policy_words() -> dict[str, str]:
    """The sentences of `policy_sentences`, translated, by key (teach-quiz.js gets them too, in
    data-* attributes, and picks the same ones as the form changes)."""
    grace = int(GRACE.total_seconds())
    time_one, time_many = (
        ngettext(
            "Each attempt must be submitted within %(n)s minute of starting (%(g)s seconds of grace); "
            "after that it is graded with the answers saved in time.",
            "Each attempt must be submitted within %(n)s minutes of starting (%(g)s seconds of grace); "
            "after that it is graded with the answers saved in time.",
            n,
        )
        for n in (1, 2)
    )
    return {
        "attempts_unlimited": gettext("Students may try as many times as they like."),
        "attempts_one": ngettext("Students may try once.", "Students may try %(n)s times.", 1),
        "attempts_many": ngettext("Students may try once.", "Students may try %(n)s times.", 2),
        "pass_zero": gettext("Every submitted attempt passes (the passing score is 0%)."),
        "pass": gettext(
            "They need %(p)s%% to pass; one passing attempt is enough to complete the lesson, "
            "and the gradebook shows their best and their last score."
        ),
        "time_one": time_one.replace("%(g)s", str(grace)),
        "time_many": time_many.replace("%(g)s", str(grace)),
        "no_time": gettext("There is no time limit."),
        "shuffle_questions": gettext("Each attempt shows the questions in a new random order."),
        "keep_questions": gettext("The questions come in the order of the list below."),
        "shuffle_options": gettext("The options of each question are shuffled too."),
        "keep_options": gettext(
            "Options keep their order (the matches of a matching question are always shuffled)."
        ),
        "score_only": gettext("After each attempt they see their score only, not which answers were right."),
        "review": gettext(
            "After each attempt they see their answers and which were right, but not the correct answers."
        ),
        "review_full": gettext(
            "After each attempt they see their answers, which were right, the correct answers and "
            "the explanations."
        ),
        "all_or_nothing": gettext("A question earns its points only when it is entirely right."),
        "partial": gettext(
            "Questions in several parts (blanks, pairs, several right options) earn a share of their "
            "points for each part right."
        ),
        "none": gettext("Ticking a wrong option costs nothing."),
        "balanced": gettext("Each wrong option ticked costs its share: ticking every option earns nothing."),
        "strict": gettext("Each wrong option ticked cancels one right option."),
    }


def policy_sentences(
    *,
    max_attempts: int | None,
    time_limit_minutes: int | None,
    passing_score_percentage: int,
    shuffle_questions: bool,
    shuffle_options: bool,
    allow_review: bool,
    show_correct_answers: bool,
    partial_credit_policy: str,
    wrong_pick_penalty: str,
) -> list[str]:
    """What a quiz's settings mean for its students, as the engine applies them: attempts count
    until a teacher resets them (allowances), one passed attempt completes the lesson
    (progress.completion), the deadline is start + limit + GRACE (attempts), the review follows
    allow_review and show_correct_answers after every attempt (review), credit follows the policy
    (grading). teach-quiz.js makes the same choices while the form is edited."""
    words = policy_words()
    out: list[str] = []
    if max_attempts is None:
        out.append(words["attempts_unlimited"])
    else:
        out.append(words["attempts_one" if max_attempts == 1 else "attempts_many"] % {"n": max_attempts})
    if passing_score_percentage <= 0:
        out.append(words["pass_zero"])
    else:
        out.append(words["pass"] % {"p": passing_score_percentage})
    if time_limit_minutes:
        out.append(words["time_one" if time_limit_minutes == 1 else "time_many"] % {"n": time_limit_minutes})
    else:
        out.append(words["no_time"])
    out.append(words["shuffle_questions" if shuffle_questions else "keep_questions"])
    out.append(words["shuffle_options" if shuffle_options else "keep_options"])
    if not allow_review:
        out.append(words["score_only"])
    else:
        out.append(words["review_full" if show_correct_answers else "review"])
    if partial_credit_policy == "all_or_nothing":
        out.append(words["all_or_nothing"])
    else:
        out.append(words["partial"])
        out.append(words[wrong_pick_penalty if wrong_pick_penalty in ("none", "strict") else "balanced"])
    return out


def quiz_sentences(quiz: Quiz) -> list[str]:
    return QuizForm.of(quiz).sentences()


# --------------------------------------------------------------------------- questions


@dataclass
class OptionRow:
    id: str = ""
    en: str = ""
    fr: str = ""
    correct: bool = False

    def empty(self) -> bool:
        return not (self.en.strip() or self.fr.strip() or self.correct)


@dataclass
class BlankRow:
    id: str = ""
    en: str = ""  # accepted answers, one a line
    fr: str = ""

    def empty(self) -> bool:
        return not (self.en.strip() or self.fr.strip())


@dataclass
class PairRow:
    left_id: str = ""
    left_en: str = ""
    left_fr: str = ""
    right_id: str = ""
    right_en: str = ""
    right_fr: str = ""

    def empty(self) -> bool:
        return not any(v.strip() for v in (self.left_en, self.left_fr, self.right_en, self.right_fr))


@dataclass
class QuestionForm:
    kind: QuestionType
    text_en: str = ""
    text_fr: str = ""
    explanation_en: str = ""
    explanation_fr: str = ""
    points: str = "1"
    multiple: bool = False
    options: list[OptionRow] = field(default_factory=list)
    value: str = ""  # true/false: "true", "false" or ""
    accepted_en: str = ""
    accepted_fr: str = ""
    match: dict[str, bool] = field(default_factory=lambda: dict(_MATCH_DEFAULTS))
    typo_tolerance: str = "0"
    blanks: list[BlankRow] = field(default_factory=list)
    pairs: list[PairRow] = field(default_factory=list)
    extras: list[OptionRow] = field(default_factory=list)  # matches that match no item

    # ----------------------------------------------------------------- reading

    @classmethod
    def of(cls, question: Question) -> QuestionForm:
        kind = QuestionType(question.question_type)
        correct = question.correct_answers if isinstance(question.correct_answers, dict) else {}
        out = cls(
            kind=kind,
            text_en=_doc_text(question.question_text_en),
            text_fr=_doc_text(question.question_text_fr),
            explanation_en=_doc_text(question.explanation_en),
            explanation_fr=_doc_text(question.explanation_fr),
            points=str(question.points),
        )
        match = correct.get("match")
        if isinstance(match, dict):
            out.match = {flag: bool(match.get(flag, _MATCH_DEFAULTS[flag])) for flag in MATCH_FLAGS}
            out.typo_tolerance = str(match.get("typo_tolerance", 0))
        if kind == QuestionType.MULTIPLE_CHOICE:
            out.multiple = bool(correct.get("multiple"))
            right = set(correct.get("correct") or [])
            fr = {o["id"]: o.get("text", "") for o in _option_list(question.options_fr)}
            out.options = [
                OptionRow(o["id"], str(o.get("text", "")), str(fr.get(o["id"], "")), o["id"] in right)
                for o in _option_list(question.options_en)
            ]
        elif kind == QuestionType.TRUE_FALSE:
            value = correct.get("value")
            out.value = "true" if value is True else "false" if value is False else ""
        elif kind == QuestionType.SHORT_ANSWER:
            accepted = correct.get("accepted") or {}
            out.accepted_en = "\n".join(accepted.get("en") or [])
            out.accepted_fr = "\n".join(accepted.get("fr") or [])
        elif kind == QuestionType.FILL_BLANK:
            out.blanks = [
                BlankRow(
                    str(b.get("id", "")),
                    "\n".join((b.get("accepted") or {}).get("en") or []),
                    "\n".join((b.get("accepted") or {}).get("fr") or []),
                )
                for b in correct.get("blanks") or []
                if isinstance(b, dict)
            ]
        elif kind == QuestionType.MATCHING:
            out.pairs, out.extras = _pairs_of(question, correct)
        return out

    @classmethod
    def posted(cls, form: FormData, kind: QuestionType) -> QuestionForm:
        out = cls(
            kind=kind,
            text_en=_str(form, "text_en"),
            text_fr=_str(form, "text_fr"),
            explanation_en=_str(form, "explanation_en"),
            explanation_fr=_str(form, "explanation_fr"),
            points=_str(form, "points"),
            multiple="multiple" in form,
            value=_str(form, "value"),
            accepted_en=_str(form, "accepted_en"),
            accepted_fr=_str(form, "accepted_fr"),
            match={flag: f"match-{flag}" in form for flag in MATCH_FLAGS},
            typo_tolerance=_str(form, "typo_tolerance"),
        )
        out.options = [
            OptionRow(
                _str(form, f"option-{i}-id"),
                _str(form, f"option-{i}-en"),
                _str(form, f"option-{i}-fr"),
                f"option-{i}-correct" in form,
            )
            for i in range(_rows(form, "option-", MAX_OPTIONS))
        ]
        out.blanks = [
            BlankRow(_str(form, f"blank-{i}-id"), _str(form, f"blank-{i}-en"), _str(form, f"blank-{i}-fr"))
            for i in range(_rows(form, "blank-", MAX_BLANKS))
        ]
        out.pairs = [
            PairRow(*(_str(form, f"pair-{i}-{part}") for part in _PAIR_PARTS))
            for i in range(_rows(form, "pair-", MAX_PAIRS))
        ]
        out.extras = [
            OptionRow(_str(form, f"extra-{i}-id"), _str(form, f"extra-{i}-en"), _str(form, f"extra-{i}-fr"))
            for i in range(_rows(form, "extra-", MAX_PAIRS))
        ]
        return out

    def padded(self) -> QuestionForm:
        """With empty rows to fill in (the page works without JavaScript: no "add a row" button)."""
        if self.kind == QuestionType.MULTIPLE_CHOICE:
            want = min(MAX_OPTIONS, max(4, len(self.options) + 2))
            self.options += [OptionRow() for _ in range(want - len(self.options))]
        elif self.kind == QuestionType.FILL_BLANK:
            want = min(MAX_BLANKS, max(3, len(self.blanks) + 1))
            start = len(self.blanks)
            self.blanks += [BlankRow(id=str(start + n + 1)) for n in range(want - start)]
        elif self.kind == QuestionType.MATCHING:
            want = min(MAX_PAIRS, max(4, len(self.pairs) + 1))
            self.pairs += [PairRow() for _ in range(want - len(self.pairs))]
            self.extras += [OptionRow() for _ in range(max(0, 2 - len(self.extras)))]
        return self

    # ----------------------------------------------------------------- the API's body

    def body(self) -> tuple[dict[str, Any], Origins]:
        """The QuestionCreate body (every field: an update sends them all) and where each part came from."""
        origins: Origins = {
            "question_type": "__all__",
            "text_en": "text_en",
            "text_fr": "text_fr",
            "explanation_en": "explanation_en",
            "explanation_fr": "explanation_fr",
            "points": "points",
        }
        points = _integer(self.points)
        body: dict[str, Any] = {
            "question_type": self.kind.value,
            "text_en": self.text_en,
            "text_fr": _optional(self.text_fr),
            "explanation_en": _optional(self.explanation_en),
            "explanation_fr": _optional(self.explanation_fr),
            "options_en": None,
            "options_fr": None,
            "points": self.points if points is None else points,
        }
        french = body["text_fr"] is not None
        match = {**self.match, "typo_tolerance": _integer(self.typo_tolerance) or 0}
        if self.kind == QuestionType.MULTIPLE_CHOICE:
            rows = [(i, row) for i, row in enumerate(self.options) if not row.empty()]
            ids = _fill_ids([row.id for _, row in rows], "abcdefghijklmnopqrstuvwxyz")
            body["options_en"] = [{"id": ids[k], "text": row.en} for k, (_, row) in enumerate(rows)]
            if french or any(row.fr.strip() for _, row in rows):
                body["options_fr"] = [{"id": ids[k], "text": row.fr} for k, (_, row) in enumerate(rows)]
            body["correct_answers"] = {
                "multiple": self.multiple,
                "correct": [ids[k] for k, (_, row) in enumerate(rows) if row.correct],
            }
            origins |= {"options_en": "options", "options_fr": "options", "correct_answers": "options"}
            for k, (i, _) in enumerate(rows):
                origins[f"options_en.{k}"] = f"option-{i}-en"
                origins[f"options_fr.{k}"] = f"option-{i}-fr"
        elif self.kind == QuestionType.TRUE_FALSE:
            body["correct_answers"] = (
                {"value": self.value == "true"} if self.value in ("true", "false") else {}
            )
            origins["correct_answers"] = "value"
        elif self.kind == QuestionType.SHORT_ANSWER:
            body["correct_answers"] = {
                "accepted": {"en": _lines(self.accepted_en), "fr": _lines(self.accepted_fr)},
                "match": match,
            }
            origins |= {
                "correct_answers": "accepted_en",
                "correct_answers.accepted.en": "accepted_en",
                "correct_answers.accepted.fr": "accepted_fr",
                "correct_answers.match": "match",
            }
        elif self.kind == QuestionType.FILL_BLANK:
            rows_b = [(i, row) for i, row in enumerate(self.blanks) if not row.empty()]
            body["correct_answers"] = {
                "blanks": [
                    {"id": row.id.strip(), "accepted": {"en": _lines(row.en), "fr": _lines(row.fr)}}
                    for _, row in rows_b
                ],
                "match": match,
            }
            origins |= {"correct_answers": "blanks", "correct_answers.match": "match"}
            for k, (i, _) in enumerate(rows_b):
                path = f"correct_answers.blanks.{k}"
                origins |= {
                    path: f"blank-{i}-en",
                    f"{path}.id": f"blank-{i}-id",
                    f"{path}.accepted.en": f"blank-{i}-en",
                    f"{path}.accepted.fr": f"blank-{i}-fr",
                }
        else:
            self._matching_body(body, origins, french)
        return body, origins

    def _matching_body(self, body: dict[str, Any], origins: Origins, french: bool) -> None:
        pairs = [(i, row) for i, row in enumerate(self.pairs) if not row.empty()]
        extras = [(i, row) for i, row in enumerate(self.extras) if not row.empty()]
        left_ids = _fill_ids([row.left_id for _, row in pairs], [f"l{n}" for n in range(1, 100)])
        # A match given to several items is one option (its id repeats in their rows).
        right_rows: list[tuple[str, str, str, str]] = []  # id, en, fr, origin prefix
        pair_right: list[str] = []
        taken = [row.right_id for _, row in pairs] + [row.id for _, row in extras]
        fresh = iter(_fill_ids([""] * (len(taken) + 1), [f"r{n}" for n in range(1, 100)], avoid=taken))
        seen: dict[str, int] = {}
        for i, row in pairs:
            right_id = row.right_id or next(fresh)
            if right_id not in seen:
                seen[right_id] = len(right_rows)
                right_rows.append((right_id, row.right_en, row.right_fr, f"pair-{i}-right"))
            pair_right.append(right_id)
        for i, extra in extras:
            right_id = extra.id or next(fresh)
            seen.setdefault(right_id, len(right_rows))
            right_rows.append((right_id, extra.en, extra.fr, f"extra-{i}-"))
        any_fr = any(row.left_fr.strip() or row.right_fr.strip() for _, row in pairs)
        body["options_en"] = {
            "left": [{"id": left_ids[k], "text": row.left_en} for k, (_, row) in enumerate(pairs)],
            "right": [{"id": rid, "text": en} for rid, en, _, _ in right_rows],
        }
        if french or any_fr or any(extra.fr.strip() for _, extra in extras):
            body["options_fr"] = {
                "left": [{"id": left_ids[k], "text": row.left_fr} for k, (_, row) in enumerate(pairs)],
                "right": [{"id": rid, "text": fr} for rid, _, fr, _ in right_rows],
            }
        body["correct_answers"] = {"pairs": [[left_ids[k], pair_right[k]] for k in range(len(pairs))]}
        origins |= {"options_en": "pairs", "options_fr": "pairs", "correct_answers": "pairs"}
        for k, (i, _) in enumerate(pairs):
            origins[f"options_en.left.{k}"] = f"pair-{i}-left_en"
            origins[f"options_fr.left.{k}"] = f"pair-{i}-left_fr"
            origins[f"correct_answers.pairs.{k}"] = f"pair-{i}-left_en"
        for j, (_, _, _, prefix) in enumerate(right_rows):
            origins[f"options_en.right.{j}"] = f"{prefix}en" if prefix.endswith("-") else f"{prefix}_en"
            origins[f"options_fr.right.{j}"] = f"{prefix}fr" if prefix.endswith("-") else f"{prefix}_fr"

    def sentence(self, quiz: Quiz) -> str:
        """How the question is scored under the quiz's policy, in words."""
        partial = quiz.partial_credit_policy == "partial"
        if self.kind == QuestionType.MULTIPLE_CHOICE and self.multiple:
            if not partial:
                return gettext("Full points only when exactly the right options are ticked.")
            return {
                "none": gettext("Each right option ticked earns its share; wrong ones cost nothing."),
                "strict": gettext(
                    "Each right option ticked earns its share; each wrong one cancels a right one."
                ),
            }.get(
                quiz.wrong_pick_penalty,
                gettext("Each right option ticked earns its share; each wrong one costs its share."),
            )
        if self.kind in (QuestionType.FILL_BLANK, QuestionType.MATCHING) and partial:
            if self.kind == QuestionType.FILL_BLANK:
                return gettext("Each blank filled right earns its share of the points.")
            return gettext("Each item matched right earns its share of the points.")
        if self.kind in (QuestionType.FILL_BLANK, QuestionType.MATCHING):
            return gettext("Full points only when every part is right (the quiz gives no partial credit).")
        return gettext("Right or wrong: all the points or none.")


_PAIR_PARTS = ("left_id", "left_en", "left_fr", "right_id", "right_en", "right_fr")


def _rows(form: FormData, prefix: str, limit: int) -> int:
    """How many numbered rows the form holds (their inputs are named <prefix><n>-…)."""
    found = -1
    for key in form:
        if key.startswith(prefix):
            number = key[len(prefix) :].partition("-")[0]
            if number.isdigit():
                found = max(found, int(number))
    return min(found + 1, limit)


def _option_list(options: Any) -> list[dict[str, Any]]:
    if not isinstance(options, list):
        return []
    return [o for o in options if isinstance(o, dict) and isinstance(o.get("id"), str)]


def _pairs_of(question: Question, correct: dict[str, Any]) -> tuple[list[PairRow], list[OptionRow]]:
    sides_en = question.options_en if isinstance(question.options_en, dict) else {}
    sides_fr = question.options_fr if isinstance(question.options_fr, dict) else {}

    def texts(sides: dict[str, Any], side: str) -> dict[str, str]:
        return {o["id"]: str(o.get("text", "")) for o in _option_list(sides.get(side))}

    left_en, left_fr = texts(sides_en, "left"), texts(sides_fr, "left")
    right_en, right_fr = texts(sides_en, "right"), texts(sides_fr, "right")
    matched = {
        pair[0]: pair[1] for pair in correct.get("pairs") or [] if isinstance(pair, list) and len(pair) == 2
    }
    pairs = [
        PairRow(
            left_id,
            text,
            left_fr.get(left_id, ""),
            matched.get(left_id, ""),
            right_en.get(matched.get(left_id, ""), ""),
            right_fr.get(matched.get(left_id, ""), ""),
        )
        for left_id, text in left_en.items()
    ]
    used = set(matched.values())
    extras = [
        OptionRow(rid, text, right_fr.get(rid, "")) for rid, text in right_en.items() if rid not in used
    ]
    return pairs, extras


def _fill_ids(ids: list[str], pool: Any, avoid: list[str] | None = None) -> list[str]:
    """The ids given, and fresh ones from `pool` for the rows that have none."""
    taken = {i for i in ids if i} | set(avoid or [])
    free = (candidate for candidate in pool if candidate not in taken)
    return [i or next(free, f"x{n}") for n, i in enumerate(ids)]


def question_sentence(question: Question, quiz: Quiz) -> str:
    return QuestionForm.of(question).sentence(quiz)


def type_labels() -> dict[QuestionType, str]:
    return {
        QuestionType.MULTIPLE_CHOICE: gettext("Multiple choice"),
        QuestionType.TRUE_FALSE: gettext("True or false"),
        QuestionType.SHORT_ANSWER: gettext("Short answer"),
        QuestionType.FILL_BLANK: gettext("Fill in the blanks"),
        QuestionType.MATCHING: gettext("Matching"),
    }


def type_label(kind: Any) -> str:
    try:
        return type_labels()[QuestionType(str(kind))]
    except ValueError:
        return str(kind)
