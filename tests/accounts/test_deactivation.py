"""An admin deactivates an account: sign-in, sessions and API tokens are refused until it is
reactivated; the history stays, and the reason is in the activity log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts import api_tokens, service, sessions
from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.errors import Conflict, Forbidden, NotFound
from bibliology.http import CSRF_HEADER, csrf_token_for
from bibliology.policy import Actor
from tests import factories as f

HTML = {"accept": "text/html"}


def actor(user: User) -> Actor:
    return Actor(user.id, user.role)


def test_a_deactivated_account_cannot_sign_in_or_use_its_sessions_and_tokens(
    client: TestClient, session: Session
) -> None:
    admin = f.make_admin(session)
    user = f.make_login_user(session)
    cookie, _ = sessions.create(session, user_id=user.id, lifetime=dt.timedelta(hours=1))
    token, _ = api_tokens.create(session, user_id=user.id, name="cli", lifetime=dt.timedelta(days=1))

    service.set_active(session, actor=actor(admin), user_id=user.id, active=False, reason="left the school")

    assert sessions.lookup(session, token=cookie) is None
    assert api_tokens.lookup(session, token=token) is None
    refused = client.post("/api/v1/auth/login", json={"email": user.email, "password": f.TEST_PASSWORD})
    assert refused.status_code == 401
    assert "deactivated" in refused.json()["detail"]
    wrong = client.post("/api/v1/auth/login", json={"email": user.email, "password": "not it at all"})
    assert "deactivated" not in wrong.json()["detail"]  # only whoever knows the password learns it
    entry = session.scalars(select(ActivityLog).where(ActivityLog.action == "ACCOUNT_DEACTIVATED")).one()
    assert entry.entity_id == user.id
    assert entry.metadata_ == {"reason": "left the school"}

    service.set_active(session, actor=actor(admin), user_id=user.id, active=True, reason="came back")
    assert (
        client.post("/api/v1/auth/login", json={"email": user.email, "password": f.TEST_PASSWORD}).status_code
        == 200
    )


def test_only_admins_and_never_on_their_own_account(session: Session) -> None:
    admin = f.make_admin(session)
    teacher = f.make_teacher(session)
    with pytest.raises(Forbidden):
        service.set_active(session, actor=actor(teacher), user_id=admin.id, active=False, reason="coup")
    with pytest.raises(Conflict, match="your own account"):
        service.set_active(session, actor=actor(admin), user_id=admin.id, active=False, reason="oops")
    with pytest.raises(Conflict, match="already active"):
        service.set_active(session, actor=actor(admin), user_id=teacher.id, active=True, reason="twice")
    with pytest.raises(NotFound):
        service.set_active(session, actor=actor(admin), user_id="nobody", active=False, reason="ghost")


def test_the_accounts_page_deactivates_with_a_reason(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    admin = f.make_admin(session)
    user = f.make_user(session, name="Demas")
    token = login_as(admin)
    del client.headers[CSRF_HEADER]
    form = {"csrf_token": csrf_token_for(token)}

    short = client.post(f"/admin/users/{user.id}/deactivate", data={**form, "reason": "x"}, headers=HTML)
    assert short.status_code == 422
    assert "3 to 500 characters" in short.text
    session.refresh(user)
    assert user.deactivated_at is None

    done = client.post(
        f"/admin/users/{user.id}/deactivate", data={**form, "reason": "forsook us"}, follow_redirects=False
    )
    assert done.status_code == 303
    session.refresh(user)
    assert user.deactivated_at is not None
    page = client.get("/admin/users?done=deactivate", headers=HTML)
    assert "Account deactivated" in page.text
    assert f'action="/admin/users/{user.id}/reactivate"' in page.text
    again = client.post(
        f"/admin/users/{user.id}/deactivate", data={**form, "reason": "twice over"}, headers=HTML
    )
    assert again.status_code == 409
    assert (
        client.post(f"/admin/users/{user.id}/reactivate", data={**form, "reason": "returned"}).status_code
        == 200
    )
    session.refresh(user)
    assert user.deactivated_at is None
