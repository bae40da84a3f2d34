"""Slides and content blocks of benchmark lessons, in the shapes bibliology.content defines.

Blocks are built already normalised (defaults such as `"level"` and `"style"` present, references in
OSIS form), so validating one returns it unchanged; tests check a sample through
`bibliology.content.validate_block_pair`.
"""

from __future__ import annotations

import random
import re
from typing import Any, NamedTuple

from bibliology.content import escape_richtext
from bibliology.enums import ContentBlockType as Block
from bibliology.enums import SlideLayout
from bibliology.seed.scale_bible import BIBLE
from bibliology.seed.scale_names import mention
from bibliology.seed.scale_plan import LESSONS_PER_COURSE, SEED, SLIDES_PER_LESSON, CoursePlan, mix
from bibliology.seed.scale_text import (
    CALLOUT_TITLES,
    COMPLEMENTS,
    FRAMES,
    IMAGES,
    OBJECTS,
    QUIZ_SLIDE_TITLE,
    QUOTES,
    REFLECTIONS,
    SLIDE_TITLES,
    SUBJECTS,
    VERBS,
    VERSES,
    VOCABULARY,
    Image,
    Pair,
    Verse,
    Word,
)

Content = dict[str, Any]
# (type, content_en, content_fr or None, style_config or None)
BlockSpec = tuple[Block, Content, Content | None, Content | None]

# Block types per layout; the first and last slides of a lesson have their own.
_PATTERNS: dict[SlideLayout, tuple[Block, ...]] = {
    SlideLayout.TITLE: (Block.HEADING, Block.TEXT, Block.IMAGE, Block.CALLOUT, Block.DIVIDER),
    SlideLayout.QUIZ: (Block.HEADING, Block.TEXT, Block.QUIZ, Block.CALLOUT, Block.DIVIDER),
    SlideLayout.CONTENT: (Block.HEADING, Block.TEXT, Block.VERSE, Block.LIST, Block.CALLOUT),
    SlideLayout.TWO_COLUMN: (Block.HEADING, Block.VERSE, Block.TEXT, Block.VOCABULARY, Block.DIVIDER),
    SlideLayout.IMAGE_FOCUS: (Block.HEADING, Block.IMAGE, Block.TEXT, Block.LIST, Block.CALLOUT),
    SlideLayout.BLANK: (Block.TEXT, Block.VERSE, Block.TEXT, Block.LIST, Block.DIVIDER),
}
_MIDDLE_LAYOUTS = (
    SlideLayout.CONTENT,
    SlideLayout.TWO_COLUMN,
    SlideLayout.CONTENT,
    SlideLayout.IMAGE_FOCUS,
    SlideLayout.CONTENT,
    SlideLayout.BLANK,
)


def slide_layout(lesson: int, slide: int) -> SlideLayout:
    if slide == 0:
        return SlideLayout.TITLE
    if slide == SLIDES_PER_LESSON - 1:
        return SlideLayout.QUIZ
    return _MIDDLE_LAYOUTS[(lesson + slide) % len(_MIDDLE_LAYOUTS)]


def slide_title(course: CoursePlan, order: int, slide: int) -> Pair | None:
    """The slide's title, also the text of its heading block; a BLANK slide has none."""
    lesson = course.index * LESSONS_PER_COURSE + order
    layout = slide_layout(lesson, slide)
    if layout == SlideLayout.TITLE:
        return course.lesson_title(order)
    if layout == SlideLayout.QUIZ:
        return QUIZ_SLIDE_TITLE
    if layout == SlideLayout.BLANK:
        return None
    return SLIDE_TITLES[mix(lesson, slide) % len(SLIDE_TITLES)]


# --------------------------------------------------------------------------- text


class Theme(NamedTuple):
    """What one lesson talks about (issue 16: realistic text for search). A real lesson studies a
    passage and a few ideas, so its sentences draw on a few subjects, objects and places, and it
    quotes the verses of one stretch of Scripture: a word is then common in some lessons and absent
    from most, as in real courses, instead of appearing in every lesson."""

    subjects: tuple[Pair, ...]
    objects: tuple[Pair, ...]
    complements: tuple[Pair, ...]
    verses: tuple[tuple[str, str, str], ...]  # (OSIS, KJV, Synodale 1921), consecutive in BIBLE
    known: tuple[Verse, ...] = VERSES  # well-known verses it also cites
    words: tuple[Word, ...] = VOCABULARY
    images: tuple[Image, ...] = IMAGES
    quotes: tuple[Pair, ...] = QUOTES


_WINDOW = 16  # verses of BIBLE a lesson quotes from


def theme(lesson: int) -> Theme:
    rng = random.Random(mix(SEED, 11, lesson))
    start = rng.randrange(len(BIBLE) - _WINDOW)
    return Theme(
        subjects=tuple(rng.sample(SUBJECTS, 3)),
        objects=tuple(rng.sample(OBJECTS, 2)),
        complements=tuple(rng.sample(COMPLEMENTS, 3)),
        verses=BIBLE[start : start + _WINDOW],
        known=tuple(rng.sample(VERSES, 3)),
        words=tuple(rng.sample(VOCABULARY, 3)),
        images=tuple(rng.sample(IMAGES, 2)),
        quotes=(QUOTES[rng.randrange(len(QUOTES))],),
    )


# Sentences built from every part list, for rows that have no lesson theme (course descriptions).
WHOLE = Theme(SUBJECTS, OBJECTS, COMPLEMENTS, ())


def _pick(rng: random.Random, pairs: tuple[Pair, ...]) -> Pair:
    return pairs[int(rng.random() * len(pairs))]  # randrange() is several times slower


_CONTRACTIONS = re.compile(r"\b(de|à) (\*\*)?(les?) ")
_CONTRACTED = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}


def _contract(french: str) -> str:
    """ "de le" → "du", "à les" → "aux"…, as French writes them once the parts are put together."""
    return _CONTRACTIONS.sub(lambda m: f"{_CONTRACTED[(m[1], m[3])]} {m[2] or ''}", french)


def fill(frame: Pair, thing: Pair) -> Pair:
    """A frame such as ("Ask about {}.", "Demander ce qu’il pense de {}.") around a thing."""
    return frame[0].format(thing[0]), _contract(frame[1].format(thing[1]))


def sentence(rng: random.Random, on: Theme = WHOLE) -> Pair:
    """One sentence, e.g. "Moses teaches the grace of God in the wilderness."."""
    parts = [_pick(rng, on.subjects), _pick(rng, VERBS), _pick(rng, on.objects), _pick(rng, on.complements)]
    return " ".join(p[0] for p in parts) + ".", _contract(" ".join(p[1] for p in parts) + ".")


def _framed(rng: random.Random, frames: tuple[Pair, ...], on: Theme, *, bold: bool = False) -> Pair:
    frame, thing = _pick(rng, frames), _pick(rng, on.objects)
    if bold:
        thing = (f"**{thing[0]}**", f"**{thing[1]}**")
    return fill(frame, thing)


def quote(rng: random.Random, on: Theme) -> Pair:
    """A verse of the lesson's passage, quoted in both languages."""
    _, en, fr = on.verses[int(rng.random() * len(on.verses))]
    return f"“{escape_richtext(en)}”", f"« {escape_richtext(fr)} »"


def paragraph(rng: random.Random, sentences: int, on: Theme = WHOLE) -> Pair:
    picks = [
        quote(rng, on) if on.verses and rng.random() < 0.5 else sentence(rng, on)
        for _ in range(sentences - 1)
    ]
    picks.insert(rng.randrange(sentences), _framed(rng, FRAMES, on, bold=rng.random() < 0.5))
    return " ".join(p[0] for p in picks), " ".join(p[1] for p in picks)


def framed(rng: random.Random, frames: tuple[Pair, ...], on: Theme = WHOLE) -> Pair:
    return _framed(rng, frames, on)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- blocks


def _text(rng: random.Random, on: Theme) -> tuple[Content, Content]:
    en, fr = paragraph(rng, rng.randint(2, 4), on)
    if rng.random() < 0.35:  # a person and a place: rarer words for search (scale_names)
        who = mention(rng)
        en, fr = f"{en} {who[0]}", f"{fr} {who[1]}"
    if rng.random() < 0.3:
        more = paragraph(rng, 2, on)
        en, fr = f"{en}\n\n{more[0]}", f"{fr}\n\n{more[1]}"
    return {"text": en}, {"text": fr}


def _image(rng: random.Random, on: Theme) -> tuple[Content, Content]:
    image = on.images[rng.randrange(len(on.images))]
    size = {"width": image.width, "height": image.height}
    en = {"url": image.url_en, "alt": image.alt[0], "caption": image.caption[0]} | size
    return en, {"url": image.url_fr, "alt": image.alt[1], "caption": image.caption[1]} | size


def _verse(rng: random.Random, on: Theme) -> tuple[Content, Content]:
    if on.verses and rng.random() < 0.6:  # the lesson's passage; otherwise a well-known verse
        osis, en, fr = on.verses[rng.randrange(len(on.verses))]
        return (
            {"reference": osis, "text": escape_richtext(en), "translation": "KJV"},
            {"reference": osis, "text": escape_richtext(fr), "translation": "SYN1921"},
        )
    verse = on.known[rng.randrange(len(on.known))]
    return (
        {"reference": verse.osis, "text": verse.en, "translation": "KJV"},
        {"reference": verse.osis, "text": verse.fr, "translation": "LSG"},
    )


def _vocabulary(rng: random.Random, on: Theme) -> tuple[Content, Content]:
    words = rng.sample(on.words, rng.randint(1, 3))
    entries: list[list[Content]] = [[], []]
    for lang in (0, 1):
        for word in words:
            entries[lang].append(
                {
                    "term": word.term,
                    "transliteration": word.transliteration[lang],
                    "language": word.language,
                    "definition": word.definition[lang],
                    "strongs": word.strongs,
                    "part_of_speech": word.part_of_speech[lang],
                }
            )
    return {"entries": entries[0]}, {"entries": entries[1]}


def _list(rng: random.Random, on: Theme) -> tuple[Content, Content]:
    style = "numbered" if rng.random() < 0.3 else "bullet"
    items: list[list[Content]] = [[], []]
    things = [*on.objects, *(sentence(rng, on) for _ in range(rng.randint(0, 3)))]
    for thing in things:
        children = rng.sample(on.complements, 2) if rng.random() < 0.25 else []
        for lang in (0, 1):
            item: Content = {"text": _capitalised(thing[lang])}
            if children:
                item["children"] = [{"text": _capitalised(child[lang])} for child in children]
            items[lang].append(item)
    return {"style": style, "items": items[0]}, {"style": style, "items": items[1]}


def _callout(rng: random.Random, on: Theme) -> tuple[Content, Content]:
    variant = ("info", "tip", "warning", "quote", "reflection")[rng.randrange(5)]
    if variant == "quote":
        quote = _pick(rng, on.quotes)
        return {"variant": variant, "text": quote[0]}, {"variant": variant, "text": quote[1]}
    title = CALLOUT_TITLES[variant]
    text = framed(rng, REFLECTIONS, on) if variant == "reflection" else sentence(rng, on)
    return (
        {"variant": variant, "title": title[0], "text": text[0]},
        {"variant": variant, "title": title[1], "text": text[1]},
    )


def _divider(rng: random.Random, on: Theme) -> tuple[Content, Content]:
    style = ("line", "space", "ornament")[rng.randrange(3)]
    return {"style": style}, {"style": style}


_MAKERS = {
    Block.TEXT: _text,
    Block.IMAGE: _image,
    Block.VERSE: _verse,
    Block.VOCABULARY: _vocabulary,
    Block.LIST: _list,
    Block.CALLOUT: _callout,
    Block.DIVIDER: _divider,
}
_STYLES: dict[Block, tuple[Content, ...]] = {
    Block.HEADING: ({"align": "center"}, {"align": "left", "color": "navy"}),
    Block.CALLOUT: ({"emphasis": "subtle", "color": "gold"}, {"emphasis": "strong", "color": "burgundy"}),
    Block.IMAGE: ({"align": "center"},),
}


def slide_blocks(
    rng: random.Random,
    *,
    layout: SlideLayout,
    title: Pair | None,
    quiz_id: str,
    french: bool,
    on: Theme = WHOLE,
) -> list[BlockSpec]:
    """The blocks of one slide; `title` is its heading's text, `quiz_id` the lesson's quiz, `on` what
    the lesson is about."""
    blocks: list[BlockSpec] = []
    for kind in _PATTERNS[layout]:
        if kind == Block.HEADING:
            assert title is not None
            level = 1 if layout == SlideLayout.TITLE else 2
            en, fr = {"text": title[0], "level": level}, {"text": title[1], "level": level}
        elif kind == Block.QUIZ:
            en, fr = {"quiz_id": quiz_id}, {"quiz_id": quiz_id}
        else:
            en, fr = _MAKERS[kind](rng, on)
        styles = _STYLES.get(kind, ())
        style = styles[rng.randrange(len(styles))] if styles and rng.random() < 0.3 else None
        blocks.append((kind, en, fr if french else None, style))
    return blocks
