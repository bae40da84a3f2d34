"""JSON request bodies are validated strictly (bibliology.inputs): a string where the model wants a
number or a boolean is a 422 naming the field, never silently coerced. Every model a route takes
as its JSON body is found by walking the app's routes, so a new one is covered (it needs a
well-typed example below). Forms and query strings are text and keep parsing it."""

from __future__ import annotations

import datetime as dt
import types
import typing
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from fastapi import params
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.app import create_app
from bibliology.config import Settings
from bibliology.enums import UserRole
from bibliology.inputs import JsonDate, JsonDatetime, JsonEnum, JsonUuid, StrictInput
from tests import factories as f
from tests.queries.support import slide_ids

PASSPHRASE = "a long enough passphrase, 42"
TRUE_FALSE = {"text": "Paul wrote Romans."}

# A well-typed body for every JSON request model, as a client sends it (enums and ids as strings).
EXAMPLES: dict[str, dict[str, Any]] = {
    "RegisterIn": {
        "email": "lydia@example.org",
        "password": PASSPHRASE,
        "name": "Lydia",
        "language_pref": "fr",
    },
    "LoginIn": {"email": "lydia@example.org", "password": PASSPHRASE},
    "PasswordChangeIn": {"current_password": "old", "new_password": PASSPHRASE},
    "PasswordResetRequestIn": {"email": "lydia@example.org"},
    "PasswordResetConfirmIn": {"token": "t0k3n", "new_password": PASSPHRASE},
    "TokenIn": {"token": "t0k3n"},
    "ApiTokenCreate": {
        "email": "lydia@example.org",
        "password": PASSPHRASE,
        "name": "ci",
        "expires_in_days": 30,
    },
    "ProfileUpdate": {"name": "Lydia", "avatar_url": "https://example.org/me.png", "language_pref": "en"},
    "AccountDeleteIn": {"password": PASSPHRASE},
    "RoleUpdate": {"role": "TEACHER"},
    "Deactivation": {"reason": "left the school"},
    "CourseCreate": {
        "title_en": "Romans",
        "description_en": "A course.",
        "category": "Theology",
        "difficulty": "Beginner",
        "tags": ["grace"],
        "estimated_hours": 10,
        "thumbnail_url": "/media/romans.png",
    },
    "CourseUpdate": {"title_fr": "Romains", "estimated_hours": 12},
    "TeacherAssign": {"teacher_id": "t1"},
    "LessonCreate": {"title_en": "Grace", "estimated_minutes": 20, "position": 0},
    "LessonUpdate": {"title_fr": "Grâce", "estimated_minutes": 25},
    "MoveTo": {"position": 1},
    "ReviewIn": {"entity_type": "slide", "entity_id": "s1", "field": "title", "language": "fr"},
    "SlideCreate": {"layout": "TITLE", "title_en": "Welcome", "position": 0},
    "SlideUpdate": {"layout": "CONTENT", "notes_en": "Ask them."},
    "BlockCreate": {"block_type": "DIVIDER", "content_en": {"style": "line"}, "position": 0},
    "BlockUpdate": {"content_en": {"style": "line"}},
    "ProgressEventCreate": {"lesson_id": "l1", "slide_id": "s1", "seconds": 20, "client_event_id": "tab1-1"},
    "NoteCreate": {"slide_id": "s1", "note_text": "Grace."},
    "NoteUpdate": {"note_text": "More grace."},
    "QuizCreate": {
        "title_en": "Check",
        "passing_score_percentage": 80,
        "time_limit_minutes": 10,
        "shuffle_questions": True,
        "shuffle_options": False,
        "allow_review": True,
        "show_correct_answers": False,
        "max_attempts": 3,
        "partial_credit_policy": "partial",
    },
    "QuizUpdate": {"allow_review": False, "max_attempts": 2},
    "QuestionCreate": {
        "question_type": "TRUE_FALSE",
        "text_en": TRUE_FALSE,
        "correct_answers": {"value": True},
        "points": 2,
        "position": 0,
    },
    "QuestionUpdate": {"points": 3},
    "QuestionOrder": {"question_ids": ["q1", "q2"]},
    "AnswersSave": {"answers": {"q1": {"value": True}}},
    "AttemptSubmit": {"answers": {"q1": {"value": True}}},
    "GrantCreate": {"extra_attempts": 2, "reason": "Ill that week."},
    "OverrideSet": {"points": 1.5, "comment": "Fair answer."},
    "RevocationCreate": {"reason": "Issued by mistake."},
    "CertificateSettings": {"lesson_certificates": True},
}
NUMBERS = (bool, int, float, Decimal)


def _routes(routes: Any) -> Iterator[APIRoute]:
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _routes(inner.routes)
        elif isinstance(route, APIRoute):
            yield route


def _model(annotation: Any) -> type[BaseModel] | None:
    """The model in `Model` or `Model | None`."""
    for candidate in typing.get_args(annotation) or (annotation,):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _json_bodies() -> dict[str, tuple[type[BaseModel], APIRoute]]:
    """Every model a route of the app takes as its JSON body (forms and uploads excluded)."""
    settings = Settings(BIBLIOLOGY_ENV="test", DATABASE_URL=None, REDIS_URL=None)
    app = create_app("postgresql://unused@127.0.0.1:1/unused", settings=settings)  # never connects
    bodies: dict[str, tuple[type[BaseModel], APIRoute]] = {}
    for route in _routes(app.routes):
        if route.body_field is None or isinstance(route.body_field.field_info, params.Form):
            continue
        model = _model(route.body_field.field_info.annotation)
        assert model is not None, f"{route.path}: a JSON body that is not a model"
        bodies.setdefault(model.__name__, (model, route))
    app.state.engine.dispose()
    app.state.read_engine.dispose()
    return bodies


BODIES = _json_bodies()


def _leaves(annotation: Any) -> set[Any]:
    """The types in `int`, `Minutes | None` (an Annotated int)…"""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        return _leaves(args[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return set().union(*(_leaves(arg) for arg in args))
    return {annotation}


def _typed_fields() -> list[tuple[str, str, Any]]:
    """(model, field, a well-typed value) for every numeric and boolean field of every body."""
    cases = []
    for name, (model, _) in sorted(BODIES.items()):
        for field, info in model.model_fields.items():
            kinds = [kind for kind in _leaves(info.annotation) if kind in NUMBERS]
            assert len(kinds) <= 1, f"{name}.{field}: several number types"
            if kinds:
                value = EXAMPLES[name].get(field, True if kinds[0] is bool else 1)
                cases.append((name, field, value))
    return cases


def _validate(name: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    """The body validated as FastAPI validates it (the route's own body field, in Python mode on
    the parsed JSON); its errors."""
    _, route = BODIES[name]
    assert route.body_field is not None
    _, errors = route.body_field.validate(body, {}, loc=("body",))
    return list(errors)


def test_every_json_body_is_a_strict_input_with_an_example() -> None:
    assert len(BODIES) >= 30  # the walk found the app's routes (nested routers included)
    assert set(BODIES) == set(EXAMPLES), "give every new request model a well-typed example"
    lax = [name for name, (model, _) in BODIES.items() if not issubclass(model, StrictInput)]
    assert lax == []


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_a_well_typed_body_passes(name: str) -> None:
    assert _validate(name, EXAMPLES[name]) == []


@pytest.mark.parametrize(("name", "field", "value"), _typed_fields())
def test_a_string_for_a_number_or_a_boolean_is_refused(name: str, field: str, value: Any) -> None:
    assert _validate(name, EXAMPLES[name] | {field: value}) == []  # the value itself is fine
    as_text = "true" if value is True else "false" if value is False else str(value)
    errors = _validate(name, EXAMPLES[name] | {field: as_text})
    assert [error["loc"] for error in errors] == [("body", field)], errors


def test_the_numbers_and_booleans_of_the_issue_are_covered() -> None:
    fields = {(name, field) for name, field, _ in _typed_fields()}
    assert {("ProgressEventCreate", "seconds"), ("ApiTokenCreate", "expires_in_days")} <= fields
    assert ("QuizCreate", "shuffle_questions") in fields
    assert len(fields) >= 25


# --- over HTTP: a problem+json 422 naming the field -------------------------------------------


def test_a_string_progress_event_is_a_422_naming_seconds(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    course = f.make_published_course(session, lessons=0)
    lesson = f.make_published_lesson(session, course=course)
    slide = slide_ids(session, lesson.id)[0]
    login_as(f.make_user(session))
    assert client.post(f"/api/v1/courses/{course.id}/enrollment").status_code == 201
    event = {"lesson_id": lesson.id, "slide_id": slide, "seconds": "20", "client_event_id": "tab1-1"}

    refused = client.post("/api/v1/progress/events", json=event)
    assert (refused.status_code, refused.headers["content-type"]) == (422, "application/problem+json")
    problem = refused.json()
    assert problem["type"] == "/problems/invalid"
    assert [(e["field"], e["in"]) for e in problem["errors"]] == [("seconds", "body")]
    assert "not a string" in problem["errors"][0]["message"]

    accepted = client.post("/api/v1/progress/events", json=event | {"seconds": 20})
    assert accepted.status_code == 200, accepted.text


def test_a_string_token_lifetime_is_a_422_naming_expires_in_days(
    client: TestClient, session: Session
) -> None:
    user = f.make_login_user(session)
    body = {"email": user.email, "password": "x", "name": "ci", "expires_in_days": "30"}
    problem = client.post("/api/v1/auth/tokens", json=body).json()
    assert problem["status"] == 422
    assert [e["field"] for e in problem["errors"]] == ["expires_in_days"]


def test_enums_come_as_their_json_strings(client: TestClient, session: Session) -> None:
    admin, target = f.make_admin(session), f.make_user(session)
    token, _ = f.make_api_token(session, user=admin)
    headers = {"Authorization": f"Bearer {token}"}
    path = f"/api/v1/admin/users/{target.id}/role"
    changed = client.patch(path, json={"role": "TEACHER"}, headers=headers)
    assert (changed.status_code, changed.json()["role"]) == (200, "TEACHER"), changed.text
    for wrong in ("teacher", 1, True):
        problem = client.patch(path, json={"role": wrong}, headers=headers).json()
        assert (problem["status"], [e["field"] for e in problem["errors"]]) == (422, ["role"])


def test_query_strings_still_parse_text(client: TestClient) -> None:
    page = client.get("/api/v1/courses?page=1&page_size=5")
    assert (page.status_code, page.json()["page_size"]) == (200, 5)


# --- the JSON forms of richer types ---------------------------------------------------------------


class _Rich(StrictInput):
    at: JsonDatetime | None = None
    on: JsonDate | None = None
    ref: JsonUuid | None = None
    role: JsonEnum[UserRole] | None = None


def test_richer_types_take_their_json_strings_and_nothing_else() -> None:
    ref = uuid.uuid4()
    read = _Rich.model_validate(
        {"at": "2026-11-26T09:00:00+00:00", "on": "2026-11-26", "ref": str(ref), "role": "ADMIN"}
    )
    assert (read.at, read.on, read.ref, read.role) == (
        dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC),
        dt.date(2026, 11, 26),
        ref,
        UserRole.ADMIN,
    )
    for field, wrong in (("at", 1_790_000_000), ("on", 20261126), ("ref", 7), ("role", "admin")):
        with pytest.raises(ValidationError) as refused:
            _Rich.model_validate({field: wrong})
        assert [error["loc"] for error in refused.value.errors()] == [(field,)]
