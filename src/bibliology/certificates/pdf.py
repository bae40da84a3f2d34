"""The certificate as a PDF: one landscape page, A4 or US Letter, in English or French.

fpdf2 (pure Python, pip-only) with DejaVu Serif embedded as a subset (bibliology/data, Bitstream
Vera licence), so every French character renders and is extractable as text. The QR code is drawn
as vector squares from segno's module matrix. The output is deterministic for the same inputs (the
creation date is the issue date), so re-rendering stores the same bytes under the same media key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import segno
from babel.dates import format_date
from fpdf import FPDF

Paper = Literal["A4", "Letter"]
Language = Literal["en", "fr"]
PAPERS: tuple[Paper, ...] = ("A4", "Letter")
FONT = "DejaVuSerif"
NBSP = "\u00a0"  # French typography: before : ; ! ? and inside « »

_TEXTS: dict[Language, dict[str, str]] = {
    "en": {
        "heading": "Certificate of Completion",
        "certifies": "This certifies that",
        "course": "has successfully completed the course",
        "lesson": "has successfully completed the lesson",
        "of_course": "of the course",
        "teacher": "Teacher:",
        "date": "Completed on",
        "number": "Certificate number:",
        "verify": "Verify this certificate:",
    },
    "fr": {
        "heading": "Certificat de réussite",
        "certifies": "Nous certifions que",
        "course": "a suivi avec succès le cours",
        "lesson": "a suivi avec succès la leçon",
        "of_course": "du cours",
        "teacher": f"Enseignant{NBSP}:",
        "date": "Achevé le",
        "number": f"Numéro du certificat{NBSP}:",
        "verify": f"Vérifiez ce certificat{NBSP}:",
    },
}


@dataclass(frozen=True)
class CertificateContent:
    holder_name: str
    title: str  # the course's or lesson's, already in the language (with the English fallback)
    course_title: str | None  # for a lesson certificate: the course it belongs to
    teacher_name: str
    completed_on: dt.date
    issued_at: dt.datetime
    number: str
    verify_url: str
    language: Language


def default_paper(language: str) -> Paper:
    """US Letter for English readers, A4 for French ones (either can be asked for)."""
    return "Letter" if language == "en" else "A4"


def localized_date(day: dt.date, language: str) -> str:
    """'December 2, 2026' / '2 décembre 2026'."""
    return format_date(day, format="long", locale="fr_FR" if language == "fr" else "en_US")


def french_spacing(text: str) -> str:
    """A non-breaking space before : ; ! ? and inside « », whatever the author typed."""
    text = re.sub(r"[ \u00a0\u202f]*([:;!?»])", lambda m: NBSP + m.group(1), text)
    text = re.sub(r"«[ \u00a0\u202f]*", "«" + NBSP, text)
    # Not inside URLs and times: "https://", "10:30" have no space before the colon.
    return re.sub(r"(\S)\u00a0:(//|\d)", r"\1:\2", text)


def quoted(title: str, language: str) -> str:
    return f"«{NBSP}{title}{NBSP}»" if language == "fr" else f"“{title}”"


def render(content: CertificateContent, paper: Paper) -> bytes:
    texts = _TEXTS[content.language]
    pdf = FPDF(orientation="landscape", unit="mm", format="A4" if paper == "A4" else "letter")
    pdf.set_creation_date(content.issued_at)
    pdf.set_title(f"{texts['heading']} — {content.number}")
    pdf.set_author("Bibliology")
    pdf.set_lang(content.language)
    pdf.set_auto_page_break(auto=False)
    fonts = resources.files("bibliology") / "data"
    with (
        resources.as_file(fonts / "DejaVuSerif.ttf") as regular,
        resources.as_file(fonts / "DejaVuSerif-Bold.ttf") as bold,
    ):
        pdf.add_font(FONT, "", str(regular))
        pdf.add_font(FONT, "B", str(bold))
    pdf.add_page()
    width, height = pdf.w, pdf.h
    _frame(pdf, width, height)

    def line(text: str, size: float, *, style: str = "", gap: float = 4, color: int = 30) -> None:
        if content.language == "fr":
            text = french_spacing(text)
        pdf.set_font(FONT, style, size)
        pdf.set_text_color(color, color, color)
        for part in _wrap(pdf, text, width - 50):
            pdf.set_x(25)
            pdf.cell(width - 50, size * 0.45, part, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(pdf.get_y() + gap)

    pdf.set_y(32)
    line("BIBLIOLOGY", 12, style="B", gap=6, color=110)
    line(texts["heading"], 30, style="B", gap=10, color=25)
    line(texts["certifies"], 14, gap=5, color=70)
    line(content.holder_name, 26, style="B", gap=6)
    if content.course_title is None:
        line(texts["course"], 14, gap=5, color=70)
        line(quoted(content.title, content.language), 20, style="B", gap=8)
    else:
        line(texts["lesson"], 14, gap=5, color=70)
        line(quoted(content.title, content.language), 20, style="B", gap=3)
        line(f"{texts['of_course']} {quoted(content.course_title, content.language)}", 13, gap=8, color=70)
    line(f"{texts['teacher']} {content.teacher_name}", 13, gap=2, color=50)
    line(f"{texts['date']} {localized_date(content.completed_on, content.language)}", 13, gap=2, color=50)

    # Bottom band: the number on the left, the QR code and its URL on the right.
    qr_size = 34.0
    qr_x, qr_y = width - 25 - qr_size, height - 25 - qr_size
    _qr(pdf, content.verify_url, x=qr_x, y=qr_y, size=qr_size)
    pdf.set_text_color(60, 60, 60)
    pdf.set_font(FONT, "", 11)
    pdf.set_xy(25, height - 45)
    pdf.cell(0, 6, texts["number"])
    pdf.set_font(FONT, "B", 15)
    pdf.set_xy(25, height - 38)
    pdf.cell(0, 8, content.number)
    pdf.set_font(FONT, "", 9)
    pdf.set_xy(25, height - 29)
    pdf.cell(0, 5, f"{texts['verify']} {content.verify_url}")
    return bytes(pdf.output())


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Break at ordinary spaces only, so a non-breaking space keeps "être !" (NBSP) together (fpdf2's
    multi_cell turns non-breaking spaces into ordinary ones)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and pdf.get_string_width(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current]


def _frame(pdf: FPDF, width: float, height: float) -> None:
    pdf.set_draw_color(120, 95, 40)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, width - 20, height - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, width - 26, height - 26)


def _qr(pdf: FPDF, data: str, *, x: float, y: float, size: float) -> None:
    """Dark modules as filled rectangles (one per horizontal run), with the 4-module quiet zone
    inside `size`."""
    code = segno.make(data, error="m", micro=False)
    matrix = code.matrix
    border = 4
    modules = len(matrix) + 2 * border
    step = size / modules
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(matrix):
        column = 0
        while column < len(row):
            if row[column]:
                start = column
                while column < len(row) and row[column]:
                    column += 1
                pdf.rect(
                    x + (border + start) * step,
                    y + (border + row_index) * step,
                    (column - start) * step,
                    step,
                    style="F",
                )
            else:
                column += 1
