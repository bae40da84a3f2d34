"""Request-scoped dependencies shared by every router."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from bibliology.invalidation import attach_cache, has_pending

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


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back if it raises.
    Requests to a `read_only` endpoint get a session of the read-only pool instead.

    An async dependency, so that a request does not pay two thread-pool hops for it: opening a
    session does no I/O (the first statement checks a connection out), and neither does ending a
    read-only one (an autocommit connection that is idle sends no COMMIT or ROLLBACK). Ending any
    other session talks to the database, in the thread pool."""
    route = request.scope.get("route")
    reading = bool(getattr(getattr(route, "endpoint", None), _READ_ONLY, False))
    factory = request.app.state.read_sessions if reading else request.app.state.sessions
    # A plain sessionmaker does no I/O; another factory (ops.replica.ReadRouter) may check a server.
    session = factory() if isinstance(factory, sessionmaker) else await run_in_threadpool(factory)
    session.info[_READ_ONLY] = reading
    attach_cache(session, request.app.state.cache)
    try:
        yield session
    except BaseException:
        await _end(session, commit=False, reading=reading)
        raise
    await _end(session, commit=True, reading=reading)


async def _end(session: Session, *, commit: bool, reading: bool) -> None:
    if reading and not (session.new or session.dirty or session.deleted or has_pending(session)):
        _finish(session, commit)  # nothing to flush, nothing to invalidate: no I/O
        return
    # As FastAPI ends a sync generator dependency: shielded from cancellation (the connection must
    # go back to the pool), and outside the thread pool's limit (a full pool must not deadlock the
    # requests that would free it).
    with anyio.CancelScope(shield=True):
        await anyio.to_thread.run_sync(_finish, session, commit, limiter=anyio.CapacityLimiter(1))


def _finish(session: Session, commit: bool) -> None:
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# scope="function": commit before the response is sent, so a failed commit is never answered 2xx.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
