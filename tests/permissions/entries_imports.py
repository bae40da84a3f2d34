"""PowerPoint imports and background jobs in the permission matrix (issue 7). The upload itself
(multipart with a file) is checked role by role in tests/imports/test_api.py; here, without a file,
who is refused before the body is even read."""

from __future__ import annotations

from bibliology.enums import LessonStatus
from bibliology.imports.models import PptxImport
from bibliology.jobs import defer
from tests.jobs.support import record_run
from tests.permissions.matrix import Endpoint, Role, World, expect, teachers_only

SECRET_FILENAME = "teacher-only-deck.pptx"


def teachers_import(world: World, role: Role) -> dict[str, str]:
    def build(w: World) -> str:
        course = w.course("teacher", status=LessonStatus.DRAFT)
        record = PptxImport(
            course_id=course.id,
            owner_id=w.users["teacher"].id,
            language="en",
            original_filename=w.secret("teacher", SECRET_FILENAME),
            byte_size=1,
            sha256="0" * 64,
            status="failed",
            error="The deck has no slides: there is nothing to import.",
        )
        w.session.add(record)
        w.session.flush()
        return record.id

    return {"import_id": world.remember("teachers-import", build)}


def teachers_job(world: World, role: Role) -> dict[str, str]:
    def build(w: World) -> str:
        return defer(w.session, record_run, owner_id=w.users["teacher"].id, marker="matrix").id

    return {"job_id": world.remember("teachers-job", build)}


def teachers_course(world: World, role: Role) -> dict[str, str]:
    return {"course_id": world.course("teacher", status=LessonStatus.DRAFT).id}


ENTRIES: list[Endpoint] = [
    Endpoint(
        "POST",
        "/api/v1/imports",
        {**teachers_only(422)},
        note="no file: teachers reach body validation",
        form=teachers_course,
    ),
    Endpoint(
        "GET",
        "/api/v1/imports/{import_id}",
        expect(404, anonymous=401, teacher=200, admin=200),
        note="the teacher's import",
        params=teachers_import,
        sees=frozenset({"admin"}),
    ),
    Endpoint(
        "GET",
        "/api/v1/jobs/{job_id}",
        expect(404, anonymous=401, teacher=200, admin=200),
        note="the teacher's job",
        params=teachers_job,
        sees=frozenset({"admin"}),
    ),
]
