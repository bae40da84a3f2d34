"""Content blocks: one Pydantic model per ``ContentBlockType``, guarding ``content_blocks.content_en`` /
``content_fr`` (jsonb) and ``style_config``. The entry points return normalised JSON ready to store.

Models are strict (no str→int coercion) and forbid unknown keys, so whatever is stored has exactly the
documented shape; docs/content-model.md is the reference for authors and front-end code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal, TypedDict, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bibliology.bible.references import InvalidReference, parse_osis, parse_reference
from bibliology.content.richtext import check_plain_line, escape_richtext, link_problem, validate_richtext
from bibliology.enums import ContentBlockType as BlockType

__all__ = [
    "BLOCK_MODELS",
    "STYLE_COLORS",
    "BlockType",
    "CalloutContent",
    "ContentInvalid",
    "DividerContent",
    "FieldError",
    "HeadingContent",
    "ImageContent",
    "ListContent",
    "ListItem",
    "QuizContent",
    "RichText",
    "StyleConfig",
    "TextContent",
    "VerseContent",
    "VocabularyContent",
    "VocabularyEntry",
    "field_errors",
    "quiz_block_target",
    "table_to_block",
    "validate_block",
    "validate_block_pair",
    "validate_style_config",
]

RICH_TEXT_MAX = 20_000
LIST_ITEM_MAX = 2_000
LIST_ITEMS_MAX = 200
LIST_DEPTH_MAX = 4
StyleColor = Literal["default", "muted", "primary", "accent", "gold", "burgundy", "navy", "olive"]
STYLE_COLORS: tuple[str, ...] = get_args(StyleColor)  # names of the theme palette, not CSS colours
ORIGINAL_LANGUAGES = frozenset({"greek", "hebrew", "aramaic", "latin"})


# --------------------------------------------------------------------------- errors


class FieldError(TypedDict):
    field: str  # dotted path, e.g. "items.0.text"
    message: str


class ContentInvalid(ValueError):
    """Invalid content; ``errors`` lists every problem with its field, ``str()`` names them all."""

    def __init__(self, errors: list[FieldError], *, root: str = "content") -> None:
        self.errors = errors
        self.root = root
        super().__init__("; ".join(self._describe(error) for error in errors))

    def _path(self, error: FieldError) -> str:
        return ".".join(part for part in (self.root, error["field"]) if part)

    def _describe(self, error: FieldError) -> str:
        path = self._path(error)
        return f"{path}: {error['message']}" if path else error["message"]

    def as_fields(self) -> list[dict[str, str]]:
        """The errors with full paths ("content.items.0.text"), in the shape of ``DomainError.fields``."""
        return [{"field": self._path(error), "message": error["message"]} for error in self.errors]


def field_errors(exc: ValidationError, *, prefix: str = "") -> list[FieldError]:
    """Pydantic's errors as ``FieldError``s, paths prefixed with ``prefix`` (e.g. "content_fr")."""
    out: list[FieldError] = []
    for error in exc.errors(include_url=False):
        path = ".".join(str(part) for part in error["loc"])
        out.append(
            {
                "field": ".".join(part for part in (prefix, path) if part),
                "message": error["msg"].removeprefix("Value error, "),
            }
        )
    return out


# --------------------------------------------------------------------------- field types


def _rich(value: str) -> str:
    return validate_richtext(value)


def _inline(value: str) -> str:
    return validate_richtext(value, inline=True)


def _inline_line(value: str) -> str:
    return validate_richtext(check_plain_line(value), inline=True)


def _text(max_length: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


RichText = Annotated[str, _text(RICH_TEXT_MAX), AfterValidator(_rich)]
CaptionText = Annotated[str, _text(2_000), AfterValidator(_rich)]
DefinitionText = Annotated[str, _text(5_000), AfterValidator(_rich)]
ItemText = Annotated[str, _text(LIST_ITEM_MAX), AfterValidator(_inline)]
OptionText = Annotated[str, _text(1_000), AfterValidator(_inline)]
HeadingText = Annotated[str, _text(300), AfterValidator(_inline_line)]
TitleText = Annotated[str, _text(200), AfterValidator(_inline_line)]
AltText = Annotated[str, _text(500), AfterValidator(check_plain_line)]
TermText = Annotated[str, _text(200), AfterValidator(check_plain_line)]
LabelText = Annotated[str, _text(60), AfterValidator(check_plain_line)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# --------------------------------------------------------------------------- block models


class HeadingContent(_Model):
    text: HeadingText  # inline rich text, one line
    level: Annotated[int, Field(ge=1, le=3)] = 2


class TextContent(_Model):
    text: RichText


_MEDIA_PATH = re.compile(r"/media/[A-Za-z0-9._~%+-]+(?:/[A-Za-z0-9._~%+-]+)*")


def _image_url(value: str) -> str:
    if value.startswith("/"):
        if not _MEDIA_PATH.fullmatch(value) or any(part in {".", ".."} for part in value.split("/")):
            raise ValueError("a local image must be a path under /media/ (letters, digits, . _ ~ % + -)")
        return value
    if not value.lower().startswith("https:") or link_problem(value) is not None:
        raise ValueError("an image must be an absolute https:// URL or a path under /media/")
    if urlsplit(value).username is not None:
        raise ValueError("an image URL must not contain a user name or password")
    return "https" + value[5:]


class ImageContent(_Model):
    url: Annotated[str, _text(2_048), AfterValidator(_image_url)]
    alt: AltText  # required: screen readers need it
    caption: CaptionText | None = None
    width: Annotated[int, Field(ge=1, le=10_000)] | None = None
    height: Annotated[int, Field(ge=1, le=10_000)] | None = None


def _osis(value: str) -> str:
    """Accept "Jean 3,16", "John 3:16" or "John.3.16"; store the normalised OSIS form."""
    try:
        return parse_reference(value).osis
    except InvalidReference as human_error:
        try:
            return parse_osis(value).osis
        except InvalidReference as osis_error:
            # Report the error of the parser the author was evidently aiming at.
            looks_osis = "." in value and " " not in value
            raise ValueError(str(osis_error if looks_osis else human_error)) from None


class VerseContent(_Model):
    reference: Annotated[str, _text(300), AfterValidator(_osis)]
    # Optional: without it, readers see the passage from an imported Bible text (docs/bible-texts.md).
    text: RichText | None = None
    translation: LabelText | None = None  # "KJV", "LSG", "Synodale 1921"


_STRONGS = re.compile(r"([GH])0*([1-9][0-9]{0,4})([A-Z]?)")


class VocabularyEntry(_Model):
    term: TermText
    transliteration: TermText | None = None
    language: Literal["greek", "hebrew", "aramaic", "latin", "english", "french"]
    definition: DefinitionText
    strongs: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, max_length=8)] | None = (
        None
    )
    part_of_speech: LabelText | None = None

    @field_validator("strongs")
    @classmethod
    def _strongs(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        match = _STRONGS.fullmatch(value)
        if match is None:
            raise ValueError("a Strong's number is G or H followed by digits, e.g. G4151 or H7307")
        prefix, number, suffix = match.groups()
        language = info.data.get("language")
        expected = {"greek": "G", "hebrew": "H", "aramaic": "H"}.get(str(language))
        if expected is not None and prefix != expected:
            raise ValueError(f"a {language} word takes an {expected} Strong's number, not {prefix}")
        return f"{prefix}{number}{suffix.lower()}"


class VocabularyContent(_Model):
    entries: Annotated[list[VocabularyEntry], Field(min_length=1, max_length=50)]

    @model_validator(mode="before")
    @classmethod
    def _single_entry_shorthand(cls, data: Any) -> Any:
        # {"term": …} alone is accepted and stored as {"entries": [{"term": …}]}.
        if isinstance(data, Mapping) and "term" in data and "entries" not in data:
            return {"entries": [dict(data)]}
        return data


class _ListItemBase(_Model):
    text: ItemText

    @field_validator("children", check_fields=False)
    @classmethod
    def _no_empty_children(cls, value: list[Any] | None) -> list[Any] | None:
        return value or None  # [] and a missing key store the same way


def _too_deep(value: list[Any] | None) -> list[Any] | None:
    if value:
        raise ValueError(f"lists can be nested at most {LIST_DEPTH_MAX} levels deep")
    return None


# One class per level (rather than a recursive model) bounds the depth before any recursion happens.
class _ListItem4(_ListItemBase):
    children: Annotated[list[Any] | None, AfterValidator(_too_deep)] = None


class _ListItem3(_ListItemBase):
    children: list[_ListItem4] | None = None


class _ListItem2(_ListItemBase):
    children: list[_ListItem3] | None = None


class ListItem(_ListItemBase):
    children: list[_ListItem2] | None = None


def _count_items(items: Sequence[_ListItemBase]) -> int:
    total, pending = 0, list(items)
    while pending:
        item = pending.pop()
        total += 1
        pending.extend(getattr(item, "children", None) or [])
    return total


class ListContent(_Model):
    style: Literal["bullet", "numbered"] = "bullet"
    items: Annotated[list[ListItem], Field(min_length=1)]

    @field_validator("items")
    @classmethod
    def _total_items(cls, items: list[ListItem]) -> list[ListItem]:
        total = _count_items(items)
        if total > LIST_ITEMS_MAX:
            raise ValueError(f"a list may hold at most {LIST_ITEMS_MAX} items in all, this one has {total}")
        return items


class CalloutContent(_Model):
    variant: Literal["info", "tip", "warning", "quote", "reflection"] = "info"
    title: TitleText | None = None
    text: RichText


class QuizContent(_Model):
    # Whether the quiz belongs to the block's lesson needs the database: the authoring service checks it.
    quiz_id: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9_-]{1,64}$")]


class DividerContent(_Model):
    style: Literal["line", "space", "ornament"] = "line"


BLOCK_MODELS: Mapping[BlockType, type[_Model]] = {
    BlockType.HEADING: HeadingContent,
    BlockType.TEXT: TextContent,
    BlockType.IMAGE: ImageContent,
    BlockType.VERSE: VerseContent,
    BlockType.VOCABULARY: VocabularyContent,
    BlockType.LIST: ListContent,
    BlockType.CALLOUT: CalloutContent,
    BlockType.QUIZ: QuizContent,
    BlockType.DIVIDER: DividerContent,
}


class StyleConfig(_Model):
    align: Literal["left", "center", "right"] | None = None
    emphasis: Literal["none", "subtle", "strong"] | None = None
    color: StyleColor | None = None


# --------------------------------------------------------------------------- entry points


def _block_type(block_type: str | BlockType) -> BlockType:
    try:
        return BlockType(str(block_type).upper())
    except ValueError:
        expected = ", ".join(BlockType)
        message = f"unknown block type {block_type!r}; expected one of {expected}"
        raise ContentInvalid([{"field": "block_type", "message": message}], root="") from None


def _parse(block_type: BlockType, content: object, *, prefix: str, errors: list[FieldError]) -> _Model | None:
    try:
        return BLOCK_MODELS[block_type].model_validate(content)
    except ValidationError as exc:
        errors.extend(field_errors(exc, prefix=prefix))
        return None


def _dump(model: BaseModel) -> dict[str, object]:
    return model.model_dump(mode="json", exclude_none=True)


def validate_block(block_type: str | BlockType, content: object) -> dict[str, object]:
    """Normalised JSON for one language's block content, or ContentInvalid naming each bad field."""
    errors: list[FieldError] = []
    model = _parse(_block_type(block_type), content, prefix="", errors=errors)
    if model is None:
        raise ContentInvalid(errors)
    return _dump(model)


def _mismatch(field: str, en_value: object) -> FieldError:
    return {"field": f"content_fr.{field}", "message": f"must be the same as in content_en ({en_value!r})"}


def _pair_errors(en: _Model, fr: _Model) -> list[FieldError]:
    """Language-neutral fields must agree between the two languages (docs/content-model.md)."""
    neutral = {
        HeadingContent: "level",
        VerseContent: "reference",
        QuizContent: "quiz_id",
        CalloutContent: "variant",
        DividerContent: "style",
    }
    name = neutral.get(type(en))
    if name is not None:
        value = getattr(en, name)
        return [] if getattr(fr, name) == value else [_mismatch(name, value)]
    if not (isinstance(en, VocabularyContent) and isinstance(fr, VocabularyContent)):
        return []  # TEXT, IMAGE (a localised image may differ), LIST (shape may differ)
    if len(en.entries) != len(fr.entries):
        message = f"must have as many entries as content_en ({len(en.entries)}), not {len(fr.entries)}"
        return [{"field": "content_fr.entries", "message": message}]
    errors: list[FieldError] = []
    for index, (en_entry, fr_entry) in enumerate(zip(en.entries, fr.entries, strict=True)):
        names = ["strongs"]
        if en_entry.language in ORIGINAL_LANGUAGES:
            names = ["term", "language", "strongs"]
        errors.extend(
            _mismatch(f"entries.{index}.{name}", getattr(en_entry, name))
            for name in names
            if getattr(en_entry, name) != getattr(fr_entry, name)
        )
    return errors


def validate_block_pair(
    block_type: str | BlockType, *, content_en: object, content_fr: object | None
) -> tuple[dict[str, object], dict[str, object] | None]:
    """Validate both languages of a block; field paths start with "content_en." or "content_fr."."""
    kind = _block_type(block_type)
    errors: list[FieldError] = []
    en = _parse(kind, content_en, prefix="content_en", errors=errors)
    fr = None if content_fr is None else _parse(kind, content_fr, prefix="content_fr", errors=errors)
    if en is not None and fr is not None:
        errors.extend(_pair_errors(en, fr))
    if errors or en is None:
        raise ContentInvalid(errors, root="")
    return _dump(en), None if fr is None else _dump(fr)


def validate_style_config(obj: object) -> dict[str, object] | None:
    """Normalised ``style_config``; None (and an empty object) store as NULL."""
    if obj is None:
        return None
    try:
        config = StyleConfig.model_validate(obj)
    except ValidationError as exc:
        raise ContentInvalid(field_errors(exc), root="style_config") from None
    return _dump(config) or None


def quiz_block_target(content: object) -> str:
    """The quiz id a QUIZ block points at: the authoring service checks it belongs to the same lesson."""
    return str(validate_block(BlockType.QUIZ, content)["quiz_id"])


# --------------------------------------------------------------------------- PowerPoint tables

_CELL_SEPARATOR = " — "


def _clean_cell(cell: str) -> str:
    # Table cells are plain text: soft line breaks (vertical tabs in .pptx) become spaces.
    visible = "".join(ch if unicodedata.category(ch) != "Cc" else " " for ch in cell)
    return " ".join(visible.split())


def _row_text(cells: Sequence[str], labels: Sequence[str]) -> str:
    parts = []
    for index, cell in enumerate(cells):
        if not cell:
            continue
        label = labels[index] if index < len(labels) else ""
        text = escape_richtext(cell)
        parts.append(f"**{escape_richtext(label)}:** {text}" if label else text)
    return _CELL_SEPARATOR.join(parts)


def table_to_block(rows: Sequence[Sequence[str]], *, header: bool) -> tuple[BlockType, dict[str, object]]:
    """Map a table (from a PowerPoint import) to a LIST, or to a TEXT when a list cannot hold it.

    Each row becomes one line, cells joined by " — "; with a header row and several columns each cell
    is prefixed by its bold column label. A one-column header becomes a bold first line. A single line,
    or more rows / longer rows than a LIST allows, gives a TEXT block with one line per row.
    """
    cleaned = [[_clean_cell(cell) for cell in row] for row in rows]
    head = cleaned[0] if header and cleaned else []
    body = [row for row in (cleaned[1:] if header else cleaned) if any(row)]
    columns = max((len(row) for row in cleaned), default=0)
    labelled = columns >= 2 and any(head)
    lines = [_row_text(row, head if labelled else []) for row in body]
    if any(head) and (not labelled or not lines):
        lines.insert(0, f"**{_row_text(head, [])}**")
    if not lines:
        raise ValueError("the table has no text")
    if 1 < len(lines) <= LIST_ITEMS_MAX and all(len(line) <= LIST_ITEM_MAX for line in lines):
        return BlockType.LIST, validate_block(
            BlockType.LIST, {"style": "bullet", "items": [{"text": line} for line in lines]}
        )
    text = "\n".join(lines)
    if len(text) > RICH_TEXT_MAX:
        raise ValueError(f"the table is too large for one block ({len(text)} characters); split it")
    return BlockType.TEXT, validate_block(BlockType.TEXT, {"text": text})
