"""The shapes of the demo content, and terse constructors so the course modules read like content.

Nothing here is validated: `bibliology.seed.demo` passes every block through `validate_block_pair`,
every style through `validate_style_config` and every question through `validate_question` when it
seeds, so a typo in a course module fails the seed (and its tests) instead of reaching the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bibliology.enums import (
    ContentBlockType,
    EnrollmentStatus,
    LessonStatus,
    QuestionType,
    SlideLayout,
    UserRole,
)

Json = dict[str, Any]
# A list item: its text, or (text, children).
Item = str | tuple[str, Sequence["Item"]]
# An option: (id, English text, French text or None).
Option = tuple[str, str, str | None]

KJV = "KJV"
SYNODALE = "Synodale 1921"


# --------------------------------------------------------------------------- people


@dataclass(frozen=True, kw_only=True)
class Person:
    email: str
    name: str
    role: UserRole = UserRole.STUDENT
    language_pref: str = "en"
    joined_days_ago: int
    last_login_days_ago: int
    avatar_url: str | None = None


# --------------------------------------------------------------------------- content


@dataclass(frozen=True, kw_only=True)
class Block:
    type: ContentBlockType
    en: Json
    fr: Json | None = None
    style: Json | None = None
    # QUIZ blocks name a quiz of the same lesson by key; the seed puts in its id.
    quiz_key: str | None = None


@dataclass(frozen=True, kw_only=True)
class SlideSpec:
    layout: SlideLayout
    title_en: str | None
    title_fr: str | None
    blocks: Sequence[Block]
    notes_en: str | None = None
    notes_fr: str | None = None


@dataclass(frozen=True, kw_only=True)
class QuestionSpec:
    type: QuestionType
    text_en: str
    text_fr: str | None
    correct_answers: Json
    options_en: Any = None
    options_fr: Any = None
    explanation_en: str | None = None
    explanation_fr: str | None = None
    points: int = 1


@dataclass(frozen=True, kw_only=True)
class QuizSpec:
    key: str
    title_en: str
    title_fr: str | None
    questions: Sequence[QuestionSpec]
    on_slide: int | None = None  # slide index within the lesson; None: the end-of-lesson quiz
    passing_score_percentage: int = 70
    time_limit_minutes: int | None = None
    shuffle_questions: bool = False
    shuffle_options: bool = False
    allow_review: bool = True
    show_correct_answers: bool = True
    max_attempts: int | None = None


@dataclass(frozen=True, kw_only=True)
class LessonSpec:
    slug: str  # suffix: the stored slug is "<course slug>-<this>"
    title_en: str
    title_fr: str | None
    description_en: str | None
    description_fr: str | None
    estimated_minutes: int
    slides: Sequence[SlideSpec]
    quizzes: Sequence[QuizSpec] = ()
    status: LessonStatus = LessonStatus.PUBLISHED


@dataclass(frozen=True, kw_only=True)
class CourseSpec:
    slug: str
    teacher_email: str
    title_en: str
    title_fr: str | None
    description_en: str
    description_fr: str | None
    category: str
    tags: Sequence[str]
    difficulty: str
    estimated_hours: int
    lessons: Sequence[LessonSpec]
    created_days_ago: int
    published_days_ago: int | None  # None: never published
    status: LessonStatus = LessonStatus.PUBLISHED
    archived_days_ago: int | None = None
    # The generated thumbnail (and with `cover`, cover image) card's background, "#rrggbb".
    colour: str = "#2e3a6b"
    cover: bool = False


# --------------------------------------------------------------------------- learners


@dataclass(frozen=True, kw_only=True)
class NoteSpec:
    lesson: int  # index among the course's published lessons
    slide: int
    text: str


@dataclass(frozen=True, kw_only=True)
class Journey:
    """One student in one course: how far they got, and how well they answer quizzes."""

    student: str  # e-mail
    course: str  # slug
    status: EnrollmentStatus
    enrolled_days_ago: int
    last_access_days_ago: int
    lessons_completed: int  # the first N published lessons, in order
    current_slide: int | None = None  # reached in the next lesson (IN_PROGRESS); None: not opened
    skill: int = 8  # of 10: roughly how many answers in ten are right
    retakes: Sequence[str] = ()  # quiz keys first failed, then passed on a second attempt
    notes: Sequence[NoteSpec] = field(default_factory=tuple)


# --------------------------------------------------------------------------- constructors


def slide(
    layout: SlideLayout,
    title_en: str | None,
    title_fr: str | None,
    *blocks: Block,
    notes: tuple[str, str | None] | None = None,
) -> SlideSpec:
    notes_en, notes_fr = (None, None) if notes is None else notes
    return SlideSpec(
        layout=layout,
        title_en=title_en,
        title_fr=title_fr,
        blocks=blocks,
        notes_en=notes_en,
        notes_fr=notes_fr,
    )


def _pair(en: Json, fr: Json | None, kind: ContentBlockType, style: Json | None = None) -> Block:
    return Block(type=kind, en=en, fr=fr, style=style)


def heading(en: str, fr: str | None, *, level: int = 2, style: Json | None = None) -> Block:
    return _pair(
        {"text": en, "level": level},
        None if fr is None else {"text": fr, "level": level},
        ContentBlockType.HEADING,
        style,
    )


def text(en: str, fr: str | None, *, style: Json | None = None) -> Block:
    return _pair({"text": en}, None if fr is None else {"text": fr}, ContentBlockType.TEXT, style)


def image(
    url: str,
    *,
    alt_en: str,
    alt_fr: str | None,
    caption_en: str | None = None,
    caption_fr: str | None = None,
    url_fr: str | None = None,
    size: tuple[int, int] | None = None,
) -> Block:
    def one(src: str, alt: str, caption: str | None) -> Json:
        content: Json = {"url": src, "alt": alt}
        if caption is not None:
            content["caption"] = caption
        if size is not None:
            content["width"], content["height"] = size
        return content

    fr = None if alt_fr is None else one(url_fr or url, alt_fr, caption_fr)
    return _pair(one(url, alt_en, caption_en), fr, ContentBlockType.IMAGE)


def verse(reference: str, en: str, fr: str | None, *, style: Json | None = None) -> Block:
    """KJV in English, the Synodale 1921 in French (both public domain)."""
    fr_content = None if fr is None else {"reference": reference, "text": fr, "translation": SYNODALE}
    return _pair(
        {"reference": reference, "text": en, "translation": KJV}, fr_content, ContentBlockType.VERSE, style
    )


@dataclass(frozen=True, kw_only=True)
class Word:
    term: str
    language: str
    definition_en: str
    definition_fr: str | None
    transliteration: str | None = None
    transliteration_fr: str | None = None  # when French spells it differently (rouah)
    strongs: str | None = None
    part_of_speech: tuple[str, str] | None = None  # (English, French)


def _entry(word: Word, *, french: bool) -> Json:
    entry: Json = {
        "term": word.term,
        "language": word.language,
        "definition": word.definition_fr if french else word.definition_en,
    }
    transliteration = (word.transliteration_fr if french else None) or word.transliteration
    if transliteration is not None:
        entry["transliteration"] = transliteration
    if word.strongs is not None:
        entry["strongs"] = word.strongs
    if word.part_of_speech is not None:
        entry["part_of_speech"] = word.part_of_speech[1 if french else 0]
    return entry


def vocabulary(*words: Word) -> Block:
    en = {"entries": [_entry(word, french=False) for word in words]}
    bilingual = all(word.definition_fr is not None for word in words)
    fr = {"entries": [_entry(word, french=True) for word in words]} if bilingual else None
    return _pair(en, fr, ContentBlockType.VOCABULARY)


def _items(items: Sequence[Item]) -> list[Json]:
    out: list[Json] = []
    for item in items:
        if isinstance(item, str):
            out.append({"text": item})
        else:
            out.append({"text": item[0], "children": _items(item[1])})
    return out


def bullets(en: Sequence[Item], fr: Sequence[Item] | None, *, numbered: bool = False) -> Block:
    style = "numbered" if numbered else "bullet"
    fr_content = None if fr is None else {"style": style, "items": _items(fr)}
    return _pair({"style": style, "items": _items(en)}, fr_content, ContentBlockType.LIST)


def callout(
    variant: str,
    en: str,
    fr: str | None,
    *,
    title_en: str | None = None,
    title_fr: str | None = None,
    style: Json | None = None,
) -> Block:
    def one(body: str, title: str | None) -> Json:
        return {"variant": variant, "text": body} | ({"title": title} if title else {})

    return _pair(
        one(en, title_en), None if fr is None else one(fr, title_fr), ContentBlockType.CALLOUT, style
    )


def quiz_block(key: str) -> Block:
    return Block(type=ContentBlockType.QUIZ, en={}, fr={}, quiz_key=key)


def divider(style: str = "line") -> Block:
    return _pair({"style": style}, {"style": style}, ContentBlockType.DIVIDER)


# --------------------------------------------------------------------------- question constructors


def _options(options: Sequence[Option], *, french: bool) -> list[Json]:
    return [{"id": oid, "text": fr if french else en} for oid, en, fr in options]


def _explanation(explain: tuple[str, str | None] | None) -> tuple[str | None, str | None]:
    return (None, None) if explain is None else explain


def choice(
    en: str,
    fr: str | None,
    options: Sequence[Option],
    correct: Sequence[str],
    *,
    multiple: bool = False,
    explain: tuple[str, str | None] | None = None,
    points: int = 1,
) -> QuestionSpec:
    explanation_en, explanation_fr = _explanation(explain)
    return QuestionSpec(
        type=QuestionType.MULTIPLE_CHOICE,
        text_en=en,
        text_fr=fr,
        options_en=_options(options, french=False),
        options_fr=None if fr is None else _options(options, french=True),
        correct_answers={"multiple": multiple, "correct": list(correct)},
        explanation_en=explanation_en,
        explanation_fr=explanation_fr if fr is not None else None,
        points=points,
    )


def true_false(
    en: str, fr: str | None, value: bool, *, explain: tuple[str, str | None] | None = None, points: int = 1
) -> QuestionSpec:
    explanation_en, explanation_fr = _explanation(explain)
    return QuestionSpec(
        type=QuestionType.TRUE_FALSE,
        text_en=en,
        text_fr=fr,
        correct_answers={"value": value},
        explanation_en=explanation_en,
        explanation_fr=explanation_fr if fr is not None else None,
        points=points,
    )


def _match(typo_tolerance: int, ignore_accents: bool) -> Json:
    return {"typo_tolerance": typo_tolerance, "ignore_accents": ignore_accents}


def short_answer(
    en: str,
    fr: str | None,
    accepted_en: Sequence[str],
    accepted_fr: Sequence[str],
    *,
    typo_tolerance: int = 1,
    ignore_accents: bool = False,
    explain: tuple[str, str | None] | None = None,
    points: int = 1,
) -> QuestionSpec:
    explanation_en, explanation_fr = _explanation(explain)
    return QuestionSpec(
        type=QuestionType.SHORT_ANSWER,
        text_en=en,
        text_fr=fr,
        correct_answers={
            "accepted": {"en": list(accepted_en), "fr": list(accepted_fr)},
            "match": _match(typo_tolerance, ignore_accents),
        },
        explanation_en=explanation_en,
        explanation_fr=explanation_fr if fr is not None else None,
        points=points,
    )


def fill_blank(
    en: str,
    fr: str | None,
    blanks: Sequence[tuple[Sequence[str], Sequence[str]]],
    *,
    typo_tolerance: int = 0,
    explain: tuple[str, str | None] | None = None,
    points: int = 1,
) -> QuestionSpec:
    """`blanks[i]` answers {{i+1}}: (accepted English answers, accepted French answers)."""
    explanation_en, explanation_fr = _explanation(explain)
    return QuestionSpec(
        type=QuestionType.FILL_BLANK,
        text_en=en,
        text_fr=fr,
        correct_answers={
            "blanks": [
                {"id": str(number), "accepted": {"en": list(answers_en), "fr": list(answers_fr)}}
                for number, (answers_en, answers_fr) in enumerate(blanks, start=1)
            ],
            "match": _match(typo_tolerance, ignore_accents=False),
        },
        explanation_en=explanation_en,
        explanation_fr=explanation_fr if fr is not None else None,
        points=points,
    )


def matching(
    en: str,
    fr: str | None,
    left: Sequence[Option],
    right: Sequence[Option],
    pairs: Sequence[tuple[str, str]],
    *,
    explain: tuple[str, str | None] | None = None,
    points: int = 1,
) -> QuestionSpec:
    def sides(*, french: bool) -> Json:
        return {"left": _options(left, french=french), "right": _options(right, french=french)}

    explanation_en, explanation_fr = _explanation(explain)
    return QuestionSpec(
        type=QuestionType.MATCHING,
        text_en=en,
        text_fr=fr,
        options_en=sides(french=False),
        options_fr=None if fr is None else sides(french=True),
        correct_answers={"pairs": [list(pair) for pair in pairs]},
        explanation_en=explanation_en,
        explanation_fr=explanation_fr if fr is not None else None,
        points=points,
    )


# Layouts and styles, short enough to read a slide at a glance.
TITLE, CONTENT, TWO_COLUMN = SlideLayout.TITLE, SlideLayout.CONTENT, SlideLayout.TWO_COLUMN
IMAGE_FOCUS, QUIZ, BLANK = SlideLayout.IMAGE_FOCUS, SlideLayout.QUIZ, SlideLayout.BLANK
TITLE_STYLE: Json = {"align": "center", "emphasis": "strong", "color": "navy"}
SUBTITLE_STYLE: Json = {"align": "center", "color": "muted"}
KEY_VERSE_STYLE: Json = {"align": "center", "emphasis": "subtle", "color": "gold"}


def title_slide(
    title_en: str,
    title_fr: str | None,
    subtitle_en: str,
    subtitle_fr: str | None,
    *,
    notes: tuple[str, str | None] | None = None,
) -> SlideSpec:
    """The opening slide of a lesson: its title and a one-line promise."""
    return slide(
        TITLE,
        title_en,
        title_fr,
        heading(title_en, title_fr, level=1, style=TITLE_STYLE),
        text(subtitle_en, subtitle_fr, style=SUBTITLE_STYLE),
        notes=notes,
    )
