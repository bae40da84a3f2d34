"""The learning loop over HTTP: a student enrols, pages through a lesson, takes notes, and both
dashboards show exact progress."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.db import utcnow
from bibliology.progress.schemas import (
    CourseOutlineRead,
    DashboardRead,
    QuizResultPage,
    RosterPage,
    StudentLessonTree,
    StudentProgressPage,
    TeacherLessonTree,
)
from tests import factories as f
from tests.queries.support import slide_ids

Login = Callable[[User], str]


def test_a_student_enrols_pages_through_a_lesson_and_both_dashboards_agree(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=3)
    f.make_published_lesson(session, course=course, slides=1)
    student = f.make_user(session, name="Lydia")
    slides = slide_ids(session, lesson.id)

    login_as(student)
    enrolled = client.post(f"/api/v1/courses/{course.id}/enrollment")
    assert enrolled.status_code == 201
    assert enrolled.json()["total_lessons"] == 2
    assert client.post(f"/api/v1/courses/{course.id}/enrollment").status_code == 200
    for n, slide in enumerate(slides):
        response = client.post(
            "/api/v1/progress/events",
            json={"lesson_id": lesson.id, "slide_id": slide, "seconds": 40, "client_event_id": f"tab1-{n}"},
        )
        assert response.status_code == 200, response.text
    body = response.json()
    assert body["lesson_completed"] is True
    assert body["enrollment"]["progress_percentage"] == 50

    outline = client.get(f"/api/v1/courses/{course.id}/outline").json()
    CourseOutlineRead.model_validate(outline)
    assert outline["lessons"][0]["progress"]["status"] == "COMPLETED"
    assert outline["lessons"][0]["progress"]["time_spent_seconds"] == 120
    board = client.get("/api/v1/me/dashboard?lang=fr").json()
    DashboardRead.model_validate(board)
    (entry,) = board["enrollments"]
    assert (entry["lessons_completed"], entry["total_lessons"], entry["progress_percentage"]) == (1, 2, 50)
    assert entry["resume"]["lesson_id"] != lesson.id  # the next lesson
    tree = client.get(f"/api/v1/lessons/{lesson.id}/tree").json()
    StudentLessonTree.model_validate(tree)

    login_as(teacher)
    roster = client.get(f"/api/v1/courses/{course.id}/roster?sort=-progress").json()
    RosterPage.model_validate(roster)
    (row,) = roster["items"]
    assert (row["student"]["name"], row["enrollment"]["progress_percentage"]) == ("Lydia", 50)
    detail = client.get(f"/api/v1/courses/{course.id}/students/{student.id}/progress").json()
    StudentProgressPage.model_validate(detail)
    assert [item["status"] for item in detail["items"]] == ["COMPLETED", "NOT_STARTED"]
    assert detail["items"][0]["total_slides_viewed"] == 3
    TeacherLessonTree.model_validate(client.get(f"/api/v1/lessons/{lesson.id}/tree").json())


def test_replays_drops_and_refusals_over_http(client: TestClient, session: Session, login_as: Login) -> None:
    course = f.make_published_course(session, lessons=0)
    lesson_id = f.make_published_lesson(session, course=course).id
    slide = slide_ids(session, lesson_id)[0]
    event = {"lesson_id": lesson_id, "slide_id": slide, "seconds": 10, "client_event_id": "a-1"}
    assert client.post("/api/v1/progress/events", json=event).status_code == 401
    login_as(f.make_user(session))
    refused = client.post("/api/v1/progress/events", json=event)
    assert refused.status_code == 409  # not enrolled
    assert refused.headers["content-type"] == "application/problem+json"
    client.post(f"/api/v1/courses/{course.id}/enrollment")
    assert client.post("/api/v1/progress/events", json=event).json()["replayed"] is False
    assert client.post("/api/v1/progress/events", json=event).json()["replayed"] is True
    bad = client.post("/api/v1/progress/events", json=event | {"seconds": -1, "extra": True})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"seconds", "extra"}
    dropped = client.delete(f"/api/v1/courses/{course.id}/enrollment")
    assert dropped.json()["status"] == "DROPPED"
    assert client.post("/api/v1/progress/events", json=event | {"client_event_id": "a-2"}).status_code == 409
    assert client.get(f"/api/v1/courses/{course.id}/roster").status_code == 403


def test_notes_over_http_are_private(client: TestClient, session: Session, login_as: Login) -> None:
    lesson = f.make_published_lesson(session, course=f.make_published_course(session, lessons=0), slides=2)
    first, second = slide_ids(session, lesson.id)
    login_as(f.make_user(session))
    created = client.post(
        f"/api/v1/lessons/{lesson.id}/notes", json={"slide_id": second, "note_text": " grace "}
    )
    assert created.status_code == 201
    note = created.json()
    assert (note["note_text"], note["slide_index"]) == ("grace", 1)
    moved = client.patch(f"/api/v1/notes/{note['id']}", json={"slide_id": first})
    assert (moved.json()["slide_index"], moved.json()["note_text"]) == (0, "grace")
    assert client.get(f"/api/v1/lessons/{lesson.id}/notes").json()["total"] == 1
    assert client.patch(f"/api/v1/notes/{note['id']}", json={"student_id": "me"}).status_code == 422

    login_as(f.make_user(session))
    assert client.get(f"/api/v1/lessons/{lesson.id}/notes").json()["items"] == []
    assert client.patch(f"/api/v1/notes/{note['id']}", json={"note_text": "mine now"}).status_code == 404
    assert client.delete(f"/api/v1/notes/{note['id']}").status_code == 404


def test_quiz_results_over_http(client: TestClient, session: Session, login_as: Login) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=0)
    quiz = f.make_quiz(session, lesson=f.make_published_lesson(session, course=course))
    student = f.make_user(session)
    f.make_enrollment(session, course=course, student=student)
    submission = f.make_submission(session, quiz=quiz, student=student, submitted_at=utcnow())
    f.make_answer(session, submission=submission, question=f.make_question(session, quiz=quiz))
    login_as(student)
    mine = client.get("/api/v1/me/quiz-results?page_size=5").json()
    QuizResultPage.model_validate(mine)
    assert (mine["total"], mine["page_size"], len(mine["items"][0]["answers"])) == (1, 5, 1)
    login_as(teacher)
    theirs = client.get(f"/api/v1/courses/{course.id}/students/{student.id}/quiz-results").json()
    assert [r["id"] for r in theirs["items"]] == [submission.id]
