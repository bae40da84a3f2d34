"""POST /api/v1/imports (multipart) and GET /api/v1/imports/{id}: who may upload where, what a refusal
says, and the report once the job has run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.enums import LessonStatus
from bibliology.imports.models import PptxImport
from bibliology.imports.runner import run_import
from bibliology.lessons.models import Lesson
from tests.factories import make_admin, make_course, make_lesson, make_teacher, make_user
from tests.imports import decks
from tests.support import SavepointTransactions

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def upload(client: TestClient, course_id: str, data: bytes, **form: str) -> Any:
    return client.post(
        "/api/v1/imports",
        data={"course_id": course_id, **form},
        files={"file": ("fruit.pptx", data, PPTX)},
    )


def queue_length(session: Session) -> int:
    return (
        session.scalar(
            text("SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'imports.run_pptx_import'")
        )
        or 0
    )


@pytest.fixture
def teacher(session: Session) -> User:
    return make_teacher(session)


@pytest.fixture
def draft_course(session: Session, teacher: User) -> Course:
    return make_course(session, teacher=teacher)


def test_a_teacher_uploads_a_deck_and_follows_its_job(
    session: Session,
    client: TestClient,
    login_as: Callable[[User], str],
    teacher: User,
    draft_course: Course,
    transactions: SavepointTransactions,
) -> None:
    login_as(teacher)
    response = upload(client, draft_course.id, decks.build_study())
    assert response.status_code == 202, response.text
    body = response.json()
    assert (body["status"], body["language"], body["slide_count"], body["original_filename"]) == (
        "queued", "en", decks.SLIDE_COUNT, "fruit.pptx",
    )  # fmt: skip
    assert body["job_url"] == f"/api/v1/jobs/{body['job_id']}"
    args = session.scalar(
        text("SELECT args FROM procrastinate_jobs WHERE task_name = 'imports.run_pptx_import'")
    )
    assert args == {"import_id": body["id"]}
    assert client.get(body["job_url"]).json()["status"] == "queued"

    run_import(transactions, import_id=body["id"])  # what the worker does with the job
    report = client.get(f"/api/v1/imports/{body['id']}").json()
    assert report["status"] == "succeeded"
    lesson = session.get_one(Lesson, report["lesson_id"])
    assert (lesson.course_id, lesson.status) == (draft_course.id, LessonStatus.DRAFT)
    assert [slide["number"] for slide in report["report"]["slides"]] == list(range(1, decks.SLIDE_COUNT + 1))


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("student", 403), ("other teacher", 404), ("admin", 202)],
)
def test_who_may_upload_into_a_teachers_course(
    session: Session,
    client: TestClient,
    login_as: Callable[[User], str],
    draft_course: Course,
    who: str,
    status: int,
) -> None:
    users = {"student": make_user, "other teacher": make_teacher, "admin": make_admin}
    if who in users:
        login_as(users[who](session))
    response = upload(client, draft_course.id, decks.build_slides(1))
    assert response.status_code == status, response.text
    assert queue_length(session) == (1 if status == 202 else 0)


@pytest.mark.parametrize(
    ("build", "detail"),
    [
        (decks.zip_bomb, "this looks like a zip bomb"),
        (decks.xxe_deck, "declares a DOCTYPE or XML entities"),
        (decks.docx, "This is a Word document (.docx), not a PowerPoint presentation."),
        (lambda: b"", "The file is empty."),
        (decks.empty_deck, "The deck has no slides: there is nothing to import."),
    ],
    ids=["zip-bomb", "xxe", "docx", "empty", "no-slides"],
)
def test_a_refused_deck_answers_422_with_its_reason_and_writes_nothing(
    session: Session,
    client: TestClient,
    login_as: Callable[[User], str],
    teacher: User,
    draft_course: Course,
    build: Callable[[], bytes],
    detail: str,
) -> None:
    login_as(teacher)
    response = upload(client, draft_course.id, build())
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert detail in problem["detail"]
    assert problem["errors"] == [{"field": "file", "message": problem["detail"]}]
    assert session.scalar(select(func.count()).select_from(PptxImport)) == 0
    assert queue_length(session) == 0


def test_targets_are_checked_before_the_deck(
    session: Session, client: TestClient, login_as: Callable[[User], str], teacher: User, draft_course: Course
) -> None:
    login_as(teacher)
    deck = decks.build_slides(1)
    french = upload(client, draft_course.id, deck, language="fr")
    assert french.status_code == 422
    assert french.json()["errors"][0]["field"] == "lesson_id"
    elsewhere = make_lesson(session, course=make_course(session, teacher=teacher))
    assert upload(client, draft_course.id, deck, lesson_id=elsewhere.id).status_code == 404
    published = make_lesson(session, course=draft_course, status=LessonStatus.PUBLISHED)
    conflict = upload(client, draft_course.id, deck, lesson_id=published.id)
    assert conflict.status_code == 409
    assert "only goes into a draft lesson" in conflict.json()["detail"]
    assert upload(client, draft_course.id, deck, lesson_id=published.id, language="fr").status_code == 202


def test_an_import_is_read_by_its_teacher_and_admins_only(
    session: Session, client: TestClient, login_as: Callable[[User], str], teacher: User, draft_course: Course
) -> None:
    login_as(teacher)
    import_id = upload(client, draft_course.id, decks.build_slides(1)).json()["id"]
    login_as(make_teacher(session))
    assert client.get(f"/api/v1/imports/{import_id}").status_code == 404
    login_as(make_admin(session))
    assert client.get(f"/api/v1/imports/{import_id}").json()["id"] == import_id
