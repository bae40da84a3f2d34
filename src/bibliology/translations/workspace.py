"""The translation workspace of a course or a lesson: every French field missing or stale (the
report's rules, translations.service.report), grouped by lesson, slide and block, with its English
beside it; and saving one field's French through the authoring service of its entity, so the
translation's revision is recorded as for any edit.

Block content is JSON: a gap names a path inside it ("content" for the whole block,
"content.items.0.text" for one text). The workspace edits the text leaves of the English content
under that path; language-neutral leaves (a verse's reference, an image's address, a heading's
level…) are taken from the English, and the block's Pydantic model validates the result.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as default
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from bibliology.content.blocks import ORIGINAL_LANGUAGES
from bibliology.courses import access as courses
from bibliology.courses import service as course_service
from bibliology.courses.models import Course
from bibliology.courses.schemas import CourseUpdate
from bibliology.errors import Invalid
from bibliology.lessons import access as lessons
from bibliology.lessons import blocks as block_service
from bibliology.lessons import service as lesson_service
from bibliology.lessons import slides as slide_service
from bibliology.lessons.models import Lesson
from bibliology.lessons.schemas import BlockUpdate, LessonUpdate, SlideUpdate
from bibliology.policy import Actor
from bibliology.translations.fields import TRANSLATABLE
from bibliology.translations.reports import LANGUAGE, course_entities, lesson_entities
from bibliology.translations.service import Entity, Gap, load_revisions, report

# Keys of block content that are the same in every language (docs/content-model.md).
NEUTRAL_KEYS = frozenset(
    {"reference", "quiz_id", "variant", "style", "url", "language", "strongs", "transliteration"}
)
MULTILINE_KEYS = frozenset({"text", "definition", "caption"})
MULTILINE_FIELDS = frozenset({"description", "notes"})
PLAIN = "value"  # the input's name for a field that is one text (a title, a description)
# In the catalogue (messages.po): the page shows it in its language (pages.domain_field_errors).
BLANK = "Write the French text here (or leave this field for later)."


@dataclass
class Leaf:
    """One text to translate: the form input `name`, the English, the French as stored."""

    name: str
    label: tuple[str | int, ...]  # ("items", 0, "text"), or the field's name
    english: str
    french: str | None
    multiline: bool


@dataclass
class Item:
    entity_type: str
    entity_id: str
    field: str
    state: str  # missing or stale
    leaves: list[Leaf]
    block_type: str | None = None
    source_revised_at: dt.datetime | None = None
    translation_revised_at: dt.datetime | None = None
    errors: dict[str, str] = default(default_factory=dict)
    typed: dict[str, str] = default(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.entity_type}/{self.entity_id}/{self.field}"


@dataclass
class SlideGroup:
    slide_id: str
    number: int
    title: str | None
    items: list[Item] = default(default_factory=list)


@dataclass
class Section:
    kind: str  # course or lesson
    entity_id: str
    title: str
    items: list[Item] = default(default_factory=list)
    slides: list[SlideGroup] = default(default_factory=list)
    missing: int = 0
    stale: int = 0


@dataclass
class Workspace:
    scope: str
    scope_id: str
    course: Course
    lesson: Lesson | None
    sections: list[Section]
    missing: int
    stale: int

    def item(self, key: str) -> Item | None:
        for section in self.sections:
            for item in section.items + [i for group in section.slides for i in group.items]:
                if item.key == key:
                    return item
        return None


def for_course(session: Session, *, actor: Actor, course_id: str) -> Workspace:
    course = courses.manageable(session, actor, course_id)
    return _build(session, "course", course, None, course_entities(session, course))


def for_lesson(session: Session, *, actor: Actor, lesson_id: str) -> Workspace:
    context = lessons.lesson(session, actor, lesson_id, manage=True)
    entities = lesson_entities(session, context.lesson)
    return _build(session, "lesson", context.course, context.lesson, entities)


def _build(
    session: Session, scope: str, course: Course, lesson: Lesson | None, entities: list[Entity]
) -> Workspace:
    revisions = load_revisions(session, [entity.row.id for entity in entities])
    found = report(entities, revisions, language=LANGUAGE)
    gaps: dict[str, list[tuple[str, Gap]]] = {}
    for state, listed in (("missing", found.missing), ("stale", found.stale)):
        for gap in listed:
            gaps.setdefault(gap.entity_id, []).append((state, gap))
    sections: list[Section] = []
    by_lesson: dict[str, Section] = {}
    slides: dict[str, SlideGroup] = {}
    numbers: dict[str, int] = {}
    for entity in entities:
        row = entity.row
        if entity.entity_type == "course":
            sections.append(Section("course", row.id, row.title_en))
        elif entity.entity_type == "lesson":
            by_lesson[row.id] = Section("lesson", row.id, row.title_en)
            sections.append(by_lesson[row.id])
        elif entity.entity_type == "slide":
            numbers[row.lesson_id] = numbers.get(row.lesson_id, 0) + 1
            slides[row.id] = SlideGroup(row.id, numbers[row.lesson_id], row.title_en)
            by_lesson[row.lesson_id].slides.append(slides[row.id])
        items = [_item(entity, state, gap) for state, gap in gaps.get(row.id, [])]
        if not items:
            continue
        if entity.entity_type in ("course", "lesson"):
            section = sections[-1] if entity.entity_type == "course" else by_lesson[row.id]
            section.items.extend(items)
        else:
            assert entity.slide_id is not None
            assert entity.lesson_id is not None
            slides[entity.slide_id].items.extend(items)
            section = by_lesson[entity.lesson_id]
        section.missing += sum(item.state == "missing" for item in items)
        section.stale += sum(item.state == "stale" for item in items)
    for section in sections:
        section.slides = [group for group in section.slides if group.items]
    return Workspace(
        scope=scope,
        scope_id=course.id if lesson is None else lesson.id,
        course=course,
        lesson=lesson,
        sections=sections,
        missing=len(found.missing),
        stale=len(found.stale),
    )


def _item(entity: Entity, state: str, gap: Gap) -> Item:
    row = entity.row
    if entity.entity_type != "content_block":
        leaf = Leaf(
            PLAIN,
            (gap.field,),
            getattr(row, f"{gap.field}_en") or "",
            getattr(row, f"{gap.field}_fr"),
            gap.field in MULTILINE_FIELDS,
        )
        leaves = [leaf]
    else:
        leaves = block_leaves(row.content_en, row.content_fr, gap.field)
    return Item(
        entity_type=entity.entity_type,
        entity_id=row.id,
        field=gap.field,
        state=state,
        leaves=leaves,
        block_type=row.block_type.value if entity.entity_type == "content_block" else None,
        source_revised_at=gap.source_revised_at,
        translation_revised_at=gap.translation_revised_at,
    )


# --------------------------------------------------------------------------- block content paths


def _walk(
    value: Any, parts: tuple[str | int, ...], parent: Any
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, English text) of every translatable text under `value`."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*parts, key), value)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*parts, index), value)
    elif isinstance(value, str) and value.strip() and parts:
        key = parts[-1]
        neutral = key in NEUTRAL_KEYS or (
            key == "term" and isinstance(parent, dict) and parent.get("language") in ORIGINAL_LANGUAGES
        )
        if not neutral:
            yield parts, value


def _get(value: Any, parts: tuple[str | int, ...]) -> Any:
    for part in parts:
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value


def _name(parts: tuple[str | int, ...]) -> str:
    return ".".join(["content", *(str(part) for part in parts)])


def _parts(path: str) -> tuple[str | int, ...]:
    """ "content.items.0.text" → ("items", 0, "text")."""
    return tuple(int(part) if part.isdigit() else part for part in path.split(".")[1:])


def block_leaves(english: Any, french: Any, path: str) -> list[Leaf]:
    """The texts to translate under `path` ("content" or "content.<json path>")."""
    under = _parts(path)
    leaves = []
    for parts, text in _walk(english, (), None):
        if parts[: len(under)] != under:
            continue
        stored = _get(french, parts)
        # A paragraph gets a text area; a list item, one line.
        multiline = isinstance(parts[-1], str) and parts[-1] in MULTILINE_KEYS and "items" not in parts
        leaves.append(Leaf(_name(parts), parts, text, stored if isinstance(stored, str) else None, multiline))
    return leaves


def french_content(english: Any, french: Any, path: str, typed: Mapping[str, str]) -> dict[str, Any]:
    """The block's French content with the texts typed for `path`: the stored French with that part
    written, or (the whole block, or no French yet) the English shape holding the French texts. A
    text left blank is dropped, and the block's model says whether it may be."""
    under = _parts(path)
    if under and isinstance(french, dict) and french:
        result = copy.deepcopy(french)
        container: Any = result
        for depth, part in enumerate(under):  # the part the French lacks comes in the English shape
            missing = _get(container, (part,)) is None
            if missing and isinstance(container, dict):
                container[part] = copy.deepcopy(_get(english, under[: depth + 1]))
            container = _get(container, (part,))
    else:
        result = copy.deepcopy(english)
        if isinstance(french, dict):  # a localised picture keeps its own address
            for key in ("url", "width", "height"):
                if key in french and key in result:
                    result[key] = french[key]
    for leaf in block_leaves(english, french, path):
        _set(result, leaf.label, (typed.get(leaf.name) or "").strip())
    return result


def _set(root: Any, parts: tuple[str | int, ...], text: str) -> None:
    parent = _get(root, parts[:-1])
    last = parts[-1]
    if isinstance(parent, dict) and isinstance(last, str):
        if text:
            parent[last] = text
        else:
            parent.pop(last, None)
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        parent[last] = text


# --------------------------------------------------------------------------- saving


def save(
    session: Session,
    *,
    actor: Actor,
    entity_type: str,
    entity_id: str,
    path: str,
    typed: Mapping[str, str],
    request: Request | None = None,
) -> None:
    """Write the French of one field through its entity's authoring service (which records the
    translation's revision). Refusals are Invalid, with `fields` named as the form's inputs."""
    name = path.split(".", 1)[0]
    if entity_type not in TRANSLATABLE or name not in TRANSLATABLE[entity_type]:
        raise Invalid(f"{entity_type}.{path} is not a translated field")
    if entity_type == "content_block":
        _save_block(session, actor=actor, block_id=entity_id, path=path, typed=typed, request=request)
        return
    if path != name:
        raise Invalid(f"{entity_type}.{path} is not a translated field")
    value = (typed.get(PLAIN) or "").strip()
    if not value:
        raise Invalid(BLANK, fields=[{"field": PLAIN, "message": BLANK}])
    # The API's models validate the French (a ValidationError, for the page to show beside `value`).
    changes = {f"{name}_fr": value}
    if entity_type == "course":
        course_data = CourseUpdate.model_validate(changes)
        course_service.update(session, actor=actor, course_id=entity_id, data=course_data, request=request)
    elif entity_type == "lesson":
        lesson_data = LessonUpdate.model_validate(changes)
        lesson_service.update(session, actor=actor, lesson_id=entity_id, data=lesson_data, request=request)
    else:
        slide_data = SlideUpdate.model_validate(changes)
        slide_service.update(session, actor=actor, slide_id=entity_id, data=slide_data, request=request)


def _save_block(
    session: Session,
    *,
    actor: Actor,
    block_id: str,
    path: str,
    typed: Mapping[str, str],
    request: Request | None,
) -> None:
    block = lessons.block(session, actor, block_id)[0]
    names = {leaf.name for leaf in block_leaves(block.content_en, block.content_fr, path)}
    content = french_content(block.content_en, block.content_fr, path, typed)
    try:
        block_service.update(
            session, actor=actor, block_id=block.id, data=BlockUpdate(content_fr=content), request=request
        )
    except Invalid as exc:
        fields = []
        for item in exc.fields:
            name = "content" + str(item.get("field", "")).removeprefix("content_fr")
            fields.append({"field": name if name in names else "__all__", "message": item.get("message", "")})
        raise Invalid(str(exc), fields=fields) from None
