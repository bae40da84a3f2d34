"""The learning loop in the permission matrix (issue 6). The course belongs to "teacher" and is
published, with a lesson of two slides and a quiz; "student" and "other_student" are enrolled;
other_student has a private note and a submitted quiz whose typed answer is their secret. Enrolment,
progress, notes, the dashboard and one's results are the student's own; rosters and a student's
progress are the course's teacher's and admins' (who then see students' names)."""

from __future__ import annotations

from dataclasses import dataclass

from bibliology.db import utcnow
from bibliology.enums import LessonStatus
from bibliology.policy import Actor
from bibliology.progress import notes
from tests import factories as f
from tests.permissions.matrix import Endpoint, Expect, Owner, Role, World, anyone, expect, logged_in
from tests.queries.support import slide_ids

MANAGERS: frozenset[Role] = frozenset({"teacher", "admin"})


def managers(status: int) -> Expect:
    return expect(403, anonymous=401, teacher=status, admin=status)


def enrolled_only(status: int, others: int) -> Expect:
    """The enrolled student gets `status`, other users `others`, anonymous 401."""
    return expect(others, anonymous=401, student=status)


@dataclass(frozen=True)
class LearningWorld:
    course_id: str
    lesson_id: str
    slide_id: str
    draft_course_id: str
    draft_lesson_id: str
    other_note_id: str
    own_note_id: str


def world(w: World) -> LearningWorld:
    def build(w: World) -> LearningWorld:
        course = w.course("teacher")
        lesson = f.make_published_lesson(w.session, course=course, slides=2)
        quiz = f.make_quiz(w.session, lesson=lesson)
        question = f.make_question(w.session, quiz=quiz)
        slide = slide_ids(w.session, lesson.id)[0]
        owners: tuple[Owner, ...] = ("student", "other_student")
        for owner in owners:
            f.make_enrollment(w.session, course=course, student=w.users[owner])
        other, me = w.users["other_student"], w.users["student"]
        other_note = notes.create(
            w.session,
            actor=Actor(other.id, other.role),
            lesson_id=lesson.id,
            slide_id=slide,
            note_text=w.secret("other_student", f"note of {other.name}"),
        )
        own_note = notes.create(
            w.session, actor=Actor(me.id, me.role), lesson_id=lesson.id, slide_id=slide, note_text="mine"
        )
        submission = f.make_submission(w.session, quiz=quiz, student=other, submitted_at=utcnow())
        f.make_answer(
            w.session,
            submission=submission,
            question=question,
            answer_given={"text": w.secret("other_student", f"answer of {other.name}")},
        )
        draft = w.course("teacher", status=LessonStatus.DRAFT)
        draft_lesson = f.make_lesson(w.session, course=course)
        f.make_slide(w.session, lesson=draft_lesson)
        return LearningWorld(
            course.id, lesson.id, slide, draft.id, draft_lesson.id, other_note.id, own_note.id
        )

    return w.remember("learning-world", build)


def built(w: World, role: Role) -> None:
    """Other students' records exist, so the leak check has something to find."""
    world(w)


def course(w: World, role: Role) -> dict[str, str]:
    return {"course_id": world(w).course_id}


def lesson(w: World, role: Role) -> dict[str, str]:
    return {"lesson_id": world(w).lesson_id}


def other_students(w: World, role: Role) -> dict[str, str]:
    return {"course_id": world(w).course_id, "student_id": w.users["other_student"].id}


ENTRIES: list[Endpoint] = [
    # --- enrolment
    Endpoint(
        "POST",
        "/api/v1/courses/{course_id}/enrollment",
        expect(201, anonymous=401, student=200),
        note="published; the student is enrolled already",
        params=course,
    ),
    Endpoint(
        "POST",
        "/api/v1/courses/{course_id}/enrollment",
        expect(404, anonymous=401, teacher=409, admin=409),
        note="draft",
        params=lambda w, r: {"course_id": world(w).draft_course_id},
    ),
    Endpoint("GET", "/api/v1/courses/{course_id}/enrollment", enrolled_only(200, 404), params=course),
    Endpoint("DELETE", "/api/v1/courses/{course_id}/enrollment", enrolled_only(200, 404), params=course),
    # --- progress
    Endpoint(
        "POST",
        "/api/v1/progress/events",
        enrolled_only(200, 409),
        note="409: not enrolled",
        json=lambda w, r: {
            "lesson_id": world(w).lesson_id,
            "slide_id": world(w).slide_id,
            "seconds": 30,
            "client_event_id": f"matrix-{r}",
        },
    ),
    # --- notes
    Endpoint(
        "GET", "/api/v1/lessons/{lesson_id}/notes", logged_in(200), note="one's own only", params=lesson
    ),
    Endpoint(
        "POST",
        "/api/v1/lessons/{lesson_id}/notes",
        logged_in(201),
        params=lesson,
        json=lambda w, r: {"slide_id": world(w).slide_id, "note_text": "a thought"},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/notes/{note_id}",
        enrolled_only(200, 404),
        note="the student's",
        params=lambda w, r: {"note_id": world(w).own_note_id},
        json=lambda w, r: {"note_text": "edited"},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/notes/{note_id}",
        expect(404, anonymous=401),
        note="another student's",
        params=lambda w, r: {"note_id": world(w).other_note_id},
        json=lambda w, r: {"note_text": "edited"},
    ),
    Endpoint(
        "DELETE",
        "/api/v1/notes/{note_id}",
        enrolled_only(204, 404),
        note="the student's",
        params=lambda w, r: {"note_id": world(w).own_note_id},
    ),
    Endpoint(
        "DELETE",
        "/api/v1/notes/{note_id}",
        expect(404, anonymous=401),
        note="another student's",
        params=lambda w, r: {"note_id": world(w).other_note_id},
    ),
    # --- the design's patterns
    Endpoint("GET", "/api/v1/courses/{course_id}/outline", anyone(200), note="published", params=course),
    Endpoint(
        "GET",
        "/api/v1/courses/{course_id}/outline",
        expect(404, teacher=200, admin=200),
        note="draft",
        params=lambda w, r: {"course_id": world(w).draft_course_id},
    ),
    Endpoint("GET", "/api/v1/lessons/{lesson_id}/tree", anyone(200), note="published", params=lesson),
    Endpoint(
        "GET",
        "/api/v1/lessons/{lesson_id}/tree",
        expect(404, teacher=200, admin=200),
        note="draft",
        params=lambda w, r: {"lesson_id": world(w).draft_lesson_id},
    ),
    Endpoint("GET", "/api/v1/me/dashboard", logged_in(200), setup=built),
    Endpoint("GET", "/api/v1/me/quiz-results", logged_in(200), setup=built),
    # --- teacher views
    Endpoint("GET", "/api/v1/courses/{course_id}/roster", managers(200), params=course, sees=MANAGERS),
    Endpoint(
        "GET",
        "/api/v1/courses/{course_id}/students/{student_id}/progress",
        managers(200),
        params=other_students,
        sees=MANAGERS,
    ),
    Endpoint(
        "GET",
        "/api/v1/courses/{course_id}/students/{student_id}/quiz-results",
        managers(200),
        params=other_students,
        sees=MANAGERS,
    ),
]
