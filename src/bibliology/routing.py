"""Cheaper route matching for an app of many routers.

FastAPI matches a request by asking every included router in turn, and each router tries the
regular expression of each of its routes: a request to one of the last routers pays for some 250
expressions (about a sixth of a pattern request's CPU time). A route's expression starts with the
literal text of its path up to its first `{parameter}` (a path without parameters matches only
itself), so a router none of whose routes' literal prefixes begins the request's path cannot match
it, not even partially (a wrong method, 405): `install` gives each such router a `matches` that
says so without asking its routes.

Only routers whose every route is a plain route (FastAPI's or Starlette's) whose expression is seen
to start with its prefix are guarded; others (mounts, hosts, anything this module does not know)
are asked as before. Routers included after `install` are not guarded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette._utils import get_route_path
from starlette.routing import BaseRoute, Match, Route
from starlette.types import Scope

Matcher = Callable[[Scope], tuple[Match, Scope]]


def install(app: FastAPI) -> int:
    """Guard the app's included routers; returns how many were guarded."""
    guarded = 0
    for route in app.router.routes:
        literals = literal_paths(route)
        if literals is not None:
            # An instance attribute shadows the method: the app's router calls route.matches(scope).
            setattr(route, "matches", _guard(route.matches, *literals))  # noqa: B010
            guarded += 1
    return guarded


def literal_paths(route: BaseRoute) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """An included router's paths without parameters, and the literal prefixes of the others; None
    when one of its routes is not known."""
    contexts: Callable[[], Any] | None = getattr(route, "effective_route_contexts", None)
    if getattr(route, "original_router", None) is None or not callable(contexts):
        return None
    exact: set[str] = set()
    prefixes: set[str] = set()
    for context in contexts():
        original = getattr(context, "original_route", None)
        if isinstance(original, APIRoute):
            leaf: Any = context
        elif type(original) is Route:
            leaf = getattr(context, "starlette_route", None)
        else:
            return None
        path_format = getattr(leaf, "path_format", None)
        pattern = getattr(getattr(leaf, "path_regex", None), "pattern", None)
        if not isinstance(path_format, str) or not isinstance(pattern, str):
            return None
        prefix = path_format.split("{", 1)[0]
        if not prefix.startswith("/"):
            return None
        if prefix == path_format and pattern == "^" + re.escape(prefix) + "$":
            exact.add(prefix)
        elif pattern.startswith("^" + re.escape(prefix)):
            prefixes.add(prefix)
        else:
            return None
    if not exact and not prefixes:
        return None
    return frozenset(exact), tuple(sorted(prefixes))


def _guard(matches: Matcher, exact: frozenset[str], prefixes: tuple[str, ...]) -> Matcher:
    def guarded(scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http":
            path = get_route_path(scope)
            if path not in exact and not path.startswith(prefixes):
                return Match.NONE, {}
        return matches(scope)

    return guarded
