"""Request-scoped dependencies shared by every router."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from bibliology.db import unit_of_work
from bibliology.invalidation import attach_cache

_READ_ONLY = "read_only"
Endpoint = TypeVar("Endpoint", bound=Callable[..., object])


def read_only(endpoint: Endpoint) -> Endpoint:
    """Mark a GET endpoint that never writes. Its request runs on the read-only pool: each statement
    is its own snapshot, with no BEGIN/COMMIT round trips, and PostgreSQL refuses any write
    (docs/decisions.md, "Read-only requests")."""
    setattr(endpoint, _READ_ONLY, True)
    return endpoint


def is_read_only(session: Session) -> bool:
    return bool(session.info.get(_READ_ONLY))


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back if it raises.
    Requests to a `read_only` endpoint get a session of the read-only pool instead."""
    route = request.scope.get("route")
    reading = bool(getattr(getattr(route, "endpoint", None), _READ_ONLY, False))
    factory = request.app.state.read_sessions if reading else request.app.state.sessions
    with unit_of_work(factory) as session:
        session.info[_READ_ONLY] = reading
        attach_cache(session, request.app.state.cache)
        yield session


# scope="function": commit before the response is sent, so a failed commit is never answered 2xx.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
