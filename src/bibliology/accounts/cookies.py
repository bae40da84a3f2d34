"""The session cookie (HttpOnly: scripts never see it) and the CSRF cookie (readable by our
scripts, which echo it in X-CSRF-Token). Both SameSite=Lax, and Secure over https."""

from __future__ import annotations

import datetime as dt

from fastapi import Request, Response

from bibliology.config import Settings
from bibliology.db import utcnow
from bibliology.http import CSRF_COOKIE, SESSION_COOKIE, csrf_token_for


def secure(request: Request, settings: Settings) -> bool:
    return settings.cookie_secure if settings.cookie_secure is not None else request.url.scheme == "https"


def set_session(
    response: Response, request: Request, settings: Settings, *, token: str, expires_at: dt.datetime
) -> str:
    """Set both cookies for a new session; returns its CSRF token."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=_max_age(expires_at),
        path="/",
        secure=secure(request, settings),
        httponly=True,
        samesite="lax",
    )
    return set_csrf(response, request, settings, token=token, expires_at=expires_at)


def set_csrf(
    response: Response, request: Request, settings: Settings, *, token: str, expires_at: dt.datetime
) -> str:
    csrf = csrf_token_for(token)
    response.set_cookie(
        CSRF_COOKIE,
        csrf,
        max_age=_max_age(expires_at),
        path="/",
        secure=secure(request, settings),
        httponly=False,
        samesite="lax",
    )
    return csrf


def _max_age(expires_at: dt.datetime) -> int:
    return max(0, int((expires_at - utcnow()).total_seconds()))


def clear_session(response: Response, request: Request, settings: Settings) -> None:
    is_secure = secure(request, settings)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=is_secure, httponly=True, samesite="lax")
    response.delete_cookie(CSRF_COOKIE, path="/", secure=is_secure, httponly=False, samesite="lax")
