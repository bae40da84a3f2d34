"""Every write that changes what a student sees of a course outline or a lesson tree deletes the
cached copies (after its transaction commits)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.cache import Cache
from bibliology.invalidation import course_outline_key, lesson_tree_key
from tests.courses.authoring import create_block, create_course, create_lesson, create_slide, teacher


def _cached(cache: Cache, course_id: str, lesson_id: str) -> dict[str, bool]:
    keys = {
        "outline": course_outline_key(course_id, "fr"),
        "tree": lesson_tree_key(lesson_id, "fr", "student"),
        "teacher tree": lesson_tree_key(lesson_id, "en", "teacher"),
    }
    return {name: cache.get(key) is not None for name, key in keys.items()}


def _fill(cache: Cache, course_id: str, lesson_id: str) -> None:
    for key in (
        course_outline_key(course_id, "fr"),
        lesson_tree_key(lesson_id, "fr", "student"),
        lesson_tree_key(lesson_id, "en", "teacher"),
    ):
        cache.set(key, b"stale", 60)


def test_writes_invalidate_outlines_and_trees(app: FastAPI, client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    lesson = create_lesson(client, headers, course["id"])
    slide = create_slide(client, headers, lesson["id"])
    block = create_block(client, headers, slide["id"])
    cache: Cache = app.state.cache
    writes: list[tuple[str, Callable[[], Any], set[str]]] = [
        (
            "course update",
            lambda: client.patch(f"/api/v1/courses/{course['id']}", json={"title_fr": "x"}, headers=headers),
            {"outline"},
        ),
        (
            "lesson update",
            lambda: client.patch(f"/api/v1/lessons/{lesson['id']}", json={"title_fr": "x"}, headers=headers),
            {"outline", "tree", "teacher tree"},
        ),
        (
            "lesson publish",
            lambda: client.post(f"/api/v1/lessons/{lesson['id']}/publish", headers=headers),
            {"outline", "tree", "teacher tree"},
        ),
        (
            "slide create",
            lambda: client.post(
                f"/api/v1/lessons/{lesson['id']}/slides", json={"position": 0}, headers=headers
            ),
            {"outline", "tree", "teacher tree"},
        ),
        (
            "slide move",
            lambda: client.post(f"/api/v1/slides/{slide['id']}/move", json={"position": 0}, headers=headers),
            {"tree", "teacher tree"},
        ),
        (
            "block update",
            lambda: client.patch(
                f"/api/v1/blocks/{block['id']}", json={"content_fr": {"text": "y"}}, headers=headers
            ),
            {"tree", "teacher tree"},
        ),
        (
            "block delete",
            lambda: client.delete(f"/api/v1/blocks/{block['id']}", headers=headers),
            {"tree", "teacher tree"},
        ),
        (
            "course archive",
            lambda: client.post(f"/api/v1/courses/{course['id']}/archive", headers=headers),
            {"outline"},
        ),
    ]
    for name, write, gone in writes:
        _fill(cache, course["id"], lesson["id"])
        assert write().status_code < 300, name
        remaining = _cached(cache, course["id"], lesson["id"])
        assert {key for key, present in remaining.items() if not present} >= gone, name


def test_a_refused_write_invalidates_nothing(app: FastAPI, client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    lesson = create_lesson(client, headers, course["id"])
    cache: Cache = app.state.cache
    _fill(cache, course["id"], lesson["id"])
    response = client.post(f"/api/v1/lessons/{lesson['id']}/move", json={"position": 5}, headers=headers)
    assert response.status_code == 422
    assert all(_cached(cache, course["id"], lesson["id"]).values())
