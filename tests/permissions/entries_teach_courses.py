"""The teacher's course pages (courses/teach_views.py): anonymous → sign-in (303), students → 403,
another teacher → the service's 403/404 for a course not theirs, its teacher and admins → the page
(200) or the form's 303. The course's title is its teacher's: nobody else's page may show it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from bibliology.courses.models import Course
from bibliology.enums import LessonStatus
from bibliology.lessons.models import Lesson
from tests import factories as f
from tests.permissions.matrix import Endpoint, Role, World, expect

FOREIGN = frozenset({403, 404})
PAGE = expect(403, anonymous=303, teacher=200, other_teacher=FOREIGN, admin=200)
POSTED = expect(403, anonymous=303, teacher=303, other_teacher=FOREIGN, admin=303)
MINE = expect(403, anonymous=303, teacher=200, other_teacher=200, admin=200)
MINE_POSTED = expect(403, anonymous=303, teacher=303, other_teacher=303, admin=303)
COURSE_FORM = {
    "title_en": "Matrix Course",
    "title_fr": "Cours matrice",
    "description_en": "About the matrix.",
    "description_fr": "",
    "category": "Theology",
    "difficulty": "Beginner",
    "tags": "Matrix",
    "estimated_hours": "2",
    "slug": "",
}


def _course(w: World) -> Course:
    """The teacher's draft course, its title registered as the teacher's secret."""

    def build(world: World) -> Course:
        course = f.make_course(world.session, teacher=world.users["teacher"], status=LessonStatus.DRAFT)
        course.title_en = world.secret("teacher", f"Secret course {course.id}")
        world.session.flush()
        return course

    return w.remember("teach-course", build)


def _lessons(w: World) -> tuple[Lesson, Lesson]:
    def build(world: World) -> tuple[Lesson, Lesson]:
        course = _course(world)
        return (
            f.make_published_lesson(world.session, course=course, slides=1),
            f.make_lesson(world.session, course=course, status=LessonStatus.ARCHIVED),
        )

    return w.remember("teach-lessons", build)


def course(w: World, role: Role) -> Mapping[str, str]:
    return {"course_id": _course(w).id}


def lesson(w: World, role: Role) -> Mapping[str, str]:
    return {"course_id": _course(w).id, "lesson_id": _lessons(w)[0].id}


def archived_lesson(w: World, role: Role) -> Mapping[str, str]:
    return {"course_id": _course(w).id, "lesson_id": _lessons(w)[1].id}


def setup(w: World, role: Role) -> None:
    _course(w)


def none(w: World, role: Role) -> Mapping[str, str]:
    return {}


ENTRIES: list[Endpoint] = [
    Endpoint("GET", "/teach", MINE, setup=setup),
    Endpoint("GET", "/teach/courses/new", MINE),
    Endpoint("POST", "/teach/courses/new", MINE_POSTED, form=lambda w, role: COURSE_FORM),
    Endpoint("GET", "/teach/courses/{course_id}", PAGE, params=course),
    Endpoint("POST", "/teach/courses/{course_id}", POSTED, params=course, form=lambda w, role: COURSE_FORM),
    # The matrix sends no file: nothing changes, back to the course page saying so.
    Endpoint("POST", "/teach/uploads/courses/{course_id}/images", POSTED, params=course, form=none),
    Endpoint("GET", "/teach/courses/{course_id}/lessons", PAGE, params=course),
    Endpoint(
        "POST",
        "/teach/courses/{course_id}/lessons",
        POSTED,
        params=course,
        form=lambda w, role: {"title_en": "New"},
    ),
    Endpoint(
        "POST",
        "/teach/courses/{course_id}/lessons/{lesson_id}/move",
        POSTED,
        params=lesson,
        form=lambda w, role: {"position": "1"},
    ),
]
for _change in ("publish", "archive", "restore"):
    ENTRIES += [
        Endpoint("GET", f"/teach/courses/{{course_id}}/{_change}", PAGE, params=course),
        Endpoint("POST", f"/teach/courses/{{course_id}}/{_change}", POSTED, params=course, form=none),
        Endpoint(
            "GET",
            f"/teach/courses/{{course_id}}/lessons/{{lesson_id}}/{_change}",
            PAGE,
            params=archived_lesson if _change == "restore" else lesson,
        ),
        Endpoint(
            "POST",
            f"/teach/courses/{{course_id}}/lessons/{{lesson_id}}/{_change}",
            POSTED,
            params=archived_lesson if _change == "restore" else lesson,
            form=none,
        ),
    ]
# Admins manage every course: its title on their pages is no leak.
ENTRIES = [replace(entry, sees=frozenset({"admin"})) for entry in ENTRIES]
