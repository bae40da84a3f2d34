"""The teacher's import pages: upload an English deck (a new draft lesson) and its French twin onto
the same lesson, follow the import, read its report; refused files say why on the form (422)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.app import UPLOAD_LIMITS
from bibliology.courses.models import Course
from bibliology.enums import LessonStatus
from bibliology.http import DEFAULT_BODY_LIMIT, BodyLimitMiddleware
from bibliology.imports.api import PAGE_UPLOAD_LIMIT, UPLOAD_LIMIT
from bibliology.imports.models import PptxImport
from bibliology.imports.runner import ImportFailed, run_import
from bibliology.lessons.models import Lesson, Slide
from tests.factories import make_admin, make_course, make_lesson, make_teacher, make_user
from tests.imports import decks
from tests.support import SavepointTransactions

HTML = {"accept": "text/html"}
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@pytest.fixture
def teacher(session: Session) -> User:
    return make_teacher(session)


@pytest.fixture
def draft_course(session: Session, teacher: User) -> Course:
    return make_course(session, teacher=teacher, status=LessonStatus.DRAFT, title_en="Galatians")


def upload(client: TestClient, path: str, data: bytes, name: str = "fruit.pptx", **form: str) -> Response:
    return client.post(
        path, data=form, files={"file": (name, data, PPTX)}, headers=HTML, follow_redirects=False
    )


def import_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(PptxImport)) or 0


def test_an_english_deck_then_its_french_twin_become_one_lesson_with_a_report(
    client: TestClient,
    session: Session,
    login_as: Callable[[User], str],
    teacher: User,
    draft_course: Course,
    transactions: SavepointTransactions,
) -> None:
    login_as(teacher)
    form = client.get(f"/teach/courses/{draft_course.id}/import", headers=HTML)
    assert form.status_code == 200
    assert 'enctype="multipart/form-data"' in form.text
    assert 'aria-current="page">Import' in form.text  # the course's Import tab

    sent = upload(client, f"/teach/courses/{draft_course.id}/import", decks.build_study("en"))
    assert sent.status_code == 303, sent.text
    location = sent.headers["location"]
    assert location.startswith("/teach/imports/")
    import_id = location.rsplit("/", 1)[1]

    waiting = client.get(location, headers=HTML)
    assert waiting.status_code == 200
    assert "data-import-progress" in waiting.text
    assert "import-progress.js" in waiting.text
    assert f'data-import-url="/api/v1/imports/{import_id}"' in waiting.text
    assert 'href="/teach/imports/' in waiting.text  # the Refresh link, without JS
    assert 'http-equiv="refresh"' not in waiting.text

    run_import(transactions, import_id=import_id)  # what the worker does with the job
    done = client.get(location, headers=HTML)
    assert done.status_code == 200
    assert "data-import-progress" not in done.text
    record = session.get_one(PptxImport, import_id)
    lesson = session.get_one(Lesson, record.lesson_id)
    assert (lesson.course_id, lesson.status) == (draft_course.id, LessonStatus.DRAFT)
    slides = list(
        session.scalars(select(Slide.id).where(Slide.lesson_id == lesson.id).order_by(Slide.slide_order))
    )
    assert len(slides) == decks.SLIDE_COUNT
    text = done.text
    assert f'href="/teach/lessons/{lesson.id}"' in text
    for slide_id in slides:
        assert f'href="/teach/slides/{slide_id}"' in text
    for expected in ("TWO_COLUMN", "IMAGE_FOCUS", "Galatians 5:22", "John 3:16", "1 Corinthians 13:4"):
        assert expected in text, expected
    assert "chart not imported: a note takes its place on the slide" in text  # dropped, and why
    assert "<dt>Pictures kept</dt><dd>2</dd>" in text
    assert f'href="/teach/lessons/{lesson.id}/import"' in text  # next: its French twin

    twin_form = client.get(f"/teach/lessons/{lesson.id}/import", headers=HTML)
    assert twin_form.status_code == 200
    assert 'value="fr" checked' in twin_form.text
    sent = upload(
        client, f"/teach/lessons/{lesson.id}/import", decks.build_study("fr"), "fruit-fr.pptx", language="fr"
    )
    assert sent.status_code == 303
    french_id = sent.headers["location"].rsplit("/", 1)[1]
    run_import(transactions, import_id=french_id)
    report = client.get(f"/teach/imports/{french_id}", headers=HTML)
    assert report.status_code == 200
    assert "French deck" in report.text
    assert "Slides translated" in report.text
    session.expire_all()
    assert session.get_one(Slide, slides[0]).title_fr == "Le fruit de l’Esprit"
    # The imports are listed on the lesson's form.
    assert "fruit-fr.pptx" in client.get(f"/teach/lessons/{lesson.id}/import", headers=HTML).text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"just some text, renamed", "This file is not a PowerPoint .pptx deck (it is not a zip archive)."),
        (decks.zip_bomb(), "this looks like a zip bomb"),
        (decks.docx(), "This is a Word document (.docx), not a PowerPoint presentation."),
        (decks.empty_deck(), "The deck has no slides: there is nothing to import."),
        (b"", "Choose a .pptx file to upload."),
    ],
    ids=["text", "zip-bomb", "docx", "no-slides", "no-file"],
)
def test_a_refused_file_says_why_on_the_form(
    client: TestClient,
    session: Session,
    login_as: Callable[[User], str],
    teacher: User,
    draft_course: Course,
    data: bytes,
    message: str,
) -> None:
    login_as(teacher)
    before = import_count(session)
    name = "" if not data else "notes.pptx"
    refused = upload(client, f"/teach/courses/{draft_course.id}/import", data, name)
    assert refused.status_code == 422
    text = refused.text
    assert message.replace("'", "&#39;") in text
    assert 'aria-invalid="true" aria-describedby="deck-error"' in text
    assert 'id="deck-error"' in text
    assert import_count(session) == before  # nothing kept


def test_a_deck_over_the_limit_is_refused_by_the_importer_on_the_form(
    client: TestClient, login_as: Callable[[User], str], teacher: User, draft_course: Course
) -> None:
    login_as(teacher)
    refused = upload(client, f"/teach/courses/{draft_course.id}/import", b"\0" * (50 * 1024 * 1024 + 10))
    assert refused.status_code == 422
    assert "decks may be at most 50 MiB." in refused.text


def test_a_french_deck_that_does_not_match_fails_with_the_importers_message(
    client: TestClient,
    session: Session,
    login_as: Callable[[User], str],
    teacher: User,
    draft_course: Course,
    transactions: SavepointTransactions,
) -> None:
    login_as(teacher)
    lesson = make_lesson(session, course=draft_course, title_en="Empty")
    sent = upload(client, f"/teach/lessons/{lesson.id}/import", decks.build_slides(2), language="fr")
    assert sent.status_code == 303
    import_id = sent.headers["location"].rsplit("/", 1)[1]
    with pytest.raises(ImportFailed):
        run_import(transactions, import_id=import_id)
    page = client.get(f"/teach/imports/{import_id}", headers=HTML)
    assert page.status_code == 200
    record = session.get_one(PptxImport, import_id)
    assert record.status == "failed"
    assert record.error
    assert "The import failed; nothing was written." in page.text
    assert record.error.replace("'", "&#39;") in page.text
    assert f'href="/teach/lessons/{lesson.id}/import"' in page.text  # upload another


def test_an_english_reimport_of_a_published_lesson_is_refused_on_the_form(
    client: TestClient, session: Session, login_as: Callable[[User], str], teacher: User, draft_course: Course
) -> None:
    login_as(teacher)
    lesson = make_lesson(session, course=draft_course, status=LessonStatus.PUBLISHED)
    refused = upload(client, f"/teach/lessons/{lesson.id}/import", decks.build_slides(1), language="en")
    assert refused.status_code == 422
    assert "only goes into a draft lesson" in refused.text
    assert 'value="en" checked' in refused.text  # the choice kept


def test_others_are_refused(
    client: TestClient,
    session: Session,
    login_as: Callable[[User], str],
    teacher: User,
    draft_course: Course,
) -> None:
    lesson = make_lesson(session, course=draft_course)
    record = PptxImport(
        course_id=draft_course.id, owner_id=teacher.id, language="en", original_filename="x.pptx",
        byte_size=1, sha256="0" * 64, status="queued",
    )  # fmt: skip
    session.add(record)
    session.flush()
    pages = (
        f"/teach/courses/{draft_course.id}/import",
        f"/teach/lessons/{lesson.id}/import",
        f"/teach/imports/{record.id}",
    )
    for page in pages:
        assert client.get(page, headers=HTML, follow_redirects=False).status_code == 303
    login_as(make_user(session))
    for page in pages:
        assert client.get(page, headers=HTML).status_code == 403
    login_as(make_teacher(session))
    for page in pages:
        assert client.get(page, headers=HTML).status_code == 404
    assert upload(client, pages[0], decks.build_slides(1)).status_code == 404
    login_as(make_admin(session))
    for page in pages:
        assert client.get(page, headers=HTML).status_code == 200


def test_only_the_upload_forms_take_large_bodies() -> None:
    guard = BodyLimitMiddleware(app=None, default=DEFAULT_BODY_LIMIT, limits=UPLOAD_LIMITS)  # type: ignore[arg-type]
    assert guard.limit_for("/teach/courses/c1/import") == PAGE_UPLOAD_LIMIT
    assert guard.limit_for("/teach/lessons/l1/import") == PAGE_UPLOAD_LIMIT
    assert guard.limit_for("/api/v1/imports") == UPLOAD_LIMIT
    for other in (
        "/teach/courses/c1",
        "/teach/courses/c1/x/import",
        "/teach/courses/c1/import/x",
        "/teach/courses/c1/translations",
    ):
        assert guard.limit_for(other) == DEFAULT_BODY_LIMIT, other
