"""Accounts and activity endpoints in the permission matrix (issue 4)."""

from __future__ import annotations

import datetime as dt

from bibliology.accounts import api_tokens, one_time
from bibliology.enums import LessonStatus
from tests import factories as f
from tests.permissions.matrix import (
    OTHER_STUDENT,
    OWNERS,
    Endpoint,
    Owner,
    Role,
    World,
    admins_only,
    anyone,
    expect,
    logged_in,
)

NEW_PASSWORD = "a matrix passphrase"


def owner_of(role: Role) -> Owner:
    return "student" if role == "anonymous" else role


def token_id_of(world: World, owner: Owner) -> str:
    """An API token of `owner`'s, named with a secret only they may see."""

    def build(w: World) -> str:
        user = w.users[owner]
        name = w.secret(owner, f"token-of-{user.name}")
        _, record = api_tokens.create(w.session, user_id=user.id, name=name, lifetime=dt.timedelta(days=1))
        return record.id

    return world.remember(("token", owner), build)


def student_records(world: World, owner: Owner) -> None:
    """A learner's history (enrollment, note, quiz answer, API token) only `owner` may see."""

    def build(w: World) -> None:
        user = w.users[owner]
        course = w.course("teacher", status=LessonStatus.PUBLISHED)
        lesson = f.make_lesson(w.session, course=course, status=LessonStatus.PUBLISHED)
        f.make_enrollment(w.session, course=course, student=user)
        f.make_note(w.session, student=user, lesson=lesson, note_text=w.secret(owner, f"note of {user.name}"))
        quiz = f.make_quiz(w.session, lesson=lesson)
        submission = f.make_submission(w.session, quiz=quiz, student=user)
        answer = {"text": w.secret(owner, f"answer of {user.name}")}
        f.make_answer(
            w.session,
            submission=submission,
            question=f.make_question(w.session, quiz=quiz),
            answer_given=answer,
        )
        token_id_of(w, owner)

    world.remember(("records", owner), build)


def everyones_records(world: World, role: Role) -> None:
    for owner in OWNERS:
        student_records(world, owner)


def credentials(world: World, role: Role) -> dict[str, str]:
    return {"email": world.user(role).email, "password": f.TEST_PASSWORD}


def reset_token(world: World, role: Role) -> dict[str, str]:
    user = world.user(role)
    token = one_time.issue(world.session, user_id=user.id, email=user.email, purpose="password_reset")
    return {"token": token, "new_password": NEW_PASSWORD}


def verification_token(world: World, role: Role) -> dict[str, str]:
    user = world.user(role)
    return {
        "token": one_time.issue(
            world.session, user_id=user.id, email=user.email, purpose="email_verification"
        )
    }


ENTRIES: list[Endpoint] = [
    # --- auth -------------------------------------------------------------------------------------
    Endpoint(
        "POST",
        "/api/v1/auth/register",
        anyone(201),
        json=lambda w, role: {
            "email": f"new-{role}@matrix.example",
            "password": NEW_PASSWORD,
            "name": "Newcomer",
        },
    ),
    Endpoint(
        "POST",
        "/api/v1/auth/register",
        expect(422),
        note="role is not settable",
        json=lambda w, role: {
            "email": f"x-{role}@matrix.example",
            "password": NEW_PASSWORD,
            "name": "X",
            "role": "ADMIN",
        },
    ),
    # Logging in shows the account whose credentials were given: the anonymous run uses the student's.
    Endpoint(
        "POST",
        "/api/v1/auth/login",
        anyone(200),
        note="own credentials",
        json=credentials,
        sees=frozenset({"anonymous"}),
    ),
    Endpoint(
        "POST",
        "/api/v1/auth/login",
        anyone(401),
        note="another's e-mail, wrong password",
        json=lambda w, role: {"email": w.users[OTHER_STUDENT].email, "password": "guess"},
    ),
    Endpoint("POST", "/api/v1/auth/logout", anyone(204)),
    Endpoint("GET", "/api/v1/auth/csrf", logged_in(200)),
    Endpoint(
        "POST",
        "/api/v1/auth/password",
        logged_in(204),
        json=lambda w, role: {"current_password": f.TEST_PASSWORD, "new_password": NEW_PASSWORD},
    ),
    Endpoint(
        "POST",
        "/api/v1/auth/password-reset",
        anyone(202),
        json=lambda w, role: {"email": w.users[OTHER_STUDENT].email},
    ),
    Endpoint("POST", "/api/v1/auth/password-reset/confirm", anyone(204), note="own token", json=reset_token),
    Endpoint("POST", "/api/v1/auth/verify-email", logged_in(202)),
    Endpoint(
        "POST", "/api/v1/auth/verify-email/confirm", anyone(204), note="own token", json=verification_token
    ),
    Endpoint(
        "POST",
        "/api/v1/auth/tokens",
        anyone(201),
        note="own credentials",
        json=lambda w, role: {**credentials(w, role), "name": "matrix client"},
    ),
    Endpoint(
        "GET",
        "/api/v1/auth/tokens",
        logged_in(200),
        note="lists own tokens only",
        setup=everyones_records,
    ),
    Endpoint(
        "DELETE",
        "/api/v1/auth/tokens/{token_id}",
        logged_in(204),
        note="own",
        params=lambda w, role: {"token_id": token_id_of(w, owner_of(role))},
    ),
    Endpoint(
        "DELETE",
        "/api/v1/auth/tokens/{token_id}",
        expect(404, anonymous=401, admin=204),
        note="foreign",
        params=lambda w, role: {"token_id": token_id_of(w, OTHER_STUDENT)},
    ),
    # --- me -----------------------------------------------------------------------------------------
    Endpoint("GET", "/api/v1/me", logged_in(200), setup=everyones_records),
    Endpoint(
        "PATCH", "/api/v1/me", logged_in(200), json=lambda w, role: {"name": "Renamed", "language_pref": "fr"}
    ),
    Endpoint(
        "PATCH",
        "/api/v1/me",
        expect(422, anonymous=401),
        note="role is not settable",
        json=lambda w, role: {"role": "ADMIN"},
    ),
    Endpoint(
        "GET",
        "/api/v1/me/export",
        logged_in(200),
        note="own data only",
        setup=everyones_records,
    ),
    Endpoint(
        "DELETE",
        "/api/v1/me",
        logged_in(204),
        setup=everyones_records,
        json=lambda w, role: {"password": f.TEST_PASSWORD},
    ),
    Endpoint(
        "DELETE",
        "/api/v1/me",
        expect(422, anonymous=401),
        note="wrong password",
        json=lambda w, role: {"password": "guess"},
    ),
    # --- admin ----------------------------------------------------------------------------------------
    Endpoint(
        "GET",
        "/api/v1/admin/users",
        admins_only(200),
        query=lambda w, role: {"q": "matrix.example"},
        sees=frozenset({"admin"}),
    ),
    Endpoint(
        "PATCH",
        "/api/v1/admin/users/{user_id}/role",
        admins_only(200),
        note="foreign user",
        params=lambda w, role: {"user_id": w.users[OTHER_STUDENT].id},
        json=lambda w, role: {"role": "TEACHER"},
        sees=frozenset({"admin"}),
    ),
    Endpoint(
        "PATCH",
        "/api/v1/admin/users/{user_id}/role",
        admins_only(409),
        note="own role",
        params=lambda w, role: {"user_id": w.user(role).id},
        json=lambda w, role: {"role": "STUDENT"},
    ),
    Endpoint(
        "POST",
        "/api/v1/admin/users/{user_id}/deactivate",
        admins_only(200),
        note="foreign user",
        params=lambda w, role: {"user_id": w.users[OTHER_STUDENT].id},
        json=lambda w, role: {"reason": "left the school"},
        sees=frozenset({"admin"}),
    ),
    Endpoint(
        "POST",
        "/api/v1/admin/users/{user_id}/deactivate",
        admins_only(409),
        note="own account",
        params=lambda w, role: {"user_id": w.user(role).id},
        json=lambda w, role: {"reason": "testing"},
    ),
    Endpoint(
        "POST",
        "/api/v1/admin/users/{user_id}/reactivate",
        admins_only(409),
        note="an active account",
        params=lambda w, role: {"user_id": w.users[OTHER_STUDENT].id},
        json=lambda w, role: {"reason": "came back"},
    ),
    Endpoint(
        "GET",
        "/api/v1/admin/activity",
        admins_only(200),
        query=lambda w, role: {"action": "LOGIN"},
        sees=frozenset({"admin"}),
    ),
    # --- admin pages (HTML) ---------------------------------------------------------------------------
    Endpoint("GET", "/admin", expect(403, anonymous=303, admin=200)),
    Endpoint("GET", "/admin/users", expect(403, anonymous=303, admin=200), sees=frozenset({"admin"})),
    Endpoint("GET", "/admin/activity", expect(403, anonymous=303, admin=200), sees=frozenset({"admin"})),
    Endpoint("GET", "/admin/jobs", expect(403, anonymous=303, admin=200)),
    Endpoint(
        "POST",
        "/admin/users/{user_id}/role",
        expect(403, anonymous=303, admin=303),
        params=lambda w, role: {"user_id": w.users[OTHER_STUDENT].id},
        form=lambda w, role: {"role": "TEACHER"},
    ),
    Endpoint(
        "POST",
        "/admin/users/{user_id}/{change}",
        expect(403, anonymous=303, admin=303),
        note="deactivate",
        params=lambda w, role: {"user_id": w.users[OTHER_STUDENT].id, "change": "deactivate"},
        form=lambda w, role: {"reason": "a matrix reason"},
    ),
    Endpoint(
        "POST",
        "/admin/jobs/{job_id}/retry",
        expect(403, anonymous=303, admin=404),
        note="no such job",
        params=lambda w, role: {"job_id": "987654321"},
        form=lambda w, role: {},
    ),
    # --- account pages (HTML) -------------------------------------------------------------------------
    Endpoint("GET", "/account", expect(200, anonymous=303)),
    Endpoint("GET", "/account/login", anyone(200)),
    Endpoint("GET", "/account/register", anyone(200)),
    Endpoint("GET", "/account/password-reset", anyone(200)),
    Endpoint("POST", "/account/logout", anyone(303), form=lambda w, role: {}),
    Endpoint(
        "POST",
        "/account/profile",
        anyone(303),
        form=lambda w, role: {"name": "Renamed", "language_pref": "fr"},
    ),
    Endpoint(
        "POST",
        "/account/password",
        expect(422, anonymous=303),
        note="wrong current password",
        form=lambda w, role: {"current_password": "not the password", "new_password": NEW_PASSWORD},
    ),
    Endpoint(
        "POST",
        "/account/delete",
        expect(422, anonymous=303),
        note="not confirmed",
        form=lambda w, role: {"password": "whatever it is"},
    ),
]
