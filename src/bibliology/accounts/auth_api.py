"""/api/v1/auth: register, login, logout, passwords, e-mail verification, API tokens.

Routes that throttle call the throttle first: it counts in a transaction of its own, which must
come before the request's session runs its first query (see bibliology.throttle)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Request, Response
from sqlalchemy.orm import Session

from bibliology import mail
from bibliology.accounts import api_tokens, cookies, mails, service, sessions, throttles
from bibliology.accounts.auth_models import ApiToken, UserSession
from bibliology.accounts.deps import Auth, CurrentAuth, CurrentUser, LoggedIn, ReauthThrottle, current_auth
from bibliology.accounts.models import User
from bibliology.accounts.schemas import (
    Accepted,
    ApiTokenCreate,
    ApiTokenCreated,
    ApiTokenRead,
    CsrfRead,
    LoginIn,
    PasswordChangeIn,
    PasswordResetConfirmIn,
    PasswordResetRequestIn,
    RegisterIn,
    ResourceId,
    SessionStarted,
    TokenIn,
)
from bibliology.accounts.service import LoginFailed
from bibliology.activity import actions
from bibliology.activity.service import record, record_on_failure
from bibliology.config import Settings
from bibliology.deps import SessionDep
from bibliology.errors import Unauthorized
from bibliology.http import SESSION_COOKIE, csrf_exempt
from bibliology.pagination import Page, Pagination, paginate

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def start_session(session: Session, request: Request, response: Response, user: User) -> SessionStarted:
    """A fresh session for `user`, both cookies set on `response`. The session the request came
    with, if any, ends: a pre-login session id is never carried over."""
    settings = settings_of(request)
    if previous := request.cookies.get(SESSION_COOKIE):
        sessions.revoke(session, token=previous)
    sessions.delete_expired(session, user_id=user.id)
    lifetime = dt.timedelta(hours=settings.session_lifetime_hours)
    token, started = sessions.create(session, user_id=user.id, lifetime=lifetime, request=request)
    csrf = cookies.set_session(response, request, settings, token=token, expires_at=started.expires_at)
    return SessionStarted(user=service.read(session, user), csrf_token=csrf, expires_at=started.expires_at)


def authenticate(session: Session, request: Request, *, email: str, password: str, method: str) -> User:
    """Throttled login shared by /login, /tokens and the login page; failures are audited."""
    throttles.login(request, email=email)
    try:
        return service.authenticate(session, email=email, password=password)
    except LoginFailed as failure:
        record_on_failure(
            request, action=actions.LOGIN_FAILED, user_id=failure.user_id, metadata={"method": method}
        )
        raise


@router.post("/register", status_code=201)
@csrf_exempt
def register(
    body: RegisterIn, request: Request, response: Response, session: SessionDep, background: BackgroundTasks
) -> SessionStarted:
    """Create a student account and log it in; a confirmation link is e-mailed."""
    throttles.register(request)
    user = service.register(
        session,
        email=body.email,
        password=body.password,
        name=body.name,
        language_pref=body.language_pref,
        request=request,
    )
    started = start_session(session, request, response, user)
    send_verification(session, request, background, user)
    return started


@router.post("/login")
@csrf_exempt
def login(body: LoginIn, request: Request, response: Response, session: SessionDep) -> SessionStarted:
    """Log in with e-mail and password: sets the session cookie (HttpOnly) and the csrftoken cookie."""
    user = authenticate(session, request, email=body.email, password=body.password, method="password")
    started = start_session(session, request, response, user)
    record(session, action=actions.LOGIN, user_id=user.id, request=request, metadata={"method": "password"})
    return started


@router.post("/logout", status_code=204)
def logout(
    request: Request,
    response: Response,
    session: SessionDep,
    auth: Annotated[Auth | None, Depends(current_auth)],
) -> None:
    """End this session (or, with a bearer token, revoke that token) and clear the cookies."""
    if auth is not None:
        model = UserSession if auth.via == "session" else ApiToken
        record_to_end = session.get(model, auth.credential_id)
        if record_to_end is not None:
            session.delete(record_to_end)
        record(
            session, action=actions.LOGOUT, user_id=auth.user.id, request=request, metadata={"via": auth.via}
        )
    cookies.clear_session(response, request, settings_of(request))


@router.get("/csrf")
def csrf(request: Request, response: Response, auth: CurrentAuth) -> CsrfRead:
    """The CSRF token of the cookie session (the csrftoken cookie is set again too)."""
    token = request.cookies.get(SESSION_COOKIE)
    if auth.via != "session" or token is None:
        raise Unauthorized("no session cookie: requests with a bearer token need no CSRF token")
    value = cookies.set_csrf(response, request, settings_of(request), token=token, expires_at=auth.expires_at)
    return CsrfRead(csrf_token=value)


@router.post("/password", status_code=204)
def change_password(
    _throttle: ReauthThrottle,
    body: PasswordChangeIn,
    request: Request,
    response: Response,
    session: SessionDep,
    auth: CurrentAuth,
) -> None:
    """Change the password: every session and API token of the account ends; a cookie session
    gets a new session (new cookies) so this browser stays logged in."""
    service.change_password(
        session,
        user=auth.user,
        current_password=body.current_password,
        new_password=body.new_password,
        request=request,
    )
    if auth.via == "session":
        start_session(session, request, response, auth.user)


@router.post("/password-reset", status_code=202)
@csrf_exempt
def request_password_reset(
    body: PasswordResetRequestIn, request: Request, session: SessionDep, background: BackgroundTasks
) -> Accepted:
    """E-mail a single-use reset link (valid 1 hour). The answer is the same whether or not an
    account uses the address."""
    throttles.password_reset(request, email=body.email)
    found = service.request_password_reset(session, email=body.email, request=request)
    if found is not None:
        user, token = found
        settings = settings_of(request)
        background.add_task(
            mail.send, settings, mails.password_reset(settings, request, user=user, token=token)
        )
    return Accepted(detail="if an account uses this address, a reset link is on its way")


@router.post("/password-reset/confirm", status_code=204)
@csrf_exempt
def confirm_password_reset(
    body: PasswordResetConfirmIn, request: Request, response: Response, session: SessionDep
) -> None:
    """Set a new password with the e-mailed token (single use). Every session and API token of the
    account ends; log in again with the new password."""
    throttles.token_confirmation(request)
    service.confirm_password_reset(session, token=body.token, new_password=body.new_password, request=request)
    cookies.clear_session(response, request, settings_of(request))


@router.post("/verify-email", status_code=202)
def request_verification(
    request: Request, session: SessionDep, user: CurrentUser, background: BackgroundTasks
) -> Accepted:
    """E-mail a new confirmation link for the account's address (valid 48 hours)."""
    throttles.verification(request, user_id=user.id)
    if send_verification(session, request, background, user):
        return Accepted(detail="a confirmation link is on its way")
    return Accepted(detail="this address is already confirmed")


@router.post("/verify-email/confirm", status_code=204)
@csrf_exempt
def confirm_verification(body: TokenIn, request: Request, session: SessionDep) -> None:
    """Confirm the address with the e-mailed token (single use)."""
    throttles.token_confirmation(request)
    service.confirm_verification(session, token=body.token, request=request)


def send_verification(session: Session, request: Request, background: BackgroundTasks, user: User) -> bool:
    token = service.request_verification(session, user=user)
    if token is None:
        return False
    settings = settings_of(request)
    background.add_task(
        mail.send, settings, mails.email_verification(settings, request, user=user, token=token)
    )
    return True


@router.post("/tokens", status_code=201)
@csrf_exempt
def create_token(body: ApiTokenCreate, request: Request, session: SessionDep) -> ApiTokenCreated:
    """Create an API token with e-mail and password (throttled like login). Send it as
    `Authorization: Bearer <token>`; it is shown only in this answer."""
    user = authenticate(session, request, email=body.email, password=body.password, method="api_token")
    token, created = api_tokens.create(
        session, user_id=user.id, name=body.name, lifetime=dt.timedelta(days=body.expires_in_days)
    )
    record(
        session,
        action=actions.API_TOKEN_CREATED,
        user_id=user.id,
        entity_type="api_token",
        entity_id=created.id,
        request=request,
    )
    return ApiTokenCreated(
        token=token, **ApiTokenRead.model_validate(created, from_attributes=True).model_dump()
    )


@router.get("/tokens")
def list_tokens(session: SessionDep, user: CurrentUser, pages: Pagination) -> Page[ApiTokenRead]:
    """Your API tokens (never the tokens themselves)."""
    rows, total = paginate(session, api_tokens.owned_by(user.id), pages)
    return Page.of([ApiTokenRead.model_validate(row, from_attributes=True) for row in rows], total, pages)


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: ResourceId, request: Request, session: SessionDep, actor: LoggedIn) -> None:
    """Revoke one of your API tokens."""
    revoked = api_tokens.revoke(session, actor=actor, token_id=token_id)
    record(
        session,
        action=actions.API_TOKEN_REVOKED,
        actor=actor,
        entity_type="api_token",
        entity_id=revoked.id,
        request=request,
    )
