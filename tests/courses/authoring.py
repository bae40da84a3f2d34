"""Helpers for the authoring tests: bearer credentials, a bilingual sample of every block type, and
a digest of the authoring tables to prove a refused request changed nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.accounts import api_tokens
from bibliology.accounts.models import User
from tests import factories as f

Headers = dict[str, str]


def bearer(session: Session, user: User) -> Headers:
    """Credentials for `user` (an API token: no cookie, so no CSRF token needed)."""
    token, _ = api_tokens.create(session, user_id=user.id, name="tests", lifetime=dt.timedelta(hours=1))
    return {"Authorization": f"Bearer {token}"}


def teacher(session: Session) -> tuple[User, Headers]:
    user = f.make_teacher(session)
    return user, bearer(session, user)


def course_payload(**overrides: Any) -> dict[str, Any]:
    return {
        "title_en": "The Holy Spirit",
        "title_fr": "Le Saint-Esprit",
        "description_en": "Who the Spirit is and what he does.",
        "description_fr": "Qui est l’Esprit et ce qu’il fait.",
        "category": "Theology",
        "difficulty": "Beginner",
        "tags": ["Pneumatology", "Holy Spirit"],
        "estimated_hours": 6,
        "thumbnail_url": "/media/ab/cd/thumb.webp",
        "cover_image_url": "https://images.example.org/cover.jpg",
    } | overrides


def create_course(client: TestClient, headers: Headers, **overrides: Any) -> dict[str, Any]:
    response = client.post("/api/v1/courses", json=course_payload(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def create_lesson(client: TestClient, headers: Headers, course_id: str, **payload: Any) -> dict[str, Any]:
    body = {"title_en": "Introduction", "title_fr": "Introduction"} | payload
    response = client.post(f"/api/v1/courses/{course_id}/lessons", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def publish_course(client: TestClient, headers: Headers, course_id: str) -> dict[str, Any]:
    """Publish a course the way a teacher must: a published lesson first (a course needs one)."""
    lesson = create_lesson(client, headers, course_id, title_en="Opening", title_fr="Ouverture")
    assert client.post(f"/api/v1/lessons/{lesson['id']}/publish", headers=headers).status_code == 200
    response = client.post(f"/api/v1/courses/{course_id}/publish", headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def create_slide(client: TestClient, headers: Headers, lesson_id: str, **payload: Any) -> dict[str, Any]:
    body = {"layout": "CONTENT", "title_en": "A slide", "title_fr": "Une diapo"} | payload
    response = client.post(f"/api/v1/lessons/{lesson_id}/slides", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def create_block(client: TestClient, headers: Headers, slide_id: str, **payload: Any) -> dict[str, Any]:
    body = {"block_type": "TEXT", "content_en": {"text": "In the beginning"}} | payload
    response = client.post(f"/api/v1/slides/{slide_id}/blocks", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def block_samples(quiz_id: str) -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
    """English and French content for every block type (French left out for some: it falls back)."""
    return {
        "HEADING": (
            {"text": "The *Gospel* of John", "level": 1},
            {"text": "L’Évangile selon Jean", "level": 1},
        ),
        "TEXT": ({"text": "In the beginning was the **Word**."}, None),
        "IMAGE": (
            {"url": "/media/maps/galilee-en.png", "alt": "Map of Galilee", "caption": "Galilee, *c.* AD 30"},
            {"url": "/media/maps/galilee-fr.png", "alt": "Carte de la Galilée"},
        ),
        "VERSE": (
            {"reference": "John 3:16", "text": "For God so loved the world…", "translation": "KJV"},
            {"reference": "Jean 3,16", "text": "Car Dieu a tant aimé le monde…", "translation": "LSG"},
        ),
        "VOCABULARY": (
            {
                "entries": [
                    {"term": "πνεῦμα", "language": "greek", "definition": "spirit, wind", "strongs": "G4151"}
                ]
            },
            {
                "entries": [
                    {"term": "πνεῦμα", "language": "greek", "definition": "esprit, vent", "strongs": "G4151"}
                ]
            },
        ),
        "LIST": ({"items": [{"text": "Creation"}, {"text": "Fall"}]}, {"items": [{"text": "Création"}]}),
        "CALLOUT": (
            {"variant": "reflection", "text": "Think about it."},
            {"variant": "reflection", "text": "À méditer."},
        ),
        "QUIZ": ({"quiz_id": quiz_id}, {"quiz_id": quiz_id}),
        "DIVIDER": ({"style": "ornament"}, {"style": "ornament"}),
    }


AUTHORING_TABLES = (
    "courses",
    "lessons",
    "slides",
    "content_blocks",
    "translation_revisions",
    "enrollments",
    "lesson_progress",
    "student_notes",
    "quizzes",
)


def digest(session: Session) -> dict[str, str]:
    """A hash of every row of the authoring tables (activity_logs and api_tokens change by design:
    refusals are audited, tokens stamp their last use)."""
    found = {}
    for table in AUTHORING_TABLES:
        rows = session.execute(text(f"SELECT t::text FROM {table} t ORDER BY t::text")).scalars().all()
        found[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return found


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = dict(response.json())
    assert body["status"] == status
    return body
