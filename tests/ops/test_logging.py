"""JSON logs: a request id on every line of a request and in its answer; no password, token or
answer in any log line, whatever the requests carried."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from email.message import EmailMessage

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.http import SESSION_COOKIE
from bibliology.ops.logging import JsonFormatter, redact
from tests import factories as f
from tests.courses.authoring import bearer

PASSWORD = "Plum-orchard-7-whistle"
NEW_PASSWORD = "Quiet-lantern-4-harbour"
ANSWER = "zebra-crossing-answer-417"


@pytest.fixture
def log_lines() -> Iterator[Callable[[], list[dict[str, object]]]]:
    """Everything logged at INFO and above during the test, as the JSON lines `serve` writes."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_the_request_id_is_echoed_or_made_and_on_the_access_line(
    client: TestClient, log_lines: Callable[[], list[dict[str, object]]]
) -> None:
    given = client.get("/health/live", headers={"X-Request-ID": "lb-1234abcd"})
    assert given.headers["x-request-id"] == "lb-1234abcd"
    made = client.get("/health/live").headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    for insane in ("short", "x" * 200, "has spaces in it", "semi;colon;id"):
        echoed = client.get("/health/live", headers={"X-Request-ID": insane}).headers["x-request-id"]
        assert echoed != insane
        assert re.fullmatch(r"[0-9a-f]{32}", echoed)
    access = [line for line in log_lines() if line["logger"] == "bibliology.access"]
    assert [line["request_id"] for line in access[:2]] == ["lb-1234abcd", made]
    assert access[0] | {"duration_ms": 0, "ts": "", "pid": 0} == {
        "ts": "",
        "pid": 0,
        "level": "info",
        "logger": "bibliology.access",
        "msg": "GET /health/live 200",
        "request_id": "lb-1234abcd",
        "method": "GET",
        "route": "/health/live",
        "status": 200,
        "duration_ms": 0,
    }


def test_no_password_token_or_answer_is_ever_logged(
    client: TestClient,
    session: Session,
    outbox: Callable[[], list[EmailMessage]],
    log_lines: Callable[[], list[dict[str, object]]],
) -> None:
    secrets: list[str] = [PASSWORD, NEW_PASSWORD, ANSWER]
    registered = client.post(
        "/api/v1/auth/register", json={"email": "logs@example.org", "password": PASSWORD, "name": "Lou"}
    )
    assert registered.status_code == 201, registered.text
    assert (
        client.post(
            "/api/v1/auth/login", json={"email": "logs@example.org", "password": "wrong-" + PASSWORD}
        ).status_code
        == 401
    )
    login = client.post("/api/v1/auth/login", json={"email": "logs@example.org", "password": PASSWORD})
    assert login.status_code == 200, login.text
    secrets.append(login.cookies[SESSION_COOKIE])
    client.cookies.clear()
    created = client.post(
        "/api/v1/auth/tokens", json={"email": "logs@example.org", "password": PASSWORD, "name": "ci"}
    )
    assert created.status_code == 201, created.text
    api_token = created.json()["token"]
    secrets.append(api_token)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {api_token}"}).status_code == 200
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer not-" + api_token}).status_code == 401

    assert client.post("/api/v1/auth/password-reset", json={"email": "logs@example.org"}).status_code == 202
    verify, reset = outbox()  # the address's confirmation, then the reset link
    secrets += re.findall(r"token=([A-Za-z0-9_\-]+)", verify.get_content())
    match = re.search(r"token=([A-Za-z0-9_\-]+)", reset.get_content())
    assert match
    secrets.append(match.group(1))
    confirmed = client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": match.group(1), "new_password": NEW_PASSWORD}
    )
    assert confirmed.status_code == 204, confirmed.text
    client.get(f"/account/password-reset/confirm?token={match.group(1)}")
    client.get(f"/no/such/page?token={match.group(1)}&password={PASSWORD}")

    quiz, student = f.make_open_quiz(session)
    headers = bearer(session, student)
    secrets.append(headers["Authorization"].removeprefix("Bearer "))
    attempt = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers)
    assert attempt.status_code == 201, attempt.text
    answers = {
        q["id"]: {"text": ANSWER} for q in attempt.json()["questions"] if q["question_type"] == "SHORT_ANSWER"
    }
    assert answers
    saved = client.put(
        f"/api/v1/attempts/{attempt.json()['id']}/answers", json={"answers": answers}, headers=headers
    )
    assert saved.status_code == 200, saved.text
    submitted = client.post(f"/api/v1/attempts/{attempt.json()['id']}/submit", headers=headers)
    assert submitted.status_code == 200, submitted.text

    # The test client's own log (httpx) prints the URLs it requests: the server's lines are checked.
    logged = json.dumps([line for line in log_lines() if not str(line["logger"]).startswith("httpx")])
    assert "bibliology.access" in logged  # the requests were logged…
    for secret in secrets:
        assert secret not in logged  # …without what they carried


def test_bound_parameters_and_credentials_are_redacted_from_free_text() -> None:
    error = (
        "(psycopg.errors.UniqueViolation) duplicate key\n[SQL: INSERT INTO users (email, password_hash)"
        " VALUES (%(email)s, %(password_hash)s)]\n[parameters: {'email': 'a@b.c', 'password_hash': '$argon2id$v=19$secret'}]"
    )
    assert "argon2id" not in redact(error)
    assert "[parameters: redacted]" in redact(error)
    assert "hunter2" not in redact("connecting to postgresql://app:hunter2@db/bibliology")
    assert "abc123" not in redact("Authorization: abc123 and token=abc123")
    assert "s3cr3t" not in redact('{"password": "s3cr3t"}')
    assert "tok-9" not in redact("authorization: Bearer tok-9")


def test_an_exception_logged_mid_request_carries_its_request_id(
    log_lines: Callable[[], list[dict[str, object]]],
) -> None:
    from bibliology.ops.logging import request_id_var

    token = request_id_var.set("req-abcdefgh")
    try:
        try:
            raise ValueError("[parameters: {'password': 'leaky-value'}]")
        except ValueError:
            logging.getLogger("bibliology.test").exception("failed")
    finally:
        request_id_var.reset(token)
    [line] = [line for line in log_lines() if line["logger"] == "bibliology.test"]
    assert line["request_id"] == "req-abcdefgh"
    assert "leaky-value" not in json.dumps(line)
