"""Search and Bible passages in the permission matrix. Everyone may search and read passages; a
teacher's drafts are found only by that teacher (asking for them) and admins, never by others (the
draft lesson's title is the teacher's secret: any other role's answer showing it is a leak)."""

from __future__ import annotations

from bibliology.enums import LessonStatus
from tests import factories as f
from tests.permissions.matrix import Endpoint, Role, World, anyone

SECRET_WORD = "Zaphnathpaaneah"


def draft_lesson(w: World, role: Role) -> None:
    def build(world: World) -> None:
        course = world.course("teacher", status=LessonStatus.DRAFT)
        f.make_lesson(world.session, course=course, title_en=world.secret("teacher", f"{SECRET_WORD} draft"))

    w.remember("search-draft", build)


ENTRIES: list[Endpoint] = [
    Endpoint("GET", "/api/v1/search", anyone(200), note="a teacher's draft: found by them and admins only",
             setup=draft_lesson, query=lambda w, r: {"q": SECRET_WORD, "drafts": "true"},
             sees=frozenset({"admin"})),
    Endpoint("GET", "/api/v1/search", anyone(422), note="empty query", query=lambda w, r: {"q": " "}),
    Endpoint("GET", "/api/v1/search", anyone(422), note="over 500 characters",
             query=lambda w, r: {"q": "a" * 501}),
    Endpoint("GET", "/api/v1/bible/passages", anyone(404), note="no translation imported",
             query=lambda w, r: {"ref": "Jean 3,16"}),
    Endpoint("GET", "/api/v1/bible/passages", anyone(422), note="not a reference",
             query=lambda w, r: {"ref": "Jean 3,99"}),
]  # fmt: skip
