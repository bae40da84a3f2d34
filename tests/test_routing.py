"""bibliology.routing: the guarded routers match exactly what they matched unguarded."""

from __future__ import annotations

import re

from fastapi import APIRouter, FastAPI
from starlette.routing import Match, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from bibliology import routing
from bibliology.app import create_app
from bibliology.cache import MemoryCache
from bibliology.config import Settings

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _app(database_url: str, settings: Settings) -> FastAPI:
    return create_app(database_url, settings=settings, cache=MemoryCache())


def _scope(method: str, path: str, root_path: str = "") -> Scope:
    return {"type": "http", "method": method, "path": path, "root_path": root_path, "headers": []}


def _sample_paths(app: FastAPI) -> set[str]:
    """Every route's path with its parameters filled in, with and without a trailing slash, and
    paths no route has."""
    paths = {"/", "/nowhere", "/api/v1/nowhere", "/api/v1/courses/x/nowhere", "/static/app.css", ""}
    for route in app.router.routes:
        literals = routing.literal_paths(route)
        if literals is None:
            continue
        for context in route.effective_route_contexts():  # type: ignore[attr-defined]
            leaf = context.starlette_route or context
            path = re.sub(r"\{[^}]+\}", "x", leaf.path_format)
            paths |= {path, path.rstrip("/") + "/", path.rstrip("/"), path + "x", path[:-1]}
    return paths


def test_every_included_router_is_guarded(database_url: str, settings: Settings) -> None:
    app = _app(database_url, settings)
    included = [route for route in app.router.routes if hasattr(route, "original_router")]
    assert included
    assert all("matches" in vars(route) for route in included)


def test_guarded_routers_match_as_unguarded_ones(database_url: str, settings: Settings) -> None:
    app = _app(database_url, settings)
    guarded = [route for route in app.router.routes if "matches" in vars(route)]
    paths = _sample_paths(app)
    assert len(paths) > 200
    skipped = 0
    for path in sorted(paths):
        for method in METHODS:
            for root_path in ("", "/prefix"):
                scope = _scope(method, root_path + path, root_path)
                for route in guarded:
                    original = type(route).matches(route, scope)
                    fast = route.matches(scope)
                    assert fast == original, (method, path, root_path, route)
                    skipped += fast[0] == Match.NONE
    assert skipped  # the guard answered without the routes' expressions for most of them


def test_a_router_with_an_unknown_route_is_left_alone() -> None:
    router = APIRouter()
    router.routes.append(Mount("/files", app=StaticFiles(directory=".")))
    app = FastAPI()
    app.include_router(router)
    assert routing.literal_paths(app.router.routes[-1]) is None
    assert routing.install(app) == 0
