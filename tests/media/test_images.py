"""Image validation and re-encoding: content decides the type, limits apply before pixels are
decoded, and the stored image carries no metadata."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from bibliology.media import images
from bibliology.media.images import ImageRejected, reencode, sniff
from tests.media import imagegen

GPS_IFD = 0x8825


def rejected(data: bytes) -> str:
    with pytest.raises(ImageRejected) as caught:
        reencode(data)
    return str(caught.value)


@pytest.mark.parametrize(
    ("source", "content_type"),
    [
        (imagegen.png(), "image/png"),
        (imagegen.jpeg(), "image/jpeg"),
        (imagegen.encode(imagegen.picture(), "GIF"), "image/png"),
        (imagegen.encode(imagegen.picture(), "WEBP", quality=80), "image/jpeg"),
        (imagegen.encode(imagegen.picture(), "WEBP", lossless=True), "image/png"),
        (imagegen.encode(imagegen.picture(mode="RGBA"), "WEBP", quality=80), "image/png"),
    ],
    ids=["png", "jpeg", "gif", "webp-lossy", "webp-lossless", "webp-alpha"],
)
def test_accepted_formats_are_reencoded(source: bytes, content_type: str) -> None:
    result = reencode(source)
    assert result.content_type == content_type
    assert (result.width, result.height) == (64, 48)
    decoded = imagegen.decode(result.data)
    assert decoded.format == ("PNG" if content_type == "image/png" else "JPEG")
    assert decoded.size == (64, 48)
    assert result.extension == ("png" if content_type == "image/png" else "jpg")


def test_lossless_pixels_survive_exactly() -> None:
    original = imagegen.picture()
    result = reencode(imagegen.encode(original, "PNG"))
    assert imagegen.decode(result.data).convert("RGB").tobytes() == original.tobytes()


def test_transparency_and_palettes_are_kept() -> None:
    rgba = Image.new("RGBA", (8, 8), (10, 20, 30, 0))
    assert imagegen.decode(reencode(imagegen.encode(rgba, "PNG")).data).getpixel((0, 0)) == (10, 20, 30, 0)
    palette = Image.new("P", (8, 8), 3)
    gif = imagegen.decode(reencode(imagegen.encode(palette, "GIF", transparency=3)).data)
    assert gif.mode == "RGBA"
    assert gif.getpixel((0, 0)) == (0, 0, 0, 0)
    opaque = imagegen.decode(reencode(imagegen.encode(palette, "PNG")).data)
    assert opaque.mode == "P"


def test_exif_with_gps_is_removed_and_orientation_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    source = imagegen.jpeg((60, 20), exif=exif.tobytes())
    assert imagegen.decode(source).getexif().get_ifd(GPS_IFD), "the test image must carry GPS data"

    result = reencode(source)
    stored = imagegen.decode(result.data)
    assert (result.width, result.height) == (20, 60) == stored.size
    assert not stored.getexif()
    assert "exif" not in stored.info
    assert b"Exif" not in result.data
    assert b"PhoneMaker" not in result.data


def test_png_text_and_colour_profiles_are_not_kept() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jean Dupont, 12 rue des Lilas")
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = imagegen.png(pnginfo=info, icc_profile=srgb)
    result = reencode(source)
    assert b"Jean Dupont" not in result.data
    assert "icc_profile" not in imagegen.decode(result.data).info
    # An unusable profile is dropped rather than failing the upload.
    assert reencode(imagegen.png(icc_profile=profile)).content_type == "image/png"


def test_the_type_comes_from_the_content() -> None:
    assert sniff(imagegen.png()) == ("PNG", True)
    assert sniff(imagegen.jpeg()) == ("JPEG", True)
    assert reencode(imagegen.png()).content_type == "image/png"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (imagegen.pdf(), "not an image (detected: PDF)"),
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "not an image (detected: HTML)"),
        (
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "unsupported image format: SVG",
        ),
        (b"<svg onload=alert(1)>", "unsupported image format: SVG"),
        (b"PK\x03\x04" + bytes(40), "not an image (detected: ZIP archive)"),
        (b"just some words\n", "not an image (detected: text)"),
        (bytes(range(256)), "not an image (detected: unrecognised content)"),
        (imagegen.tiff(), "unsupported image format: TIFF"),
        (imagegen.encode(imagegen.picture(), "BMP"), "unsupported image format: BMP"),
        (imagegen.emf_header(), "unsupported image format: EMF"),
        (b"", "empty file"),
    ],
    ids=["pdf", "html", "svg-xml", "svg", "zip", "text", "binary", "tiff", "bmp", "emf", "empty"],
)
def test_refusals_say_what_was_found(data: bytes, message: str) -> None:
    assert rejected(data) == message


def test_polyglots() -> None:
    # HTML first, with a real PNG inside: the content is HTML.
    html_first = b"<html><body><!-- " + imagegen.png() + b" --></body></html>"
    assert rejected(html_first) == "not an image (detected: HTML)"
    # GIF header followed by script (the GIF/JavaScript polyglot): not a decodable GIF.
    gif_script = b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;alert(document.cookie);/*" + bytes(32)
    assert rejected(gif_script) == "not a valid GIF image: truncated or corrupt data"
    # A valid PNG carrying an HTML/ZIP payload after its end is accepted, but only its pixels survive.
    payload = b"<script>alert(1)</script>PK\x03\x04hidden-archive"
    result = reencode(imagegen.png() + payload)
    assert b"<script>" not in result.data
    assert b"hidden-archive" not in result.data


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_truncated_images_are_refused(fmt: str) -> None:
    whole = imagegen.encode(imagegen.picture((200, 200)), fmt)
    assert rejected(whole[: len(whole) // 2]) == f"not a valid {fmt} image: truncated or corrupt data"


def test_size_limit_in_bytes() -> None:
    big = imagegen.png() + bytes(int(12.3 * images.MiB) - len(imagegen.png()))
    assert rejected(big) == "file too large: 12.3 MiB (limit 10 MiB)"
    assert rejected(bytes(images.MAX_BYTES + 1)).startswith("file too large: 10.0 MiB")


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (14000, 9000, "image too large: 14000×9000 pixels (limit 40 megapixels)"),
        (50000, 50000, "image too large: 50000×50000 pixels (limit 40 megapixels)"),
        (8000, 5001, "image too large: 8000×5001 pixels (limit 40 megapixels)"),
        (12001, 10, "image too large: 12001×10 pixels (limit 12000 pixels per side)"),
        (10, 0, "not a valid PNG image: truncated or corrupt data"),
    ],
)
def test_pixel_limits_apply_to_the_declared_header(width: int, height: int, message: str) -> None:
    # The token IDAT could never fill these images: the refusal comes from the header alone.
    assert rejected(imagegen.png_header_only(width, height)) == message


def test_webp_canvas_is_checked_before_its_decoder_allocates_it() -> None:
    data = imagegen.webp_canvas_header(16000, 16000)
    assert rejected(data) == "image too large: 16000×16000 pixels (limit 40 megapixels)"


def test_jpeg_dimensions_are_checked_from_the_header() -> None:
    # Patch the SOF0 frame size of a real JPEG to claim 20000×20000.
    data = bytearray(imagegen.jpeg((16, 16)))
    at = data.index(b"\xff\xc0") + 5
    data[at : at + 4] = (20000).to_bytes(2, "big") + (20000).to_bytes(2, "big")
    assert rejected(bytes(data)) == "image too large: 20000×20000 pixels (limit 40 megapixels)"


def test_the_largest_allowed_image_passes() -> None:
    result = reencode(imagegen.png((MAX_SIDE := images.MAX_SIDE, 2), mode="L"))
    assert (result.width, result.height) == (MAX_SIDE, 2)


def test_a_decompression_bomb_is_refused_without_decoding_its_pixels(tmp_path: Path) -> None:
    """A real 30000×30000 PNG (a few hundred kB, 900 MB once decoded) in a process whose address
    space is capped at 1 GiB: decoding it first would die with MemoryError instead of refusing."""
    bomb = imagegen.png_bomb(30000, 30000)
    assert len(bomb) < 2 * images.MiB
    path = tmp_path / "bomb.png"
    path.write_bytes(bomb)
    script = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({1 << 30}, {1 << 30}))
        from bibliology.media.images import ImageRejected, reencode
        try:
            reencode(open({str(path)!r}, "rb").read())
        except ImageRejected as exc:
            print(exc)
        """
    )
    env = os.environ | {"PYTHONWARNINGS": "error"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.stdout.strip() == "image too large: 30000×30000 pixels (limit 40 megapixels)", done.stderr


def test_the_bomb_would_really_need_the_memory(tmp_path: Path) -> None:
    """The control for the test above: the same capped process cannot decode the bomb."""
    bomb = imagegen.png_bomb(30000, 30000)
    path = tmp_path / "bomb.png"
    path.write_bytes(bomb)
    script = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, ({1 << 30}, {1 << 30}))
        from PIL import Image
        Image.MAX_IMAGE_PIXELS = None
        image = Image.open({str(path)!r})
        try:
            image.convert("RGB")
        except MemoryError:
            print("MemoryError")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert "MemoryError" in done.stdout + done.stderr


def test_pillow_itself_refuses_anything_over_the_limit() -> None:
    """Any other Pillow use in the process inherits the limit (and the warning is an error)."""
    assert Image.MAX_IMAGE_PIXELS == images.MAX_PIXELS
    with pytest.raises((Image.DecompressionBombError, Image.DecompressionBombWarning)):
        Image.open(io.BytesIO(imagegen.png_header_only(14000, 9000)))
