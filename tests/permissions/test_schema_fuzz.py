"""Property-based requests built from the OpenAPI document (schemathesis + hypothesis), sent as
each role of the permission matrix: whatever the input, no answer is a server error.

Examples per operation: BIBLIOLOGY_FUZZ_EXAMPLES (default 3, each sent as every role;
derandomized so CI is repeatable); raise it locally for a deeper run."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from typing import Any

import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Ok
from sqlalchemy.orm import Session

from bibliology.accounts import sessions
from bibliology.http import CSRF_HEADER, SESSION_COOKIE, csrf_token_for
from tests.accounts.support import COOKIE_DOMAIN
from tests.permissions.matrix import ROLES, Role, build_world

EXAMPLES = int(os.environ.get("BIBLIOLOGY_FUZZ_EXAMPLES", "3"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def operations(app: FastAPI) -> list[Any]:
    schema = schemathesis.openapi.from_dict(app.openapi())
    found = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the OpenAPI document is invalid: {result.err()}"
        found.append(result.ok())
    return [op for op in found if op.path.startswith("/api/v1/")]


def request_kwargs(case: Any) -> dict[str, Any]:
    """The generated request, minus generated credentials: the role's own session is used."""
    kwargs: dict[str, Any] = case.as_transport_kwargs(base_url="http://testserver")
    headers = {
        k: v
        for k, v in (kwargs.pop("headers", None) or {}).items()
        if k.lower() not in ("authorization", "cookie", CSRF_HEADER)
    }
    kwargs.pop("cookies", None)
    kwargs.pop("url", None)
    if "data" in kwargs and not isinstance(kwargs["data"], Mapping):
        kwargs["content"] = kwargs.pop("data")  # raw bodies (httpx's name for them)
    return {"headers": headers, **kwargs}


def test_no_input_makes_a_server_error(app: FastAPI, client: TestClient, session: Session) -> None:
    world = build_world(session)
    failures: list[str] = []

    def send(case: Any, role: Role) -> None:
        client.cookies.clear()
        kwargs = request_kwargs(case)
        if role != "anonymous":
            # A fresh session per request: an example may log out or change the password.
            token, _ = sessions.create(session, user_id=world.users[role].id, lifetime=dt.timedelta(hours=1))
            client.cookies.set(SESSION_COOKIE, token, domain=COOKIE_DOMAIN)
            kwargs["headers"][CSRF_HEADER] = csrf_token_for(token)
        response = client.request(kwargs.pop("method"), case.formatted_path, follow_redirects=False, **kwargs)
        assert response.status_code < 500, f"{response.status_code}: {response.text[:300]}"

    for operation in operations(app):
        # Each generated request is sent as every role: generation is the slow part.
        @given(case=operation.as_strategy())
        @FUZZ_SETTINGS
        def check(case: Any) -> None:
            for role in ROLES:
                try:
                    send(case, role)
                except Exception as failure:
                    raise AssertionError(
                        f"as {role}: {type(failure).__name__}: {str(failure)[:800]}"
                    ) from failure

        try:
            check()
        except Exception as failure:  # every operation's failure, not only the first
            # TestClient re-raises the application's exceptions: those are 500s too.
            failures.append(f"{operation.method.upper()} {operation.path} {failure}")
    assert not failures, "\n".join(failures)
