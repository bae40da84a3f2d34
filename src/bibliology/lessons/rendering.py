"""Helpers the block macros (templates/lessons/blocks.html) call, installed as template globals.

Rich text becomes HTML only through the content model's own renderer (content.richtext.render_html,
which escapes every character of user text and emits only its own tags and vetted links); nothing
else in the player marks text as safe. Whoever renders blocks.html (the player, the teacher's
previews) calls `install()` once at import."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import jinja2
from markupsafe import Markup

from bibliology.bible.references import InvalidReference, format_reference
from bibliology.content.richtext import render_html, to_plain_text
from bibliology.web import TEMPLATES

# What an IMAGE block may point at (content.blocks validates the same; this guards rows written
# around the validator, e.g. by a migration or a test factory).
_IMAGE_URL = re.compile(r"^(?:https://[^\s\"'<>`\\]+|/media/[A-Za-z0-9._~%+/-]+)$")
_ALIGN = ("left", "center", "right")
_EMPHASIS = ("none", "subtle", "strong")
_COLORS = ("default", "muted", "primary", "accent", "gold", "burgundy", "navy", "olive")


def richtext(value: object, inline: bool = False) -> Markup:
    """Rich text (the safe Markdown subset) as HTML; anything that is not a string renders nothing."""
    if not isinstance(value, str):
        return Markup("")
    return Markup(render_html(value, inline=inline))  # noqa: S704 - render_html escapes all user text


def plain(value: object, inline: bool = True) -> str:
    """Rich text without its markup (for attributes such as a link's title); Jinja escapes it."""
    return to_plain_text(value, inline=inline) if isinstance(value, str) else ""


def verse_reference(osis: object, lang: str) -> str:
    """An OSIS reference in the reader's language ("John 3:16", "Jean 3.16"); an unreadable one as
    it is stored (escaped by Jinja like any text)."""
    if not isinstance(osis, str):
        return ""
    try:
        return format_reference(osis, lang)
    except InvalidReference:
        return osis


def image_src(url: object) -> str | None:
    """The image's address when it is one an IMAGE block may hold, else None (nothing is shown)."""
    return url if isinstance(url, str) and _IMAGE_URL.match(url) and ".." not in url else None


def srcset(sources: object) -> str | None:
    """`srcset` from a list of {"url", "width"} (media with several sizes), valid entries only."""
    if not isinstance(sources, list):
        return None
    parts = [
        f"{source['url']} {source['width']}w"
        for source in sources
        if isinstance(source, Mapping)
        and image_src(source.get("url"))
        and isinstance(source.get("width"), int)
        and not isinstance(source.get("width"), bool)
        and "," not in str(source.get("url"))
    ]
    return ", ".join(parts) or None


def style_classes(style: object) -> str:
    """CSS classes for a block's style_config, from its whitelisted values only."""
    if not isinstance(style, Mapping):
        return ""
    classes = []
    if style.get("align") in _ALIGN:
        classes.append(f"block--align-{style['align']}")
    if style.get("emphasis") in _EMPHASIS:
        classes.append(f"block--emphasis-{style['emphasis']}")
    if style.get("color") in _COLORS:
        classes.append(f"block--color-{style['color']}")
    return " ".join(classes)


def heading_tag(level: object, base: int) -> str:
    """h1…h6 for a HEADING block of `level` (1–3) under a page whose deepest heading so far is
    `base`: the page keeps one h1, whatever the teacher chose."""
    number = level if isinstance(level, int) and not isinstance(level, bool) else 2
    return f"h{min(6, max(1, base + min(3, max(1, number))))}"


def split_columns(blocks: list[Any]) -> tuple[list[Any], list[Any], list[Any]]:
    """TWO_COLUMN: leading headings span the slide; the other blocks fill the left column first
    (the larger half) then the right, in order."""
    lead = 0
    while lead < len(blocks) and blocks[lead].get("block_type") == "HEADING":
        lead += 1
    rest = blocks[lead:]
    half = (len(rest) + 1) // 2
    return blocks[:lead], rest[:half], rest[half:]


GLOBALS: dict[str, Any] = {
    "richtext": richtext,
    "plain": plain,
    "verse_reference": verse_reference,
    "image_src": image_src,
    "srcset": srcset,
    "style_classes": style_classes,
    "heading_tag": heading_tag,
    "split_columns": split_columns,
}


def install(env: jinja2.Environment | None = None) -> None:
    """Make the helpers available to every template (idempotent)."""
    (env or TEMPLATES.env).globals.update(GLOBALS)


install()
