"""Translation reports: French that is missing (NULL, blank, or absent from JSON where English has
text) and French that is stale (its English was revised after it)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text, update
from sqlalchemy.orm import Session

from bibliology.enums import UserRole
from bibliology.translations.models import TranslationRevision
from tests import factories as f
from tests.courses.authoring import (
    assert_problem,
    bearer,
    create_block,
    create_course,
    create_lesson,
    create_slide,
    publish_course,
    teacher,
)


def _gaps(report: dict[str, list[dict[str, str]]], kind: str) -> set[tuple[str, str]]:
    return {(gap["entity_type"], gap["field"]) for gap in report[kind]}


def _age_revisions(session: Session, entity_id: str) -> None:
    """Pretend the entity was written an hour ago (the test's requests share one transaction, hence
    one timestamp)."""
    session.execute(
        update(TranslationRevision)
        .where(TranslationRevision.entity_id == entity_id)
        .values(revised_at=TranslationRevision.revised_at - text("interval '1 hour'"))
    )


def test_a_fully_translated_course_is_complete(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    lesson = create_lesson(client, headers, course["id"], description_en="About", description_fr="À propos")
    slide = create_slide(client, headers, lesson["id"])
    create_block(client, headers, slide["id"], content_en={"text": "Word"}, content_fr={"text": "Parole"})
    report = client.get(f"/api/v1/courses/{course['id']}/translation-report", headers=headers).json()
    assert (report["scope"], report["language"], report["complete"]) == ("course", "fr", True)
    assert report["missing"] == report["stale"] == []


def test_missing_french_is_listed_with_where_it_is(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers, description_fr=None)
    lesson = create_lesson(client, headers, course["id"], title_fr=None, description_en="About")
    slide = create_slide(client, headers, lesson["id"], title_fr=None, notes_en="Ask a question.")
    text = create_block(client, headers, slide["id"], content_en={"text": "Word"})
    image = create_block(
        client,
        headers,
        slide["id"],
        block_type="IMAGE",
        content_en={"url": "/media/a.png", "alt": "A map", "caption": "Galilee", "width": 800},
        content_fr={"url": "/media/a.png", "alt": "Une carte"},
    )
    create_slide(client, headers, lesson["id"], title_en=None, title_fr=None)  # nothing to translate
    report = client.get(f"/api/v1/courses/{course['id']}/translation-report", headers=headers).json()
    assert report["complete"] is False
    assert _gaps(report, "missing") == {
        ("course", "description"),
        ("lesson", "title"),
        ("lesson", "description"),
        ("slide", "title"),
        ("slide", "notes"),
        ("content_block", "content"),
        ("content_block", "content.caption"),  # the width is not text: not a translation gap
    }
    block_gaps = {gap["entity_id"]: gap for gap in report["missing"] if gap["entity_type"] == "content_block"}
    assert block_gaps[text["id"]]["field"] == "content"
    assert (block_gaps[image["id"]]["lesson_id"], block_gaps[image["id"]]["slide_id"]) == (
        lesson["id"],
        slide["id"],
    )
    lesson_report = client.get(f"/api/v1/lessons/{lesson['id']}/translation-report", headers=headers).json()
    assert ("course", "description") not in _gaps(lesson_report, "missing")
    assert ("lesson", "title") in _gaps(lesson_report, "missing")


def test_french_older_than_its_english_is_stale(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    lesson = create_lesson(client, headers, course["id"])
    slide = create_slide(client, headers, lesson["id"])
    block = create_block(
        client, headers, slide["id"], content_en={"text": "Word"}, content_fr={"text": "Parole"}
    )
    for entity_id in (course["id"], lesson["id"], block["id"]):
        _age_revisions(session, entity_id)
    client.patch(f"/api/v1/courses/{course['id']}", json={"title_en": "The Spirit of God"}, headers=headers)
    client.patch(f"/api/v1/lessons/{lesson['id']}", json={"title_en": "Opening"}, headers=headers)
    client.patch(f"/api/v1/blocks/{block['id']}", json={"style_config": {"align": "center"}}, headers=headers)
    report = client.get(f"/api/v1/courses/{course['id']}/translation-report", headers=headers).json()
    assert _gaps(report, "stale") == {("course", "title"), ("lesson", "title")}
    stale = report["stale"][0]
    assert stale["source_revised_at"] > stale["translation_revised_at"]
    # Translating again makes it fresh; changing the English of the block makes that one stale.
    client.patch(f"/api/v1/courses/{course['id']}", json={"title_fr": "L’Esprit de Dieu"}, headers=headers)
    client.patch(f"/api/v1/blocks/{block['id']}", json={"content_en": {"text": "The Word"}}, headers=headers)
    report = client.get(f"/api/v1/courses/{course['id']}/translation-report", headers=headers).json()
    assert _gaps(report, "stale") == {("lesson", "title"), ("content_block", "content")}


def test_english_and_french_written_together_are_not_stale(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    client.patch(
        f"/api/v1/courses/{course['id']}", json={"title_en": "New", "title_fr": "Nouveau"}, headers=headers
    )
    report = client.get(f"/api/v1/courses/{course['id']}/translation-report", headers=headers).json()
    assert report["stale"] == []


def test_reports_are_for_the_courses_authors(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    lesson = create_lesson(client, headers, course["id"])
    publish_course(client, headers, course["id"])  # with a published lesson of its own
    student = bearer(session, f.make_user(session))
    _, stranger = teacher(session)
    admin = bearer(session, f.make_user(session, role=UserRole.ADMIN))
    course_path = f"/api/v1/courses/{course['id']}/translation-report"
    lesson_path = f"/api/v1/lessons/{lesson['id']}/translation-report"
    assert_problem(client.get(course_path), 401)
    for headers_ in (student, stranger):
        assert_problem(client.get(course_path, headers=headers_), 403)  # they see the course
        assert_problem(client.get(lesson_path, headers=headers_), 404)  # not its draft lesson
    client.post(f"/api/v1/lessons/{lesson['id']}/publish", headers=headers)
    assert_problem(client.get(lesson_path, headers=student), 403)
    for path in (course_path, lesson_path):
        assert client.get(path, headers=admin).status_code == 200
