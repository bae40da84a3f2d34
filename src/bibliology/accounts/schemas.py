"""Request and response bodies of the accounts API. Inputs forbid unknown fields, so a client that
tries to set role, id, owner, scores or counters gets a 422 naming the field."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from fastapi import Path as FastApiPath
from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from bibliology.accounts.password_policy import MAX_LENGTH, MIN_LENGTH
from bibliology.enums import UserRole
from bibliology.inputs import JsonEnum, StrictInput

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.][^@\s]{0,252}\.[^@\s.]{2,63}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _email(value: str) -> str:
    if not _EMAIL.match(value) or _CONTROL.search(value):
        raise ValueError("not an e-mail address")
    return value


def _no_control_characters(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("control characters are not allowed")
    return value


def _web_address(value: str) -> str:
    if not value.startswith(("https://", "http://")) or _CONTROL.search(value) or " " in value:
        raise ValueError("use an absolute http:// or https:// address")
    return value


Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_email)]
# Login takes any string: a malformed address is just a failed login, with the same answer.
LoginEmail = Annotated[str, StringConstraints(max_length=254)]
NewPassword = Annotated[str, Field(min_length=MIN_LENGTH, max_length=MAX_LENGTH)]
AnyPassword = Annotated[str, Field(max_length=1024)]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_control_characters),
]
AvatarUrl = Annotated[str, StringConstraints(max_length=2048), AfterValidator(_web_address)]
Language = Literal["en", "fr"]
Token = Annotated[str, Field(min_length=1, max_length=256)]
# Ids in paths: cuid-shaped; anything else (NUL bytes included) is a 422, never a database error.
ResourceId = Annotated[str, FastApiPath(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


class Input(StrictInput):
    """Unknown fields refused, no coercion: `"expires_in_days": "30"` is a 422 (bibliology.inputs)."""


class RegisterIn(Input):
    email: Email
    password: NewPassword
    name: Name
    language_pref: Language = "en"


class LoginIn(Input):
    email: LoginEmail
    password: AnyPassword


class PasswordChangeIn(Input):
    current_password: AnyPassword
    new_password: NewPassword


class PasswordResetRequestIn(Input):
    email: LoginEmail


class PasswordResetConfirmIn(Input):
    token: Token
    new_password: NewPassword


class TokenIn(Input):
    token: Token


class ProfileUpdate(Input):
    """PATCH /me: only these three; absent fields are left as they are."""

    name: Name | None = None
    avatar_url: AvatarUrl | None = None
    language_pref: Language | None = None


class AccountDeleteIn(Input):
    password: AnyPassword


class ApiTokenCreate(Input):
    email: LoginEmail
    password: AnyPassword
    name: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
        AfterValidator(_no_control_characters),
    ]
    expires_in_days: int = Field(default=90, ge=1, le=365)


class RoleUpdate(Input):
    role: JsonEnum[UserRole]


class UserRead(BaseModel):
    id: str
    email: str
    name: str
    role: UserRole
    avatar_url: str | None
    language_pref: str
    email_verified: bool
    created_at: dt.datetime
    last_login: dt.datetime | None
    deactivated_at: dt.datetime | None = None


class Deactivation(Input):
    reason: str = Field(min_length=3, max_length=500, description="why: kept in the activity log")


class SessionStarted(BaseModel):
    """Login and registration: the user, and the CSRF token to send with state-changing requests
    (also readable from the csrftoken cookie)."""

    user: UserRead
    csrf_token: str
    expires_at: dt.datetime


class CsrfRead(BaseModel):
    csrf_token: str


class ApiTokenRead(BaseModel):
    id: str
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime


class ApiTokenCreated(ApiTokenRead):
    token: str = Field(description="shown once: store it now")


class Accepted(BaseModel):
    detail: str
