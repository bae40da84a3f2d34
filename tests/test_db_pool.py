"""The pool's liveness check: a pooled connection the server ended is replaced at checkout, without
the request seeing an error, and a live one costs no round trip."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
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


def test_a_live_connection_is_reused_without_a_ping(database_url: str, tmp_path: Path) -> None:
    """Counted on the wire (SQLAlchemy's pre-ping uses a bare DBAPI cursor, which no engine event
    sees): checking out and running one statement sends exactly one request to the server. The
    read-only engine is used so no BEGIN/ROLLBACK enters the count."""
    engine = make_engine(database_url, pool_size=1, read_only=True)
    try:
        with engine.connect() as conn:
            first = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
            pgconn = conn.connection.dbapi_connection.pgconn  # type: ignore[union-attr]
        trace = tmp_path / "wire.trace"
        with trace.open("w") as out:
            pgconn.trace(out.fileno())
            try:
                second = _backend_pid(engine)
            finally:
                pgconn.untrace()
    finally:
        engine.dispose()
    sent = [line.split("\t")[3] for line in trace.read_text().splitlines() if line.split("\t")[1] == "F"]
    assert second == first
    assert sent.count("Sync") + sent.count("Query") == 1, sent
