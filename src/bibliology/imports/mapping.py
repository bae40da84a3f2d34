"""A read slide → the slide and blocks to write (`SlidePlan`), with its report. Pure: no database.

What each shape becomes (docs/imports.md has the table):
title placeholder → the slide's title; subtitle → HEADING; body and text boxes → TEXT / LIST /
VERSE (text.py); table → LIST or TEXT (`content.table_to_block`); picture → IMAGE (PNG, JPEG, GIF,
WebP) or, for formats browsers cannot show (EMF, WMF, TIFF…), a CALLOUT naming it while the file is
kept (a slide of one picture and one text is IMAGE_FOCUS, the text the IMAGE's caption); SmartArt
→ a LIST of its texts; chart, video, audio, OLE object and anything else → a CALLOUT saying what
was not imported. Every placeholder CALLOUT and every skip is in the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bibliology.content import check_plain_line, escape_richtext, table_to_block, validate_block
from bibliology.content.blocks import LIST_ITEMS_MAX
from bibliology.enums import ContentBlockType, SlideLayout
from bibliology.imports.pptx_reader import (
    Item,
    Picture,
    RawSlide,
    Skipped,
    Table,
    TextShape,
    Unsupported,
)
from bibliology.imports.report import SlideReport
from bibliology.imports.text import inline, text_blocks

TITLE_MAX = 200
NOTES_MAX = 20_000
CAPTION_MAX = 2_000  # content.blocks.ImageContent.caption
# What the media service accepts as an image (it re-encodes them); other pictures are kept as files.
DISPLAYABLE = frozenset({"image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp"})
TABLE_ROWS_PER_BLOCK = 100

# The OOXML layout types, by what our SlideLayout means; everything else is CONTENT.
LAYOUTS: dict[str, SlideLayout] = {
    "title": SlideLayout.TITLE,
    "secHead": SlideLayout.TITLE,
    "blank": SlideLayout.BLANK,
    "picTx": SlideLayout.IMAGE_FOCUS,
    **dict.fromkeys(
        (
            "twoColTx", "twoObj", "twoTxTwoObj", "txAndChart", "chartAndTx", "txAndClipArt", "clipArtAndTx",
            "txAndObj", "objAndTx", "txAndMedia", "mediaAndTx", "txAndTwoObj", "twoObjAndTx", "objAndTwoObj",
            "twoObjAndObj", "fourObj",
        ),
        SlideLayout.TWO_COLUMN,
    ),
}  # fmt: skip

# Placeholder texts, in the deck's language: what was on the slide and was not imported.
_NOT_IMPORTED = {
    "en": {
        "chart": "Chart: {label} (not imported)",
        "smartart": "SmartArt diagram: {label} (not imported)",
        "video": "Video: {label} (not imported)",
        "audio": "Audio: {label} (not imported)",
        "ole": "Embedded object: {label} (not imported)",
        "linked-picture": "Linked picture: {label} (not imported)",
        "other": "Object: {label} (not imported)",
        "file": "Picture: {label} ({format}, kept as a file: convert it to PNG to show it)",
    },
    "fr": {
        "chart": "Graphique : {label} (non importé)",
        "smartart": "Diagramme SmartArt : {label} (non importé)",
        "video": "Vidéo : {label} (non importée)",
        "audio": "Audio : {label} (non importé)",
        "ole": "Objet incorporé : {label} (non importé)",
        "linked-picture": "Image liée : {label} (non importée)",
        "other": "Objet : {label} (non importé)",
        "file": "Image : {label} ({format}, conservée comme fichier : convertissez-la en PNG pour l’afficher)",
    },
}
_KIND_NAMES = {
    "chart": "chart",
    "smartart": "SmartArt diagram",
    "video": "video",
    "audio": "audio clip",
    "ole": "embedded (OLE) object",
    "linked-picture": "linked picture",
    "other": "unsupported object",
}
_PICTURE_ALT = {"en": "Picture {number} of slide {slide}", "fr": "Image {number} de la diapositive {slide}"}


@dataclass(frozen=True)
class PendingFile:
    """A picture to store when the plan is written: as an image, or kept as a file."""

    data: bytes
    filename: str
    kind: Literal["image", "file"]
    alt: str


@dataclass
class PlannedBlock:
    type: ContentBlockType
    # Validated content; an IMAGE's is completed with its URL and size once its file is stored.
    content: dict[str, Any]
    label: str
    file: PendingFile | None = None


@dataclass
class SlidePlan:
    number: int
    layout: SlideLayout
    title: str | None
    notes: str | None
    blocks: list[PlannedBlock] = field(default_factory=list)
    report: SlideReport = field(default_factory=lambda: SlideReport(0))

    @property
    def signature(self) -> tuple[SlideLayout, tuple[ContentBlockType, ...]]:
        return self.layout, tuple(block.type for block in self.blocks)


def plan_slide(raw: RawSlide, *, lang: str) -> SlidePlan:
    report = SlideReport(number=raw.number)
    plan = SlidePlan(
        number=raw.number,
        layout=SlideLayout.CONTENT,
        title=_title(raw.title, report),
        notes=_notes(raw.notes, report),
        report=report,
    )
    pictures = 0
    for item in raw.items:
        if isinstance(item, Picture):
            pictures += 1
        plan.blocks.extend(_blocks(item, raw, lang=lang, report=report, picture_number=pictures))
    plan.layout = _layout(raw.layout_type, plan)
    if plan.layout in (SlideLayout.CONTENT, SlideLayout.BLANK, SlideLayout.IMAGE_FOCUS):
        captioned = _captioned(plan.blocks)
        if captioned is not None:
            plan.blocks, plan.layout = [captioned], SlideLayout.IMAGE_FOCUS
    report.created.extend(block.label for block in plan.blocks)
    report.title, report.layout = plan.title, plan.layout.value
    return plan


def _title(title: str | None, report: SlideReport) -> str | None:
    if title is None:
        return None
    title = _printable(title)
    if len(title) > TITLE_MAX:
        report.warnings.append(f"the title was cut to {TITLE_MAX} characters")
        title = title[: TITLE_MAX - 1].rstrip() + "…"
    return title or None


def _notes(notes: str | None, report: SlideReport) -> str | None:
    if notes is None:
        return None
    notes = "".join(ch for ch in notes if ch in "\n\t" or ch.isprintable()).strip()
    if len(notes) > NOTES_MAX:
        report.warnings.append(f"the speaker notes were cut to {NOTES_MAX:,} characters")
        notes = notes[:NOTES_MAX].rstrip()
    return notes or None


def _printable(text: str) -> str:
    return check_plain_line(" ".join("".join(ch if ch.isprintable() else " " for ch in text).split()))


def _layout(layout_type: str, plan: SlidePlan) -> SlideLayout:
    """The layout's type, corrected by what the slide actually holds."""
    layout = LAYOUTS.get(layout_type, SlideLayout.CONTENT)
    types = {block.type for block in plan.blocks}
    if layout in (SlideLayout.CONTENT, SlideLayout.BLANK) and types == {ContentBlockType.IMAGE}:
        return SlideLayout.IMAGE_FOCUS
    if layout == SlideLayout.BLANK and (types or plan.title):
        return SlideLayout.CONTENT
    if layout == SlideLayout.CONTENT and not types and not plan.title:
        return SlideLayout.BLANK
    return layout


def _captioned(blocks: list[PlannedBlock]) -> PlannedBlock | None:
    """A picture and one text (above or below it, as PowerPoint's *Title Only* layout plus a
    picture and a text box gives): the picture is the slide's focus and the text its caption.
    Any other block beside them (a second text, a list, a table) keeps the slide CONTENT."""
    if len(blocks) != 2:
        return None
    image = next((b for b in blocks if b.type == ContentBlockType.IMAGE), None)
    text = next((b for b in blocks if b.type == ContentBlockType.TEXT), None)
    if image is None or text is None:
        return None
    caption = str(text.content["text"])  # already valid rich text: a TEXT block's
    if len(caption) > CAPTION_MAX:  # longer than a caption may be: two blocks, as on the slide
        return None
    content = {**image.content, "caption": caption}
    return PlannedBlock(ContentBlockType.IMAGE, content, f"{image.label} with its caption", image.file)


def _blocks(
    item: Item, raw: RawSlide, *, lang: str, report: SlideReport, picture_number: int
) -> list[PlannedBlock]:
    if isinstance(item, TextShape):
        return _text_shape(item, lang=lang, report=report)
    if isinstance(item, Picture):
        return [_picture(item, raw.number, picture_number, lang=lang, report=report)]
    if isinstance(item, Table):
        return _table(item, report)
    if isinstance(item, Unsupported):
        return _unsupported(item, lang=lang, report=report)
    assert isinstance(item, Skipped)
    report.skip(item.name, item.why)
    return []


def _text_shape(shape: TextShape, *, lang: str, report: SlideReport) -> list[PlannedBlock]:
    if shape.role == "subtitle":
        warnings: list[str] = []
        text = " ".join(inline(p, warnings) for p in shape.paragraphs if p.plain.strip())
        report.warnings.extend(warnings)
        if "\n" not in text and len(text) <= 300:
            content = validate_block(ContentBlockType.HEADING, {"text": text, "level": 2})
            return [PlannedBlock(ContentBlockType.HEADING, content, "HEADING")]
    result = text_blocks(shape, lang=lang)
    report.warnings.extend(result.warnings)
    return [PlannedBlock(block.type, block.content, block.label) for block in result.blocks]


def _picture(picture: Picture, slide: int, number: int, *, lang: str, report: SlideReport) -> PlannedBlock:
    alt = _printable(picture.alt or "")[:500]
    if not alt:
        alt = _PICTURE_ALT[lang].format(number=number, slide=slide)
        report.warnings.append(f"“{picture.name}” has no alternative text; “{alt}” was used")
    if picture.content_type in DISPLAYABLE:
        pending = PendingFile(picture.blob, picture.filename, "image", alt)
        return PlannedBlock(ContentBlockType.IMAGE, {"alt": alt}, f"IMAGE “{alt[:60]}”", pending)
    image_format = picture.content_type.rsplit("/", 1)[-1].removeprefix("x-").upper()
    report.warnings.append(
        f"“{picture.name}” is {image_format}, which browsers cannot show: kept as a file, with a note on the slide"
    )
    text = _NOT_IMPORTED[lang]["file"].format(label=escape_richtext(alt), format=image_format)
    content = validate_block(ContentBlockType.CALLOUT, {"variant": "warning", "text": text})
    pending = PendingFile(picture.blob, picture.filename, "file", alt)
    return PlannedBlock(
        ContentBlockType.CALLOUT, content, f"CALLOUT picture kept as a file ({image_format})", pending
    )


def image_fallback(block: PlannedBlock, *, lang: str) -> PlannedBlock:
    """The CALLOUT an IMAGE becomes when the media service refuses its bytes as an image."""
    assert block.file is not None
    name = block.file.filename.rsplit(".", 1)[-1].upper() or "?"
    text = _NOT_IMPORTED[lang]["file"].format(label=escape_richtext(block.file.alt), format=name)
    if "caption" in block.content:  # the picture's caption stays on the slide, under the note
        text += f"\n\n{block.content['caption']}"
    content = validate_block(ContentBlockType.CALLOUT, {"variant": "warning", "text": text})
    pending = PendingFile(block.file.data, block.file.filename, "file", block.file.alt)
    return PlannedBlock(ContentBlockType.CALLOUT, content, "CALLOUT picture kept as a file", pending)


def _table(table: Table, report: SlideReport) -> list[PlannedBlock]:
    body = list(table.rows[1:] if table.header else table.rows)
    head = [table.rows[0]] if table.header and table.rows else []
    blocks = []
    for start in range(0, max(len(body), 1), TABLE_ROWS_PER_BLOCK):
        rows = head + body[start : start + TABLE_ROWS_PER_BLOCK]
        try:
            block_type, content = table_to_block(rows, header=table.header)
        except ValueError as exc:
            report.skip(table.name, f"a table that cannot be imported: {exc}")
            continue
        items = content.get("items")
        size = len(items) if isinstance(items, list) else 1
        blocks.append(PlannedBlock(block_type, content, f"{block_type.value} (table, {size} rows)"))
    if len(body) > TABLE_ROWS_PER_BLOCK:
        report.warnings.append(f"the table “{table.name}” was split into {len(blocks)} blocks")
    return blocks


def _unsupported(item: Unsupported, *, lang: str, report: SlideReport) -> list[PlannedBlock]:
    if item.kind == "smartart" and item.texts:
        report.warnings.append(f"the SmartArt diagram “{item.name}” was imported as a list of its texts")
        items = [{"text": escape_richtext(text[:2_000])} for text in item.texts[:LIST_ITEMS_MAX]]
        if len(items) == 1:
            content = validate_block(ContentBlockType.TEXT, {"text": items[0]["text"]})
            return [PlannedBlock(ContentBlockType.TEXT, content, "TEXT (SmartArt)")]
        content = validate_block(ContentBlockType.LIST, {"style": "bullet", "items": items})
        return [PlannedBlock(ContentBlockType.LIST, content, f"LIST (SmartArt, {len(items)} items)")]
    label = escape_richtext(item.detail or item.name)
    text = _NOT_IMPORTED[lang][item.kind].format(label=label)
    content = validate_block(ContentBlockType.CALLOUT, {"variant": "warning", "text": text})
    what = _KIND_NAMES[item.kind]
    report.skip(item.name, f"{what} not imported: a note takes its place on the slide")
    return [PlannedBlock(ContentBlockType.CALLOUT, content, f"CALLOUT in place of the {what}")]
