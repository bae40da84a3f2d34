"""One lesson read: `GET /lessons/{id}` answers the lesson tree (`GET /lessons/{id}/tree`) itself,
the same document for each audience (docs/api.md "Reading a lesson")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.enums import LessonStatus
from bibliology.progress.schemas import StudentLessonTree, TeacherLessonTree
from tests import factories as f

Login = Callable[[User], str]


def _both(client: TestClient, lesson_id: str, query: str = "") -> tuple[bytes, bytes]:
    lesson = client.get(f"/api/v1/lessons/{lesson_id}{query}")
    tree = client.get(f"/api/v1/lessons/{lesson_id}/tree{query}")
    assert lesson.status_code == tree.status_code, (lesson.text, tree.text)
    assert lesson.headers["content-type"] == tree.headers["content-type"]
    return lesson.content, tree.content


@pytest.mark.parametrize("reader", ["visitor", "student", "teacher", "admin"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_both_urls_answer_the_same_document_per_audience(
    client: TestClient, session: Session, login_as: Login, reader: str, lang: str
) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=2, quiz_questions=2)
    if reader != "visitor":
        user = {"teacher": teacher, "admin": f.make_admin(session)}.get(reader) or f.make_user(session)
        login_as(user)

    lesson_doc, tree_doc = _both(client, lesson.id, f"?lang={lang}")
    assert lesson_doc == tree_doc
    audience = TeacherLessonTree if reader in ("teacher", "admin") else StudentLessonTree
    read = audience.model_validate_json(lesson_doc)  # strict: a student's tree has no questions
    assert (read.audience, read.lesson.lang, read.lesson.read_only) == (
        "teacher" if audience is TeacherLessonTree else "student",
        lang,
        False,
    )


def test_hidden_and_archived_lessons_answer_alike(
    client: TestClient, session: Session, login_as: Login
) -> None:
    course = f.make_published_course(session, lessons=0)
    draft = f.make_lesson(session, course=course, status=LessonStatus.DRAFT)
    archived_course = f.make_published_course(session, lessons=0)
    kept = f.make_published_lesson(session, course=archived_course)
    student = f.make_user(session)
    f.make_enrollment(session, course=archived_course, student=student)
    archived_course.status = LessonStatus.ARCHIVED
    session.flush()
    login_as(student)

    missing = client.get(f"/api/v1/lessons/{draft.id}")
    assert (missing.status_code, missing.headers["content-type"]) == (404, "application/problem+json")
    assert client.get(f"/api/v1/lessons/{draft.id}/tree").status_code == 404
    lesson_doc, tree_doc = _both(client, kept.id)
    assert lesson_doc == tree_doc
    assert StudentLessonTree.model_validate_json(lesson_doc).lesson.read_only is True


def test_the_api_describes_one_shape_for_both_urls(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    lesson = paths["/api/v1/lessons/{lesson_id}"]["get"]["responses"]["200"]
    tree = paths["/api/v1/lessons/{lesson_id}/tree"]["get"]["responses"]["200"]
    shapes = [r["content"]["application/json"]["schema"]["anyOf"] for r in (lesson, tree)]
    assert (
        shapes[0]
        == shapes[1]
        == [
            {"$ref": "#/components/schemas/StudentLessonTree"},
            {"$ref": "#/components/schemas/TeacherLessonTree"},
        ]
    )
