"""Accounts: registration, login, passwords, e-mail verification, profile, roles, the admin list."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cache
from typing import Any

from fastapi import Request
from psycopg.errors import UniqueViolation
from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bibliology.accounts import api_tokens, one_time, password_policy, sessions
from bibliology.accounts.auth_models import EmailVerification
from bibliology.accounts.models import User
from bibliology.accounts.passwords import hash_password, needs_rehash, verify_password
from bibliology.accounts.schemas import UserRead
from bibliology.activity import actions
from bibliology.activity.service import record
from bibliology.db import utcnow
from bibliology.enums import UserRole
from bibliology.errors import Conflict, Invalid, NotFound, Unauthorized
from bibliology.pagination import AnySelect, PageParams, paginate
from bibliology.policy import Actor, ensure_can_change_role, require_admin

LOGIN_FAILED_MESSAGE = "wrong e-mail or password"
DEACTIVATED_MESSAGE = "this account has been deactivated: ask an administrator to reactivate it"
# A deleted account keeps its row (certificates point at it) under these placeholders.
DELETED_NAME = "Deleted user"
UNUSABLE_PASSWORD_HASH = "!deleted"  # noqa: S105  (not an Argon2 hash: no password matches it)


def deleted_email(user_id: str) -> str:
    return f"deleted-{user_id}@deleted.invalid"


def is_deleted(user: User) -> bool:
    return user.email == deleted_email(user.id)


@dataclass
class LoginFailed(Unauthorized):
    """The same answer whether the account exists or not; user_id is for the audit log only."""

    user_id: str | None = None


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def _verified() -> ColumnElement[bool]:
    return exists().where(EmailVerification.user_id == User.id, EmailVerification.email == User.email)


def find_by_email(session: Session, email: str) -> User | None:
    if "\x00" in email:  # PostgreSQL text cannot hold NUL: no account has it
        return None
    return session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def is_verified(session: Session, user: User) -> bool:
    return bool(session.scalar(select(_verified()).where(User.id == user.id)))


def read(session: Session, user: User, *, verified: bool | None = None) -> UserRead:
    return UserRead(
        id=user.id,
        email=user.email,
        name=user.name,
        role=user.role,
        avatar_url=user.avatar_url,
        language_pref=user.language_pref,
        email_verified=is_verified(session, user) if verified is None else verified,
        created_at=user.created_at,
        last_login=user.last_login,
        deactivated_at=user.deactivated_at,
    )


def register(
    session: Session,
    *,
    email: str,
    password: str,
    name: str,
    language_pref: str = "en",
    role: UserRole = UserRole.STUDENT,
    request: Request | None = None,
) -> User:
    """A new account (students register themselves; admins are made by `bibliology users create`)."""
    email = email.strip()
    password_policy.check(password, email=email)
    if find_by_email(session, email) is not None:
        raise _already_registered()
    user = User(
        email=email, password_hash=hash_password(password), name=name, role=role, language_pref=language_pref
    )
    try:
        with session.begin_nested():  # a concurrent registration of the same address loses here
            session.add(user)
            session.flush()
    except IntegrityError as error:
        if isinstance(error.orig, UniqueViolation):
            raise _already_registered() from None
        raise
    record(
        session,
        action=actions.REGISTER,
        user_id=user.id,
        entity_type="user",
        entity_id=user.id,
        request=request,
    )
    return user


def _already_registered() -> Conflict:
    return Conflict(
        "an account with this e-mail address already exists: log in or reset your password",
        fields=[{"field": "email", "message": "already registered"}],
    )


def authenticate(session: Session, *, email: str, password: str) -> User:
    """The user with these credentials, or LoginFailed. An unknown address costs a full hash
    verification too, so timing does not tell whether an account exists."""
    user = find_by_email(session, email)
    if user is None:
        verify_password(_dummy_hash(), password)
        raise LoginFailed(LOGIN_FAILED_MESSAGE)
    if not verify_password(user.password_hash, password):
        raise LoginFailed(LOGIN_FAILED_MESSAGE, user_id=user.id)
    if user.deactivated_at is not None:  # said only to whoever knows the password
        raise LoginFailed(DEACTIVATED_MESSAGE, user_id=user.id)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login = utcnow()
    session.flush()
    return user


def verify_current_password(user: User, password: str, *, field: str) -> None:
    if not verify_password(user.password_hash, password):
        raise Invalid(f"{field}: wrong password", fields=[{"field": field, "message": "wrong password"}])


def set_password(session: Session, *, user: User, new_password: str, field: str = "new_password") -> None:
    """Set a new password and end every session and API token of the user: whoever knew the old
    password (or stole a session) is out. The caller opens a fresh session if it wants one."""
    password_policy.check(new_password, email=user.email, field=field)
    user.password_hash = hash_password(new_password)
    sessions.revoke_all(session, user_id=user.id)
    api_tokens.revoke_all(session, user_id=user.id)
    session.flush()


def change_password(
    session: Session, *, user: User, current_password: str, new_password: str, request: Request | None = None
) -> None:
    verify_current_password(user, current_password, field="current_password")
    set_password(session, user=user, new_password=new_password)
    record(session, action=actions.PASSWORD_CHANGE, user_id=user.id, request=request)


def request_password_reset(
    session: Session, *, email: str, request: Request | None = None
) -> tuple[User, str] | None:
    """A reset token for the account, or None when there is none (the caller answers the same)."""
    user = find_by_email(session, email)
    if user is None or is_deleted(user):
        return None
    token = one_time.issue(session, user_id=user.id, email=user.email, purpose="password_reset")
    record(session, action=actions.PASSWORD_RESET_REQUEST, user_id=user.id, request=request)
    return user, token


def confirm_password_reset(
    session: Session, *, token: str, new_password: str, request: Request | None = None
) -> User:
    # Check the password first: a refused password must not burn the link.
    password_policy.check(new_password, field="new_password")
    consumed = one_time.consume(session, token=token, purpose="password_reset")
    user = session.get_one(User, consumed.user_id)
    set_password(session, user=user, new_password=new_password)
    if consumed.email == user.email:
        mark_verified(session, user)  # the reset link proved the mailbox
    record(session, action=actions.PASSWORD_RESET, user_id=user.id, request=request)
    return user


def request_verification(session: Session, *, user: User) -> str | None:
    """A verification token for the user's current address; None when it is already verified."""
    if is_verified(session, user):
        return None
    return one_time.issue(session, user_id=user.id, email=user.email, purpose="email_verification")


def confirm_verification(session: Session, *, token: str, request: Request | None = None) -> User:
    consumed = one_time.consume(session, token=token, purpose="email_verification")
    user = session.get_one(User, consumed.user_id)
    if consumed.email != user.email:
        message = "this link was sent to an address the account no longer uses"
        raise Invalid(message, fields=[{"field": "token", "message": message}])
    mark_verified(session, user)
    record(session, action=actions.EMAIL_VERIFIED, user_id=user.id, request=request)
    return user


def mark_verified(session: Session, user: User) -> None:
    verification = session.get(EmailVerification, user.id)
    if verification is None:
        session.add(EmailVerification(user_id=user.id, email=user.email, verified_at=utcnow()))
    else:
        verification.email, verification.verified_at = user.email, utcnow()
    session.flush()


def update_profile(
    session: Session, *, user: User, changes: dict[str, Any], request: Request | None = None
) -> User:
    """Name, avatar and language only (the schema refuses every other field)."""
    allowed = {"name", "avatar_url", "language_pref"}
    if unknown := set(changes) - allowed:
        raise Invalid(f"cannot change {', '.join(sorted(unknown))}")
    for required in ("name", "language_pref"):
        if required in changes and changes[required] is None:
            raise Invalid(
                f"{required}: cannot be null", fields=[{"field": required, "message": "cannot be null"}]
            )
    for field, value in changes.items():
        setattr(user, field, value)
    session.flush()
    if changes:
        record(
            session,
            action=actions.PROFILE_UPDATE,
            user_id=user.id,
            request=request,
            metadata={"fields": sorted(changes)},
        )
    return user


def change_role(
    session: Session, *, actor: Actor, user_id: str, role: UserRole, request: Request | None = None
) -> User:
    """Admins only, never their own; the user's sessions and tokens end (they log in again with
    the new rights)."""
    ensure_can_change_role(actor, user_id)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("no such user")
    previous = user.role
    if previous != role:
        user.role = role
        sessions.revoke_all(session, user_id=user.id)
        api_tokens.revoke_all(session, user_id=user.id)
        session.flush()
        record(
            session,
            action=actions.ROLE_CHANGE,
            actor=actor,
            entity_type="user",
            entity_id=user.id,
            request=request,
            metadata={"from": previous.value, "to": role.value},
        )
    return user


def set_active(
    session: Session, *, actor: Actor, user_id: str, active: bool, reason: str, request: Request | None = None
) -> User:
    """Deactivate (or reactivate) an account: admins only, never their own. Deactivating ends its
    sessions and API tokens; its content, progress and history stay."""
    if require_admin(actor) == user_id:
        raise Conflict("you cannot deactivate or reactivate your own account: ask another admin")
    user = session.get(User, user_id, with_for_update=True)
    if user is None or is_deleted(user):
        raise NotFound("no such user")
    if (user.deactivated_at is None) == active:
        raise Conflict("this account is already " + ("active" if active else "deactivated"))
    user.deactivated_at = None if active else utcnow()
    if not active:
        sessions.revoke_all(session, user_id=user.id)
        api_tokens.revoke_all(session, user_id=user.id)
    session.flush()
    record(
        session,
        action=actions.ACCOUNT_REACTIVATED if active else actions.ACCOUNT_DEACTIVATED,
        actor=actor,
        entity_type="user",
        entity_id=user.id,
        request=request,
        metadata={"reason": reason},
    )
    return user


def list_users(
    session: Session, *, params: PageParams, q: str | None = None, role: UserRole | None = None
) -> tuple[list[tuple[User, bool]], int]:
    """Accounts newest first with their verified flag, filtered by role and by a substring of the
    e-mail or name."""
    statement: AnySelect = select(User, _verified().label("verified"))
    conditions = []
    if role is not None:
        conditions.append(User.role == role)
    if q:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(or_(User.email.ilike(pattern, escape="\\"), User.name.ilike(pattern, escape="\\")))
    if conditions:
        statement = statement.where(and_(*conditions))
    statement = statement.order_by(User.created_at.desc(), User.id)
    rows, total = paginate(session, statement, params)
    return [(row[0], bool(row[1])) for row in rows], total
