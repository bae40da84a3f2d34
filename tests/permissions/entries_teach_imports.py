"""The teacher's import and translation pages (issue 14), and POST /api/v1/translations/reviewed, in
the permission matrix. The upload forms are posted without a file here (the matrix sends forms, not
files): the course's teacher and admins reach the importer's "choose a file" refusal (422); the
upload itself is checked in tests/imports/test_teach_import_pages.py."""

from __future__ import annotations

import datetime as dt

from bibliology.enums import ContentBlockType, LessonStatus
from bibliology.imports.models import PptxImport
from bibliology.translations.models import TranslationRevision
from tests import factories as f
from tests.permissions.matrix import Endpoint, Role, World, expect

SECRET_FILENAME = "teacher-only-lesson-deck.pptx"
PAGE = expect(403, anonymous=303, teacher=200, other_teacher=404, admin=200)
POSTED = expect(403, anonymous=303, teacher=303, other_teacher=404, admin=303)
NO_FILE = expect(403, anonymous=303, teacher=422, other_teacher=404, admin=422)


def _course(w: World) -> dict[str, str]:
    return {"course_id": w.course("teacher", status=LessonStatus.DRAFT).id}


def _content(w: World) -> dict[str, str]:
    """A draft lesson of the teacher's draft course, with one slide whose French title is stale."""

    def build(world: World) -> dict[str, str]:
        course = world.course("teacher", status=LessonStatus.DRAFT)
        lesson = f.make_lesson(world.session, course=course)
        slide = f.make_slide(world.session, lesson=lesson, title_fr=world.secret("teacher", "Diapo secrète"))
        block = f.make_block(world.session, slide=slide, block_type=ContentBlockType.TEXT, content_fr=None)
        for language, day in (("fr", 1), ("en", 2)):
            world.session.add(
                TranslationRevision(
                    entity_type="slide", entity_id=slide.id, field="title", language=language,
                    revised_at=dt.datetime(2026, 1, day, tzinfo=dt.UTC),
                )
            )  # fmt: skip
        world.session.flush()
        return {"course_id": course.id, "lesson_id": lesson.id, "slide_id": slide.id, "block_id": block.id}

    return w.remember("teach-imports-content", build)


def _import(w: World, role: Role) -> dict[str, str]:
    def build(world: World) -> str:
        record = PptxImport(
            course_id=world.course("teacher", status=LessonStatus.DRAFT).id,
            owner_id=world.users["teacher"].id,
            language="en",
            original_filename=world.secret("teacher", SECRET_FILENAME),
            byte_size=1,
            sha256="0" * 64,
            status="failed",
            error="The deck has no slides: there is nothing to import.",
        )
        world.session.add(record)
        world.session.flush()
        return record.id

    return {"import_id": w.remember("teach-import", build)}


def _scope(w: World, role: Role) -> dict[str, str]:
    return {"scope": "lesson", "scope_id": _content(w)["lesson_id"]}


ENTRIES: list[Endpoint] = [
    Endpoint("GET", "/teach/courses/{course_id}/import", PAGE, params=lambda w, r: _course(w)),
    Endpoint(
        "POST",
        "/teach/courses/{course_id}/import",
        NO_FILE,
        note="no file",
        params=lambda w, r: _course(w),
        form=lambda w, r: {},
    ),
    Endpoint("GET", "/teach/lessons/{lesson_id}/import", PAGE, params=lambda w, r: _content(w)),
    Endpoint(
        "POST",
        "/teach/lessons/{lesson_id}/import",
        NO_FILE,
        note="no file",
        params=lambda w, r: _content(w),
        form=lambda w, r: {"language": "fr"},
    ),
    Endpoint(
        "GET",
        "/teach/imports/{import_id}",
        PAGE,
        note="the teacher's import",
        params=_import,
        sees=frozenset({"admin"}),
    ),
    Endpoint(
        "GET",
        "/teach/courses/{course_id}/translations",
        PAGE,
        params=lambda w, r: _content(w),
        sees=frozenset({"admin"}),
    ),
    Endpoint(
        "GET",
        "/teach/lessons/{lesson_id}/translations",
        PAGE,
        params=lambda w, r: _content(w),
        sees=frozenset({"admin"}),
    ),
    Endpoint(
        "POST",
        "/teach/translations/{entity_type}/{entity_id}/{field}",
        POSTED,
        note="a block's missing French",
        params=lambda w, r: {
            "entity_type": "content_block",
            "entity_id": _content(w)["block_id"],
            "field": "content",
        },
        form=lambda w, r: {**_scope(w, r), "content.text": "Au commencement était la Parole."},
    ),
    Endpoint(
        "POST",
        "/teach/translations/{entity_type}/{entity_id}/{field}/reviewed",
        POSTED,
        note="a stale slide title",
        params=lambda w, r: {"entity_type": "slide", "entity_id": _content(w)["slide_id"], "field": "title"},
        form=_scope,
    ),
    Endpoint(
        "POST",
        "/api/v1/translations/reviewed",
        expect(404, anonymous=401, teacher=200, admin=200),
        note="a stale slide title",
        json=lambda w, r: {"entity_type": "slide", "entity_id": _content(w)["slide_id"], "field": "title"},
    ),
]
