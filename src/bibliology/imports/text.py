"""Slide text → blocks: runs become the rich-text subset of `bibliology.content` (bold, italic,
links; everything else escaped), bulleted paragraphs become LIST items nested by level, other
paragraphs TEXT, and paragraphs that quote or cite Scripture VERSE blocks."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any
from urllib.parse import quote

from bibliology.content import ContentInvalid, escape_richtext, link_problem, to_plain_text, validate_block
from bibliology.content.blocks import LIST_DEPTH_MAX, LIST_ITEM_MAX, LIST_ITEMS_MAX, RICH_TEXT_MAX
from bibliology.enums import ContentBlockType
from bibliology.imports import verses
from bibliology.imports.pptx_reader import EQUATION_MARKER, Paragraph, TextShape

_EDGES = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


@dataclass
class TextBlock:
    type: ContentBlockType
    content: dict[str, object]
    label: str  # for the report: "LIST (3 items)", "VERSE John.3.16"


@dataclass
class TextResult:
    blocks: list[TextBlock] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- inline rich text


def inline(paragraph: Paragraph, warnings: list[str]) -> str:
    """The paragraph as inline rich text: formatting runs merged, user text escaped."""
    parts = []
    for (bold, italic, link), runs in groupby(paragraph.runs, key=lambda r: (r.bold, r.italic, r.link)):
        text = "".join(run.text for run in runs)
        parts.append(_formatted(text, bold=bold, italic=italic, link=_safe_link(link, text, warnings)))
    return "".join(parts).strip()


def _formatted(text: str, *, bold: bool, italic: bool, link: str | None) -> str:
    marker = "*" * ((2 if bold else 0) + (1 if italic else 0))
    lines = []
    for line in text.split("\n"):  # emphasis never spans a line break
        lead, core, trail = _EDGES.fullmatch(line).groups()  # type: ignore[union-attr]
        if not core:
            lines.append(line)
            continue
        body = f"{marker}{escape_richtext(core)}{marker}"
        if link is not None:
            body = f"[{body}]({link})"
        lines.append(f"{lead}{body}{trail}")
    return "\n".join(lines)


def _safe_link(address: str | None, text: str, warnings: list[str]) -> str | None:
    if not address or not text.strip():
        return None
    # The rich-text link syntax ends at ")" and refuses spaces: percent-encode them.
    encoded = quote(address.strip(), safe=":/?#[]@!$&'*+,;=%~-._")
    encoded = encoded.replace("(", "%28").replace(")", "%29")
    problem = link_problem(encoded)
    if problem is not None:
        warnings.append(f"link on “{' '.join(text.split())[:60]}” dropped ({problem}): {address[:100]}")
        return None
    return encoded


# --------------------------------------------------------------------------- paragraphs → blocks


def text_blocks(shape: TextShape, *, lang: str) -> TextResult:
    """The blocks of a body or text-box shape, in paragraph order."""
    result = TextResult()
    builder = _Builder(result, lang=lang, inherits_bullets=shape.role == "body" and _bulleted_body(shape))
    for paragraph in shape.paragraphs:
        builder.add(paragraph)
    builder.flush()
    if any(run.text == EQUATION_MARKER for p in shape.paragraphs for run in p.runs):
        result.warnings.append(f"an equation in “{shape.name}” was not imported (marked in the text)")
    return result


def _bulleted_body(shape: TextShape) -> bool:
    """A body placeholder's paragraphs inherit bullets, unless it holds a single paragraph (a one-item
    list reads worse than a sentence)."""
    return sum(1 for p in shape.paragraphs if p.plain.strip()) > 1


@dataclass
class _Pending:
    kind: str  # "list" | "text"
    paragraphs: list[Paragraph] = field(default_factory=list)


class _Builder:
    def __init__(self, result: TextResult, *, lang: str, inherits_bullets: bool) -> None:
        self.result = result
        self.lang = lang
        self.inherits_bullets = inherits_bullets
        self.pending: _Pending | None = None

    def add(self, paragraph: Paragraph) -> None:
        plain = paragraph.plain.strip()
        if not plain:
            return
        if paragraph.level == 0 and self._verse(paragraph, plain):
            return
        kind = "list" if self._bulleted(paragraph) else "text"
        if self.pending is None or self.pending.kind != kind:
            self.flush()
            self.pending = _Pending(kind)
        self.pending.paragraphs.append(paragraph)

    def _bulleted(self, paragraph: Paragraph) -> bool:
        if paragraph.bullet is not None:
            return paragraph.bullet != "none"
        return self.inherits_bullets or paragraph.level > 0

    def _verse(self, paragraph: Paragraph, plain: str) -> bool:
        pending = self.pending
        attributed = verses.attribution(plain)
        if attributed is not None and pending is not None and pending.kind == "text" and pending.paragraphs:
            quoted = pending.paragraphs.pop()  # the wording is the paragraph above its attribution
            quote = verses.unquote(" ".join(quoted.plain.split()))
            self.flush()
            self._emit_verse(verses.VerseMatch(attributed.reference, quote, attributed.translation, plain))
            return True
        match = verses.detect(plain)
        if match is None:
            return False
        self.flush()
        self._emit_verse(match)
        return True

    def _emit_verse(self, match: verses.VerseMatch) -> None:
        osis = match.reference.osis
        wording = match.quote or match.written or match.reference.format(self.lang)
        content: dict[str, Any] = {"reference": osis, "text": escape_richtext(wording)}
        if match.translation:
            content["translation"] = match.translation
        self._add(ContentBlockType.VERSE, content, f"VERSE {osis}")
        if match.quote is None:
            self.result.warnings.append(
                f"{osis}: only the reference was on the slide; the verse text is the reference until "
                "you add the wording"
            )

    def flush(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None or not pending.paragraphs:
            return
        if pending.kind == "list":
            self._list(pending.paragraphs)
        else:
            self._text([inline(p, self.result.warnings) for p in pending.paragraphs])

    def _list(self, paragraphs: list[Paragraph]) -> None:
        style = "numbered" if paragraphs[0].bullet == "numbered" else "bullet"
        entries = [(p.level, inline(p, self.result.warnings)) for p in paragraphs]
        if any(len(text) > LIST_ITEM_MAX for _, text in entries):
            self.result.warnings.append("a list item longer than a list allows was kept as text")
            self._text([text for _, text in entries])
            return
        for chunk in _chunks(nest(entries)):
            self._add(
                ContentBlockType.LIST, {"style": style, "items": chunk}, f"LIST ({_count(chunk)} items)"
            )

    def _text(self, paragraphs: list[str]) -> None:
        for text in _text_chunks(paragraphs):
            self._add(ContentBlockType.TEXT, {"text": text}, "TEXT")

    def _add(self, block_type: ContentBlockType, content: dict[str, Any], label: str) -> None:
        try:
            validated = validate_block(block_type, content)
        except ContentInvalid as exc:
            self.result.warnings.append(f"{label} kept as plain text ({exc})")
            validated = validate_block(ContentBlockType.TEXT, {"text": _plain_fallback(content)})
            block_type, label = ContentBlockType.TEXT, "TEXT"
        self.result.blocks.append(TextBlock(block_type, validated, label))


def nest(entries: Sequence[tuple[int, str]]) -> list[dict[str, Any]]:
    """(level, text) pairs as nested list items; deeper jumps nest one level, and anything below the
    content model's depth limit joins the deepest level allowed."""
    items: list[dict[str, Any]] = []
    path: list[tuple[int, dict[str, Any]]] = []
    for level, text in entries:
        while path and path[-1][0] >= level:
            path.pop()
        while len(path) >= LIST_DEPTH_MAX:
            path.pop()
        item: dict[str, Any] = {"text": text}
        siblings = path[-1][1].setdefault("children", []) if path else items
        siblings.append(item)
        path.append((level, item))
    return items


def _count(items: list[dict[str, Any]]) -> int:
    return sum(1 + _count(item.get("children", [])) for item in items)


def _chunks(items: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Top-level items grouped into lists of at most LIST_ITEMS_MAX items in all."""
    chunk: list[dict[str, Any]] = []
    size = 0
    for item in items:
        weight = _count([item])
        if chunk and size + weight > LIST_ITEMS_MAX:
            yield chunk
            chunk, size = [], 0
        chunk.append(item)
        size += weight
    if chunk:
        yield chunk


def _text_chunks(paragraphs: list[str]) -> Iterator[str]:
    """Paragraphs joined by blank lines, split into texts the content model accepts."""
    chunk: list[str] = []
    size = 0
    for paragraph in paragraphs:
        paragraph = paragraph[:RICH_TEXT_MAX]
        if chunk and size + len(paragraph) + 2 > RICH_TEXT_MAX:
            yield "\n\n".join(chunk)
            chunk, size = [], 0
        chunk.append(paragraph)
        size += len(paragraph) + 2
    if chunk:
        yield "\n\n".join(chunk)


def _plain_fallback(content: dict[str, Any]) -> str:
    texts: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            texts.append(to_plain_text(value, inline=True))
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(content.get("items", content.get("text", "")))
    plain = " ".join(" ".join(texts).split())
    return escape_richtext(plain)[:RICH_TEXT_MAX] or "…"
