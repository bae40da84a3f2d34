"""Who is asking: `CurrentActor` (anonymous allowed), `CurrentUser` (401 when not logged in),
`RequireTeacher`, `RequireAdmin`. A request is authenticated by `Authorization: Bearer <API token>`
or, without that header, by the session cookie; a bearer header that does not match a live token
is refused (it never falls back to the cookie)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from bibliology.accounts import api_tokens, sessions, throttles
from bibliology.accounts.models import User
from bibliology.deps import SessionDep, is_read_only
from bibliology.errors import Unauthorized
from bibliology.http import SESSION_COOKIE
from bibliology.policy import ANONYMOUS, Actor, require_admin, require_login, require_teacher

# Declared for the OpenAPI document (the docs' "Authorize" button); the values are read below.
_bearer = HTTPBearer(auto_error=False, description="an API token from POST /api/v1/auth/tokens")
_cookie = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    description="the session cookie set at login; state-changing requests also need X-CSRF-Token",
)
_AUTH = "auth"


@dataclass(frozen=True)
class Auth:
    user: User
    via: Literal["session", "token"]
    # The session's id (digest) or the API token's id: what logout ends.
    credential_id: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class Viewer:
    id: str
    name: str
    email: str
    role: str
    language_pref: str

    @classmethod
    def of(cls, user: User) -> Viewer:
        return cls(user.id, user.name, user.email, str(user.role.value), user.language_pref)


def bearer_token(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def current_auth(
    request: Request,
    session: SessionDep,
    _bearer_doc: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    _cookie_doc: Annotated[str | None, Depends(_cookie)],
) -> Auth | None:
    if hasattr(request.state, _AUTH):
        cached: Auth | None = getattr(request.state, _AUTH)
        return cached
    auth: Auth | None = None
    # A read-only request cannot stamp "last seen" in its own session: it does so in another.
    touch = not is_read_only(session)
    token = bearer_token(request)
    if token is not None:
        found_token = api_tokens.lookup(session, token=token, touch=touch)
        if found_token is None:
            raise Unauthorized("invalid, expired or revoked API token")
        auth = Auth(found_token.user, "token", found_token.record.id, found_token.record.expires_at)
        if not touch:
            api_tokens.touch_in(request.app.state.sessions, found_token.record)
    elif cookie := request.cookies.get(SESSION_COOKIE):
        found = sessions.lookup(session, token=cookie, touch=touch)
        if found is not None:
            auth = Auth(found.user, "session", found.record.id, found.record.expires_at)
            if not touch:
                sessions.touch_in(request.app.state.sessions, found.record)
    setattr(request.state, _AUTH, auth)
    # What pages show of the signed-in user, as plain values: an error page renders after the
    # request's session is rolled back and closed, when the ORM row can no longer be read.
    request.state.viewer = Viewer.of(auth.user) if auth else None
    # For the audit of refused requests (activity.service.audit_error).
    request.state.actor = Actor(auth.user.id, auth.user.role) if auth else ANONYMOUS
    return auth


async def current_actor(auth: Annotated[Auth | None, Depends(current_auth)]) -> Actor:
    return Actor(auth.user.id, auth.user.role) if auth else ANONYMOUS


async def require_auth(auth: Annotated[Auth | None, Depends(current_auth)]) -> Auth:
    if auth is None:
        raise Unauthorized("log in to do this")
    return auth


async def current_user(auth: Annotated[Auth, Depends(require_auth)]) -> User:
    return auth.user


async def teacher_actor(actor: Annotated[Actor, Depends(current_actor)]) -> Actor:
    require_teacher(actor)
    return actor


async def admin_actor(actor: Annotated[Actor, Depends(current_actor)]) -> Actor:
    require_admin(actor)
    return actor


async def login_actor(actor: Annotated[Actor, Depends(current_actor)]) -> Actor:
    require_login(actor)
    return actor


def reauthentication_throttle(request: Request) -> None:
    """Limits password re-confirmation per credential. Declare it before CurrentUser/CurrentAuth:
    it must count in its own transaction before the request's session runs a query."""
    credential = bearer_token(request) or request.cookies.get(SESSION_COOKIE)
    if credential:
        throttles.reauthentication(request, credential=sessions.digest(credential))


CurrentActor = Annotated[Actor, Depends(current_actor)]
CurrentUser = Annotated[User, Depends(current_user)]
CurrentAuth = Annotated[Auth, Depends(require_auth)]
LoggedIn = Annotated[Actor, Depends(login_actor)]
RequireTeacher = Annotated[Actor, Depends(teacher_actor)]
RequireAdmin = Annotated[Actor, Depends(admin_actor)]
ReauthThrottle = Annotated[None, Depends(reauthentication_throttle)]
