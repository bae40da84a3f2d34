"""The demo courses' thumbnail and cover images: cards drawn with Pillow from the course's colour,
initial and title (nothing downloaded), stored through the media service like any upload, so they
are real media_files rows served at /media/<key>.

Drawing is deterministic (fixed sizes, Pillow's bundled font, no randomness), and the media
service stores a content once per hash: drawing a course's card again stores nothing new.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy.orm import Session

from bibliology.media import service as media
from bibliology.seed.demo_content.model import CourseSpec

Kind = Literal["thumbnail", "cover"]
# 16:9 for the dashboard and catalogue cards, a wide banner for the course page.
SIZES: dict[Kind, tuple[int, int]] = {"thumbnail": (480, 270), "cover": (1200, 400)}
_INK = (255, 255, 255)


@dataclass(frozen=True)
class Artwork:
    thumbnail_url: str
    cover_image_url: str | None


def store_course_artwork(session: Session, spec: CourseSpec, *, owner_id: str) -> Artwork:
    """Draw and store the course's thumbnail (and cover, when the spec asks for one); their URLs."""
    thumbnail = _store(session, spec, "thumbnail", owner_id=owner_id)
    cover = _store(session, spec, "cover", owner_id=owner_id) if spec.cover else None
    return Artwork(thumbnail, cover)


def _store(session: Session, spec: CourseSpec, kind: Kind, *, owner_id: str) -> str:
    stored = media.store_upload(
        session,
        data=course_card(spec.title_en, colour=spec.colour, size=SIZES[kind]),
        filename=f"{spec.slug}-{kind}.png",
        owner_id=owner_id,
        kind="image",
    )
    return media.media_url(stored)


def course_card(title: str, *, colour: str, size: tuple[int, int]) -> bytes:
    """A PNG card: the colour, a large faint initial on the right, the title in white bottom left."""
    width, height = size
    background = _rgb(colour)
    card = Image.new("RGB", size, background)
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    margin = max(16, height // 10)
    text_size = max(16, height // 9)
    font = _font(text_size)
    lines = _wrap(title, font, width * 2 // 3 - margin)[:3]
    line_height = text_size * 6 // 5
    y = height - margin - line_height * len(lines)
    # A lighter disc off the top-right corner, and a darker band under the title, give depth.
    draw.ellipse((width - height, -height // 3, width + height // 2, height), fill=(255, 255, 255, 28))
    draw.rectangle((0, y - margin * 2 // 3, width, height), fill=(0, 0, 0, 40))
    initial = _initial(title)
    big = _font(height // 2)
    _, top, right, bottom = draw.textbbox((0, 0), initial, font=big)
    centre = (y - margin * 2 // 3) // 2 + margin // 4
    draw.text(
        (width - height // 6 - right, centre - (top + bottom) // 2),
        initial,
        font=big,
        fill=(255, 255, 255, 70),
    )
    for line in lines:
        draw.text((margin, y), line, font=font, fill=(*_INK, 255))
        y += line_height
    draw.rectangle((margin, margin, margin + height // 6, margin + max(3, height // 90)), fill=(*_INK, 200))
    card.paste(overlay, (0, 0), overlay)
    buffer = io.BytesIO()
    card.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's bundled font: the same glyphs on every machine, no system font looked up.
    return ImageFont.load_default(size=size)


def _initial(title: str) -> str:
    """The first letter of the title's first significant word ("The Gospel of John" → "G")."""
    words = [word for word in title.split() if word[:1].isalnum()]
    significant = [word for word in words if word.lower() not in {"the", "a", "an", "le", "la", "les"}]
    chosen = (significant or words or ["?"])[0]
    return chosen[0].upper()


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.removeprefix("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
