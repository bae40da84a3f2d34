"""/api/v1/me: the logged-in user's profile, data export and account deletion."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from bibliology.accounts import cookies, privacy, service
from bibliology.accounts.deps import CurrentUser, ReauthThrottle
from bibliology.accounts.schemas import AccountDeleteIn, ProfileUpdate, UserRead
from bibliology.deps import SessionDep

router = APIRouter(prefix="/api/v1/me", tags=["me"])


@router.get("")
def read_me(session: SessionDep, user: CurrentUser) -> UserRead:
    """Your profile."""
    return service.read(session, user)


@router.patch("")
def update_me(body: ProfileUpdate, request: Request, session: SessionDep, user: CurrentUser) -> UserRead:
    """Change your name, avatar address or language; other fields are refused (422)."""
    service.update_profile(session, user=user, changes=body.model_dump(exclude_unset=True), request=request)
    return service.read(session, user)


@router.get(
    "/export",
    responses={
        200: {
            "description": "every row stored about you, one list per table",
            "content": {"application/json": {}},
        }
    },
)
def export_me(request: Request, session: SessionDep, user: CurrentUser) -> JSONResponse:
    """Download all your data as JSON (docs/privacy.md lists what is included)."""
    body = privacy.export(session, user=user, request=request)
    return JSONResponse(
        body, headers={"content-disposition": 'attachment; filename="bibliology-export.json"'}
    )


@router.delete("", status_code=204)
def delete_me(
    _throttle: ReauthThrottle,
    body: AccountDeleteIn,
    request: Request,
    response: Response,
    session: SessionDep,
    user: CurrentUser,
) -> None:
    """Delete your account, confirming with your password: personal data is erased, certificates
    stay verifiable by number without your name (docs/privacy.md)."""
    privacy.delete_account(session, user=user, password=body.password, request=request)
    cookies.clear_session(response, request, request.app.state.settings)
