"""The PDF read back: text with every French character, the localised date, the number; the QR
decodes to the verification URL; A4 and US Letter; the same inputs give the same bytes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bibliology.certificates import numbers
from bibliology.certificates.pdf import CertificateContent, localized_date, render
from tests.certificates.support import (
    HOLDER,
    TEACHER,
    TITLE_FR,
    page_image,
    page_size_points,
    pdf_text,
    qr_texts,
)

NUMBER = numbers.format_number(2026, "7K3MQ9XD")
URL = f"https://bibliology.example.org/verify/{NUMBER}"


def one_line(text: str) -> str:
    """pypdf gives one line per line of the page: a wrapped title reads on one line again."""
    return re.sub(r"[ \n]+", " ", text)


def content(language: str = "fr", **changes: object) -> CertificateContent:
    values: dict[str, object] = {
        "holder_name": HOLDER,
        "title": TITLE_FR if language == "fr" else "The Gospel of Mark",
        "course_title": None,
        "teacher_name": TEACHER,
        "completed_on": dt.date(2026, 12, 2),
        "issued_at": dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC),
        "number": NUMBER,
        "verify_url": URL,
        "language": language,
    }
    return CertificateContent(**(values | changes))  # type: ignore[arg-type]


def test_dates_are_formatted_for_the_locale() -> None:
    assert localized_date(dt.date(2026, 12, 2), "fr") == "2 décembre 2026"
    assert localized_date(dt.date(2026, 12, 2), "en") == "December 2, 2026"


def test_a_french_certificate_reads_right(tmp_path: Path) -> None:
    data = render(content("fr"), "A4")
    text = one_line(pdf_text(data))
    for expected in (
        HOLDER,
        TEACHER,
        "2 décembre 2026",
        NUMBER,
        "Certificat de réussite",
        "a suivi avec succès",
    ):
        assert expected in text, expected
    # The title inside French quotes, non-breaking spaces before : and ! as French typography wants.
    assert "«\u00a0L’Évangile selon Marc\u00a0: première lecture — œuvre, façon d’être\u00a0!\u00a0»" in text
    assert "Numéro du certificat\u00a0:" in text
    assert qr_texts(data) == [URL]
    image = page_image(data)
    image.save(tmp_path / "certificate-fr.png")  # a test artefact to look at
    assert image.width > image.height  # landscape


def test_every_french_character_survives_extraction() -> None:
    sample = "é è ê ç à ù œ æ ’ É À Ç Œ Æ ë ï ô û"
    text = pdf_text(render(content("fr", holder_name=sample), "A4"))
    assert sample in text


def test_an_english_certificate_on_us_letter() -> None:
    data = render(content("en"), "Letter")
    text = pdf_text(data)
    assert "Certificate of Completion" in text
    assert "December 2, 2026" in text
    assert "“The Gospel of Mark”" in text
    assert page_size_points(data) == pytest.approx((792, 612), abs=1)  # 11 × 8.5 in
    assert qr_texts(data) == [URL]


def test_a4_is_a4() -> None:
    assert page_size_points(render(content("fr"), "A4")) == pytest.approx((841.89, 595.28), abs=1)


def test_a_lesson_certificate_names_its_course() -> None:
    text = pdf_text(render(content("fr", title="Le baptême", course_title=TITLE_FR), "A4"))
    assert "a suivi avec succès la leçon" in text
    assert "«\u00a0Le baptême\u00a0»" in text
    assert "du cours" in text


def test_fonts_are_embedded() -> None:
    data = render(content("fr"), "A4")
    assert b"/FontFile2" in data
    assert b"DejaVuSerif" in data


def test_rendering_is_deterministic() -> None:
    assert render(content("fr"), "A4") == render(content("fr"), "A4")
