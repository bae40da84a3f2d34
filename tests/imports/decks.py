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
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE, PROG_ID
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
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


PICTURE_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "The journeys of Paul",
        "alt": "Map of the eastern Mediterranean",
        "caption": "Paul's *second* journey, from Antioch to Corinth",
        "above": "Above the picture: the caption comes first",
        "other": "A second paragraph, not a caption",
        "point": "Antioch",
        "point2": "Corinth",
    },
    "fr": {
        "title": "Les voyages de Paul",
        "alt": "Carte de la Méditerranée orientale",
        "caption": "Le *deuxième* voyage de Paul, d’Antioche à Corinthe",
        "above": "Au-dessus de l’image : la légende vient d’abord",
        "other": "Un second paragraphe, pas une légende",
        "point": "Antioche",
        "point2": "Corinthe",
    },
}
PICTURE_SLIDE_COUNT = 6


def build_picture_slides(lang: str = "en") -> bytes:
    """Picture slides: a title, one picture and its caption (below, then above the picture), and
    slides where the picture is one element among several (two texts, a list, two pictures, two
    columns)."""
    t = PICTURE_TEXTS[lang]
    deck = Presentation()
    layouts = deck.slide_layouts

    slide = deck.slides.add_slide(layouts[TITLE_ONLY])  # picture, then its caption
    slide.shapes.title.text = t["title"]
    _picture(slide, t["alt"])
    _caption(slide, t["caption"])

    slide = deck.slides.add_slide(layouts[TITLE_ONLY])  # the caption above the picture
    slide.shapes.title.text = t["title"]
    _caption(slide, t["above"])
    _picture(slide, t["alt"])

    slide = deck.slides.add_slide(layouts[TITLE_ONLY])  # a picture and two texts
    slide.shapes.title.text = t["title"]
    _picture(slide, t["alt"])
    _caption(slide, t["caption"])
    _textbox(slide, t["other"])

    slide = deck.slides.add_slide(layouts[TITLE_AND_CONTENT])  # a list and a picture
    slide.shapes.title.text = t["title"]
    frame = slide.placeholders[1].text_frame
    frame.text = t["point"]
    frame.add_paragraph().text = t["point2"]
    _picture(slide, t["alt"])

    slide = deck.slides.add_slide(layouts[TITLE_ONLY])  # two pictures and a caption
    slide.shapes.title.text = t["title"]
    _picture(slide, t["alt"])
    _picture(slide, t["alt"])
    _caption(slide, t["caption"])

    slide = deck.slides.add_slide(layouts[TWO_CONTENT])  # text and picture side by side
    slide.shapes.title.text = t["title"]
    slide.placeholders[1].text_frame.text = t["caption"]
    _remove(slide.placeholders[2])
    _picture(slide, t["alt"])
    return save(deck)


def _picture(slide: Slide, alt: str | None, image: bytes | None = None) -> Any:
    picture = slide.shapes.add_picture(io.BytesIO(image or imagegen.png((96, 64))), Inches(2), Inches(2))
    element: Any = picture._element  # python-pptx types the XML children loosely
    element.nvPicPr.cNvPr.set("descr", alt or "")
    return picture


def _caption(slide: Slide, text: str) -> Any:
    """A text box whose words between asterisks are italic (what the rich text keeps)."""
    box = slide.shapes.add_textbox(Inches(2), Inches(6), Inches(6), Inches(0.5))
    paragraph = box.text_frame.paragraphs[0]
    for index, part in enumerate(text.split("*")):
        if part:
            run = paragraph.add_run()
            run.text = part
            run.font.italic = index % 2 == 1
    return box


def build_shapes() -> bytes:
    """One slide of shapes: an empty title, a GIF with a description and a JPEG without, a text box,
    a group (a text box and two labelled boxes), a connector and a table with a header row."""
    deck = Presentation()
    deck.core_properties.title = ""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    _picture(slide, "python-logo.gif", imagegen.encode(imagegen.picture((40, 30)), "GIF"))
    _picture(slide, None, imagegen.jpeg((50, 40)))
    _textbox(slide, "Test text")
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(5), Inches(3), Inches(1)).text_frame.text = "Group test text"
    for number in (1, 2):
        box = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(number * 2), Inches(6), Inches(1), Inches(1))
        box.text_frame.text = f"Box {number}"
    slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(1), Inches(1), Inches(4), Inches(4))
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(3), Inches(4), Inches(1)).table
    for c, (head, cell) in enumerate((("Col head 1", "Cell text 1"), ("Col head 2", "Cell text 2"))):
        table.cell(0, c).text, table.cell(1, c).text = head, cell
    return save(deck)


def build_titles(*, core_title: str = "") -> bytes:
    """A title-and-content slide with notes, a blank slide with notes only, and a title slide with a
    subtitle; `core_title` is the deck's title property (python-pptx's default when empty)."""
    deck = Presentation()
    if core_title:
        deck.core_properties.title = core_title
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = "Title Text"
    slide.placeholders[1].text = "Body Text"
    slide.notes_slide.notes_text_frame.text = "Notes in inherited position and size."
    slide = deck.slides.add_slide(deck.slide_layouts[BLANK])
    slide.notes_slide.notes_text_frame.text = "Notes in modified position and size."
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_SLIDE])
    slide.shapes.title.text = "Minimal Deck"
    slide.placeholders[1].text = "Single slide, “White” template"
    return save(deck)


def build_untitled(*, core_title: str = "") -> bytes:
    """One blank slide holding a text box: no slide title for the lesson to take."""
    deck = Presentation()
    deck.core_properties.title = core_title
    _textbox(deck.slides.add_slide(deck.slide_layouts[BLANK]), "Only a text box")
    return save(deck)


_DGM_NS = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def build_smartart(texts: tuple[str, ...] = ("shapes[5]", "Smart Art")) -> bytes:
    """A SmartArt diagram as PowerPoint stores it (python-pptx cannot write one): a graphic frame
    pointing at a diagram data part whose nodes hold the texts, plus a connector-type point."""
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = "A diagram"
    points = [
        f'<dgm:pt modelId="0" type="doc"><dgm:t><a:p><a:r><a:t>{_xml("the document")}</a:t></a:r></a:p></dgm:t></dgm:pt>'
    ]
    points += [
        f'<dgm:pt modelId="{n}"><dgm:t><a:bodyPr/><a:p><a:r><a:t>{_xml(text)}</a:t></a:r></a:p></dgm:t></dgm:pt>'
        for n, text in enumerate(texts, start=1)
    ]
    points.append(
        '<dgm:pt modelId="99" type="parTrans"><dgm:t><a:p><a:r><a:t>link</a:t></a:r></a:p></dgm:t></dgm:pt>'
    )
    data = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<dgm:dataModel xmlns:dgm="{_DGM_NS}" '
        f'xmlns:a="{_A_NS}"><dgm:ptLst>{"".join(points)}</dgm:ptLst><dgm:cxnLst/></dgm:dataModel>'
    ).encode()
    part = Part(
        PackURI("/ppt/diagrams/data1.xml"),
        "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
        slide.part.package,
        data,
    )
    relation = slide.part.relate_to(part, RT.DIAGRAM_DATA)
    frame = parse_xml(
        f'<p:graphicFrame xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="{_A_NS}" xmlns:r="{_R_NS}"><p:nvGraphicFramePr><p:cNvPr id="7" name="Diagram 7"/>'
        "<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>"
        '<p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm>'
        f'<a:graphic><a:graphicData uri="{_DGM_NS}"><dgm:relIds xmlns:dgm="{_DGM_NS}" r:dm="{relation}"/>'
        "</a:graphicData></a:graphic></p:graphicFrame>"
    )
    slide.shapes._spTree.append(frame)
    return save(deck)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


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
