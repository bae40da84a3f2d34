"""Real image files made with Pillow in the test (no fixtures from outside), and hand-built headers
for the files Pillow would refuse to write."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from typing import Any

from PIL import Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def encode(image: Image.Image, fmt: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def picture(size: tuple[int, int] = (64, 48), mode: str = "RGB") -> Image.Image:
    """A non-uniform image (a gradient), so lossy encoders and orientation are observable."""
    width, height = size
    image = Image.new("RGB", size)
    image.putdata([(x * 255 // width, y * 255 // height, 128) for y in range(height) for x in range(width)])
    if mode == "RGBA":
        image.putalpha(Image.linear_gradient("L").resize(size))
    return image.convert(mode)


def png(size: tuple[int, int] = (64, 48), mode: str = "RGB", **options: Any) -> bytes:
    return encode(picture(size, mode), "PNG", **options)


def jpeg(size: tuple[int, int] = (64, 48), **options: Any) -> bytes:
    return encode(picture(size), "JPEG", **options)


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_header_only(width: int, height: int, *, bit_depth: int = 8, colour_type: int = 2) -> bytes:
    """A PNG declaring width×height with a token IDAT: what a bomb's header looks like."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + png_chunk(b"IEND", b"")
    )


def png_bomb(width: int, height: int) -> bytes:
    """A complete, valid 1-bit PNG of width×height zero pixels: a few hundred kilobytes that decode
    to width×height bytes (Pillow keeps one byte per pixel). Compressed in a stream, never held."""
    row = b"\0" * (1 + (width + 7) // 8)  # filter byte + packed bits
    compressor = zlib.compressobj(9)
    idat = b"".join(_compressed_rows(compressor, row, height))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return PNG_SIGNATURE + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def _compressed_rows(compressor: Any, row: bytes, height: int) -> Iterator[bytes]:
    batch = row * 256
    for start in range(0, height, 256):
        yield compressor.compress(batch if height - start >= 256 else row * (height - start))
    yield compressor.flush()


def webp_canvas_header(width: int, height: int) -> bytes:
    """An extended WebP header (VP8X) declaring a width×height canvas, with no image data."""
    vp8x = b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(vp8x)) + vp8x
    return b"RIFF" + struct.pack("<I", len(body)) + body


def emf_header() -> bytes:
    """The start of an Enhanced Metafile (EMR_HEADER record with its " EMF" signature at 40)."""
    record = bytearray(88)
    struct.pack_into("<II", record, 0, 1, 88)
    record[40:44] = b" EMF"
    return bytes(record) + b"\x0e\x00\x00\x00" + b"\x14\x00\x00\x00" + bytes(12)


def tiff() -> bytes:
    return encode(picture(), "TIFF")


def pdf() -> bytes:
    return encode(picture(), "PDF")
