"""Image checks and re-encoding: the type comes from the bytes (never the name or the client's
Content-Type), the dimensions from the header before any pixel is decoded, and what we store is a
fresh PNG or JPEG without any metadata."""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import GifImagePlugin, Image, ImageCms, ImageOps, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

MiB = 1024 * 1024
MAX_BYTES = 10 * MiB
MAX_MEGAPIXELS = 40
MAX_PIXELS = MAX_MEGAPIXELS * 1_000_000
MAX_SIDE = 12_000
JPEG_QUALITY = 90
ALLOWED_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
OUTPUT_CONTENT_TYPES = ("image/png", "image/jpeg")

# Pillow's own guard, process-wide, lowered to our limit and made an error: any Pillow path in this
# process that meets a bigger image (a GIF frame reaching past its canvas, say) refuses it.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)

# The only decoders we ever hand bytes to; importing them registers them in Image.OPEN.
_PLUGINS = (PngImagePlugin, JpegImagePlugin, GifImagePlugin, WebPImagePlugin)
_PNG_MODES = ("1", "L", "LA", "P", "RGB", "RGBA", "I;16")
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, TypeError, IndexError, KeyError, EOFError, struct.error)


class ImageRejected(ValueError):
    """The bytes are not an image we accept; the message says why, for the uploader."""


@dataclass(frozen=True)
class EncodedImage:
    data: bytes
    content_type: str
    extension: str
    width: int
    height: int


def check_byte_size(data: bytes) -> None:
    if not data:
        raise ImageRejected("empty file")
    if len(data) > MAX_BYTES:
        raise ImageRejected(f"file too large: {len(data) / MiB:.1f} MiB (limit {MAX_BYTES / MiB:g} MiB)")


def check_dimensions(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise ImageRejected(f"not a valid image: it declares {width}×{height} pixels")
    if width * height > MAX_PIXELS:
        raise ImageRejected(f"image too large: {width}×{height} pixels (limit {MAX_MEGAPIXELS} megapixels)")
    if max(width, height) > MAX_SIDE:
        raise ImageRejected(f"image too large: {width}×{height} pixels (limit {MAX_SIDE} pixels per side)")


def reencode(data: bytes) -> EncodedImage:
    """Validate an uploaded image and return its clean re-encoding, or raise ImageRejected."""
    check_byte_size(data)
    fmt = _accepted_format(data)
    with _pillow_guard(fmt):
        image = _open_header(data, fmt)
        check_dimensions(*image.size)
        image.seek(0)  # animated GIF/WebP: the first frame only
        image.load()
        check_dimensions(*image.size)  # a GIF frame may reach past the canvas it declared
        clean = _normalised(image)
    lossy = fmt == "JPEG" or (fmt == "WEBP" and _webp_is_lossy(data))
    return _encode(clean, lossy=lossy)


def _accepted_format(data: bytes) -> str:
    label, is_image = sniff(data)
    if label in ALLOWED_FORMATS:
        return label
    if is_image:
        raise ImageRejected(f"unsupported image format: {label}")
    raise ImageRejected(f"not an image (detected: {label})")


@contextmanager
def _pillow_guard(fmt: str) -> Iterator[None]:
    """Decoder failures become the uploader's 'truncated or corrupt', not a server error."""
    try:
        yield
    except ImageRejected:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ImageRejected(
            f"image too large: over {MAX_MEGAPIXELS} megapixels (a possible decompression bomb)"
        ) from exc
    except _DECODE_ERRORS as exc:
        raise ImageRejected(f"not a valid {fmt} image: truncated or corrupt data") from exc


def _open_header(data: bytes, fmt: str) -> Image.Image:
    """Read the header only. The format's own factory, not Image.open(), so that our limits, with the
    real dimensions in the message, apply before Pillow's; WebP's decoder allocates its canvas when
    it opens, so its size is read from the header first."""
    if fmt == "WEBP" and (size := _webp_canvas_size(data)):
        check_dimensions(*size)
    factory, _accept = Image.OPEN[fmt]
    return factory(io.BytesIO(data), "")


def _normalised(image: Image.Image) -> Image.Image:
    """Upright, in sRGB, in a mode PNG/JPEG can hold, with every piece of metadata dropped."""
    profile = image.info.get("icc_profile")
    try:
        upright = ImageOps.exif_transpose(image)
    except _DECODE_ERRORS:  # unreadable EXIF: keep the pixels as they are
        upright = image.copy()
    if "transparency" in upright.info or upright.mode in ("PA", "La", "RGBa"):
        upright = upright.convert("RGBA")
    if profile and upright.mode in ("RGB", "RGBA", "CMYK"):
        upright = _to_srgb(upright, profile)
    elif upright.mode not in _PNG_MODES:
        upright = upright.convert("RGB")
    upright.info = {}
    return upright


def _to_srgb(image: Image.Image, profile: bytes) -> Image.Image:
    """Apply an embedded colour profile once, so the profile itself need not be kept."""
    output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=output_mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):  # a broken profile: plain conversion
        converted = None
    return converted if converted is not None else image.convert(output_mode)


def _encode(image: Image.Image, *, lossy: bool) -> EncodedImage:
    """Photographs (lossy sources without transparency) stay JPEG; everything else becomes PNG, which
    keeps diagrams, text, palettes and transparency exact."""
    buffer = io.BytesIO()
    if lossy and image.mode in ("RGB", "L"):
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
        content_type, extension = "image/jpeg", "jpg"
    else:
        image.save(buffer, "PNG", optimize=True)
        content_type, extension = "image/png", "png"
    width, height = image.size
    return EncodedImage(buffer.getvalue(), content_type, extension, width, height)


def _webp_chunks(data: bytes) -> list[tuple[bytes, int]]:
    """(fourcc, payload offset) of a RIFF/WebP file's top-level chunks."""
    chunks, offset = [], 12
    while offset + 8 <= len(data):
        fourcc = data[offset : offset + 4]
        (size,) = struct.unpack_from("<I", data, offset + 4)
        chunks.append((fourcc, offset + 8))
        offset += 8 + size + (size & 1)
    return chunks


def _webp_canvas_size(data: bytes) -> tuple[int, int] | None:
    for fourcc, at in _webp_chunks(data)[:1]:
        if fourcc == b"VP8X" and len(data) >= at + 10:
            width = int.from_bytes(data[at + 4 : at + 7], "little") + 1
            return width, int.from_bytes(data[at + 7 : at + 10], "little") + 1
        if fourcc == b"VP8L" and len(data) >= at + 5 and data[at] == 0x2F:
            (bits,) = struct.unpack_from("<I", data, at + 1)
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        if fourcc == b"VP8 " and len(data) >= at + 10 and data[at + 3 : at + 6] == b"\x9d\x01\x2a":
            width, height = struct.unpack_from("<HH", data, at + 6)
            return width & 0x3FFF, height & 0x3FFF
    return None


def _webp_is_lossy(data: bytes) -> bool:
    """The first image bitstream decides: VP8 is lossy, VP8L lossless (animation frames nest theirs
    16 bytes into each ANMF chunk)."""
    for fourcc, at in _webp_chunks(data):
        inner = data[at + 16 : at + 20] if fourcc == b"ANMF" else fourcc
        if inner in (b"VP8 ", b"VP8L"):
            return inner == b"VP8 "
    return False


# What a file is, by its first bytes: (offset, signature, label, is an image).
_SIGNATURES: tuple[tuple[int, bytes, str, bool], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG", True),
    (0, b"\xff\xd8\xff", "JPEG", True),
    (0, b"GIF87a", "GIF", True),
    (0, b"GIF89a", "GIF", True),
    (8, b"WEBP", "WEBP", True),  # RIFF container, checked below
    (0, b"II*\x00", "TIFF", True),
    (0, b"MM\x00*", "TIFF", True),
    (0, b"\x00\x00\x01\x00", "ICO", True),
    (0, b"8BPS", "PSD", True),
    (0, b"\xd7\xcd\xc6\x9a", "WMF", True),
    (40, b" EMF", "EMF", True),
    (0, b"\x00\x00\x00\x0cjP  \r\n\x87\n", "JPEG 2000", True),
    (0, b"\xff\x4f\xff\x51", "JPEG 2000", True),
    (0, b"\x00\x00\x00\x0cJXL \r\n\x87\n", "JPEG XL", True),
    (0, b"\xff\x0a", "JPEG XL", True),
    (0, b"qoif", "QOI", True),
    (0, b"%PDF-", "PDF", False),
    (0, b"%!PS", "PostScript", False),
    (0, b"PK\x03\x04", "ZIP archive", False),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document", False),
    (0, b"\x1f\x8b", "gzip archive", False),
    (0, b"Rar!\x1a\x07", "RAR archive", False),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive", False),
    (0, b"\x7fELF", "executable", False),
    (0, b"MZ", "executable", False),
    (0, b"{\\rtf", "RTF", False),
    (0, b"ID3", "audio", False),
    (0, b"OggS", "audio/video", False),
    (8, b"WAVE", "audio", False),
    (8, b"AVI ", "video", False),
    (0, b"\x1a\x45\xdf\xa3", "video", False),
)
_HEIF_BRANDS = {
    b"heic": "HEIC",
    b"heix": "HEIC",
    b"hevc": "HEIC",
    b"mif1": "HEIF",
    b"avif": "AVIF",
    b"avis": "AVIF",
}
_BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124}
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<meta", b"<!--")


def sniff(data: bytes) -> tuple[str, bool]:
    """(label, is an image) for the content: a format name, or what the bytes look like instead."""
    for offset, signature, label, is_image in _SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            riff = offset == 8
            if not riff or data.startswith(b"RIFF"):
                return label, is_image
    if data[4:8] == b"ftyp":
        brand = _HEIF_BRANDS.get(data[8:12])
        return (brand, True) if brand else ("video", False)
    if (
        data.startswith(b"BM")
        and len(data) >= 18
        and struct.unpack_from("<I", data, 14)[0] in _BMP_HEADER_SIZES
    ):
        return "BMP", True
    return _sniff_text(data)


def _sniff_text(data: bytes) -> tuple[str, bool]:
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith((b"<?xml", b"<!doctype svg")) and b"<svg" in head):
        return "SVG", True
    if head.startswith(_HTML_STARTS):
        return "HTML", False
    if head.startswith(b"<?xml"):
        return "XML", False
    try:
        text = data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "unrecognised content", False
    printable = all(char.isprintable() or char in "\t\r\n\f" for char in text)
    return ("text", False) if printable else ("unrecognised content", False)
