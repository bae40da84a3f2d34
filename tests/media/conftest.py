from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.enums import ContentBlockType, LessonStatus
from bibliology.lessons.models import ContentBlock
from bibliology.media.models import MediaFile
from bibliology.media.service import media_url
from bibliology.media.storage import MEDIA_DIR_ENV, LocalStorage
from tests.factories import make_block, make_course, make_lesson, make_slide


@pytest.fixture
def media_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The media directory of this test; also the default storage's, so nothing lands elsewhere."""
    root = tmp_path / "media"
    monkeypatch.setenv(MEDIA_DIR_ENV, str(root))
    return root


@pytest.fixture
def storage(media_root: Path) -> LocalStorage:
    return LocalStorage(media_root)


def stored_files(root: Path) -> list[Path]:
    """Every media file under root (the lock file aside)."""
    return sorted(path for path in root.rglob("*") if path.is_file() and path.name != ".lock")


def show_in_block(
    session: Session,
    media_file: MediaFile,
    *,
    course: Course | None = None,
    course_status: LessonStatus = LessonStatus.PUBLISHED,
    lesson_status: LessonStatus = LessonStatus.PUBLISHED,
    french: bool = False,
) -> ContentBlock:
    """An IMAGE block showing the file (in English, or only in French), in a lesson of `course`
    (a new course of `course_status` when not given)."""
    course = course or make_course(session, status=course_status)
    slide = make_slide(session, lesson=make_lesson(session, course=course, status=lesson_status))
    image = {"url": media_url(media_file), "alt": "A map"}
    other = {"url": "https://example.org/other.png", "alt": "Another map"}
    return make_block(
        session,
        slide=slide,
        block_type=ContentBlockType.IMAGE,
        content_en=other if french else image,
        content_fr=image if french else None,
    )


def publish(session: Session, media_file: MediaFile) -> ContentBlock:
    """Make the file public: shown in a published lesson of a published course."""
    return show_in_block(session, media_file)
