"""Walk a deck with python-pptx into plain data (`RawSlide`s): what each shape holds, in reading
order, with no decision yet about what it becomes (that is mapping.py).

Reading order is the shape tree's order — the order PowerPoint's own screen reader follows — with
group shapes walked in place. Only call this on bytes that passed `safety.check_deck`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import defusedxml.ElementTree as safe_xml  # type: ignore[import-untyped]
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationObject
from pptx.shapes.base import BaseShape
from pptx.shapes.picture import Picture as PictureShape
from pptx.slide import Slide
from pptx.text.text import TextFrame, _Paragraph, _Run

TITLE_PLACEHOLDERS = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
# Python-pptx's own default when a deck has no core properties: not a real title.
DEFAULT_CORE_TITLE = "PowerPoint Presentation"
DIAGRAM_URI = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_DGM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
_VIDEO = ("videoFile", "quickTimeFile")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
EQUATION_MARKER = "[equation not imported]"
_AUDIO = ("audioFile", "wavAudioFile", "audioCd")

# "none": bullets explicitly turned off; None on a paragraph: whatever the shape's style inherits.
BulletKind = Literal["bullet", "numbered", "none"]
TextRole = Literal["subtitle", "body", "text"]
UnsupportedKind = Literal["chart", "smartart", "video", "audio", "ole", "linked-picture", "other"]


@dataclass(frozen=True)
class Run:
    text: str  # "\n" for a line break
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    level: int
    bullet: BulletKind | None

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class TextShape:
    name: str
    role: TextRole
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Picture:
    name: str
    alt: str | None
    blob: bytes
    content_type: str
    filename: str


@dataclass(frozen=True)
class Table:
    name: str
    rows: tuple[tuple[str, ...], ...]
    header: bool


@dataclass(frozen=True)
class Unsupported:
    kind: UnsupportedKind
    name: str
    detail: str | None = None  # chart title, OLE program id
    texts: tuple[str, ...] = ()  # a SmartArt diagram's texts


@dataclass(frozen=True)
class Skipped:
    name: str
    why: str


Item = TextShape | Picture | Table | Unsupported | Skipped


@dataclass
class RawSlide:
    number: int  # 1-based, as PowerPoint shows it
    layout_type: str  # the OOXML layout type ("title", "obj", "twoObj", "blank", "cust"…)
    layout_name: str
    title: str | None
    notes: str | None
    items: list[Item] = field(default_factory=list)


@dataclass
class RawDeck:
    title: str | None
    slide_count: int
    slides: Iterator[RawSlide]


def read_deck(data: bytes) -> RawDeck:
    """Open the deck; slides are read one by one as the iterator is consumed."""
    presentation = Presentation(io.BytesIO(data))
    core_title = (presentation.core_properties.title or "").strip()
    title = None if core_title in ("", DEFAULT_CORE_TITLE) else core_title
    return RawDeck(title=title, slide_count=len(presentation.slides), slides=_slides(presentation))


def _slides(presentation: PresentationObject) -> Iterator[RawSlide]:
    for number, slide in enumerate(presentation.slides, start=1):
        yield read_slide(slide, number)


def read_slide(slide: Slide, number: int) -> RawSlide:
    layout = slide.slide_layout
    raw = RawSlide(
        number=number,
        layout_type=layout._element.get("type") or "cust",
        layout_name=layout.name or "",
        title=None,
        notes=_notes(slide),
    )
    for shape in _walk(slide.shapes):
        if raw.title is None and _is_title(shape):
            raw.title = _one_line(shape.text_frame.text) or None  # type: ignore[attr-defined]
            if raw.title is not None:
                continue
        raw.items.append(_item(shape, slide))
    raw.items.extend(_alternate_content(slide))
    return raw


def _walk(shapes: Any) -> Iterator[BaseShape]:
    for shape in shapes:
        if _shape_type(shape) == MSO_SHAPE_TYPE.GROUP:
            yield from _walk(shape.shapes)
        else:
            yield shape


def _shape_type(shape: BaseShape) -> MSO_SHAPE_TYPE | None:
    try:
        return shape.shape_type
    except NotImplementedError:  # an element python-pptx has no class for (ink, content parts)
        return None


def _placeholder_type(shape: BaseShape) -> PP_PLACEHOLDER | None:
    return shape.placeholder_format.type if shape.is_placeholder else None


def _is_title(shape: BaseShape) -> bool:
    return _placeholder_type(shape) in TITLE_PLACEHOLDERS and shape.has_text_frame


def _item(shape: BaseShape, slide: Slide) -> Item:
    name = shape.name or f"shape {shape.shape_id}"
    kind = _shape_type(shape)
    if getattr(shape, "has_chart", False):
        return Unsupported("chart", name, _chart_label(shape))
    if getattr(shape, "has_table", False):
        return _table(shape, name)
    if kind in (MSO_SHAPE_TYPE.EMBEDDED_OLE_OBJECT, MSO_SHAPE_TYPE.LINKED_OLE_OBJECT):
        prog_id = getattr(getattr(shape, "ole_format", None), "prog_id", None)
        return Unsupported("ole", name, prog_id)
    media = _media_kind(shape)
    if media is not None:
        return Unsupported(media, name)
    if isinstance(shape, PictureShape):
        return _picture(shape, name)
    if _graphic_uri(shape) == DIAGRAM_URI:
        return Unsupported("smartart", name, None, _smartart_texts(shape, slide))
    if shape.has_text_frame:
        return _text_shape(shape, name)
    if (
        kind in (MSO_SHAPE_TYPE.LINE, MSO_SHAPE_TYPE.FREEFORM, MSO_SHAPE_TYPE.AUTO_SHAPE)
        or _tag(shape) == "cxnSp"
    ):
        return Skipped(name, "a drawing without text")
    if shape.is_placeholder:
        return Skipped(name, "an empty placeholder")
    return Unsupported("other", name, _tag(shape))


def _tag(shape: BaseShape) -> str:
    return str(shape._element.tag).rsplit("}", 1)[-1]


def _graphic_uri(shape: BaseShape) -> str | None:
    for node in shape._element.iter(f"{_A}graphicData"):
        return str(node.get("uri"))
    return None


def _media_kind(shape: BaseShape) -> Literal["video", "audio"] | None:
    if _tag(shape) != "pic":
        return None
    names = {str(node.tag).rsplit("}", 1)[-1] for node in shape._element.iter()}
    if names & set(_VIDEO):
        return "video"
    if names & set(_AUDIO) or "media" in names:
        return "audio" if names & set(_AUDIO) else "video"
    return None


def _text_shape(shape: Any, name: str) -> Item:
    paragraphs = tuple(_paragraphs(shape.text_frame))
    if not any(p.plain.strip() for p in paragraphs):
        why = "an empty placeholder" if shape.is_placeholder else "a shape without text"
        return Skipped(name, why)
    placeholder = _placeholder_type(shape)
    if placeholder in TITLE_PLACEHOLDERS or placeholder == PP_PLACEHOLDER.SUBTITLE:
        role: TextRole = "subtitle"  # a second title, or a subtitle: a heading
    elif placeholder is not None and placeholder not in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
        role = "body"
    else:
        role = "text"
    return TextShape(name, role, paragraphs)


def _paragraphs(frame: TextFrame) -> Iterator[Paragraph]:
    for paragraph in frame.paragraphs:
        runs = tuple(_runs(paragraph))
        yield Paragraph(runs=runs, level=paragraph.level, bullet=_bullet(paragraph))


def _runs(paragraph: _Paragraph) -> Iterator[Run]:
    for child in paragraph._p.iterchildren():
        tag = str(child.tag).rsplit("}", 1)[-1]
        if tag == "br":
            yield Run("\n")
        elif tag == "fld":
            yield Run(child.text)  # slide numbers, dates: their text as last saved
        elif tag == "r":
            run = _Run(child, paragraph)
            if run.text:
                yield Run(run.text, bool(run.font.bold), bool(run.font.italic), run.hyperlink.address)
        elif tag == "AlternateContent":  # an equation: python-pptx cannot read it; leave a marker
            yield Run(EQUATION_MARKER)


def _bullet(paragraph: _Paragraph) -> BulletKind | None:
    """Explicit bullet properties only; inherited ones are decided by the shape's role (mapping)."""
    properties = paragraph._p.pPr
    if properties is None:
        return None
    tags = {str(child.tag).rsplit("}", 1)[-1] for child in properties}
    if "buNone" in tags:
        return "none"
    if "buAutoNum" in tags:
        return "numbered"
    if tags & {"buChar", "buBlip"}:
        return "bullet"
    return None


def _picture(shape: Any, name: str) -> Item:
    try:
        image = shape.image
        blob = image.blob
    except (AttributeError, KeyError, ValueError):  # linked (not embedded) or missing picture
        if shape.is_placeholder:
            return Skipped(name, "an empty picture placeholder")
        return Unsupported("linked-picture", name)
    return Picture(
        name=name,
        alt=_alt_text(shape),
        blob=blob,
        content_type=image.content_type,
        filename=image.filename or f"image.{image.ext}",
    )


def _alt_text(shape: BaseShape) -> str | None:
    properties = shape._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr")
    if properties is None:
        return None
    text = " ".join((properties.get("descr") or properties.get("title") or "").split())
    return text or None


def _table(shape: Any, name: str) -> Table:
    table = shape.table
    rows = tuple(tuple(cell.text for cell in row.cells) for row in table.rows)
    return Table(name=name, rows=rows, header=bool(table.first_row))


def _chart_label(shape: Any) -> str | None:
    chart = shape.chart
    try:
        if chart.has_title and chart.chart_title.has_text_frame:
            title = _one_line(chart.chart_title.text_frame.text)
            if title:
                return title
    except (KeyError, ValueError, AttributeError):
        pass
    return None


def _smartart_texts(shape: BaseShape, slide: Slide) -> tuple[str, ...]:
    """The texts of a SmartArt diagram's nodes, from its data part (python-pptx does not read it)."""
    relation = None
    for node in shape._element.iter(f"{_DGM}relIds"):
        relation = node.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}dm")
    if relation is None:
        return ()
    try:
        root = safe_xml.fromstring(slide.part.related_part(relation).blob)
    except (KeyError, ValueError):
        return ()
    texts = []
    for point in root.iter(f"{_DGM}pt"):
        if point.get("type", "node") not in ("node", "asst"):
            continue
        text = _one_line(" ".join("".join(t.itertext()) for t in point.iter(f"{_A}t")))
        if text:
            texts.append(text)
    return tuple(texts)


def _alternate_content(slide: Slide) -> Iterator[Item]:
    """Objects python-pptx skips silently (3-D models, newer shapes stored as markup-compatibility
    alternates in the shape tree): reported, never dropped without a word."""
    trees = [slide.shapes._spTree]
    while trees:
        tree = trees.pop()
        for node in tree.iterchildren():
            tag = str(node.tag).rsplit("}", 1)[-1]
            if tag == "grpSp":
                trees.append(node)
            elif node.tag == _MC:
                names = [p.get("name") for p in node.iter() if str(p.tag).endswith("}cNvPr")]
                name = next((n for n in names if n), "an object")
                yield Unsupported("other", name, "stored for newer PowerPoint versions only")


def _notes(slide: Slide) -> str | None:
    if not slide.has_notes_slide:
        return None
    frame = slide.notes_slide.notes_text_frame
    if frame is None:
        return None
    text = "\n".join(line.rstrip() for line in frame.text.replace("\v", "\n").splitlines()).strip()
    return text or None


def _one_line(text: str) -> str:
    return " ".join(text.replace("\v", " ").split())
