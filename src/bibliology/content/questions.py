"""Quiz questions: the JSON shapes of the ``questions`` columns, per ``QuestionType``.

Correctness lives only in ``correct_answers``: options are ``{"id", "text"}`` and nothing else, so the
options can be sent to a student before submission without leaking the answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Annotated, Any, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from bibliology.content.blocks import ContentInvalid, FieldError, OptionText, RichText, field_errors
from bibliology.content.richtext import check_plain_line
from bibliology.enums import QuestionType

__all__ = [
    "AcceptedAnswers",
    "Blank",
    "ChoiceOption",
    "ChoiceOptions",
    "FillBlankAnswer",
    "MatchOptions",
    "MatchingAnswer",
    "MatchingOptions",
    "MultipleChoiceAnswer",
    "QuestionType",
    "ShortAnswerAnswer",
    "TextDoc",
    "TrueFalseAnswer",
    "ValidatedQuestion",
    "blank_ids",
    "validate_question",
]

BLANK = re.compile(r"\{\{([1-9][0-9]?)\}\}")
_BLANK_LIKE = re.compile(r"\{\{.{0,40}?\}\}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


OptionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]{1,16}$")]
AnswerText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(check_plain_line),
]


class TextDoc(_Model):
    """``question_text_*`` and ``explanation_*``: an object so that it can grow (audio, images…)."""

    text: RichText


class ChoiceOption(_Model):
    id: OptionId
    text: OptionText


class ChoiceOptions(RootModel[Annotated[list[ChoiceOption], Field(min_length=2, max_length=10)]]):
    model_config = ConfigDict(strict=True)


class MatchingOptions(_Model):
    left: Annotated[list[ChoiceOption], Field(min_length=2, max_length=20)]
    right: Annotated[list[ChoiceOption], Field(min_length=2, max_length=20)]


class MatchOptions(_Model):
    """How typed answers are compared (applied by the quiz engine to both sides)."""

    ignore_case: bool = True
    ignore_accents: bool = False
    normalize_apostrophes: bool = True  # ’ and ' are the same
    normalize_ligatures: bool = True  # œ = oe, æ = ae
    collapse_whitespace_punctuation: bool = True
    typo_tolerance: Annotated[int, Field(ge=0, le=2)] = 0  # edit distance allowed


class AcceptedAnswers(_Model):
    en: Annotated[list[AnswerText], Field(min_length=1, max_length=50)]
    # Empty: a French student's answer is compared with the English answers.
    fr: Annotated[list[AnswerText], Field(max_length=50)] = []


class MultipleChoiceAnswer(_Model):
    multiple: bool = False
    correct: Annotated[list[OptionId], Field(min_length=1, max_length=10)]

    @field_validator("correct")
    @classmethod
    def _count(cls, correct: list[str], info: ValidationInfo) -> list[str]:
        if info.data.get("multiple") is False and len(correct) != 1:
            raise ValueError("a single-answer question has exactly one correct option (set multiple to true)")
        return correct


class TrueFalseAnswer(_Model):
    value: bool


class ShortAnswerAnswer(_Model):
    accepted: AcceptedAnswers
    match: MatchOptions = Field(default_factory=MatchOptions)


class Blank(_Model):
    id: Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]?$")]
    accepted: AcceptedAnswers


class FillBlankAnswer(_Model):
    blanks: Annotated[list[Blank], Field(min_length=1, max_length=20)]
    match: MatchOptions = Field(default_factory=MatchOptions)


class MatchingAnswer(_Model):
    pairs: Annotated[list[Annotated[list[OptionId], Field(min_length=2, max_length=2)]], Field(min_length=1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidatedQuestion:
    """Normalised JSON for each ``questions`` column, named as the columns."""

    question_type: QuestionType
    question_text_en: dict[str, Any]
    question_text_fr: dict[str, Any] | None
    options_en: list[Any] | dict[str, Any] | None
    options_fr: list[Any] | dict[str, Any] | None
    correct_answers: dict[str, Any]
    explanation_en: dict[str, Any] | None
    explanation_fr: dict[str, Any] | None
    points: int

    def columns(self) -> dict[str, Any]:
        return asdict(self)


class _Spec(NamedTuple):
    options: type[BaseModel] | None
    answers: type[BaseModel]


_SPECS = {
    QuestionType.MULTIPLE_CHOICE: _Spec(ChoiceOptions, MultipleChoiceAnswer),
    QuestionType.TRUE_FALSE: _Spec(None, TrueFalseAnswer),
    QuestionType.SHORT_ANSWER: _Spec(None, ShortAnswerAnswer),
    QuestionType.FILL_BLANK: _Spec(None, FillBlankAnswer),
    QuestionType.MATCHING: _Spec(MatchingOptions, MatchingAnswer),
}
_POINTS = TypeAdapter(Annotated[int, Field(strict=True, ge=0, le=100)])


def blank_ids(text: str) -> list[str]:
    """The blank ids of a FILL_BLANK text, in order of appearance: "{{1}} et {{2}}" → ["1", "2"]."""
    return BLANK.findall(text)


# --------------------------------------------------------------------------- cross-field checks


def _error(field: str, message: str) -> FieldError:
    return {"field": field, "message": message}


def _option_lists(options: BaseModel) -> dict[str, list[ChoiceOption]]:
    """Option lists by path suffix: {"": [...]} for multiple choice, {"left": …, "right": …} for matching."""
    if isinstance(options, MatchingOptions):
        return {"left": options.left, "right": options.right}
    assert isinstance(options, ChoiceOptions)
    return {"": options.root}


def _path(*parts: object) -> str:
    return ".".join(str(part) for part in parts if part != "")


def _option_errors(en: BaseModel | None, fr: BaseModel | None) -> list[FieldError]:
    errors: list[FieldError] = []
    if en is not None:
        seen: set[str] = set()  # unique across both sides of a matching question
        for side, options in _option_lists(en).items():
            for index, option in enumerate(options):
                if option.id in seen:
                    errors.append(
                        _error(_path("options_en", side, index, "id"), f"duplicate id {option.id!r}")
                    )
                seen.add(option.id)
    if en is not None and fr is not None:
        fr_lists = _option_lists(fr)
        for side, options in _option_lists(en).items():
            en_ids = [option.id for option in options]
            if [option.id for option in fr_lists[side]] != en_ids:
                message = f"must have the same ids in the same order as options_en ({', '.join(en_ids)})"
                errors.append(_error(_path("options_fr", side), message))
    return errors


def _multiple_choice_errors(options: BaseModel, answers: MultipleChoiceAnswer) -> list[FieldError]:
    ids = {option.id for option in _option_lists(options)[""]}
    errors: list[FieldError] = []
    for index, answer in enumerate(answers.correct):
        if answer not in ids:
            errors.append(_error(f"correct_answers.correct.{index}", f"no option has the id {answer!r}"))
        elif answer in answers.correct[:index]:
            errors.append(_error(f"correct_answers.correct.{index}", f"{answer!r} is listed twice"))
    return errors


def _matching_errors(options: MatchingOptions, answers: MatchingAnswer) -> list[FieldError]:
    left = [option.id for option in options.left]
    right = {option.id for option in options.right}
    errors: list[FieldError] = []
    matched: Counter[str] = Counter()
    for index, (left_id, right_id) in enumerate(answers.pairs):
        if left_id not in left:
            errors.append(_error(f"correct_answers.pairs.{index}.0", f"{left_id!r} is not a left item"))
        elif matched[left_id]:
            errors.append(
                _error(f"correct_answers.pairs.{index}.0", f"{left_id!r} is matched more than once")
            )
        matched[left_id] += 1
        if right_id not in right:
            errors.append(_error(f"correct_answers.pairs.{index}.1", f"{right_id!r} is not a right item"))
    missing = [left_id for left_id in left if not matched[left_id]]
    if missing:
        errors.append(
            _error("correct_answers.pairs", f"every left item needs a pair; missing: {', '.join(missing)}")
        )
    return errors


def _blank_errors(texts: Mapping[str, TextDoc | None], answers: FillBlankAnswer) -> list[FieldError]:
    errors: list[FieldError] = []
    ids = [blank.id for blank in answers.blanks]
    errors.extend(
        _error(f"correct_answers.blanks.{index}.id", f"blank {blank_id!r} is listed twice")
        for index, blank_id in enumerate(ids)
        if blank_id in ids[:index]
    )
    for name, doc in texts.items():
        if doc is None:
            continue
        field = f"{name}.text"
        for candidate in _BLANK_LIKE.findall(doc.text):
            if not BLANK.fullmatch(candidate):
                errors.append(
                    _error(field, f"malformed blank {candidate!r}: write blanks as {{{{1}}}}, {{{{2}}}}…")
                )
        found = blank_ids(doc.text)
        errors.extend(
            _error(field, f"blank {{{{{blank_id}}}}} appears more than once")
            for blank_id, count in Counter(found).items()
            if count > 1
        )
        errors.extend(
            _error(field, f"has no blank {{{{{blank_id}}}}}, but correct_answers.blanks has one")
            for blank_id in dict.fromkeys(ids)
            if blank_id not in found
        )
        errors.extend(
            _error("correct_answers.blanks", f"has no entry for the blank {{{{{blank_id}}}}} of {name}")
            for blank_id in dict.fromkeys(found)
            if blank_id not in ids
        )
    return errors


# --------------------------------------------------------------------------- entry point


def _question_type(value: str | QuestionType) -> QuestionType:
    try:
        return QuestionType(str(value).upper())
    except ValueError:
        message = f"unknown question type {value!r}; expected one of {', '.join(QuestionType)}"
        raise ContentInvalid([_error("question_type", message)], root="") from None


def _as_doc(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value  # a bare string is accepted as shorthand


class _Collector:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def parse(self, model: type[BaseModel], value: object, field: str) -> Any:
        try:
            return model.model_validate(value)
        except ValidationError as exc:
            self.errors.extend(field_errors(exc, prefix=field))
            return None

    def optional_doc(self, value: object, field: str) -> TextDoc | None:
        return None if value is None else self.parse(TextDoc, _as_doc(value), field)

    def add(self, field: str, message: str) -> None:
        self.errors.append(_error(field, message))


def _dump(model: BaseModel | None) -> Any:
    return None if model is None else model.model_dump(mode="json", exclude_none=True)


def validate_question(
    question_type: str | QuestionType,
    *,
    text_en: object,
    text_fr: object = None,
    options_en: object = None,
    options_fr: object = None,
    correct_answers: object,
    explanation_en: object = None,
    explanation_fr: object = None,
    points: object = 1,
) -> ValidatedQuestion:
    """Validate and normalise one question; ContentInvalid lists every problem by field (parameter name).

    A French version is all or nothing for what students see: ``text_fr`` is needed for any ``*_fr``
    value, and a question with options needs ``options_fr`` once it has ``text_fr``.
    """
    kind = _question_type(question_type)
    spec = _SPECS[kind]
    check = _Collector()
    doc_en: TextDoc | None = check.parse(TextDoc, _as_doc(text_en), "text_en")
    doc_fr = check.optional_doc(text_fr, "text_fr")
    expl_en = check.optional_doc(explanation_en, "explanation_en")
    expl_fr = check.optional_doc(explanation_fr, "explanation_fr")
    answers = check.parse(spec.answers, correct_answers, "correct_answers")
    score = 0
    try:
        score = _POINTS.validate_python(points)
    except ValidationError as exc:
        check.errors.extend(field_errors(exc, prefix="points"))

    opts_en = opts_fr = None
    if spec.options is None:
        for field, value in (("options_en", options_en), ("options_fr", options_fr)):
            if value is not None:
                check.add(field, f"must be null for {kind} questions")
    else:
        if options_en is None:
            check.add("options_en", f"is required for {kind} questions")
        else:
            opts_en = check.parse(spec.options, options_en, "options_en")
        if options_fr is not None:
            opts_fr = check.parse(spec.options, options_fr, "options_fr")
        elif text_fr is not None:
            check.add("options_fr", "is required when text_fr is given")
        check.errors.extend(_option_errors(opts_en, opts_fr))
    if text_fr is None:
        for field, value in (("options_fr", options_fr), ("explanation_fr", explanation_fr)):
            if value is not None:
                check.add(field, "needs text_fr: give the French question text too")

    if isinstance(answers, MultipleChoiceAnswer) and opts_en is not None:
        check.errors.extend(_multiple_choice_errors(opts_en, answers))
    elif isinstance(answers, MatchingAnswer) and isinstance(opts_en, MatchingOptions):
        check.errors.extend(_matching_errors(opts_en, answers))
    elif isinstance(answers, FillBlankAnswer):
        check.errors.extend(_blank_errors({"text_en": doc_en, "text_fr": doc_fr}, answers))

    if check.errors or doc_en is None or answers is None:
        raise ContentInvalid(check.errors, root="")
    return ValidatedQuestion(
        question_type=kind,
        question_text_en=_dump(doc_en),
        question_text_fr=_dump(doc_fr),
        options_en=_dump(opts_en),
        options_fr=_dump(opts_fr),
        correct_answers=_dump(answers),
        explanation_en=_dump(expl_en),
        explanation_fr=_dump(expl_fr),
        points=score,
    )
