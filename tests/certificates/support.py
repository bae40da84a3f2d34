"""Reading certificates back: PDF text (pypdf), page 1 as an image (pypdfium2), the QR (zxing-cpp);
and committed completions for the service's tests."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.enums import EnrollmentStatus
from bibliology.progress.models import Enrollment
from tests import factories as f

HOLDER = "Hélène Dupré-Cœur"
TEACHER = "François Lefèvre"
TITLE_EN = "The Gospel of Mark: a first reading"
TITLE_FR = "L’Évangile selon Marc : première lecture — œuvre, façon d’être !"
COMPLETED_AT = dt.datetime(2026, 12, 2, 15, 30, tzinfo=dt.UTC)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_image(data: bytes, *, scale: float = 2.0) -> Image.Image:
    document = pypdfium2.PdfDocument(data)
    try:
        image: Image.Image = document[0].render(scale=scale).to_pil()
        return image
    finally:
        document.close()


def qr_texts(data: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(page_image(data))]


def page_size_points(data: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return float(box.width), float(box.height)


def completed_course(
    session: Session, *, language: str = "fr", student: User | None = None, course: Course | None = None
) -> tuple[User, Course, Enrollment]:
    """A student (French by default, a name with diacritics) who completed a bilingual course."""
    teacher = f.make_teacher(session, name=TEACHER)
    course = course or f.make_course(session, teacher=teacher, title_en=TITLE_EN, title_fr=TITLE_FR)
    student = student or f.make_user(session, name=HOLDER, language_pref=language)
    enrollment = f.make_enrollment(
        session, course=course, student=student, status=EnrollmentStatus.COMPLETED, completed_at=COMPLETED_AT
    )
    return student, course, enrollment
