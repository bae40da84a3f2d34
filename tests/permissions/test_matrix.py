"""Runs every matrix entry (tests/permissions/entries_*.py) as every role: the status is the
expected one, and no answer shows another user's data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy.orm import Session
from starlette.routing import BaseRoute

from bibliology.accounts import sessions
from tests.accounts.support import set_session_cookie
from tests.permissions.matrix import OWNERS, ROLES, Endpoint, Role, World, build_world, collect

ENTRIES = collect()


def act_as(client: TestClient, world: World, role: Role) -> None:
    if role == "anonymous":
        return
    token, _ = sessions.create(world.session, user_id=world.users[role].id, lifetime=dt.timedelta(hours=1))
    set_session_cookie(client, token)


def send(client: TestClient, endpoint: Endpoint, world: World, role: Role) -> Response:
    path = endpoint.path.format(**(endpoint.params(world, role) if endpoint.params else {}))
    return client.request(
        endpoint.method,
        path,
        params=dict(endpoint.query(world, role)) if endpoint.query else None,
        json=endpoint.json(world, role) if endpoint.json else None,
        data=dict(endpoint.form(world, role)) if endpoint.form else None,
        follow_redirects=False,
    )


def leaks(response: Response, world: World, role: Role, endpoint: Endpoint) -> set[str]:
    if 200 <= response.status_code < 300 and role in endpoint.sees:
        return set()
    text = response.text
    found = set()
    for owner in OWNERS:
        if owner == role:
            continue
        found |= {marker for marker in world.markers(owner) if marker in text}
    return found


@pytest.mark.parametrize(
    ("endpoint", "role"),
    [(endpoint, role) for endpoint in ENTRIES for role in ROLES],
    ids=[f"{endpoint.id} as {role}" for endpoint in ENTRIES for role in ROLES],
)
def test_permission(endpoint: Endpoint, role: Role, client: TestClient, session: Session) -> None:
    world = build_world(session)
    if endpoint.setup:
        endpoint.setup(world, role)
    act_as(client, world, role)
    response = send(client, endpoint, world, role)
    assert response.status_code in endpoint.allowed(role), response.text[:500]
    assert not leaks(response, world, role, endpoint), f"{endpoint.id} as {role} shows another user's data"


def test_every_api_route_has_matrix_entries(app: FastAPI) -> None:
    covered = {(entry.method, entry.path) for entry in ENTRIES}
    routes = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        if path.startswith("/api/v1/")
        for method in operations
    }
    missing = sorted(routes - covered)
    assert not missing, f"add permission-matrix entries (tests/permissions/entries_*.py) for {missing}"


def test_every_teacher_and_admin_page_has_matrix_entries(app: FastAPI) -> None:
    """The pages under /teach and /admin (not in the OpenAPI document) are covered like the API."""
    covered = {(entry.method, entry.path) for entry in ENTRIES}
    routes = {
        (method, path)
        for path, methods in _routes(app.routes)
        if path.startswith(("/teach", "/admin"))
        for method in methods - {"HEAD"}
    }
    assert routes, "no /teach or /admin page found: is the check looking at the right routes?"
    missing = sorted(routes - covered)
    assert not missing, f"add permission-matrix entries (tests/permissions/entries_*.py) for {missing}"


def _routes(routes: Sequence[BaseRoute], prefix: str = "") -> Iterator[tuple[str, set[str]]]:
    """Every (path, methods) of the app, through FastAPI's included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, set(route.methods or ())
        elif (included := getattr(route, "original_router", None)) is not None:
            yield from _routes(included.routes, prefix + route.include_context.prefix)  # type: ignore[attr-defined]


def test_the_leak_check_can_fail(client: TestClient, session: Session) -> None:
    """The matrix would notice an endpoint that shows another user's data."""
    world = build_world(session)
    entry = Endpoint(
        "GET", "/api/v1/admin/users", dict.fromkeys(ROLES, 200), query=lambda w, r: {"q": "matrix"}
    )
    act_as(client, world, "admin")
    response = send(client, entry, world, "admin")
    assert leaks(response, world, "admin", entry)
