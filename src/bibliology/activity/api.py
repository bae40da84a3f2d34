"""The activity log for admins: GET /api/v1/admin/activity."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from bibliology.accounts.deps import RequireAdmin
from bibliology.activity import service
from bibliology.activity.schemas import ActivityRead, UtcDatetime
from bibliology.deps import SessionDep
from bibliology.pagination import Page, Pagination

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])


@router.get("/activity", response_model=Page[ActivityRead])
def list_activity(
    session: SessionDep,
    admin: RequireAdmin,
    pages: Pagination,
    user_id: Annotated[str | None, Query(max_length=64, description="only this user's entries")] = None,
    action: Annotated[str | None, Query(max_length=64, description="e.g. LOGIN_FAILED")] = None,
    since: Annotated[UtcDatetime | None, Query(description="from this instant (inclusive)")] = None,
    until: Annotated[UtcDatetime | None, Query(description="before this instant")] = None,
    entity_type: Annotated[str | None, Query(max_length=64, description="e.g. user, course")] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Page[ActivityRead]:
    """The activity log, newest first (admins)."""
    rows, total = service.list_(
        session,
        params=pages,
        user_id=user_id,
        action=action,
        since=since,
        until=until,
        entity_type=entity_type,
        entity_id=entity_id,
    )
    return Page.of([ActivityRead.of(row) for row in rows], total, pages)
