"""Course authoring in the permission matrix (issue 5): courses, lessons, slides, blocks, the
vocabulary and translation reports. Every object belongs to "teacher": their own for the teacher,
foreign for "other_teacher"; "enrolled" entries enrol the student in the course first.

The shapes of the expectations:
- a published object: everyone reads it; others than its teacher and admins may not change it (403);
- a draft (or an archived course the actor is not enrolled in): invisible to others (404);
- an archived course: its enrolled student reads it but may not change it (403); its teacher and
  admins are told to restore it first (409); anonymous writers are asked to log in (401).
"""

from __future__ import annotations

from typing import Any

from bibliology.courses.models import Course
from bibliology.db import utcnow
from bibliology.enums import ContentBlockType, LessonStatus
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from tests import factories as f
from tests.permissions.matrix import Endpoint, Expect, Role, Status, World, anyone, expect, teachers_only

PUBLISHED, DRAFT, ARCHIVED = LessonStatus.PUBLISHED, LessonStatus.DRAFT, LessonStatus.ARCHIVED


# --------------------------------------------------------------------------- the objects


def course(w: World, status: LessonStatus = PUBLISHED) -> Course:
    built = w.course("teacher", status=status)
    if status != DRAFT and built.published_at is None:
        built.published_at = utcnow()
    return built


def lesson(w: World, status: LessonStatus = PUBLISHED, *, course_status: LessonStatus = PUBLISHED) -> Lesson:
    def build(world: World) -> Lesson:
        published_at = None if status == DRAFT else utcnow()
        return f.make_lesson(
            world.session, course=course(world, course_status), status=status, published_at=published_at
        )

    return w.remember(("lesson", status, course_status), build)


def slide(w: World, status: LessonStatus = PUBLISHED, *, course_status: LessonStatus = PUBLISHED) -> Slide:
    return w.remember(
        ("slide", status, course_status),
        lambda world: f.make_slide(world.session, lesson=lesson(world, status, course_status=course_status)),
    )


def block(
    w: World, status: LessonStatus = PUBLISHED, *, course_status: LessonStatus = PUBLISHED
) -> ContentBlock:
    return w.remember(
        ("block", status, course_status),
        lambda world: f.make_block(
            world.session,
            slide=slide(world, status, course_status=course_status),
            block_type=ContentBlockType.TEXT,
        ),
    )


def enrol(w: World, role: Role) -> None:
    """The matrix's student is enrolled in the teacher's archived course (the only one they keep)."""
    w.remember(
        ("enrolled",),
        lambda world: f.make_enrollment(
            world.session, course=course(world, ARCHIVED), student=world.users["student"]
        ),
    )


# --------------------------------------------------------------------------- the expectations


def authors(status: Status, *, hidden: bool = False) -> Expect:
    """Only the course's teacher and admins; the others get 403, or 404 when they cannot see it."""
    return expect(404 if hidden else 403, anonymous=401, teacher=status, admin=status)


def archived_writes() -> Expect:
    return expect(404, anonymous=401, student=403, teacher=409, admin=409)


def readers(*, draft: bool = False, archived: bool = False) -> Expect:
    if draft:
        return expect(404, teacher=200, admin=200)
    if archived:
        return expect(404, student=200, teacher=200, admin=200)
    return anyone(200)


def ids(**builders: Any) -> Any:
    """params=ids(course_id=lambda w: course(w).id, …)"""
    return lambda w, role: {name: build(w).id for name, build in builders.items()}


COURSE_BODY = {"title_en": "Matrix course", "description_en": "A course.", "category": "Theology"}
DIVIDER = {"block_type": "DIVIDER", "content_en": {"style": "line"}}


def _published_course(w: World) -> Course:
    return course(w)


def _draft_course(w: World) -> Course:
    return course(w, DRAFT)


def _ready_draft_course(w: World) -> Course:
    """A draft course with a published lesson: one that may be published."""
    lesson(w, PUBLISHED, course_status=DRAFT)
    return course(w, DRAFT)


def _archived_course(w: World) -> Course:
    return course(w, ARCHIVED)


def _published_lesson(w: World) -> Lesson:
    return lesson(w)


def _draft_lesson(w: World) -> Lesson:
    return lesson(w, DRAFT)


def _archived_lesson(w: World) -> Lesson:
    return lesson(w, ARCHIVED)


def _lesson_of_archived_course(w: World) -> Lesson:
    return lesson(w, course_status=ARCHIVED)


def _has_a_draft(w: World) -> None:
    """The teacher's managed list shows a draft nobody else may see."""
    _draft_course(w)


ENTRIES: list[Endpoint] = [
    Endpoint("GET", "/api/v1/vocabulary", anyone(200)),
    # Courses.
    Endpoint("GET", "/api/v1/courses", anyone(200), note="the catalogue"),
    Endpoint(
        "GET",
        "/api/v1/courses/managed",
        teachers_only(200),
        setup=lambda w, r: _has_a_draft(w),
    ),
    Endpoint("POST", "/api/v1/courses", teachers_only(201), json=lambda w, r: COURSE_BODY),
    Endpoint(
        "GET",
        "/api/v1/courses/{course_id}",
        readers(),
        note="published",
        params=ids(course_id=_published_course),
    ),
    Endpoint(
        "GET",
        "/api/v1/courses/{course_id}",
        readers(draft=True),
        note="draft",
        params=ids(course_id=_draft_course),
    ),
    Endpoint(
        "GET",
        "/api/v1/courses/{course_id}",
        readers(archived=True),
        note="archived, student enrolled",
        setup=enrol,
        params=ids(course_id=_archived_course),
    ),
    Endpoint(
        "GET",
        "/api/v1/courses/{course_id}",
        readers(draft=True),
        note="archived, nobody enrolled",
        params=ids(course_id=_archived_course),
    ),
    Endpoint(
        "GET",
        "/api/v1/courses/{course_id}/authoring",
        authors(200),
        note="published",
        params=ids(course_id=_published_course),
    ),
    Endpoint(
        "GET",
        "/api/v1/courses/{course_id}/authoring",
        authors(200, hidden=True),
        note="draft",
        params=ids(course_id=_draft_course),
    ),
    Endpoint(
        "PATCH",
        "/api/v1/courses/{course_id}",
        authors(200),
        note="published",
        params=ids(course_id=_published_course),
        json=lambda w, r: {"title_fr": "Nouveau titre"},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/courses/{course_id}",
        authors(200, hidden=True),
        note="draft",
        params=ids(course_id=_draft_course),
        json=lambda w, r: {"title_fr": "Nouveau titre"},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/courses/{course_id}",
        archived_writes(),
        note="archived, student enrolled",
        setup=enrol,
        params=ids(course_id=_archived_course),
        json=lambda w, r: {"title_fr": "Nouveau titre"},
    ),
    Endpoint(
        "PUT",
        "/api/v1/courses/{course_id}/teacher",
        expect(403, anonymous=401, admin=200),
        note="to the other teacher",
        params=ids(course_id=_draft_course),
        json=lambda w, r: {"teacher_id": w.users["other_teacher"].id},
    ),
    Endpoint(
        "POST",
        "/api/v1/courses/{course_id}/publish",
        authors(200, hidden=True),
        note="draft",
        params=ids(course_id=_ready_draft_course),
    ),
    Endpoint(
        "POST",
        "/api/v1/courses/{course_id}/publish",
        archived_writes(),
        note="archived, student enrolled",
        setup=enrol,
        params=ids(course_id=_archived_course),
    ),
    Endpoint(
        "POST", "/api/v1/courses/{course_id}/archive", authors(200), params=ids(course_id=_published_course)
    ),
    Endpoint(
        "POST",
        "/api/v1/courses/{course_id}/restore",
        expect(404, anonymous=401, student=403, teacher=200, admin=200),
        note="archived, student enrolled",
        setup=enrol,
        params=ids(course_id=_archived_course),
    ),
    Endpoint(
        "DELETE",
        "/api/v1/courses/{course_id}",
        authors(204, hidden=True),
        note="draft",
        params=ids(course_id=_draft_course),
    ),
    Endpoint(
        "DELETE",
        "/api/v1/courses/{course_id}",
        authors(409),
        note="published",
        params=ids(course_id=_published_course),
    ),
    # Lessons.
    Endpoint(
        "POST",
        "/api/v1/courses/{course_id}/lessons",
        authors(201),
        note="published course",
        params=ids(course_id=_published_course),
        json=lambda w, r: {"title_en": "New lesson"},
    ),
    Endpoint(
        "POST",
        "/api/v1/courses/{course_id}/lessons",
        authors(201, hidden=True),
        note="draft course",
        params=ids(course_id=_draft_course),
        json=lambda w, r: {"title_en": "New lesson"},
    ),
    Endpoint(
        "GET",
        "/api/v1/lessons/{lesson_id}",
        readers(),
        note="published",
        params=ids(lesson_id=_published_lesson),
    ),
    Endpoint(
        "GET",
        "/api/v1/lessons/{lesson_id}",
        readers(draft=True),
        note="draft",
        params=ids(lesson_id=_draft_lesson),
    ),
    Endpoint(
        "GET",
        "/api/v1/lessons/{lesson_id}",
        readers(archived=True),
        note="archived course, student enrolled",
        setup=enrol,
        params=ids(lesson_id=_lesson_of_archived_course),
    ),
    Endpoint(
        "GET",
        "/api/v1/lessons/{lesson_id}/authoring",
        authors(200),
        note="published",
        params=ids(lesson_id=_published_lesson),
    ),
    Endpoint(
        "GET",
        "/api/v1/lessons/{lesson_id}/authoring",
        authors(200, hidden=True),
        note="draft",
        params=ids(lesson_id=_draft_lesson),
    ),
    Endpoint(
        "PATCH",
        "/api/v1/lessons/{lesson_id}",
        authors(200),
        note="published",
        params=ids(lesson_id=_published_lesson),
        json=lambda w, r: {"title_fr": "Leçon"},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/lessons/{lesson_id}",
        authors(200, hidden=True),
        note="draft",
        params=ids(lesson_id=_draft_lesson),
        json=lambda w, r: {"title_fr": "Leçon"},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/lessons/{lesson_id}",
        archived_writes(),
        note="archived course, student enrolled",
        setup=enrol,
        params=ids(lesson_id=_lesson_of_archived_course),
        json=lambda w, r: {"title_fr": "Leçon"},
    ),
    Endpoint(
        "POST",
        "/api/v1/lessons/{lesson_id}/move",
        authors(200),
        params=ids(lesson_id=_published_lesson),
        json=lambda w, r: {"position": 0},
    ),
    Endpoint(
        "POST",
        "/api/v1/lessons/{lesson_id}/publish",
        authors(200, hidden=True),
        params=ids(lesson_id=_draft_lesson),
    ),
    Endpoint(
        "POST", "/api/v1/lessons/{lesson_id}/archive", authors(200), params=ids(lesson_id=_published_lesson)
    ),
    Endpoint(
        "POST",
        "/api/v1/lessons/{lesson_id}/restore",
        authors(200, hidden=True),
        params=ids(lesson_id=_archived_lesson),
    ),
    Endpoint(
        "DELETE",
        "/api/v1/lessons/{lesson_id}",
        authors(204, hidden=True),
        note="draft",
        params=ids(lesson_id=_draft_lesson),
    ),
    Endpoint(
        "DELETE",
        "/api/v1/lessons/{lesson_id}",
        authors(409),
        note="published",
        params=ids(lesson_id=_published_lesson),
    ),
    # Slides.
    Endpoint(
        "POST",
        "/api/v1/lessons/{lesson_id}/slides",
        authors(201),
        note="published lesson",
        params=ids(lesson_id=_published_lesson),
        json=lambda w, r: {"title_en": "A slide", "notes_en": "Teacher notes"},
    ),
    Endpoint(
        "POST",
        "/api/v1/lessons/{lesson_id}/slides",
        authors(201, hidden=True),
        note="draft lesson",
        params=ids(lesson_id=_draft_lesson),
        json=lambda w, r: {"layout": "TITLE"},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/slides/{slide_id}",
        authors(200),
        note="published lesson",
        params=ids(slide_id=slide),
        json=lambda w, r: {"notes_en": "Notes", "notes_fr": "Notes"},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/slides/{slide_id}",
        authors(200, hidden=True),
        note="draft lesson",
        params=ids(slide_id=lambda w: slide(w, DRAFT)),
        json=lambda w, r: {"notes_en": "Notes", "notes_fr": "Notes"},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/slides/{slide_id}",
        archived_writes(),
        note="archived course, student enrolled",
        setup=enrol,
        params=ids(slide_id=lambda w: slide(w, course_status=ARCHIVED)),
        json=lambda w, r: {"notes_en": "Notes", "notes_fr": "Notes"},
    ),
    Endpoint(
        "POST",
        "/api/v1/slides/{slide_id}/move",
        authors(200),
        params=ids(slide_id=slide),
        json=lambda w, r: {"position": 0},
    ),
    Endpoint("DELETE", "/api/v1/slides/{slide_id}", authors(204), params=ids(slide_id=slide)),
    # Blocks.
    Endpoint(
        "POST",
        "/api/v1/slides/{slide_id}/blocks",
        authors(201),
        note="published lesson",
        params=ids(slide_id=slide),
        json=lambda w, r: DIVIDER,
    ),
    Endpoint(
        "POST",
        "/api/v1/slides/{slide_id}/blocks",
        authors(201, hidden=True),
        note="draft lesson",
        params=ids(slide_id=lambda w: slide(w, DRAFT)),
        json=lambda w, r: DIVIDER,
    ),
    Endpoint(
        "PATCH",
        "/api/v1/blocks/{block_id}",
        authors(200),
        note="published lesson",
        params=ids(block_id=block),
        json=lambda w, r: {"content_fr": {"text": "Parole"}},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/blocks/{block_id}",
        authors(200, hidden=True),
        note="draft lesson",
        params=ids(block_id=lambda w: block(w, DRAFT)),
        json=lambda w, r: {"content_fr": {"text": "Parole"}},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/blocks/{block_id}",
        archived_writes(),
        note="archived course, student enrolled",
        setup=enrol,
        params=ids(block_id=lambda w: block(w, course_status=ARCHIVED)),
        json=lambda w, r: {"content_fr": {"text": "Parole"}},
    ),
    Endpoint(
        "POST",
        "/api/v1/blocks/{block_id}/move",
        authors(200),
        params=ids(block_id=block),
        json=lambda w, r: {"position": 0},
    ),
    Endpoint("DELETE", "/api/v1/blocks/{block_id}", authors(204), params=ids(block_id=block)),
    # Translation reports.
    Endpoint(
        "GET",
        "/api/v1/courses/{course_id}/translation-report",
        authors(200),
        note="published",
        params=ids(course_id=_published_course),
    ),
    Endpoint(
        "GET",
        "/api/v1/courses/{course_id}/translation-report",
        authors(200, hidden=True),
        note="draft",
        params=ids(course_id=_draft_course),
    ),
    Endpoint(
        "GET",
        "/api/v1/lessons/{lesson_id}/translation-report",
        authors(200),
        note="published",
        params=ids(lesson_id=_published_lesson),
    ),
    Endpoint(
        "GET",
        "/api/v1/lessons/{lesson_id}/translation-report",
        authors(200, hidden=True),
        note="draft",
        params=ids(lesson_id=_draft_lesson),
    ),
]
