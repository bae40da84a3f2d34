"""Editing a published lesson is immediate; students' progress and notes stay on their slide."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.lessons.models import Lesson
from bibliology.progress.models import LessonProgress, SlideView, StudentNote
from tests import factories as f
from tests.courses.authoring import (
    Headers,
    assert_problem,
    bearer,
    create_course,
    create_lesson,
    create_slide,
    teacher,
)


def _published_lesson(client: TestClient, session: Session) -> tuple[Headers, dict[str, str], list[str]]:
    _, headers = teacher(session)
    course = create_course(client, headers)
    lesson = create_lesson(client, headers, course["id"])
    slides = [create_slide(client, headers, lesson["id"], title_en=f"S{i}")["id"] for i in range(4)]
    client.post(f"/api/v1/lessons/{lesson['id']}/publish", headers=headers)
    client.post(f"/api/v1/courses/{course['id']}/publish", headers=headers)
    return headers, lesson, slides


def _student_on(
    session: Session, lesson_id: str, slide_id: str, index: int
) -> tuple[LessonProgress, StudentNote]:
    lesson = session.get_one(Lesson, lesson_id)
    student = f.make_user(session)
    enrollment = f.make_enrollment(session, course=session.get_one(Course, lesson.course_id), student=student)
    progress = f.make_lesson_progress(
        session, enrollment=enrollment, lesson=lesson, current_slide_id=slide_id, current_slide_index=index
    )
    note = f.make_note(session, student=student, lesson=lesson, slide_id=slide_id, slide_index=index)
    return progress, note


def test_moving_slides_keeps_students_and_notes_on_their_slide(client: TestClient, session: Session) -> None:
    headers, lesson, slides = _published_lesson(client, session)
    progress, note = _student_on(session, lesson["id"], slides[1], 1)
    client.post(f"/api/v1/slides/{slides[1]}/move", json={"position": 3}, headers=headers)
    session.refresh(progress)
    session.refresh(note)
    assert (progress.current_slide_id, progress.current_slide_index) == (slides[1], 3)
    assert (note.slide_id, note.slide_index) == (slides[1], 3)
    # A slide inserted before theirs shifts the index, not the slide.
    create_slide(client, headers, lesson["id"], position=0)
    session.refresh(progress)
    session.refresh(note)
    assert (progress.current_slide_id, progress.current_slide_index) == (slides[1], 4)
    assert note.slide_index == 4


def test_a_deleted_slide_sends_its_readers_to_the_next_one(client: TestClient, session: Session) -> None:
    headers, lesson, slides = _published_lesson(client, session)
    progress, note = _student_on(session, lesson["id"], slides[1], 1)
    session.add(SlideView(lesson_progress_id=progress.id, slide_id=slides[1]))
    session.add(SlideView(lesson_progress_id=progress.id, slide_id=slides[0]))
    progress.total_slides_viewed = 2
    session.flush()
    assert client.delete(f"/api/v1/slides/{slides[1]}", headers=headers).status_code == 204
    session.refresh(progress)
    session.refresh(note)
    assert (progress.current_slide_id, progress.current_slide_index) == (slides[2], 1)
    assert progress.total_slides_viewed == 1
    assert (note.slide_id, note.lesson_id, note.note_text) == (None, lesson["id"], "Note")
    # The last slide goes: its readers step back to the new last one.
    last, _ = _student_on(session, lesson["id"], slides[3], 2)
    client.delete(f"/api/v1/slides/{slides[3]}", headers=headers)
    session.refresh(last)
    assert (last.current_slide_id, last.current_slide_index) == (slides[2], 1)


def test_a_slide_holding_a_quiz_is_not_deleted(client: TestClient, session: Session) -> None:
    headers, lesson, slides = _published_lesson(client, session)
    f.make_quiz(session, lesson=session.get_one(Lesson, lesson["id"]), slide_id=slides[0])
    problem = assert_problem(client.delete(f"/api/v1/slides/{slides[0]}", headers=headers), 409)
    assert "quiz" in problem["detail"]


def test_edits_to_a_published_lesson_show_at_once(client: TestClient, session: Session) -> None:
    headers, lesson, slides = _published_lesson(client, session)
    student = bearer(session, f.make_user(session))
    client.patch(
        f"/api/v1/slides/{slides[0]}", json={"title_en": "Renamed", "title_fr": None}, headers=headers
    )
    tree = client.get(f"/api/v1/lessons/{lesson['id']}?lang=fr", headers=student).json()
    assert (tree["slides"][0]["title"], tree["slides"][0]["fallback"]) == ("Renamed", ["title"])


def test_slides_validate_layout_and_french_needs_english(client: TestClient, session: Session) -> None:
    headers, lesson, slides = _published_lesson(client, session)
    path = f"/api/v1/lessons/{lesson['id']}/slides"
    assert_problem(client.post(path, json={"layout": "CAROUSEL"}, headers=headers), 422)
    body = assert_problem(client.post(path, json={"title_fr": "Seulement en français"}, headers=headers), 422)
    assert body["errors"][0]["field"] == "title_fr"
    body = assert_problem(
        client.patch(f"/api/v1/slides/{slides[0]}", json={"title_en": None}, headers=headers), 422
    )
    assert body["errors"][0]["field"] == "title_fr"
    notes = client.patch(
        f"/api/v1/slides/{slides[0]}",
        json={"notes_en": "Ask them.", "notes_fr": "Demandez-leur.", "layout": "TITLE"},
        headers=headers,
    ).json()
    assert (notes["notes_en"], notes["notes_fr"], notes["layout"]) == ("Ask them.", "Demandez-leur.", "TITLE")
    student = bearer(session, f.make_user(session))
    tree = client.get(f"/api/v1/lessons/{lesson['id']}", headers=student).json()
    assert "notes" not in str(tree["slides"][0].keys())  # teacher notes are not for students
    for layout in ("TITLE", "CONTENT", "TWO_COLUMN", "IMAGE_FOCUS", "QUIZ", "BLANK"):
        assert client.post(path, json={"layout": layout}, headers=headers).json()["layout"] == layout
