"""Publish, archive, restore, delete — for courses and lessons — and what students see meanwhile."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.activity.models import ActivityLog
from bibliology.courses import service
from bibliology.courses.models import Course
from bibliology.enums import LessonProgressStatus
from bibliology.lessons.models import Lesson, Slide
from bibliology.progress.models import Enrollment
from tests import factories as f
from tests.courses.authoring import (
    Headers,
    assert_problem,
    bearer,
    create_block,
    create_course,
    create_lesson,
    create_slide,
    publish_course,
    teacher,
)


def _actions(session: Session, entity_id: str) -> list[str]:
    rows = session.scalars(
        select(ActivityLog.action)
        .where(ActivityLog.entity_id == entity_id)
        .order_by(ActivityLog.created_at, ActivityLog.id)
    )
    return list(rows)


def _published_course(client: TestClient, headers: Headers) -> tuple[dict[str, str], list[dict[str, str]]]:
    course = create_course(client, headers)
    lessons = [create_lesson(client, headers, course["id"], title_en=f"Lesson {i}") for i in range(3)]
    for lesson in lessons[:2]:
        assert client.post(f"/api/v1/lessons/{lesson['id']}/publish", headers=headers).status_code == 200
    assert client.post(f"/api/v1/courses/{course['id']}/publish", headers=headers).status_code == 200
    return course, lessons


def test_publish_stamps_published_at_once(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    path = f"/api/v1/courses/{course['id']}"
    refused = client.post(f"{path}/publish", headers=headers)  # nothing to study yet
    assert refused.status_code == 409
    assert refused.json()["detail"].startswith("a course needs one published lesson")
    first = publish_course(client, headers, course["id"])
    assert first["status"] == "PUBLISHED"
    assert first["published_at"] is not None
    again = client.post(f"{path}/publish", headers=headers).json()
    assert again["published_at"] == first["published_at"]
    client.post(f"{path}/archive", headers=headers)
    restored = client.post(f"{path}/restore", headers=headers).json()
    assert (restored["status"], restored["published_at"]) == ("PUBLISHED", first["published_at"])
    assert _actions(session, course["id"]) == [
        "CREATE_COURSE",
        "PUBLISH_COURSE",
        "ARCHIVE_COURSE",
        "RESTORE_COURSE",
    ]


def test_restore_of_a_never_published_course_is_a_draft(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course = create_course(client, headers)
    path = f"/api/v1/courses/{course['id']}"
    assert client.post(f"{path}/archive", headers=headers).json()["status"] == "ARCHIVED"
    body = assert_problem(client.post(f"{path}/publish", headers=headers), 409)
    assert "restore it first" in body["detail"]
    assert client.post(f"{path}/restore", headers=headers).json()["status"] == "DRAFT"


def test_archived_course_leaves_the_catalogue_but_enrolled_students_keep_reading(
    client: TestClient, session: Session
) -> None:
    _, headers = teacher(session)
    course, lessons = _published_course(client, headers)
    slide = create_slide(client, headers, lessons[0]["id"])
    create_block(client, headers, slide["id"])
    enrolled_user = f.make_user(session)
    enrollment = f.make_enrollment(
        session, course=session.get_one(Course, course["id"]), student=enrolled_user
    )
    progress = f.make_lesson_progress(
        session,
        enrollment=enrollment,
        lesson=session.get_one(Lesson, lessons[0]["id"]),
        status=LessonProgressStatus.COMPLETED,
    )
    note = f.make_note(session, student=enrolled_user, lesson=session.get_one(Lesson, lessons[0]["id"]))
    enrolled = bearer(session, enrolled_user)
    outsider = bearer(session, f.make_user(session))

    assert client.post(f"/api/v1/courses/{course['id']}/archive", headers=headers).status_code == 200

    assert course["slug"] not in [c.slug for c in service.list_published(session, lang="en")]
    assert course["id"] not in [c["id"] for c in client.get("/api/v1/courses?page_size=100").json()["items"]]
    read = client.get(f"/api/v1/courses/{course['id']}", headers=enrolled).json()
    assert (read["status"], read["read_only"], read["enrolled"]) == ("ARCHIVED", True, True)
    # Published lessons stay readable; the draft one never was.
    assert [lesson["id"] for lesson in read["lessons"]] == [lessons[0]["id"], lessons[1]["id"]]
    tree = client.get(f"/api/v1/lessons/{lessons[0]['id']}", headers=enrolled).json()
    assert tree["lesson"]["read_only"] is True
    assert len(tree["slides"][0]["blocks"]) == 1
    assert_problem(client.get(f"/api/v1/lessons/{lessons[2]['id']}", headers=enrolled), 404)
    assert_problem(client.get(f"/api/v1/courses/{course['id']}", headers=outsider), 404)
    assert_problem(client.get(f"/api/v1/lessons/{lessons[0]['id']}", headers=outsider), 404)
    assert_problem(client.get(f"/api/v1/courses/{course['id']}"), 404)
    # Their progress and notes are still there.
    session.refresh(progress)
    session.refresh(note)
    assert progress.status == LessonProgressStatus.COMPLETED
    assert (note.note_text, note.lesson_id) == ("Note", lessons[0]["id"])
    assert session.get_one(Enrollment, enrollment.id).course_id == course["id"]


def test_writes_to_an_archived_course_are_refused_until_restored(
    client: TestClient, session: Session
) -> None:
    _, headers = teacher(session)
    course, lessons = _published_course(client, headers)
    slide = create_slide(client, headers, lessons[0]["id"])
    block = create_block(client, headers, slide["id"])
    client.post(f"/api/v1/courses/{course['id']}/archive", headers=headers)
    writes = [
        ("PATCH", f"/api/v1/courses/{course['id']}", {"title_fr": "x"}),
        ("POST", f"/api/v1/courses/{course['id']}/publish", None),
        ("POST", f"/api/v1/courses/{course['id']}/lessons", {"title_en": "New"}),
        ("PATCH", f"/api/v1/lessons/{lessons[0]['id']}", {"title_fr": "x"}),
        ("POST", f"/api/v1/lessons/{lessons[0]['id']}/move", {"position": 1}),
        ("POST", f"/api/v1/lessons/{lessons[0]['id']}/archive", None),
        ("POST", f"/api/v1/lessons/{lessons[2]['id']}/publish", None),
        ("DELETE", f"/api/v1/lessons/{lessons[2]['id']}", None),
        ("POST", f"/api/v1/lessons/{lessons[0]['id']}/slides", {"title_en": "x"}),
        ("PATCH", f"/api/v1/slides/{slide['id']}", {"title_fr": "x"}),
        ("POST", f"/api/v1/slides/{slide['id']}/move", {"position": 0}),
        ("DELETE", f"/api/v1/slides/{slide['id']}", None),
        ("POST", f"/api/v1/slides/{slide['id']}/blocks", {"block_type": "DIVIDER", "content_en": {}}),
        ("PATCH", f"/api/v1/blocks/{block['id']}", {"content_fr": {"text": "x"}}),
        ("POST", f"/api/v1/blocks/{block['id']}/move", {"position": 0}),
        ("DELETE", f"/api/v1/blocks/{block['id']}", None),
    ]
    for method, path, body in writes:
        problem = assert_problem(client.request(method, path, json=body, headers=headers), 409)
        assert "restore it first" in problem["detail"], (method, path)
    client.post(f"/api/v1/courses/{course['id']}/restore", headers=headers)
    assert (
        client.patch(f"/api/v1/slides/{slide['id']}", json={"title_fr": "x"}, headers=headers).status_code
        == 200
    )


def test_an_archived_lesson_is_read_only_but_keeps_its_place(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course, lessons = _published_course(client, headers)
    path = f"/api/v1/lessons/{lessons[0]['id']}"
    archived = client.post(f"{path}/archive", headers=headers).json()
    assert archived["status"] == "ARCHIVED"
    assert (
        "restore it first"
        in assert_problem(client.patch(path, json={"title_fr": "x"}, headers=headers), 409)["detail"]
    )
    assert_problem(client.post(f"{path}/slides", json={}, headers=headers), 409)
    assert client.post(f"{path}/move", json={"position": 2}, headers=headers).json()["position"] == 2
    assert client.post(f"{path}/restore", headers=headers).json()["status"] == "PUBLISHED"
    assert _actions(session, lessons[0]["id"]) == [
        "CREATE_LESSON",
        "PUBLISH_LESSON",
        "ARCHIVE_LESSON",
        "UPDATE_LESSON",
        "RESTORE_LESSON",
    ]
    student = bearer(session, f.make_user(session))
    outline = client.get(f"/api/v1/courses/{course['id']}", headers=student).json()["lessons"]
    assert [lesson["id"] for lesson in outline] == [lessons[1]["id"], lessons[0]["id"]]
    assert [lesson["position"] for lesson in outline] == [0, 1]


def test_lesson_status_changes_recount_enrollments(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course, lessons = _published_course(client, headers)
    enrollment = f.make_enrollment(session, course=session.get_one(Course, course["id"]))
    client.post(f"/api/v1/lessons/{lessons[2]['id']}/publish", headers=headers)
    session.refresh(enrollment)
    assert enrollment.total_lessons == 3
    client.post(f"/api/v1/lessons/{lessons[0]['id']}/archive", headers=headers)
    session.refresh(enrollment)
    assert enrollment.total_lessons == 2


def test_hard_delete_is_for_drafts_nobody_is_enrolled_in(client: TestClient, session: Session) -> None:
    _, headers = teacher(session)
    course, _ = _published_course(client, headers)
    published = assert_problem(client.delete(f"/api/v1/courses/{course['id']}", headers=headers), 409)
    assert "only a draft can be deleted" in published["detail"]
    draft = create_course(client, headers, title_en="Draft")
    lesson = create_lesson(client, headers, draft["id"])
    slide = create_slide(client, headers, lesson["id"])
    create_block(client, headers, slide["id"])
    enrollment = f.make_enrollment(session, course=session.get_one(Course, draft["id"]))
    busy = assert_problem(client.delete(f"/api/v1/courses/{draft['id']}", headers=headers), 409)
    assert busy["detail"] == "1 student(s) are enrolled in this course: archive it instead"
    session.delete(enrollment)
    session.flush()
    _, stranger = teacher(session)
    assert_problem(client.delete(f"/api/v1/courses/{draft['id']}", headers=stranger), 404)
    assert client.delete(f"/api/v1/courses/{draft['id']}", headers=headers).status_code == 204
    assert session.get(Course, draft["id"]) is None
    assert session.scalars(select(Slide).where(Slide.id == slide["id"])).first() is None
    assert _actions(session, draft["id"])[-1] == "DELETE_COURSE"
    assert_problem(client.get(f"/api/v1/courses/{draft['id']}/authoring", headers=headers), 404)


def test_lesson_delete_closes_the_gap_and_needs_a_draft_without_student_records(
    client: TestClient, session: Session
) -> None:
    _, headers = teacher(session)
    course, lessons = _published_course(client, headers)
    extra = create_lesson(client, headers, course["id"], title_en="Extra")
    assert (
        "archive it instead"
        in assert_problem(client.delete(f"/api/v1/lessons/{lessons[0]['id']}", headers=headers), 409)[
            "detail"
        ]
    )
    f.make_note(session, lesson=session.get_one(Lesson, lessons[2]["id"]))
    body = assert_problem(client.delete(f"/api/v1/lessons/{lessons[2]['id']}", headers=headers), 409)
    assert body["detail"] == "students have records on this lesson (notes): archive it instead"
    assert client.delete(f"/api/v1/lessons/{extra['id']}", headers=headers).status_code == 204
    orders = session.scalars(
        select(Lesson.lesson_order).where(Lesson.course_id == course["id"]).order_by(Lesson.lesson_order)
    ).all()
    assert list(orders) == [0, 1, 2]
    assert _actions(session, extra["id"]) == ["CREATE_LESSON", "DELETE_LESSON"]
