"""Request-scoped dependencies shared by every router."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from bibliology.db import unit_of_work
from bibliology.invalidation import attach_cache


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back if it raises."""
    with unit_of_work(request.app.state.sessions) as session:
        attach_cache(session, request.app.state.cache)
        yield session


# scope="function": commit before the response is sent, so a failed commit is never answered 2xx.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
