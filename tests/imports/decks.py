"""Decks built in the tests with python-pptx: an English study and its French twin (same shapes,
translated text), plus hostile archives for the safety checks."""

from __future__ import annotations

import io
import struct
import zipfile
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import PROG_ID
from pptx.slide import Slide
from pptx.util import Inches, Pt

from tests.media import imagegen

TEXTS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "The Fruit of the Spirit",
        "subtitle": "Galatians 5, a study",
        "welcome": "Welcome the class and pray.",
        "list_title": "Nine qualities",
        "love": "Love",
        "agape": "Agape in Greek",
        "self": "Self-giving",
        "joy": "Joy",
        "peace": "Peace",
        "list_notes": "Ask the class for examples.",
        "verse_title": "Key verse",
        "quote": "“But the fruit of the Spirit is love, joy, peace…”",
        "attribution": "— Galatians 5:22",
        "lone": "John 3:16",
        "inline_quote": "Love is patient, love is kind — 1 Corinthians 13:4",
        "read_title": "Read more",
        "read": "Read it on ",
        "link": "Bible Gateway",
        "tricky": "Stars like *these* and <script>alert(1)</script> stay text",
        "dash": "- not a list item",
        "words_title": "Words",
        "column": ["Greek words", "Meanings"],
        "table": [["Greek", "Meaning"], ["agape", "love"], ["chara", "joy"]],
        "alt": "Map of Galatia",
        "media_title": "Media",
        "chart": "Growth",
        "grouped": "Grouped text",
        "image_alt": "Paul's journeys",
    },
    "fr": {
        "title": "Le fruit de l’Esprit",
        "subtitle": "Galates 5, une étude",
        "welcome": "Accueillir le groupe et prier.",
        "list_title": "Neuf qualités",
        "love": "Amour",
        "agape": "Agapè en grec",
        "self": "Don de soi",
        "joy": "Joie",
        "peace": "Paix",
        "list_notes": "Demander des exemples au groupe.",
        "verse_title": "Verset clé",
        "quote": "« Mais le fruit de l’Esprit, c’est l’amour, la joie, la paix… »",
        "attribution": "— Galates 5,22",
        "lone": "Jean 3,16",
        "inline_quote": "L’amour est patient, il est plein de bonté — 1 Corinthiens 13,4",
        "read_title": "Pour aller plus loin",
        "read": "À lire sur ",
        "link": "Bible Gateway",
        "tricky": "Des étoiles *comme celles-ci* et <script>alert(1)</script> restent du texte",
        "dash": "- pas une liste",
        "words_title": "Mots",
        "column": ["Mots grecs", "Sens"],
        "table": [["Grec", "Sens"], ["agapè", "amour"], ["chara", "joie"]],
        "alt": "Carte de la Galatie",
        "media_title": "Médias",
        "chart": "Croissance",
        "grouped": "Texte groupé",
        "image_alt": "Les voyages de Paul",
    },
}
LINK = "https://www.biblegateway.com/passage/?search=Galatians+5&version=KJV"
SLIDE_COUNT = 8

# python-pptx's default template
TITLE_SLIDE, TITLE_AND_CONTENT, TWO_CONTENT, TITLE_ONLY, BLANK = 0, 1, 3, 5, 6


def build_study(
    lang: str = "en", *, drop_last_slide: bool = False, extra_block_on: int | None = None
) -> bytes:
    """The study deck: title slide, nested bullets, Scripture, links and escaping, a table and a
    picture in two columns, unsupported objects, a blank slide and a picture-only slide."""
    t = TEXTS[lang]
    deck = Presentation()
    layouts = deck.slide_layouts

    slide = deck.slides.add_slide(layouts[TITLE_SLIDE])
    slide.shapes.title.text = t["title"]
    slide.placeholders[1].text = t["subtitle"]
    slide.notes_slide.notes_text_frame.text = t["welcome"]

    slide = deck.slides.add_slide(layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = t["list_title"]
    frame = slide.placeholders[1].text_frame
    entries = [(t["love"], 0, "bold"), (t["agape"], 1, None), (t["self"], 2, None), (t["joy"], 0, None)]
    entries.append((t["peace"], 0, "italic"))
    for index, (text, level, style) in enumerate(entries):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        paragraph.level = level
        if style == "bold":
            run.font.bold = True
        if style == "italic":
            run.font.italic = True
    slide.notes_slide.notes_text_frame.text = t["list_notes"]

    slide = deck.slides.add_slide(layouts[TITLE_ONLY])
    slide.shapes.title.text = t["verse_title"]
    box = _textbox(slide, t["quote"])
    box.text_frame.add_paragraph().text = t["attribution"]
    _textbox(slide, t["lone"])
    _textbox(slide, t["inline_quote"])

    slide = deck.slides.add_slide(layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = t["read_title"]
    paragraph = slide.placeholders[1].text_frame.paragraphs[0]
    paragraph.add_run().text = t["read"]
    link = paragraph.add_run()
    link.text = t["link"]
    link.hyperlink.address = LINK
    box = _textbox(slide, t["tricky"])
    box.text_frame.add_paragraph().text = t["dash"]

    slide = deck.slides.add_slide(layouts[TWO_CONTENT])
    slide.shapes.title.text = t["words_title"]
    left = slide.placeholders[1].text_frame
    left.text = t["column"][0]
    left.add_paragraph().text = t["column"][1]
    _remove(slide.placeholders[2])
    rows = t["table"]
    table = slide.shapes.add_table(len(rows), 2, Inches(1), Inches(4), Inches(4), Inches(1)).table
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    picture = slide.shapes.add_picture(io.BytesIO(imagegen.png((80, 60))), Inches(6), Inches(2))
    picture._element.nvPicPr.cNvPr.set("descr", t["alt"])

    slide = deck.slides.add_slide(layouts[TITLE_ONLY])
    slide.shapes.title.text = t["media_title"]
    data = CategoryChartData()  # type: ignore[no-untyped-call]
    data.categories = ["2024", "2025"]
    data.add_series("S", (1, 2))  # type: ignore[no-untyped-call]
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(2), Inches(2), data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = t["chart"]
    poster = io.BytesIO(imagegen.png())
    movie = io.BytesIO(b"\0\0\0\x18ftypmp42")
    slide.shapes.add_movie(
        movie, 0, 0, Inches(1), Inches(1), poster_frame_image=poster, mime_type="video/mp4"
    )
    slide.shapes.add_ole_object(io.BytesIO(b"PK not really a workbook"), PROG_ID.XLSX, Inches(3), 0)
    metafile = slide.shapes.add_picture(io.BytesIO(emf()), Inches(5), 0, Inches(1), Inches(1))
    metafile._element.nvPicPr.cNvPr.set("descr", t["alt"])
    group = slide.shapes.add_group_shape()
    inner = group.shapes.add_textbox(Inches(1), Inches(5), Inches(3), Inches(1))
    inner.text_frame.text = t["grouped"]

    deck.slides.add_slide(layouts[BLANK])

    slide = deck.slides.add_slide(layouts[BLANK])
    picture = slide.shapes.add_picture(io.BytesIO(imagegen.jpeg((120, 90))), Inches(1), Inches(1))
    picture._element.nvPicPr.cNvPr.set("descr", t["image_alt"])

    if extra_block_on is not None:
        _textbox(deck.slides[extra_block_on], "one more")
    if drop_last_slide:
        _drop_slide(deck, len(deck.slides) - 1)
    return save(deck)


def emf() -> bytes:
    """A tiny Enhanced Metafile (a header with bounds and an end record): python-pptx stores it as a
    metafile picture, which browsers, Pillow and our media service cannot show."""
    header = struct.pack("<II4i4i", 1, 108, 0, 0, 99, 99, 0, 0, 2000, 2000) + b" EMF"
    header += struct.pack("<IIIHHIII", 0x10000, 128, 2, 0, 0, 0, 0, 0) + struct.pack(
        "<4i", 1024, 768, 320, 240
    )
    return header.ljust(108, b"\0") + struct.pack("<5I", 14, 20, 0, 16, 20)


def build_slides(count: int, *, title: str = "Slide") -> bytes:
    """A deck of `count` title-and-content slides with a picture each (for speed and the worker)."""
    deck = Presentation()
    for number in range(1, count + 1):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_AND_CONTENT])
        slide.shapes.title.text = f"{title} {number}"
        frame = slide.placeholders[1].text_frame
        frame.text = f"Point {number}.1"
        frame.add_paragraph().text = f"Point {number}.2"
        frame.add_paragraph().level = 1
        slide.shapes.add_picture(io.BytesIO(imagegen.png((40 + number, 30))), Inches(6), Inches(5))
        slide.notes_slide.notes_text_frame.text = f"Notes {number}"
    return save(deck)


def empty_deck() -> bytes:
    return save(Presentation())


def save(deck: Any) -> bytes:
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _textbox(slide: Slide, text: str) -> Any:
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    box.text_frame.text = text
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    return box


def _remove(shape: Any) -> None:
    element = shape._element
    element.getparent().remove(element)


def _drop_slide(deck: Any, index: int) -> None:
    slide_ids = deck.slides._sldIdLst
    slide_ids.remove(slide_ids[index])


# --------------------------------------------------------------------------- hostile files


def rezip(
    data: bytes, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    """The archive with some members replaced or added."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, payload in add.items():
            target.writestr(name, payload)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A real deck plus one member of 200 MB of zeros (about 200 KB compressed)."""
    out = io.BytesIO(build_slides(1))
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("ppt/media/bomb.bin", "w") as member,
    ):
        chunk = bytes(1024 * 1024)
        for _ in range(200):
            member.write(chunk)
    return out.getvalue()


def many_entries(count: int = 20_000) -> bytes:
    out = io.BytesIO(build_slides(1))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as archive:
        for number in range(count):
            archive.writestr(f"ppt/junk/{number}.txt", b"")
    return out.getvalue()


XXE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    b'<!DOCTYPE p:sld [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)


def xxe_deck() -> bytes:
    """A deck whose first slide declares an external entity and uses it in a title."""
    deck = build_slides(1)
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        slide = archive.read("ppt/slides/slide1.xml")
    body = slide.split(b"?>", 1)[1].replace(b"Slide 1", b"&xxe;")
    return rezip(deck, replace={"ppt/slides/slide1.xml": XXE + body.lstrip()})


def docx() -> bytes:
    """A minimal Word document (what a renamed .docx holds)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>',
        )
    return out.getvalue()


def ole_file(stream_name: str) -> bytes:
    """The start of an OLE compound file naming a stream (enough for the signature checks)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream_name.encode("utf-16-le") + bytes(64)


def slide_xml(data: bytes, number: int) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(f"ppt/slides/slide{number}.xml")
