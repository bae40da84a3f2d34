"""Checks a deck must pass before python-pptx opens it (python-pptx reads every zip member, whole,
with no limit of its own).

Order matters: the cheap facts first (size, signature, the zip's own directory), then the XML
parts, each parsed with defusedxml (no DOCTYPE, no entities, no external references) within the
size limits already checked. Each refusal has its own code and message, for the uploader.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_xml  # type: ignore[import-untyped]
from defusedxml import DefusedXmlException

from bibliology.errors import Invalid

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    upload_bytes: int = 50 * MiB
    entries: int = 2_000
    uncompressed_bytes: int = 300 * MiB
    # An entry expanding more than this (and past `ratio_floor_bytes`) is treated as a zip bomb.
    ratio: int = 100
    ratio_floor_bytes: int = MiB
    slides: int = 1_000


LIMITS = Limits()


@dataclass
class DeckRefused(Invalid):
    """A file that is not a deck we will open; `code` names the reason (for tests and clients)."""

    code: str = "invalid"

    def __post_init__(self) -> None:
        if not self.fields:
            self.fields = [{"field": "file", "message": self.detail}]


@dataclass(frozen=True)
class DeckFacts:
    slide_count: int
    entries: int
    uncompressed_bytes: int


OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_XML_NAMES = (".xml", ".rels", ".vml")

CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
P_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
# The main parts python-pptx opens; the others are named so the refusal can say what the file is.
PRESENTATION_TYPES = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
)
OTHER_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": (
        "a PowerPoint show (.ppsx)"
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": (
        "a PowerPoint template (.potx)"
    ),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        "a Word document (.docx)"
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
        "an Excel workbook (.xlsx)"
    ),
}


def check_deck(data: bytes, *, limits: Limits = LIMITS) -> DeckFacts:
    """Refuse (DeckRefused) anything but a reasonably sized, well-formed .pptx with slides."""
    check_size(len(data), limits=limits)
    if data.startswith(OLE_SIGNATURE):
        raise _ole_refusal(data)
    if data.startswith(b"%PDF"):
        raise DeckRefused("This is a PDF, not a PowerPoint deck: upload the .pptx file.", code="not-pptx")
    _check_entry_count(data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, struct.error):
        raise _not_a_zip() from None
    with archive:
        infos = archive.infolist()
        uncompressed = _check_expansion(infos, limits)
        roots = dict(_parse_xml_parts(archive, infos))
        main = _main_part(roots)
        slide_count = _slide_count(roots, main, limits)
    return DeckFacts(slide_count=slide_count, entries=len(infos), uncompressed_bytes=uncompressed)


def check_size(byte_count: int, *, limits: Limits = LIMITS) -> None:
    """Refuse an empty or oversized file before reading it."""
    if byte_count == 0:
        raise DeckRefused("The file is empty.", code="empty")
    if byte_count > limits.upload_bytes:
        raise DeckRefused(
            f"The file is {byte_count / MiB:.1f} MiB; decks may be at most {limits.upload_bytes / MiB:g} MiB.",
            code="too-large",
        )


def _ole_refusal(data: bytes) -> DeckRefused:
    # An OLE compound file: PowerPoint wraps password-protected decks in one, and 97–2003 .ppt is one.
    if "EncryptedPackage".encode("utf-16-le") in data:
        return DeckRefused(
            "This deck is password-protected (encrypted). Remove the password in PowerPoint "
            "(File › Info › Protect Presentation) and upload it again.",
            code="encrypted",
        )
    if "PowerPoint Document".encode("utf-16-le") in data:
        return DeckRefused(
            "This is a PowerPoint 97–2003 .ppt file. Save it as .pptx in PowerPoint and upload that.",
            code="legacy-ppt",
        )
    return DeckRefused(
        "This is an old-style Office file (OLE compound document), not a .pptx deck.", code="not-pptx"
    )


def _not_a_zip() -> DeckRefused:
    return DeckRefused("This file is not a PowerPoint .pptx deck (it is not a zip archive).", code="not-pptx")


def _check_entry_count(data: bytes, limits: Limits) -> None:
    """Count entries from the zip's end record before zipfile builds an object per entry."""
    start = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if start < 0 or len(data) < start + 22:
        raise _not_a_zip()
    (entries,) = struct.unpack_from("<H", data, start + 10)
    if entries == 0xFFFF:  # ZIP64: the real count is in the ZIP64 end record
        locator = start - 20
        if locator < 0 or data[locator : locator + 4] != _EOCD64_LOCATOR:
            raise _not_a_zip()
        (record,) = struct.unpack_from("<Q", data, locator + 8)
        if record + 40 > len(data) or data[record : record + 4] != _EOCD64:
            raise _not_a_zip()
        (entries,) = struct.unpack_from("<Q", data, record + 32)
    if entries > limits.entries:
        raise DeckRefused(
            f"The archive holds {entries:,} entries; a deck may hold at most {limits.entries:,}.",
            code="too-many-entries",
        )


def _check_expansion(infos: list[zipfile.ZipInfo], limits: Limits) -> int:
    if len(infos) > limits.entries:  # the end record understated the directory
        raise DeckRefused(
            f"The archive holds {len(infos):,} entries; a deck may hold at most {limits.entries:,}.",
            code="too-many-entries",
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise DeckRefused(
                "This archive's entries are encrypted; remove the password and upload it again.",
                code="encrypted",
            )
        expansion = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and expansion > limits.ratio:
            raise DeckRefused(
                f"The entry {info.filename!r} expands {expansion:,.0f} times "
                f"({info.compress_size:,} → {info.file_size:,} bytes): this looks like a zip bomb.",
                code="zip-bomb",
            )
    total = sum(info.file_size for info in infos)
    if total > limits.uncompressed_bytes:
        raise DeckRefused(
            f"The deck would expand to {total / MiB:,.0f} MiB; the limit is "
            f"{limits.uncompressed_bytes / MiB:g} MiB.",
            code="too-large-uncompressed",
        )
    return total


def _looks_like_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    if info.filename.lower().endswith(_XML_NAMES):
        return True
    with archive.open(info) as member:
        head = member.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _parse_xml_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> Iterator[tuple[str, Element]]:
    """Parse every XML part (an SVG picture too) with DTDs, entities and external references
    forbidden; yields (part name, root) pairs."""
    for info in infos:
        if info.is_dir() or not _looks_like_xml(archive, info):
            continue
        try:
            root = safe_xml.fromstring(archive.read(info))
        except DefusedXmlException:
            raise DeckRefused(
                f"The part {info.filename!r} declares a DOCTYPE or XML entities, which decks never "
                "contain (an XML external-entity attack?); the file is refused.",
                code="xml-entities",
            ) from None
        except ParseError as exc:
            raise DeckRefused(
                f"The part {info.filename!r} is not well-formed XML ({exc}); the file is damaged.",
                code="xml-malformed",
            ) from None
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
            raise DeckRefused(
                f"The entry {info.filename!r} cannot be read ({exc}); the file is damaged.", code="damaged"
            ) from None
        yield info.filename, root


def _main_part(roots: dict[str, Element]) -> str:
    types = roots.get("[Content_Types].xml")
    if types is None:
        raise DeckRefused(
            "This zip archive is not an Office document (it has no [Content_Types].xml).", code="not-pptx"
        )
    overrides = {
        node.get("ContentType", ""): node.get("PartName", "").lstrip("/")
        for node in types.iter(f"{CT_NS}Override")
    }
    for content_type in PRESENTATION_TYPES:
        if content_type in overrides:
            return overrides[content_type]
    for content_type, what in OTHER_MAIN_TYPES.items():
        if content_type in overrides:
            code = "not-pptx" if "PowerPoint" not in what else "pptx-variant"
            hint = "" if code == "not-pptx" else " Open it in PowerPoint and save it as a .pptx presentation."
            raise DeckRefused(f"This is {what}, not a PowerPoint presentation.{hint}", code=code)
    raise DeckRefused("This Office file is not a PowerPoint presentation.", code="not-pptx")


def _slide_count(roots: dict[str, Element], main: str, limits: Limits) -> int:
    presentation = roots.get(main)
    if presentation is None:
        raise DeckRefused(f"The deck's main part {main!r} is missing; the file is damaged.", code="damaged")
    count = len(presentation.findall(f"{P_NS}sldIdLst/{P_NS}sldId"))
    if count == 0:
        raise DeckRefused("The deck has no slides: there is nothing to import.", code="no-slides")
    if count > limits.slides:
        raise DeckRefused(
            f"The deck has {count:,} slides; split it into lessons of at most {limits.slides:,} slides.",
            code="too-many-slides",
        )
    return count
