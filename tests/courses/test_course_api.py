"""Course CRUD over the API: ownership, refused fields, vocabulary, slugs, reads in a language."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.activity.models import ActivityLog
from bibliology.enums import LessonStatus, UserRole
from bibliology.translations.models import TranslationRevision
from tests import factories as f
from tests.courses.authoring import (
    assert_problem,
    bearer,
    course_payload,
    create_course,
    create_lesson,
    publish_course,
    teacher,
)


def test_teacher_creates_a_draft_course_they_own(client: TestClient, session: Session) -> None:
    user, headers = teacher(session)
    course = create_course(client, headers)
    assert course["slug"] == "the-holy-spirit"
    assert course["status"] == "DRAFT"
    assert course["teacher_id"] == user.id
    assert course["published_at"] is None
    assert (course["title_en"], course["title_fr"]) == ("The Holy Spirit", "Le Saint-Esprit")
    assert (course["category"], course["difficulty"], course["tags"]) == (
        "Theology",
        "Beginner",
        ["Pneumatology", "Holy Spirit"],
    )
    entry = session.scalars(select(ActivityLog).where(ActivityLog.entity_id == course["id"])).one()
    assert (entry.action, entry.user_id, entry.entity_type) == ("CREATE_COURSE", user.id, "course")
    revisions = session.scalars(
        select(TranslationRevision).where(TranslationRevision.entity_id == course["id"])
    ).all()
    assert {(r.field, r.language) for r in revisions} == {
        ("title", "en"),
        ("title", "fr"),
        ("description", "en"),
        ("description", "fr"),
    }


def test_slugs_are_unique_and_ascii(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    first = create_course(client, headers, title_en="L’Esprit: à l’œuvre")
    second = create_course(client, headers, title_en="L'Esprit à l'oeuvre!")
    assert first["slug"] == "l-esprit-a-l-oeuvre"
    assert second["slug"] == "l-esprit-a-l-oeuvre-2"
    lesson_a = create_lesson(client, headers, first["id"], title_en="Introduction")
    lesson_b = create_lesson(client, headers, first["id"], title_en="Introduction")
    lesson_c = create_lesson(client, headers, second["id"], title_en="Introduction")
    assert lesson_a["slug"] == "l-esprit-a-l-oeuvre-introduction"
    assert lesson_b["slug"] == "l-esprit-a-l-oeuvre-introduction-2"
    assert lesson_c["slug"] == "l-esprit-a-l-oeuvre-2-introduction"


def test_only_teachers_and_admins_create(client: TestClient, session: Session) -> None:
    student = f.make_user(session)
    assert_problem(client.post("/api/v1/courses", json=course_payload()), 401)
    assert_problem(
        client.post("/api/v1/courses", json=course_payload(), headers=bearer(session, student)), 403
    )
    admin = f.make_user(session, role=UserRole.ADMIN)
    response = client.post("/api/v1/courses", json=course_payload(), headers=bearer(session, admin))
    assert response.status_code == 201
    assert response.json()["teacher_id"] == admin.id


def test_fields_nobody_sets_are_refused(client: TestClient, session: Session) -> None:
    other = f.make_teacher(session)
    _, headers = teacher(session)
    for field, value in (
        ("teacher_id", other.id),
        ("status", "PUBLISHED"),
        ("published_at", "2026-01-01T00:00:00Z"),
        ("id", "c123"),
        ("slug", "my-own-slug"),
        ("created_at", "2026-01-01T00:00:00Z"),
    ):
        body = assert_problem(
            client.post("/api/v1/courses", json=course_payload(**{field: value}), headers=headers), 422
        )
        assert [e["field"] for e in body["errors"]] == [field]
    course = create_course(client, headers)
    patches: list[tuple[str, object]] = [
        ("status", "PUBLISHED"),
        ("teacher_id", other.id),
        ("published_at", None),
        ("slug", "x"),
    ]
    for name, change in patches:
        response = client.patch(f"/api/v1/courses/{course['id']}", json={name: change}, headers=headers)
        assert [e["field"] for e in assert_problem(response, 422)["errors"]] == [name]


def test_vocabulary_and_value_checks(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    vocabulary = client.get("/api/v1/vocabulary?lang=fr").json()
    assert {
        "value": "Beginner",
        "label": "Débutant",
        "label_en": "Beginner",
        "label_fr": "Débutant",
    } in vocabulary["difficulties"]
    for field, value in (
        ("category", "Cooking"),
        ("difficulty", "Expert"),
        ("estimated_hours", -1),
        ("estimated_hours", "5"),
        ("tags", ["ok", ""]),
        ("tags", [f"t{i}" for i in range(21)]),
        ("thumbnail_url", "javascript:alert(1)"),
        ("cover_image_url", "/etc/passwd"),
        ("title_en", "two\nlines"),
        ("description_en", "[click](javascript:alert(1))"),
    ):
        body = assert_problem(
            client.post("/api/v1/courses", json=course_payload(**{field: value}), headers=headers), 422
        )
        assert body["errors"][0]["field"].split(".")[0] == field, (field, body)


def test_update_changes_only_what_was_sent(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    response = client.patch(
        f"/api/v1/courses/{course['id']}",
        json={"title_fr": None, "tags": ["Grace", "grace", " Holy  Spirit "], "estimated_hours": 8},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed["title_fr"] is None
    assert changed["tags"] == ["Grace", "Holy Spirit"]
    assert changed["estimated_hours"] == 8
    assert changed["slug"] == course["slug"]
    assert changed["description_fr"] == course["description_fr"]
    body = assert_problem(
        client.patch(f"/api/v1/courses/{course['id']}", json={"title_en": None}, headers=headers), 422
    )
    assert body["errors"][0]["field"] == "title_en"
    update = session.scalars(
        select(ActivityLog).where(
            ActivityLog.entity_id == course["id"], ActivityLog.action == "UPDATE_COURSE"
        )
    ).one()
    assert update.metadata_ == {"fields": ["estimated_hours", "tags", "title_fr"]}


def test_other_teachers_cannot_touch_a_course(client: TestClient, session: Session) -> None:
    _, owner = teacher(session)
    _, stranger = teacher(session)
    course = create_course(client, owner)
    # A draft is invisible to them: 404, as if it did not exist.
    assert_problem(
        client.patch(f"/api/v1/courses/{course['id']}", json={"title_fr": "x"}, headers=stranger), 404
    )
    assert_problem(client.get(f"/api/v1/courses/{course['id']}", headers=stranger), 404)
    assert_problem(client.get(f"/api/v1/courses/{course['id']}/authoring", headers=stranger), 404)
    publish_course(client, owner, course["id"])
    # Published: they may read it, not change it.
    assert client.get(f"/api/v1/courses/{course['id']}", headers=stranger).status_code == 200
    assert_problem(
        client.patch(f"/api/v1/courses/{course['id']}", json={"title_fr": "x"}, headers=stranger), 403
    )
    admin = bearer(session, f.make_user(session, role=UserRole.ADMIN))
    response = client.patch(
        f"/api/v1/courses/{course['id']}", json={"title_fr": "Par l’admin"}, headers=admin
    )
    assert response.json()["title_fr"] == "Par l’admin"


def test_admins_reassign_the_teacher(client: TestClient, session: Session) -> None:
    _, owner = teacher(session)
    successor = f.make_teacher(session)
    student = f.make_user(session)
    admin = bearer(session, f.make_user(session, role=UserRole.ADMIN))
    course = create_course(client, owner)
    path = f"/api/v1/courses/{course['id']}/teacher"
    assert_problem(client.put(path, json={"teacher_id": successor.id}, headers=owner), 403)
    body = assert_problem(client.put(path, json={"teacher_id": student.id}, headers=admin), 422)
    assert body["errors"][0]["field"] == "teacher_id"
    response = client.put(path, json={"teacher_id": successor.id}, headers=admin)
    assert response.json()["teacher_id"] == successor.id
    # The previous owner no longer sees the draft.
    assert_problem(client.get(f"/api/v1/courses/{course['id']}/authoring", headers=owner), 404)


def test_reads_resolve_the_language_and_flag_fallbacks(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers, description_fr=None)
    create_lesson(client, headers, course["id"], title_en="Grace", title_fr=None)
    path = f"/api/v1/courses/{course['id']}"
    french = client.get(f"{path}?lang=fr", headers=headers).json()
    assert (french["lang"], french["title"], french["description"]) == (
        "fr",
        "Le Saint-Esprit",
        "Who the Spirit is and what he does.",
    )
    assert french["fallback"] == ["description"]
    assert french["difficulty"] == {"value": "Beginner", "label": "Débutant"}
    assert french["lessons"][0]["fallback"] == ["title"]
    english = client.get(path, headers=headers).json()  # the teacher's preference: en
    assert (english["lang"], english["title"], english["fallback"]) == ("en", "The Holy Spirit", [])
    assert_problem(client.get(f"{path}?lang=de", headers=headers), 422)
    # Anonymous readers of the published course: Accept-Language decides.
    publish_course(client, headers, course["id"])
    assert client.get(path, headers={"Accept-Language": "de, fr-CA;q=0.8, en;q=0.5"}).json()["lang"] == "fr"
    assert client.get(path, headers={"Accept-Language": "en-GB,fr;q=0.5"}).json()["lang"] == "en"
    assert client.get(path).json()["lang"] == "en"


def test_the_users_language_preference_beats_accept_language(client: TestClient, session: Session) -> None:
    user = f.make_teacher(session, language_pref="fr")
    headers = bearer(session, user)
    course = create_course(client, headers)
    response = client.get(f"/api/v1/courses/{course['id']}", headers=headers | {"Accept-Language": "en"})
    assert response.json()["lang"] == "fr"
    assert client.get(f"/api/v1/courses/{course['id']}?lang=en", headers=headers).json()["lang"] == "en"


def test_catalogue_and_managed_lists(client: TestClient, session: Session) -> None:
    user, headers = teacher(session)
    _, other = teacher(session)
    mine = [create_course(client, headers, title_en=f"Mine {i}", tags=[f"tag-{i}"]) for i in range(3)]
    create_course(client, other, title_en="Theirs")
    publish_course(client, headers, mine[0]["id"])
    publish_course(client, headers, mine[1]["id"])
    client.post(f"/api/v1/courses/{mine[1]['id']}/archive", headers=headers)
    catalogue = client.get("/api/v1/courses?page_size=100").json()
    slugs = [c["slug"] for c in catalogue["items"]]
    assert mine[0]["slug"] in slugs
    assert mine[1]["slug"] not in slugs  # archived
    assert mine[2]["slug"] not in slugs  # draft
    assert client.get("/api/v1/courses?tag=tag-0").json()["total"] >= 1
    assert all(c["slug"] != mine[0]["slug"] for c in client.get("/api/v1/courses?tag=tag-9").json()["items"])
    assert_problem(client.get("/api/v1/courses?category=Cooking"), 422)
    managed = client.get("/api/v1/courses/managed", headers=headers).json()
    assert {c["id"] for c in managed["items"]} == {c["id"] for c in mine}
    assert managed["total"] == 3
    drafts = client.get("/api/v1/courses/managed?status=DRAFT", headers=headers).json()
    assert [c["id"] for c in drafts["items"]] == [mine[2]["id"]]
    student = bearer(session, f.make_user(session))
    assert_problem(client.get("/api/v1/courses/managed", headers=student), 403)
    assert user.id  # the teacher exists


def test_list_published_keeps_serving_the_catalogue_page(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers, title_fr=None)
    publish_course(client, headers, course["id"])
    page = client.get("/?lang=fr", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert course["title_en"] in page.text
    assert LessonStatus.PUBLISHED.value == "PUBLISHED"
