"""The pool's liveness check: a pooled connection the server ended is replaced at checkout, without
the request seeing an error, and a live one costs no round trip."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from bibliology.db import make_engine
from bibliology.schema_check import libpq_url


@pytest.fixture
def small_engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url, pool_size=1)
    yield engine
    engine.dispose()


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as conn:
        pid: int = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    return pid


def test_a_connection_the_server_ended_is_replaced_at_checkout(
    small_engine: Engine, database_url: str
) -> None:
    first = _backend_pid(small_engine)
    with psycopg.connect(libpq_url(database_url), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (first,))
    time.sleep(0.2)  # the server's goodbye reaches the pooled socket

    second = _backend_pid(small_engine)  # no error: the dead connection was swapped at checkout

    assert second != first


def test_a_live_connection_is_reused_without_a_ping(small_engine: Engine) -> None:
    first = _backend_pid(small_engine)
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(small_engine, "before_cursor_execute", record)
    try:
        second = _backend_pid(small_engine)
    finally:
        event.remove(small_engine, "before_cursor_execute", record)

    assert second == first
    assert statements == ["SELECT pg_backend_pid()"]
