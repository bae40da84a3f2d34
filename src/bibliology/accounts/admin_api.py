"""/api/v1/admin/users: the account list and role changes (admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from bibliology.accounts import service
from bibliology.accounts.deps import RequireAdmin
from bibliology.accounts.schemas import Deactivation, ResourceId, RoleUpdate, UserRead
from bibliology.deps import SessionDep
from bibliology.enums import UserRole
from bibliology.pagination import Page, Pagination

router = APIRouter(prefix="/api/v1/admin/users", tags=["admin"])

SearchText = Annotated[
    str | None,
    Query(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$", description="part of the e-mail or name"),
]


@router.get("")
def list_users(
    session: SessionDep,
    admin: RequireAdmin,
    pages: Pagination,
    q: SearchText = None,
    role: Annotated[UserRole | None, Query()] = None,
) -> Page[UserRead]:
    """Accounts, newest first, filtered by role and by text in the e-mail or name."""
    rows, total = service.list_users(session, params=pages, q=q, role=role)
    return Page.of([service.read(session, user, verified=verified) for user, verified in rows], total, pages)


@router.patch("/{user_id}/role")
def change_role(
    user_id: ResourceId, body: RoleUpdate, request: Request, session: SessionDep, admin: RequireAdmin
) -> UserRead:
    """Change a user's role (not your own); their sessions and API tokens end."""
    user = service.change_role(session, actor=admin, user_id=user_id, role=body.role, request=request)
    return service.read(session, user)


@router.post("/{user_id}/deactivate")
def deactivate(
    user_id: ResourceId, body: Deactivation, request: Request, session: SessionDep, admin: RequireAdmin
) -> UserRead:
    """Close an account (not your own): sign-in is refused and its sessions and API tokens end;
    its history stays. The reason goes to the activity log."""
    user = service.set_active(
        session, actor=admin, user_id=user_id, active=False, reason=body.reason, request=request
    )
    return service.read(session, user)


@router.post("/{user_id}/reactivate")
def reactivate(
    user_id: ResourceId, body: Deactivation, request: Request, session: SessionDep, admin: RequireAdmin
) -> UserRead:
    """Open a deactivated account again; its owner signs in anew."""
    user = service.set_active(
        session, actor=admin, user_id=user_id, active=True, reason=body.reason, request=request
    )
    return service.read(session, user)
