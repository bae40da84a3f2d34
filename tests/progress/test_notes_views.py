"""The notes panel's forms (add, edit, delete with the CSRF form field, 303 back to the slide) and
the course's notes page by lesson and slide."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.http import CSRF_HEADER, csrf_token_for
from bibliology.lessons.models import Lesson
from tests import factories as f
from tests.queries.support import slide_ids

Login = Callable[[User], str]
HTML = {"accept": "text/html"}


def _slide(course: Course, lesson: Lesson, n: int) -> str:
    return f"/courses/{course.slug}/lessons/{lesson.slug}/slides/{n}"


def _form_login(client: TestClient, login_as: Login, user: User) -> str:
    """Signed in as a browser posting plain forms: the CSRF token travels in the form, not a header."""
    token = login_as(user)
    del client.headers[CSRF_HEADER]
    return csrf_token_for(token)


def _notes(session: Session, student: User) -> list[tuple[str, str | None]]:
    rows = session.execute(
        text("SELECT note_text, slide_id FROM student_notes WHERE student_id = :s ORDER BY created_at, id"),
        {"s": student.id},
    )
    return [(row.note_text, row.slide_id) for row in rows]


def test_add_edit_and_delete_a_note_with_plain_forms(
    client: TestClient, session: Session, login_as: Login
) -> None:
    course = f.make_published_course(session, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=3)
    slides = slide_ids(session, lesson.id)
    student = f.make_user(session)
    f.make_enrollment(session, course=course, student=student)
    csrf = _form_login(client, login_as, student)
    notes_url = _slide(course, lesson, 2) + "/notes"

    page = client.get(_slide(course, lesson, 2), headers=HTML).text
    assert '<aside class="notes" id="notes" aria-label="Notes">' in page
    assert f'<form method="post" action="{notes_url}" class="notes__add">' in page
    assert f'<input type="hidden" name="csrf_token" value="{csrf}">' in page

    refused = client.post(notes_url, data={"note_text": "no token"}, headers=HTML)
    assert refused.status_code == 403
    assert "text/html" in refused.headers["content-type"]
    added = client.post(
        notes_url,
        data={"note_text": "  Grace <b>upon</b> grace\r\n", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert (added.status_code, added.headers["location"]) == (303, _slide(course, lesson, 2) + "#notes")
    assert _notes(session, student) == [("Grace <b>upon</b> grace", slides[1])]
    page = client.get(_slide(course, lesson, 2), headers=HTML).text
    assert '<p class="note__text">Grace &lt;b&gt;upon&lt;/b&gt; grace</p>' in page
    assert "No notes on this slide yet." in client.get(_slide(course, lesson, 1), headers=HTML).text

    (note_id,) = session.execute(
        text("SELECT id FROM student_notes WHERE student_id = :s"), {"s": student.id}
    ).scalars()
    assert f'action="{notes_url}/{note_id}"' in page
    assert f'action="{notes_url}/{note_id}/delete"' in page
    edited = client.post(
        f"{notes_url}/{note_id}",
        data={"note_text": "Grace for grace", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert edited.status_code == 303
    assert _notes(session, student) == [("Grace for grace", slides[1])]
    blank = client.post(f"{notes_url}/{note_id}", data={"note_text": "   ", "csrf_token": csrf}, headers=HTML)
    assert blank.status_code == 422

    # Someone else's note is "not found", whatever the form says.
    intruder = f.make_user(session)
    f.make_enrollment(session, course=course, student=intruder)
    intruder_csrf = _form_login(client, login_as, intruder)
    for url, data in (
        (f"{notes_url}/{note_id}", {"note_text": "mine now", "csrf_token": intruder_csrf}),
        (f"{notes_url}/{note_id}/delete", {"csrf_token": intruder_csrf}),
    ):
        assert client.post(url, data=data, headers=HTML).status_code == 404
    assert _notes(session, student) == [("Grace for grace", slides[1])]

    csrf = _form_login(client, login_as, student)
    deleted = client.post(f"{notes_url}/{note_id}/delete", data={"csrf_token": csrf}, follow_redirects=False)
    assert deleted.status_code == 303
    assert _notes(session, student) == []


def test_writing_notes_needs_an_enrolment_and_a_real_slide(
    client: TestClient, session: Session, login_as: Login
) -> None:
    course = f.make_published_course(session, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=2)
    outsider = f.make_user(session)
    assert (
        client.post(
            _slide(course, lesson, 1) + "/notes", data={"note_text": "x"}, follow_redirects=False
        ).status_code
        == 303
    )
    csrf = _form_login(client, login_as, outsider)
    refused = client.post(
        _slide(course, lesson, 1) + "/notes",
        data={"note_text": "x", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert (refused.status_code, refused.headers["location"]) == (303, f"/courses/{course.slug}?notice=enrol")
    f.make_enrollment(session, course=course, student=outsider)
    missing = client.post(
        _slide(course, lesson, 3) + "/notes", data={"note_text": "x", "csrf_token": csrf}, headers=HTML
    )
    assert missing.status_code == 404
    assert _notes(session, outsider) == []


def test_the_course_notes_page_by_lesson_and_slide(
    client: TestClient, session: Session, login_as: Login
) -> None:
    course = f.make_published_course(session, lessons=0, title_en="Romans", title_fr="Romains")
    first = f.make_published_lesson(
        session, course=course, slides=2, title_en="Grace", title_fr="Grâce", lesson_order=0
    )
    second = f.make_published_lesson(
        session, course=course, slides=2, title_en="Faith", title_fr="", lesson_order=1
    )
    student = f.make_user(session)
    f.make_enrollment(session, course=course, student=student)
    one, two = slide_ids(session, first.id)
    three, _ = slide_ids(session, second.id)
    session.execute(text("UPDATE slides SET title_fr = NULL WHERE id = :id"), {"id": three})
    f.make_note(session, student=student, lesson=second, slide_id=three, slide_index=0, note_text="on faith")
    f.make_note(session, student=student, lesson=first, slide_id=two, slide_index=1, note_text="second slide")
    f.make_note(session, student=student, lesson=first, slide_id=one, slide_index=0, note_text="first slide")
    f.make_note(session, student=student, lesson=first, slide_id=None, slide_index=4, note_text="orphan")
    f.make_note(session, student=f.make_user(session), lesson=first, slide_id=one, note_text="not mine")

    assert client.get(f"/courses/{course.slug}/notes", follow_redirects=False).status_code == 303
    login_as(student)
    page = client.get(f"/courses/{course.slug}/notes?lang=fr", headers=HTML)
    assert page.status_code == 200
    body = page.text
    order = [body.index(s) for s in ("Grâce", "first slide", "second slide", "orphan", "Faith", "on faith")]
    assert order == sorted(order)
    assert "not mine" not in body
    assert f'href="{_slide(course, first, 2)}#notes">Diapositive 2' in body
    assert "c’était la diapositive 5" in body
    assert body.count('class="fallback"') == 2  # "Faith" and its first slide have no French title
    assert client.get("/courses/no-such-course/notes", headers=HTML).status_code == 404

    nothing = f.make_user(session)
    login_as(nothing)
    assert (
        "You have no notes on this course yet."
        in client.get(f"/courses/{course.slug}/notes", headers=HTML).text
    )
