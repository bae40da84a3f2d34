"""The issue's bar, through the API alone: a teacher builds a bilingual course with every block
type, reorders it and publishes; a student reads it in French with the fallbacks flagged; archived,
it leaves the catalogue and stays readable, read-only, to the student enrolled in it. (Concurrent
reordering over HTTP: tests/lessons/test_concurrency.py.)"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests import factories as f
from tests.courses.authoring import (
    assert_problem,
    bearer,
    block_samples,
    create_block,
    create_course,
    create_lesson,
    create_slide,
    teacher,
)


def test_a_course_from_authoring_to_archive(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers, description_fr=None)
    intro = create_lesson(
        client, headers, course["id"], title_en="Who is the Spirit?", title_fr="Qui est l’Esprit ?"
    )
    gifts = create_lesson(client, headers, course["id"], title_en="Gifts", title_fr=None, position=0)
    title = create_slide(
        client, headers, intro["id"], layout="TITLE", title_en="Welcome", title_fr="Bienvenue"
    )
    body = create_slide(client, headers, intro["id"], layout="TWO_COLUMN", title_en="The Word", title_fr=None)
    quiz = client.post(
        f"/api/v1/lessons/{intro['id']}/quizzes",
        json={"title_en": "Check", "title_fr": "Vérification"},
        headers=headers,
    )
    assert quiz.status_code == 201, quiz.text
    blocks = {
        kind: create_block(client, headers, body["id"], block_type=kind, content_en=en, content_fr=fr)
        for kind, (en, fr) in block_samples(quiz.json()["id"]).items()
    }
    assert blocks["IMAGE"]["content_en"]["url"] == "/media/maps/galilee-en.png"

    # Reorder: the intro first, the title slide last, the divider on top.
    assert (
        client.post(f"/api/v1/lessons/{intro['id']}/move", json={"position": 0}, headers=headers).status_code
        == 200
    )
    assert (
        client.post(f"/api/v1/slides/{title['id']}/move", json={"position": 1}, headers=headers).status_code
        == 200
    )
    moved = client.post(
        f"/api/v1/blocks/{blocks['DIVIDER']['id']}/move", json={"position": 0}, headers=headers
    )
    assert moved.json()["position"] == 0

    for lesson in (intro, gifts):
        assert (
            client.post(f"/api/v1/lessons/{lesson['id']}/publish", headers=headers).json()["status"]
            == "PUBLISHED"
        )
    assert client.post(f"/api/v1/courses/{course['id']}/publish", headers=headers).json()["published_at"]

    # A French-speaking student.
    student = bearer(session, f.make_login_user(session, language_pref="fr"))
    assert client.post(f"/api/v1/courses/{course['id']}/enrollment", headers=student).status_code in (
        200,
        201,
    )
    read = client.get(f"/api/v1/courses/{course['id']}", headers=student).json()
    assert (read["lang"], read["title"], read["fallback"]) == ("fr", "Le Saint-Esprit", ["description"])
    assert [(lesson["title"], lesson["fallback"]) for lesson in read["lessons"]] == [
        ("Qui est l’Esprit ?", []),
        ("Gifts", ["title"]),
    ]
    tree = client.get(f"/api/v1/lessons/{intro['id']}", headers=student).json()
    assert [s["title"] for s in tree["slides"]] == ["The Word", "Bienvenue"]
    assert tree["slides"][0]["fallback"] == ["title"]
    shown = tree["slides"][0]["blocks"]
    assert [b["block_type"] for b in shown] == [
        "DIVIDER", "HEADING", "TEXT", "IMAGE", "VERSE", "VOCABULARY", "LIST", "CALLOUT", "QUIZ",
    ]  # fmt: skip
    assert {b["block_type"] for b in shown if b["fallback"]} == {"TEXT"}
    assert shown[1]["content"]["text"] == "L’Évangile selon Jean"
    assert "notes_en" not in tree["slides"][0]

    # Archived: out of the catalogue, still readable by the enrolled student, read-only.
    assert client.post(f"/api/v1/courses/{course['id']}/archive", headers=headers).status_code == 200
    catalogue = client.get("/api/v1/courses?page_size=100").json()["items"]
    assert course["id"] not in [c["id"] for c in catalogue]
    assert client.get(f"/api/v1/lessons/{intro['id']}", headers=student).json()["lesson"]["read_only"] is True
    assert_problem(
        client.get(f"/api/v1/courses/{course['id']}", headers=bearer(session, f.make_user(session))), 404
    )
    problem = assert_problem(
        client.patch(
            f"/api/v1/blocks/{blocks['TEXT']['id']}", json={"content_fr": {"text": "x"}}, headers=headers
        ),
        409,
    )
    assert "restore it first" in problem["detail"]
