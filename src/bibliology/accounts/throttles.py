"""The limits on login, registration and password reset, per account and per client address.
Each check counts the attempt in its own committed transaction (see bibliology.throttle), so call
it before the request's own session runs its first query."""

from __future__ import annotations

import datetime as dt

from fastapi import Request

from bibliology import throttle
from bibliology.activity.service import client_address
from bibliology.throttle import Limit

_MINUTES_15 = dt.timedelta(minutes=15)
_HOUR = dt.timedelta(hours=1)

LOGIN_PER_ACCOUNT = Limit(
    "login-account", 10, _MINUTES_15, "too many login attempts for this account: wait 15 minutes"
)
LOGIN_PER_ADDRESS = Limit(
    "login-address", 50, _MINUTES_15, "too many login attempts from your network: wait 15 minutes"
)
REGISTER_PER_ADDRESS = Limit(
    "register-address", 10, _HOUR, "too many registrations from your network: wait an hour"
)
RESET_PER_ACCOUNT = Limit("reset-account", 3, _HOUR, "too many reset requests for this account: wait an hour")
RESET_PER_ADDRESS = Limit(
    "reset-address", 20, _HOUR, "too many reset requests from your network: wait an hour"
)
CONFIRM_PER_ADDRESS = Limit("confirm-address", 60, _HOUR, "too many attempts from your network: wait an hour")
VERIFY_PER_ACCOUNT = Limit("verify-account", 5, _HOUR, "too many verification e-mails: wait an hour")
# Password re-confirmation (change password, delete account) per session or API token.
REAUTH_PER_CREDENTIAL = Limit(
    "reauth-credential", 10, _MINUTES_15, "too many password attempts: wait 15 minutes"
)


def _address(request: Request) -> str:
    return f"address:{client_address(request) or 'unknown'}"


def _account(email: str) -> str:
    return f"account:{email.strip().lower()}"


def login(request: Request, *, email: str) -> None:
    factory = request.app.state.sessions
    throttle.hit(factory, LOGIN_PER_ADDRESS, _address(request))
    throttle.hit(factory, LOGIN_PER_ACCOUNT, _account(email))


def register(request: Request) -> None:
    throttle.hit(request.app.state.sessions, REGISTER_PER_ADDRESS, _address(request))


def password_reset(request: Request, *, email: str) -> None:
    factory = request.app.state.sessions
    throttle.hit(factory, RESET_PER_ADDRESS, _address(request))
    throttle.hit(factory, RESET_PER_ACCOUNT, _account(email))


def token_confirmation(request: Request) -> None:
    """Using an e-mailed token (reset or verification); the tokens are unguessable, this only
    bounds the work one address can cause."""
    throttle.hit(request.app.state.sessions, CONFIRM_PER_ADDRESS, _address(request))


def verification(request: Request, *, user_id: str) -> None:
    throttle.hit(request.app.state.sessions, VERIFY_PER_ACCOUNT, f"user:{user_id}")


def reauthentication(request: Request, *, credential: str) -> None:
    throttle.hit(request.app.state.sessions, REAUTH_PER_CREDENTIAL, f"credential:{credential}")
