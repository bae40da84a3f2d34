"""The lesson and slide editors' pages (lessons/teach_views.py) in the permission matrix. Every
object is a draft of "teacher": anonymous visitors are sent to sign in (303), students refused by
role (403), the other teacher cannot see it (404), its teacher and admins get the page (200) or the
303 that ends a successful form."""

from __future__ import annotations

from bibliology.enums import ContentBlockType, LessonStatus
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from tests import factories as f
from tests.permissions.entries_authoring import course
from tests.permissions.matrix import Endpoint, Expect, World, expect

DRAFT = LessonStatus.DRAFT


def _lesson(w: World) -> Lesson:
    return w.remember(
        ("editor-lesson",), lambda world: f.make_lesson(world.session, course=course(world, DRAFT))
    )


def _slide(w: World) -> Slide:
    return w.remember(("editor-slide",), lambda world: f.make_slide(world.session, lesson=_lesson(world)))


def _block(w: World) -> ContentBlock:
    return w.remember(
        ("editor-block",),
        lambda world: f.make_block(world.session, slide=_slide(world), block_type=ContentBlockType.TEXT),
    )


def authors(status: int) -> Expect:
    return expect(403, anonymous=303, teacher=status, other_teacher=404, admin=status)


def lesson_ids(w: World, role: object) -> dict[str, str]:
    return {"lesson_id": _lesson(w).id}


def slide_ids(w: World, role: object) -> dict[str, str]:
    return {"lesson_id": _lesson(w).id, "slide_id": _slide(w).id}


def block_ids(w: World, role: object) -> dict[str, str]:
    return {"block_id": _block(w).id}


ENTRIES: list[Endpoint] = [
    Endpoint("GET", "/teach/lessons/{lesson_id}", authors(200), params=lesson_ids),
    Endpoint(
        "POST",
        "/teach/lessons/{lesson_id}",
        authors(303),
        params=lesson_ids,
        form=lambda w, role: {"title_en": "Renamed", "title_fr": "", "estimated_minutes": "10"},
    ),
    Endpoint(
        "POST",
        "/teach/lessons/{lesson_id}/slides",
        authors(303),
        params=lesson_ids,
        form=lambda w, r: {"layout": "TITLE"},
    ),
    Endpoint(
        "POST",
        "/teach/lessons/{lesson_id}/slides/{slide_id}/move",
        authors(303),
        params=slide_ids,
        form=lambda w, role: {"position": "0"},
    ),
    Endpoint(
        "POST",
        "/teach/lessons/{lesson_id}/slides/{slide_id}/delete",
        authors(303),
        params=slide_ids,
        form=lambda w, role: {},
    ),
    Endpoint("GET", "/teach/slides/{slide_id}", authors(200), params=slide_ids),
    Endpoint(
        "GET",
        "/teach/slides/{slide_id}/preview",
        authors(200),
        params=slide_ids,
        query=lambda w, r: {"lang": "fr"},
    ),
    Endpoint(
        "POST",
        "/teach/slides/{slide_id}",
        authors(303),
        params=slide_ids,
        form=lambda w, role: {"layout": "CONTENT", "title_en": "Hello", "title_fr": "Bonjour"},
    ),
    Endpoint(
        "POST",
        "/teach/slides/{slide_id}/blocks",
        authors(303),
        params=slide_ids,
        form=lambda w, role: {"block_type": "HEADING", "content_en.text": "Grace", "content_en.level": "2"},
    ),
    Endpoint(
        "POST",
        "/teach/blocks/{block_id}",
        authors(303),
        params=block_ids,
        form=lambda w, role: {"content_en.text": "Edited", "content_fr.text": "Modifié"},
    ),
    Endpoint(
        "POST",
        "/teach/blocks/{block_id}/move",
        authors(303),
        params=block_ids,
        form=lambda w, r: {"position": "0"},
    ),
    Endpoint("POST", "/teach/blocks/{block_id}/delete", authors(303), params=block_ids, form=lambda w, r: {}),
    Endpoint(
        "GET",
        "/teach/verse-preview",
        expect(403, anonymous=303, teacher=200, other_teacher=200, admin=200),
        query=lambda w, role: {"ref": "Romains 8,28"},
    ),
]
