"""Bad input of every kind gets a problem+json answer and leaves the database as it was."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.enums import UserRole
from bibliology.lessons.models import Lesson
from tests import factories as f
from tests.courses.authoring import (
    assert_problem,
    bearer,
    create_block,
    create_course,
    create_lesson,
    create_slide,
    digest,
    teacher,
)

Case = tuple[str, str, str, Any, int]  # who, method, path, body, expected status


@pytest.fixture
def world(client: TestClient, session: Session) -> dict[str, Any]:
    _, owner = teacher(session)
    course = create_course(client, owner)
    lesson = create_lesson(client, owner, course["id"])
    draft = create_lesson(client, owner, course["id"], title_en="Draft")
    slide = create_slide(client, owner, lesson["id"])
    block = create_block(
        client, owner, slide["id"], block_type="HEADING", content_en={"text": "A", "level": 2}
    )
    client.post(f"/api/v1/lessons/{lesson['id']}/publish", headers=owner)
    client.post(f"/api/v1/courses/{course['id']}/publish", headers=owner)
    archived = create_course(client, owner, title_en="Old")
    client.post(f"/api/v1/courses/{archived['id']}/archive", headers=owner)
    other_quiz = f.make_quiz(session)
    own_quiz = f.make_quiz(session, lesson=session.get_one(Lesson, lesson["id"]))
    return {
        "owner": owner,
        "stranger": teacher(session)[1],
        "student": bearer(session, f.make_user(session)),
        "admin": bearer(session, f.make_user(session, role=UserRole.ADMIN)),
        "anonymous": {},
        "course": course["id"],
        "archived": archived["id"],
        "lesson": lesson["id"],
        "draft": draft["id"],
        "slide": slide["id"],
        "block": block["id"],
        "other_quiz": other_quiz.id,
        "own_quiz": own_quiz.id,
    }


def cases(w: dict[str, Any]) -> list[Case]:
    c, lesson, s, b = w["course"], w["lesson"], w["slide"], w["block"]
    return [
        # Unknown, read-only and ill-typed fields.
        (
            "owner",
            "POST",
            "/api/v1/courses",
            {"title_en": "x", "description_en": "y", "teacher_id": "u"},
            422,
        ),
        (
            "owner",
            "POST",
            "/api/v1/courses",
            {"title_en": "x", "description_en": "y", "status": "PUBLISHED"},
            422,
        ),
        ("owner", "POST", "/api/v1/courses", {"title_en": "x"}, 422),
        ("owner", "POST", "/api/v1/courses", {"title_en": 5, "description_en": "y"}, 422),
        (
            "owner",
            "POST",
            "/api/v1/courses",
            {"title_en": "x", "description_en": "y", "estimated_hours": "5"},
            422,
        ),
        (
            "owner",
            "POST",
            "/api/v1/courses",
            {"title_en": "x", "description_en": "y", "category": "Cooking"},
            422,
        ),
        ("owner", "POST", "/api/v1/courses", {"title_en": " ", "description_en": "y"}, 422),
        ("owner", "POST", "/api/v1/courses", [1, 2], 422),
        ("owner", "PATCH", f"/api/v1/courses/{c}", {"published_at": "2020-01-01T00:00:00Z"}, 422),
        ("owner", "PATCH", f"/api/v1/courses/{c}", {"id": "other"}, 422),
        ("owner", "PATCH", f"/api/v1/courses/{c}", {"description_en": None}, 422),
        ("owner", "PATCH", f"/api/v1/courses/{c}", {"thumbnail_url": "file:///etc/passwd"}, 422),
        ("owner", "PATCH", f"/api/v1/lessons/{lesson}", {"lesson_order": 3}, 422),
        ("owner", "PATCH", f"/api/v1/lessons/{lesson}", {"course_id": w["archived"]}, 422),
        ("owner", "PATCH", f"/api/v1/lessons/{lesson}", {"imported_from_pptx": True}, 422),
        ("owner", "PATCH", f"/api/v1/lessons/{lesson}", {"estimated_minutes": -3}, 422),
        ("owner", "POST", f"/api/v1/courses/{c}/lessons", {"title_fr": "Seulement"}, 422),
        (
            "owner",
            "POST",
            f"/api/v1/courses/{c}/lessons",
            {"title_en": "x", "description_fr": "sans anglais"},
            422,
        ),
        ("owner", "POST", f"/api/v1/courses/{c}/lessons", {"title_en": "x", "position": 9}, 422),
        ("owner", "POST", f"/api/v1/lessons/{lesson}/slides", {"layout": "CAROUSEL"}, 422),
        ("owner", "POST", f"/api/v1/lessons/{lesson}/slides", {"lesson_id": w["draft"]}, 422),
        ("owner", "PATCH", f"/api/v1/slides/{s}", {"slide_order": 0}, 422),
        ("owner", "PATCH", f"/api/v1/slides/{s}", {"layout": None}, 422),
        ("owner", "POST", f"/api/v1/slides/{s}/move", {"position": 1}, 422),
        ("owner", "POST", f"/api/v1/slides/{s}/move", {"position": "0"}, 422),
        # Content.
        ("owner", "POST", f"/api/v1/slides/{s}/blocks", {"block_type": "TABLE", "content_en": {}}, 422),
        (
            "owner",
            "POST",
            f"/api/v1/slides/{s}/blocks",
            {"block_type": "TEXT", "content_en": {"text": ""}},
            422,
        ),
        (
            "owner",
            "POST",
            f"/api/v1/slides/{s}/blocks",
            {"block_type": "QUIZ", "content_en": {"quiz_id": w["other_quiz"]}},
            422,
        ),
        (
            "owner",
            "POST",
            f"/api/v1/slides/{s}/blocks",
            {
                "block_type": "QUIZ",
                "content_en": {"quiz_id": w["own_quiz"]},
                "content_fr": {"quiz_id": w["other_quiz"]},
            },
            422,
        ),
        (
            "owner",
            "POST",
            f"/api/v1/slides/{s}/blocks",
            {"block_type": "DIVIDER", "content_en": {}, "style_config": {"font": "x"}},
            422,
        ),
        (
            "owner",
            "POST",
            f"/api/v1/slides/{s}/blocks",
            {"block_type": "DIVIDER", "content_en": {}, "slide_id": s},
            422,
        ),
        ("owner", "PATCH", f"/api/v1/blocks/{b}", {"content_fr": {"text": "B", "level": 3}}, 422),
        ("owner", "PATCH", f"/api/v1/blocks/{b}", {"block_order": 4}, 422),
        # Reads with a bad language.
        ("owner", "GET", f"/api/v1/lessons/{lesson}?lang=es", None, 422),
        # Missing and foreign objects.
        ("owner", "PATCH", "/api/v1/courses/cnothere", {"title_fr": "x"}, 404),
        ("owner", "DELETE", "/api/v1/slides/cnothere", None, 404),
        ("owner", "POST", "/api/v1/blocks/cnothere/move", {"position": 0}, 404),
        ("stranger", "PATCH", f"/api/v1/lessons/{w['draft']}", {"title_fr": "x"}, 404),
        ("stranger", "PATCH", f"/api/v1/courses/{c}", {"title_fr": "x"}, 403),
        ("stranger", "DELETE", f"/api/v1/blocks/{b}", None, 403),
        ("student", "POST", f"/api/v1/slides/{s}/blocks", {"block_type": "DIVIDER", "content_en": {}}, 403),
        ("student", "PUT", f"/api/v1/courses/{c}/teacher", {"teacher_id": "x"}, 403),
        ("owner", "PUT", f"/api/v1/courses/{c}/teacher", {"teacher_id": "x"}, 403),
        ("admin", "PUT", f"/api/v1/courses/{c}/teacher", {"teacher_id": "cnothere"}, 422),
        ("anonymous", "POST", f"/api/v1/courses/{c}/archive", None, 401),
        ("anonymous", "PATCH", f"/api/v1/blocks/{b}", {"content_fr": None}, 401),
        ("anonymous", "POST", "/api/v1/courses", {"title_en": "x", "description_en": "y"}, 401),
        # States that forbid the change.
        ("owner", "PATCH", f"/api/v1/courses/{w['archived']}", {"title_fr": "x"}, 409),
        ("owner", "POST", f"/api/v1/courses/{w['archived']}/publish", None, 409),
        ("owner", "DELETE", f"/api/v1/courses/{c}", None, 409),
        ("owner", "DELETE", f"/api/v1/lessons/{lesson}", None, 409),
    ]


def test_every_refusal_is_problem_json_and_changes_nothing(
    client: TestClient, session: Session, world: dict[str, Any]
) -> None:
    before = digest(session)
    for who, method, path, body, status in cases(world):
        response = client.request(method, path, json=body, headers=world[who])
        assert_problem(response, status)
        assert digest(session) == before, (who, method, path, body)


def test_malformed_bodies(client: TestClient, session: Session, world: dict[str, Any]) -> None:
    before = digest(session)
    owner = world["owner"]
    for content, content_type in (
        (b"{not json", "application/json"),
        (b'{"title_en": "x", "description_en": "y"}', "text/plain"),
        (b"", "application/json"),
    ):
        response = client.post(
            "/api/v1/courses", content=content, headers=owner | {"Content-Type": content_type}
        )
        assert_problem(response, 422)
    huge = {"block_type": "TEXT", "content_en": {"text": "x" * (1024 * 1024 + 1)}}
    assert_problem(client.post(f"/api/v1/slides/{world['slide']}/blocks", json=huge, headers=owner), 413)
    assert digest(session) == before
