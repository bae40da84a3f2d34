from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.imports import service
from bibliology.imports.runner import Outcome, run_import
from bibliology.media.storage import MEDIA_DIR_ENV
from bibliology.policy import Actor
from tests.factories import make_course, make_teacher
from tests.support import SavepointTransactions


@pytest.fixture
def media_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "media"
    monkeypatch.setenv(MEDIA_DIR_ENV, str(root))
    return root


@pytest.fixture
def transactions(session: Session, media_root: Path) -> SavepointTransactions:
    return SavepointTransactions(session)


@pytest.fixture
def course(session: Session) -> Course:
    return make_course(session, teacher=make_teacher(session))


@pytest.fixture
def teacher_actor(course: Course, session: Session) -> Actor:
    teacher = session.get_one(User, course.teacher_id)
    return Actor(teacher.id, teacher.role)


def import_deck(
    transactions: SavepointTransactions,
    *,
    actor: Actor,
    course: Course,
    data: bytes,
    filename: str = "deck.pptx",
    lesson_id: str | None = None,
    language: str = "en",
) -> Outcome:
    """Upload (without queueing a job) and run an import, as the CLI does."""
    with transactions.unit_of_work() as session:
        record = service.create(
            session,
            actor=actor,
            course_id=course.id,
            data=data,
            filename=filename,
            lesson_id=lesson_id,
            language=language,
            enqueue=False,
        )
    return run_import(transactions, import_id=record.id)


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file() and path.name != ".lock")
