"""The pictures of the demo's IMAGE blocks, drawn with Pillow (nothing downloaded, no photograph):
a papyrus page in Greek uncials, a labelled map of Galilee (English and French), and four simple
scenes. Each is stored through the media service like an upload and served at /media/<key>.

The lesson data names each picture by the placeholder URL it always had ("/media/demo/john/
papyrus-66.jpg"); ILLUSTRATIONS maps that name to its size and drawing, and `store_illustration`
gives the URL of the stored file. Drawing is deterministic (fixed sizes, the bundled DejaVu Serif,
seeded randomness), and the media service stores a content once per hash: drawing again stores
nothing new.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from sqlalchemy.orm import Session

from bibliology.media import service as media
from bibliology.seed.demo_content.model import Json

Size = tuple[int, int]
Point = tuple[float, float]
RGB = tuple[int, int, int]
Font = ImageFont.FreeTypeFont
# The prefix of every placeholder URL the demo content was written with (files that never existed).
PLACEHOLDER_PREFIX = "/media/demo/"
JPEG_QUALITY = 85  # re-encoded by the media service at its own quality; drawings stay small


@dataclass(frozen=True)
class Illustration:
    size: Size
    draw: Callable[[Size], Image.Image]


def store_illustration(session: Session, placeholder: str, *, owner_id: str) -> str:
    """Draw and store the picture a placeholder URL names; the URL it is served at."""
    stored = media.store_upload(
        session,
        data=illustration_bytes(placeholder),
        filename=placeholder.rsplit("/", 1)[-1],
        owner_id=owner_id,
        kind="image",
    )
    return media.media_url(stored)


def with_illustration(session: Session, content: Json, *, owner_id: str) -> Json:
    """An IMAGE block's content pointing at its stored picture, when its URL is a placeholder we
    draw; any other content as it is."""
    if content.get("url") not in ILLUSTRATIONS:
        return content
    return {**content, "url": store_illustration(session, content["url"], owner_id=owner_id)}


@cache
def illustration_bytes(placeholder: str) -> bytes:
    """The encoded picture (JPEG or PNG, as the placeholder's extension says); KeyError if unknown."""
    spec = ILLUSTRATIONS[placeholder]
    picture = spec.draw(spec.size)
    if picture.size != spec.size:
        raise ValueError(f"{placeholder}: drawn at {picture.size}, declared {spec.size}")
    buffer = io.BytesIO()
    if placeholder.endswith(".png"):
        picture.quantize(64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
            buffer, "PNG", optimize=True
        )
    else:
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


# --------------------------------------------------------------------------- shared helpers


@cache
def _font(size: int, *, bold: bool = False) -> Font:
    # The DejaVu Serif bundled for certificates: Greek and French accents, the same on every machine.
    name = "DejaVuSerif-Bold.ttf" if bold else "DejaVuSerif.ttf"
    data = (resources.files("bibliology") / "data" / name).read_bytes()
    return ImageFont.truetype(io.BytesIO(data), size)


def _vertical_gradient(size: Size, top: RGB, bottom: RGB) -> Image.Image:
    height = size[1]
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return column.resize(size)


def _ridge(rng: random.Random, width: int, base: float, amplitude: float, height: int) -> list[Point]:
    """A hill line across the picture, closed along the bottom edge."""
    phase = rng.uniform(0, math.tau)
    points = [
        (
            x,
            base
            + amplitude * math.sin(x / width * math.tau * 1.3 + phase)
            + amplitude * 0.4 * math.sin(x / width * math.tau * 3.7 + 2 * phase),
        )
        for x in range(0, width + 41, 40)
    ]
    return [*points, (width, height), (0, height)]


# --------------------------------------------------------------------------- Papyrus 66

# John 1:1-5 in uncials, without spaces, "God" as a nomen sacrum (ΘΣ, ΘΝ), as an early copyist wrote it.
_JOHN_1 = (
    "ΕΝΑΡΧΗΗΝΟΛΟΓΟϹΚΑΙΟΛΟΓΟϹΗΝΠΡΟϹΤΟΝΘΝΚΑΙΘϹΗΝΟΛΟΓΟϹΟΥΤΟϹΗΝΕΝΑΡΧΗΠΡΟϹΤΟΝΘΝΠΑΝΤΑΔΙΑΥΤΟΥΕΓΕΝΕΤΟ"
    "ΚΑΙΧΩΡΙϹΑΥΤΟΥΕΓΕΝΕΤΟΟΥΔΕΕΝΟΓΕΓΟΝΕΝΕΝΑΥΤΩΖΩΗΗΝΚΑΙΗΖΩΗΗΝΤΟΦΩϹΤΩΝΑΝΘΡΩΠΩΝΚΑΙΤΟΦΩϹΕΝΤΗ"
    "ϹΚΟΤΙΑΦΑΙΝΕΙΚΑΙΗϹΚΟΤΙΑΑΥΤΟΟΥΚΑΤΕΛΑΒΕΝ"
)


def _papyrus(size: Size) -> Image.Image:
    """A papyrus leaf on a dark mount: fibres across and down, frayed edges, a lacuna, lines of
    uncials in a brown ink, the page number (ΙΑ) at the top."""
    width, height = size
    rng = random.Random(66)
    picture = Image.new("RGB", size, (46, 38, 33))
    leaf = Image.new("RGB", size, (214, 182, 128))
    draw = ImageDraw.Draw(leaf)
    for _ in range(600):  # fibres: thin strokes slightly lighter or darker than the leaf
        shade = rng.randint(-22, 18)
        colour = (214 + shade, 182 + shade, 128 + shade)
        if rng.random() < 0.6:
            y = rng.uniform(0, height)
            draw.line((0, y, width, y + rng.uniform(-4, 4)), fill=colour, width=rng.choice((1, 2, 3)))
        else:
            x = rng.uniform(0, width)
            draw.line((x, 0, x + rng.uniform(-6, 6), height), fill=colour, width=rng.choice((1, 2)))
    leaf = leaf.filter(ImageFilter.GaussianBlur(1.6))
    # The leaf's outline: a margin that wanders, worn away more at the bottom right.
    margin = width * 0.07
    outline: list[Point] = []
    steps = 28
    corners = (
        (margin, margin),
        (width - margin, margin),
        (width - margin, height - margin),
        (margin, height - margin),
    )
    for side in range(4):
        (x0, y0), (x1, y1) = corners[side], corners[(side + 1) % 4]
        for step in range(steps):
            t = step / steps
            wear = 10 + (26 if side == 2 and t < 0.4 else 0)  # bottom side, drawn right to left
            outline.append(
                (x0 + (x1 - x0) * t + rng.uniform(-wear, wear), y0 + (y1 - y0) * t + rng.uniform(-wear, wear))
            )
    mask = Image.new("L", size, 0)
    mask_draw = ImageDraw.Draw(mask)
    mask_draw.polygon(outline, fill=255)
    hole_x, hole_y = width * 0.68, height * 0.78  # a lacuna: the text is lost there
    mask_draw.polygon(
        [
            (
                hole_x + math.cos(a / 8 * math.tau) * rng.uniform(50, 95),
                hole_y + math.sin(a / 8 * math.tau) * rng.uniform(40, 80),
            )
            for a in range(8)
        ],
        fill=0,
    )
    shadow = mask.filter(ImageFilter.GaussianBlur(14))
    picture.paste((20, 16, 14), (10, 14), shadow)
    picture.paste(leaf, (0, 0), mask)

    ink = (74, 44, 26)
    text_layer = Image.new("L", size, 0)
    ink_draw = ImageDraw.Draw(text_layer)
    letter = _font(int(height * 0.033))
    left, right = margin + width * 0.08, width - margin - width * 0.08
    ink_draw.text(
        (width / 2, margin + height * 0.05), "Α", font=_font(int(height * 0.028)), fill=230, anchor="mm"
    )
    y = margin + height * 0.1
    line_height = height * 0.047
    chars = iter(_JOHN_1 * 2)
    while y < height - margin - height * 0.07:
        x = left + rng.uniform(-6, 6)
        while x < right:
            char = next(chars)
            ink_draw.text((x, y + rng.uniform(-2, 2)), char, font=letter, fill=rng.randint(190, 250))
            x += letter.getlength(char) * 0.92
        y += line_height
    text_layer = text_layer.filter(ImageFilter.GaussianBlur(0.7))
    # Ink only where the leaf is, and faded where it is worn.
    text_layer = Image.composite(text_layer, Image.new("L", size, 0), mask)
    picture.paste(ink, (0, 0), text_layer)
    return picture


# --------------------------------------------------------------------------- Map of Galilee

# The map's frame in degrees, drawn as an equirectangular projection at latitude 32.8°.
_NORTH, _SOUTH, _WEST, _EAST = 33.05, 32.55, 34.88, 35.713
_SEA_OF_GALILEE = (
    (32.905, 35.62), (32.885, 35.645), (32.845, 35.655), (32.79, 35.648), (32.74, 35.625),
    (32.708, 35.59), (32.712, 35.565), (32.76, 35.548), (32.80, 35.525), (32.835, 35.515),
    (32.862, 35.528), (32.878, 35.552), (32.888, 35.585),
)  # fmt: skip
_COAST = (
    (33.05, 35.098), (32.98, 35.085), (32.925, 35.075), (32.885, 35.085), (32.845, 35.055),
    (32.825, 35.0), (32.83, 34.965), (32.78, 34.955), (32.70, 34.935), (32.62, 34.915), (32.55, 34.9),
)  # fmt: skip
_JORDAN = (
    ((33.05, 35.625), (33.0, 35.615), (32.95, 35.63), (32.905, 35.62)),
    ((32.708, 35.59), (32.68, 35.575), (32.64, 35.585), (32.60, 35.565), (32.55, 35.575)),
)  # fmt: skip
# (English, French, latitude, longitude, label to the: right or left).
_PLACES = (
    ("Nazareth", "Nazareth", 32.702, 35.297, "right"),
    ("Cana", "Cana", 32.829, 35.268, "right"),
    ("Capernaum", "Capharnaüm", 32.881, 35.575, "left"),
    ("Tiberias", "Tibériade", 32.79, 35.535, "left"),
    ("Magdala", "Magdala", 32.826, 35.513, "left"),
)
_MAP_WORDS = {
    "en": {
        "title": "Galilee in Jesus’ time",
        "sea": "Sea of\nGalilee",
        "med": "Mediterranean\nSea",
        "jordan": "Jordan",
        "km": "10 km",
        "north": "N",
        "note": "Simplified sketch map",
    },
    "fr": {
        "title": "La Galilée au temps de Jésus",
        "sea": "Mer de\nGalilée",
        "med": "Mer\nMéditerranée",
        "jordan": "Jourdain",
        "km": "10 km",
        "north": "N",
        "note": "Carte simplifiée",
    },
}


def _galilee(language: str) -> Callable[[Size], Image.Image]:
    def draw_map(size: Size) -> Image.Image:
        return _map(size, _MAP_WORDS[language], french=language == "fr")

    return draw_map


def _map(size: Size, words: dict[str, str], *, french: bool) -> Image.Image:
    width, height = size

    def xy(lat: float, lon: float) -> Point:
        return ((lon - _WEST) / (_EAST - _WEST) * width, (_NORTH - lat) / (_NORTH - _SOUTH) * height)

    water, water_ink, land, hills, ink = (
        (164, 200, 222),
        (46, 96, 140),
        (236, 226, 198),
        (220, 206, 168),
        (52, 44, 38),
    )
    picture = Image.new("RGB", size, land)
    draw = ImageDraw.Draw(picture)
    rng = random.Random(14)
    for _ in range(14):  # the hill country of Lower Galilee, as soft patches
        cx, cy = xy(rng.uniform(32.62, 33.0), rng.uniform(35.12, 35.48))
        rx, ry = rng.uniform(60, 140), rng.uniform(30, 70)
        draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=hills)
    sea = [xy(*point) for point in _COAST]
    draw.polygon([*sea, (0, height), (0, 0)], fill=water)
    draw.line(sea, fill=water_ink, width=3, joint="curve")
    lake = [xy(*point) for point in _SEA_OF_GALILEE]
    draw.polygon(lake, fill=water, outline=water_ink, width=3)
    for reach in _JORDAN:
        draw.line([xy(*point) for point in reach], fill=water_ink, width=4, joint="curve")

    label, small, place_font = _font(30), _font(24), _font(30, bold=True)
    for en, fr, lat, lon, side in _PLACES:
        x, y = xy(lat, lon)
        draw.ellipse((x - 9, y - 9, x + 9, y + 9), fill=(150, 40, 30), outline=(255, 255, 255), width=3)
        name = fr if french else en
        anchor, dx = ("lm", 16) if side == "right" else ("rm", -16)
        draw.text(
            (x + dx, y), name, font=place_font, fill=ink, anchor=anchor, stroke_width=4, stroke_fill=land
        )
    sea_x, sea_y = xy(32.80, 35.59)
    draw.multiline_text((sea_x, sea_y), words["sea"], font=small, fill=water_ink, anchor="mm", align="center")
    med_x, med_y = xy(32.70, 34.905)
    draw.multiline_text((med_x, med_y), words["med"], font=label, fill=water_ink, anchor="lm")
    jordan_x, jordan_y = xy(32.62, 35.59)
    draw.text((jordan_x + 12, jordan_y), words["jordan"], font=small, fill=water_ink, anchor="lm")

    # Title box, north arrow and scale bar (10 km at this latitude).
    title = _font(40, bold=True)
    draw.rounded_rectangle(
        (width * 0.3, 24, width * 0.3 + title.getlength(words["title"]) + 56, 100),
        12,
        fill=(250, 246, 236),
        outline=ink,
        width=2,
    )
    draw.text((width * 0.3 + 28, 62), words["title"], font=title, fill=ink, anchor="lm")
    north_x, north_y = width - 90, height - 230
    draw.polygon(
        [
            (north_x, north_y - 50),
            (north_x - 22, north_y + 20),
            (north_x, north_y + 6),
            (north_x + 22, north_y + 20),
        ],
        fill=ink,
    )
    draw.text((north_x, north_y - 62), words["north"], font=label, fill=ink, anchor="md")
    km = 10 / (111.32 * math.cos(math.radians(32.8))) / (_EAST - _WEST) * width
    bar_x, bar_y = width - 60 - km, height - 80
    draw.rectangle((bar_x, bar_y, bar_x + km, bar_y + 10), fill=ink)
    draw.rectangle((bar_x + km / 2, bar_y + 2, bar_x + km - 2, bar_y + 8), fill=(250, 246, 236))
    draw.text((bar_x + km / 2, bar_y - 10), words["km"], font=small, fill=ink, anchor="md")
    draw.text((24, height - 24), words["note"], font=_font(22), fill=(110, 100, 90), anchor="ld")
    draw.rectangle((0, 0, width - 1, height - 1), outline=ink, width=3)
    return picture


# --------------------------------------------------------------------------- scenes


def _figure(draw: ImageDraw.ImageDraw, x: float, ground: float, scale: float, robe: RGB, skin: RGB) -> float:
    """A seated or standing person as a robe and a head; returns the top of the head."""
    body_h, body_w, head = 150 * scale, 90 * scale, 26 * scale
    draw.rounded_rectangle(
        (x - body_w / 2, ground - body_h, x + body_w / 2, ground), radius=body_w / 2.2, fill=robe
    )
    top = ground - body_h - head * 1.6
    draw.ellipse((x - head, top, x + head, top + head * 2), fill=skin)
    return top


def _flame(draw: ImageDraw.ImageDraw, x: float, bottom: float, scale: float) -> None:
    for colour, factor in (((232, 106, 32), 1.0), ((250, 196, 64), 0.55)):
        h, w = 54 * scale * factor, 17 * scale * factor
        base = bottom - (1 - factor) * 8 * scale
        draw.polygon(
            [
                (x, base - h),
                (x + w * 0.6, base - h * 0.45),
                (x + w, base - h * 0.15),
                (x, base),
                (x - w, base - h * 0.15),
                (x - w * 0.6, base - h * 0.45),
            ],
            fill=colour,
        )
        draw.ellipse((x - w, base - h * 0.35, x + w, base + w * 0.2), fill=colour)


def _upper_room(size: Size) -> Image.Image:
    """A plain room with two arched windows and a lamp; twelve people seated together, a small
    flame above each."""
    width, height = size
    rng = random.Random(50)
    picture = _vertical_gradient(size, (120, 84, 60), (176, 130, 92))
    draw = ImageDraw.Draw(picture)
    floor = height * 0.78
    draw.rectangle((0, floor, width, height), fill=(110, 74, 50))
    for window_x in (width * 0.22, width * 0.78):  # arched windows onto a pale sky
        w, top, bottom = width * 0.09, height * 0.12, height * 0.42
        draw.rectangle((window_x - w, top + w, window_x + w, bottom), fill=(200, 220, 232))
        draw.pieslice((window_x - w, top, window_x + w, top + 2 * w), 180, 360, fill=(200, 220, 232))
        draw.line((window_x, top, window_x, bottom), fill=(96, 64, 44), width=8)
    robes = [(86, 96, 140), (140, 70, 60), (96, 120, 84), (170, 140, 90), (120, 90, 130), (70, 110, 120)]
    skins = [(224, 186, 150), (196, 150, 112), (170, 122, 88), (210, 170, 130)]
    rows = ((floor - height * 0.05, 0.95, 5, 0.16), (floor + height * 0.12, 1.25, 7, 0.07))
    for ground, scale, count, start in rows:
        step = (1 - 2 * start) / (count - 1)
        for index in range(count):
            x = width * (start + step * index) + rng.uniform(-14, 14)
            top = _figure(draw, x, ground, scale, rng.choice(robes), rng.choice(skins))
            _flame(draw, x, top - 14 * scale, scale)
    glow = Image.new("RGB", size, (255, 214, 140))
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse((width * 0.2, -height * 0.3, width * 0.8, height * 0.6), fill=60)
    picture.paste(glow, (0, 0), mask.filter(ImageFilter.GaussianBlur(80)))
    return picture


def _grapes(draw: ImageDraw.ImageDraw, x: float, y: float, scale: float, rng: random.Random) -> None:
    """A cluster: rows of berries narrowing downwards."""
    r = 13 * scale
    for row, count in enumerate((5, 5, 4, 4, 3, 2, 1)):
        for index in range(count):
            bx = x + (index - (count - 1) / 2) * r * 1.7 + rng.uniform(-2, 2)
            by = y + row * r * 1.5
            shade = rng.randint(-16, 16)
            draw.ellipse((bx - r, by - r, bx + r, by + r), fill=(92 + shade, 40 + shade // 2, 96 + shade))
            draw.ellipse((bx - r * 0.5, by - r * 0.6, bx - r * 0.1, by - r * 0.2), fill=(150, 110, 160))


def _leaf(draw: ImageDraw.ImageDraw, x: float, y: float, size: float, angle: float, colour: RGB) -> None:
    """A five-lobed vine leaf."""
    points = []
    for step in range(40):
        a = step / 40 * math.tau
        r = size * (0.75 + 0.25 * math.cos(5 * a))
        points.append((x + r * math.cos(a + angle), y + r * math.sin(a + angle)))
    draw.polygon(points, fill=colour)


def _vine(size: Size) -> Image.Image:
    """An old vine on a stone terrace wall, its branches carrying leaves and ripe clusters."""
    width, height = size
    rng = random.Random(15)
    picture = _vertical_gradient(size, (190, 214, 230), (236, 226, 200))
    draw = ImageDraw.Draw(picture)
    hills = _ridge(rng, width, height * 0.45, height * 0.03, height)
    draw.polygon(hills, fill=(170, 176, 130))
    wall_top = height * 0.62
    draw.rectangle((0, wall_top, width, height), fill=(150, 136, 112))
    row_h = height * 0.085
    y = wall_top
    row = 0
    while y < height:  # a dry-stone wall: stones of varying length, offset row by row
        x = -rng.uniform(0, 80) - (40 if row % 2 else 0)
        while x < width:
            length = rng.uniform(110, 210)
            shade = rng.randint(-18, 18)
            draw.rounded_rectangle(
                (x + 4, y + 4, x + length - 4, y + row_h - 4),
                14,
                fill=(196 + shade, 180 + shade, 150 + shade),
            )
            x += length
        y += row_h
        row += 1
    trunk = [
        (width * 0.5, height),
        (width * 0.47, height * 0.8),
        (width * 0.52, height * 0.6),
        (width * 0.49, height * 0.42),
    ]
    draw.line(trunk, fill=(92, 64, 42), width=34, joint="curve")
    branches = []
    for direction in (-1, 1):
        points = [(width * 0.49, height * 0.42)]
        for step in range(1, 7):
            points.append(
                (
                    width * 0.49 + direction * step * width * 0.075,
                    height * 0.42 - math.sin(step / 2) * height * 0.12 + step * 6,
                )
            )
        draw.line(points, fill=(104, 74, 48), width=16, joint="curve")
        branches.extend(points[1:])
    greens = [(84, 128, 60), (104, 146, 70), (70, 112, 52)]
    for bx, by in branches:
        for _ in range(3):
            _leaf(
                draw,
                bx + rng.uniform(-70, 70),
                by + rng.uniform(-70, 20),
                rng.uniform(46, 70),
                rng.uniform(0, math.tau),
                rng.choice(greens),
            )
    for bx, by in branches[1::2]:
        draw.line((bx, by, bx, by + 24), fill=(104, 74, 48), width=6)
        _grapes(draw, bx, by + 40, 1.3, rng)
    return picture


def _wheat(size: Size) -> Image.Image:
    """A ripe wheat field down to the lake, hills across the water, ears in the foreground."""
    width, height = size
    rng = random.Random(100)
    picture = _vertical_gradient(size, (150, 190, 226), (232, 228, 210))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((width * 0.78, height * 0.08, width * 0.78 + 110, height * 0.08 + 110), fill=(252, 240, 196))
    draw.polygon(_ridge(rng, width, height * 0.38, height * 0.03, height), fill=(146, 158, 152))
    draw.rectangle((0, height * 0.43, width, height), fill=(120, 160, 186))  # the lake
    draw.polygon(_ridge(rng, width, height * 0.52, height * 0.025, height), fill=(214, 172, 82))
    field = _vertical_gradient((width, int(height * 0.5)), (216, 176, 86), (186, 140, 56))
    picture.paste(field, (0, int(height * 0.55)))
    for depth in range(3):  # rows of ears, larger and fewer towards the front
        scale = 0.6 + depth * 0.5
        base = height * (0.72 + depth * 0.13)
        for _ in range(150 - depth * 30):
            x = rng.uniform(-20, width + 20)
            lean = rng.uniform(-12, 12) * scale
            tip = (x + lean, base - 120 * scale + rng.uniform(-12, 12))
            draw.line((x, base + 40 * scale, *tip), fill=(164, 124, 48), width=max(2, round(2 * scale)))
            shade = rng.randint(-10, 10)
            ear_w, ear_h = 7 * scale, 30 * scale
            draw.ellipse(
                (tip[0] - ear_w, tip[1] - ear_h, tip[0] + ear_w, tip[1] + ear_h),
                fill=(214 + shade, 170 + shade, 78),
            )
            for grain in range(1, 5):  # the grains' notches, and the awns above
                gy = tip[1] - ear_h + grain * ear_h * 0.4
                draw.line((tip[0] - ear_w * 0.7, gy, tip[0], gy + 4 * scale), fill=(176, 130, 54), width=1)
                draw.line((tip[0] + ear_w * 0.7, gy, tip[0], gy + 4 * scale), fill=(176, 130, 54), width=1)
            for awn in (-1, 0, 1):
                draw.line(
                    (tip[0], tip[1] - ear_h * 0.8, tip[0] + awn * 8 * scale, tip[1] - ear_h * 1.7),
                    fill=(200, 160, 80),
                    width=1,
                )
    return picture


def _sheep(draw: ImageDraw.ImageDraw, x: float, y: float, scale: float, facing: int) -> None:
    w, h = 64 * scale, 40 * scale
    for leg in (-0.28, 0.28):
        draw.line(
            (x + leg * w, y + h * 0.2, x + leg * w, y + h * 0.85),
            fill=(60, 50, 44),
            width=max(2, round(5 * scale)),
        )
    draw.ellipse((x - w / 2, y - h / 2, x + w / 2, y + h / 2), fill=(240, 236, 226))
    hx = x + facing * w * 0.52
    draw.ellipse((hx - 13 * scale, y - h * 0.55, hx + 13 * scale, y + h * 0.05), fill=(64, 54, 48))


def _shepherd(size: Size) -> Image.Image:
    """Dry, folded hills; a path; a shepherd with his staff walking ahead of his flock towards a
    patch of green."""
    width, height = size
    rng = random.Random(23)
    picture = _vertical_gradient(size, (176, 204, 226), (240, 222, 190))
    draw = ImageDraw.Draw(picture)
    for base, colour in (
        (0.42, (196, 168, 128)),
        (0.52, (206, 176, 130)),
        (0.63, (218, 188, 138)),
        (0.76, (226, 198, 146)),
    ):
        draw.polygon(_ridge(rng, width, height * base, height * 0.05, height), fill=colour)
    path = [
        (width * 0.05, height),
        (width * 0.3, height * 0.86),
        (width * 0.55, height * 0.8),
        (width * 0.8, height * 0.74),
        (width, height * 0.72),
    ]
    draw.line(path, fill=(236, 214, 170), width=44, joint="curve")
    pasture_x, pasture_y = width * 0.86, height * 0.76
    draw.ellipse((pasture_x - 170, pasture_y - 40, pasture_x + 170, pasture_y + 40), fill=(130, 160, 84))
    draw.ellipse((pasture_x - 110, pasture_y - 20, pasture_x + 90, pasture_y + 28), fill=(108, 146, 70))
    shepherd_x, ground = width * 0.7, height * 0.8
    top = _figure(draw, shepherd_x, ground, 1.1, (120, 84, 58), (176, 128, 92))
    draw.polygon(
        [
            (shepherd_x - 30, top + 4),
            (shepherd_x + 30, top + 4),
            (shepherd_x + 44, top + 80),
            (shepherd_x - 44, top + 80),
        ],
        fill=(214, 200, 170),
    )  # headcloth
    draw.ellipse((shepherd_x - 28, top, shepherd_x + 28, top + 56), fill=(176, 128, 92))
    staff_x = shepherd_x + 66
    draw.line((staff_x, ground + 6, staff_x, top - 10), fill=(90, 62, 40), width=8)
    draw.arc((staff_x - 40, top - 50, staff_x, top - 10), 270, 90, fill=(90, 62, 40), width=8)
    draw.arc((staff_x - 40, top - 50, staff_x, top - 10), 180, 360, fill=(90, 62, 40), width=8)
    for index in range(11):  # the flock, behind him along the path
        t = index / 10
        x = width * (0.6 - t * 0.48) + rng.uniform(-30, 30)
        y = height * (0.82 + t * 0.07) + rng.uniform(-18, 18)
        _sheep(draw, x, y, 0.9 + t * 0.5, facing=1)
    return picture


ILLUSTRATIONS: dict[str, Illustration] = {
    "/media/demo/john/papyrus-66.jpg": Illustration((1200, 1600), _papyrus),
    "/media/demo/maps/galilee-en.png": Illustration((1400, 1000), _galilee("en")),
    "/media/demo/maps/galilee-fr.png": Illustration((1400, 1000), _galilee("fr")),
    "/media/demo/pneumatology/pentecost-upper-room.jpg": Illustration((1600, 900), _upper_room),
    "/media/demo/pneumatology/vine-and-branches.jpg": Illustration((1600, 1067), _vine),
    "/media/demo/parables/wheat-field.jpg": Illustration((1600, 900), _wheat),
    "/media/demo/psalms/shepherd-judean-hills.jpg": Illustration((1600, 1000), _shepherd),
}
