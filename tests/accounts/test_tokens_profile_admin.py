"""API tokens, the profile (/me), and the admin's account list and role changes."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.auth_models import ApiToken
from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.enums import UserRole
from tests import factories as f
from tests.accounts.support import set_session_cookie

Login = Callable[[User], str]


def test_api_tokens_are_created_with_credentials_used_and_revoked(
    client: TestClient, session: Session
) -> None:
    user = f.make_login_user(session, email="api@example.org")
    created = client.post(
        "/api/v1/auth/tokens",
        json={
            "email": "api@example.org",
            "password": f.TEST_PASSWORD,
            "name": "laptop script",
            "expires_in_days": 7,
        },
    )
    assert created.status_code == 201
    body = created.json()
    token = body["token"]
    assert token.startswith("bib_")
    assert body["prefix"] == token[:10]
    stored = session.get_one(ApiToken, body["id"])
    assert stored.token_hash != token  # only the digest is kept
    bearer = {"Authorization": f"Bearer {token}"}

    assert client.get("/api/v1/me", headers=bearer).json()["id"] == user.id
    listed = client.get("/api/v1/auth/tokens", headers=bearer).json()
    assert listed["total"] == 1
    assert "token" not in listed["items"][0]
    assert token not in str(listed)

    assert client.delete(f"/api/v1/auth/tokens/{body['id']}", headers=bearer).status_code == 204
    assert client.get("/api/v1/me", headers=bearer).status_code == 401

    refused = client.post(
        "/api/v1/auth/tokens", json={"email": "api@example.org", "password": "x", "name": "n"}
    )
    assert refused.status_code == 401


def test_someone_elses_token_is_not_found(client: TestClient, session: Session, login_as: Login) -> None:
    _, theirs = f.make_api_token(session, user=f.make_user(session))
    login_as(f.make_user(session))
    assert client.delete(f"/api/v1/auth/tokens/{theirs.id}").status_code == 404
    assert session.get(ApiToken, theirs.id) is not None


def test_logout_with_a_bearer_token_revokes_it(client: TestClient, session: Session) -> None:
    token, _ = f.make_api_token(session)
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/auth/logout", headers=bearer).status_code == 204
    assert client.get("/api/v1/me", headers=bearer).status_code == 401


def test_profile_update_changes_only_the_allowed_fields(
    client: TestClient, session: Session, login_as: Login
) -> None:
    user = f.make_user(session, name="Old")
    login_as(user)
    response = client.patch(
        "/api/v1/me",
        json={"name": "New", "avatar_url": "https://img.example.org/a.png", "language_pref": "fr"},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["avatar_url"], body["language_pref"]) == (
        "New",
        "https://img.example.org/a.png",
        "fr",
    )
    for field, value in (
        ("role", "ADMIN"),
        ("email", "new@example.org"),
        ("id", "cxyz"),
        ("password_hash", "x"),
        ("last_login", None),
        ("created_at", "2020-01-01T00:00:00Z"),
    ):
        refused = client.patch("/api/v1/me", json={field: value})
        assert refused.status_code == 422, field
        assert refused.json()["errors"][0]["field"] == field
    for bad in ({"avatar_url": "javascript:alert(1)"}, {"language_pref": "de"}, {"name": ""}, {"name": None}):
        assert client.patch("/api/v1/me", json=bad).status_code == 422, bad
    session.refresh(user)
    assert user.role == UserRole.STUDENT
    assert (user.name, user.language_pref) == ("New", "fr")


def test_admin_lists_users_paginated_and_filtered(
    client: TestClient, session: Session, login_as: Login
) -> None:
    admin = f.make_admin(session, email="boss@example.org")
    for n in range(3):
        f.make_teacher(session, email=f"teach{n}@school.example", name=f"Teacher {n}")
    f.make_user(session, email="pupil@school.example", name="Pupil")
    login_as(admin)
    page = client.get("/api/v1/admin/users", params={"page_size": 2, "q": "school.example"})
    assert page.status_code == 200
    body = page.json()
    assert set(body) == {"items", "total", "page", "page_size"}
    assert (body["total"], body["page"], body["page_size"], len(body["items"])) == (4, 1, 2, 2)
    second = client.get(
        "/api/v1/admin/users", params={"page_size": 2, "page": 2, "q": "school.example"}
    ).json()
    emails = {u["email"] for u in body["items"] + second["items"]}
    assert emails == {
        "teach0@school.example",
        "teach1@school.example",
        "teach2@school.example",
        "pupil@school.example",
    }
    teachers = client.get("/api/v1/admin/users", params={"role": "TEACHER", "q": "school"}).json()
    assert teachers["total"] == 3
    wildcard = client.get("/api/v1/admin/users", params={"q": "%"}).json()
    assert wildcard["total"] == 0  # LIKE wildcards are matched literally
    assert client.get("/api/v1/admin/users", params={"page_size": 101}).status_code == 422


def test_role_change_ends_the_users_sessions_and_is_logged(
    client: TestClient, session: Session, login_as: Login
) -> None:
    admin = f.make_admin(session)
    user = f.make_user(session)
    user_session, _ = f.make_user_session(session, user=user)
    user_token, _ = f.make_api_token(session, user=user)
    login_as(admin)
    response = client.patch(f"/api/v1/admin/users/{user.id}/role", json={"role": "TEACHER"})
    assert response.status_code == 200
    assert response.json()["role"] == "TEACHER"
    entry = session.scalars(select(ActivityLog).where(ActivityLog.action == "ROLE_CHANGE")).one()
    assert (entry.user_id, entry.entity_id, entry.metadata_) == (
        admin.id,
        user.id,
        {"from": "STUDENT", "to": "TEACHER"},
    )
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {user_token}"}).status_code == 401
    set_session_cookie(client, user_session)
    assert client.get("/api/v1/me").status_code == 401


def test_admins_cannot_change_their_own_role(client: TestClient, session: Session, login_as: Login) -> None:
    admin = f.make_admin(session)
    login_as(admin)
    response = client.patch(f"/api/v1/admin/users/{admin.id}/role", json={"role": "STUDENT"})
    assert response.status_code == 409
    assert client.get("/api/v1/me").json()["role"] == "ADMIN"


def test_role_change_refuses_unknown_roles_and_users(
    client: TestClient, session: Session, login_as: Login
) -> None:
    login_as(f.make_admin(session))
    user = f.make_user(session)
    assert client.patch(f"/api/v1/admin/users/{user.id}/role", json={"role": "SUPERUSER"}).status_code == 422
    assert client.patch("/api/v1/admin/users/cnosuchuser/role", json={"role": "TEACHER"}).status_code == 404
    assert client.patch("/api/v1/admin/users/bad%00id/role", json={"role": "TEACHER"}).status_code == 422
