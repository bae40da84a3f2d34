"""Content blocks: every type in two languages, validated by the content model; QUIZ blocks only
point at quizzes of their own lesson."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.lessons.models import ContentBlock, Lesson
from bibliology.translations.models import TranslationRevision
from tests import factories as f
from tests.courses.authoring import (
    assert_problem,
    block_samples,
    create_block,
    create_course,
    create_lesson,
    create_slide,
    teacher,
)


def _slide(client: TestClient, session: Session) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    _, headers = teacher(session)
    course = create_course(client, headers)
    lesson = create_lesson(client, headers, course["id"])
    return headers, lesson, create_slide(client, headers, lesson["id"])


def test_every_block_type_is_stored_normalised(client: TestClient, session: Session) -> None:
    headers, lesson, slide = _slide(client, session)
    quiz = f.make_quiz(session, lesson=session.get_one(Lesson, lesson["id"]))
    for block_type, (en, fr) in block_samples(quiz.id).items():
        block = create_block(
            client, headers, slide["id"], block_type=block_type.lower(), content_en=en, content_fr=fr
        )
        assert block["block_type"] == block_type
    stored = {
        b.block_type.value: b
        for b in session.scalars(select(ContentBlock).where(ContentBlock.slide_id == slide["id"]))
    }
    assert len(stored) == 9
    assert stored["VERSE"].content_en["reference"] == "John.3.16"
    assert stored["VERSE"].content_fr is not None
    assert stored["VERSE"].content_fr["reference"] == "John.3.16"
    assert stored["HEADING"].content_en == {"text": "The *Gospel* of John", "level": 1}
    assert stored["TEXT"].content_fr is None  # SQL NULL, not JSON null
    assert session.scalar(
        select(ContentBlock.id).where(ContentBlock.id == stored["TEXT"].id, ContentBlock.content_fr.is_(None))
    )
    assert stored["IMAGE"].content_en["url"] == "/media/maps/galilee-en.png"
    tree = client.get(f"/api/v1/lessons/{lesson['id']}?lang=fr", headers=headers).json()
    by_type = {b["block_type"]: b for b in tree["slides"][0]["blocks"]}
    assert by_type["TEXT"]["fallback"] == ["content"]
    assert by_type["HEADING"]["content"]["text"] == "L’Évangile selon Jean"
    assert by_type["QUIZ"]["content"] == {"quiz_id": quiz.id}
    assert [(q["id"], q["slide_id"], q["title"], q["fallback"]) for q in tree["quizzes"]] == [
        (quiz.id, None, "Vérification", [])
    ]


def test_invalid_content_names_every_bad_field(client: TestClient, session: Session) -> None:
    headers, _, slide = _slide(client, session)
    path = f"/api/v1/slides/{slide['id']}/blocks"
    cases = [
        ({"block_type": "TABLE", "content_en": {}}, ["block_type"]),
        ({"block_type": "HEADING", "content_en": {"text": ""}}, ["content_en.text"]),
        (
            {
                "block_type": "HEADING",
                "content_en": {"text": "A", "level": 1},
                "content_fr": {"text": "B", "level": 2},
            },
            ["content_fr.level"],
        ),
        (
            {"block_type": "VERSE", "content_en": {"reference": "John 3:99", "text": "x"}},
            ["content_en.reference"],
        ),
        (
            {"block_type": "IMAGE", "content_en": {"url": "http://x.org/a.png", "alt": "a"}},
            ["content_en.url"],
        ),
        (
            {"block_type": "TEXT", "content_en": {"text": "ok"}, "style_config": {"color": "#f00"}},
            ["style_config.color"],
        ),
        ({"block_type": "TEXT", "content_en": {"text": "ok", "extra": 1}}, ["content_en.extra"]),
        ({"block_type": "TEXT", "content_en": ["not", "an", "object"]}, ["content_en"]),
    ]
    for body, fields in cases:
        problem = assert_problem(client.post(path, json=body, headers=headers), 422)
        assert [e["field"] for e in problem["errors"]] == fields, body
    assert session.scalar(select(ContentBlock.id).where(ContentBlock.slide_id == slide["id"])) is None


def test_quiz_blocks_must_point_at_a_quiz_of_the_same_lesson(client: TestClient, session: Session) -> None:
    headers, lesson, slide = _slide(client, session)
    elsewhere = f.make_quiz(session)
    path = f"/api/v1/slides/{slide['id']}/blocks"
    for quiz_id in (elsewhere.id, "cnonexistent"):
        body = {"block_type": "QUIZ", "content_en": {"quiz_id": quiz_id}}
        problem = assert_problem(client.post(path, json=body, headers=headers), 422)
        assert problem["errors"] == [
            {"field": "content_en.quiz_id", "message": "no quiz with this id in this lesson"}
        ]
    own = f.make_quiz(session, lesson=session.get_one(Lesson, lesson["id"]))
    block = create_block(client, headers, slide["id"], block_type="QUIZ", content_en={"quiz_id": own.id})
    problem = assert_problem(
        client.patch(
            f"/api/v1/blocks/{block['id']}", json={"content_en": {"quiz_id": elsewhere.id}}, headers=headers
        ),
        422,
    )
    assert problem["errors"][0]["field"] == "content_en.quiz_id"


def test_updates_revalidate_the_pair_and_keep_the_type(client: TestClient, session: Session) -> None:
    headers, _, slide = _slide(client, session)
    block = create_block(
        client,
        headers,
        slide["id"],
        block_type="HEADING",
        content_en={"text": "Grace", "level": 2},
        content_fr={"text": "Grâce", "level": 2},
    )
    path = f"/api/v1/blocks/{block['id']}"
    # Changing the English level alone would disagree with the French.
    problem = assert_problem(
        client.patch(path, json={"content_en": {"text": "Grace", "level": 1}}, headers=headers), 422
    )
    assert problem["errors"][0]["field"] == "content_fr.level"
    both = {"content_en": {"text": "Grace", "level": 1}, "content_fr": {"text": "La grâce", "level": 1}}
    assert client.patch(path, json=both, headers=headers).json()["content_fr"] == {
        "text": "La grâce",
        "level": 1,
    }
    assert_problem(client.patch(path, json={"block_type": "TEXT"}, headers=headers), 422)
    assert_problem(client.patch(path, json={"content_en": None}, headers=headers), 422)
    cleared = client.patch(
        path, json={"content_fr": None, "style_config": {"align": "center"}}, headers=headers
    ).json()
    assert (cleared["content_fr"], cleared["style_config"]) == (None, {"align": "center"})
    revisions = session.scalars(
        select(TranslationRevision.language).where(TranslationRevision.entity_id == block["id"])
    ).all()
    assert list(revisions) == ["en"]  # cleared French has no revision: it is missing, not stale


def test_image_blocks_take_media_paths_and_https_urls(client: TestClient, session: Session) -> None:
    headers, _, slide = _slide(client, session)
    for url in ("/media/ab/cd/0123456789abcdef.webp", "https://images.example.org/a.png"):
        block = create_block(
            client, headers, slide["id"], block_type="IMAGE", content_en={"url": url, "alt": "A map"}
        )
        assert block["content_en"]["url"] == url
    for url in (
        "/media/../secret",
        "javascript:alert(1)",
        "https://user:pw@example.org/a.png",
        "/static/a.png",
    ):
        body = {"block_type": "IMAGE", "content_en": {"url": url, "alt": "A map"}}
        problem = assert_problem(
            client.post(f"/api/v1/slides/{slide['id']}/blocks", json=body, headers=headers), 422
        )
        assert problem["errors"][0]["field"] == "content_en.url"
