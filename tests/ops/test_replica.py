"""DATABASE_REPLICA_URL on a real streaming replica started here (pg_basebackup + hot standby):
reads go there, writes are refused there, and a replica that falls behind or goes down sends the
reads back to the primary — without a failed request."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bibliology import migrate
from bibliology.app import create_app
from bibliology.cache import MemoryCache
from bibliology.config import Settings
from bibliology.deps import SessionDep, read_only
from bibliology.ops.replica import STICKY_COOKIE, ReadRouter
from tests.ops.support import Cluster, new_primary, new_standby, workspace

pytestmark = pytest.mark.ops
CHECK_SECONDS = 0.05


@pytest.fixture(scope="module")
def clusters() -> Iterator[tuple[Cluster, Cluster]]:
    with workspace() as root:
        primary = new_primary(root)
        try:
            primary.sql("CREATE DATABASE bibliology")
            migrate.upgrade(primary.url("bibliology"))
            primary.sql("CREATE TABLE replica_probe (id serial PRIMARY KEY, note text)", "bibliology")
            standby = new_standby(root, primary)
            try:
                yield primary, standby
            finally:
                if standby.running():
                    standby.stop("immediate")
        finally:
            primary.stop("immediate")


def where() -> APIRouter:
    """Two probe routes: which server a read-only request used, and a write."""
    router = APIRouter()

    @router.get("/probe/where")
    @read_only
    def read(session: SessionDep) -> dict[str, bool]:
        return {"replica": bool(session.execute(text("SELECT pg_is_in_recovery()")).scalar_one())}

    @router.post("/probe/write")
    def write(session: SessionDep) -> dict[str, bool]:
        session.execute(text("INSERT INTO replica_probe (note) VALUES ('written')"))
        return {"replica": bool(session.execute(text("SELECT pg_is_in_recovery()")).scalar_one())}

    return router


@pytest.fixture
def app(clusters: tuple[Cluster, Cluster], tmp_path: object) -> Iterator[FastAPI]:
    primary, standby = clusters
    settings = Settings(
        BIBLIOLOGY_ENV="test",
        DATABASE_URL=primary.url("bibliology"),
        DATABASE_REPLICA_URL=standby.url("bibliology"),
        BIBLIOLOGY_REPLICA_CHECK_SECONDS=CHECK_SECONDS,
        BIBLIOLOGY_REPLICA_MAX_LAG_BYTES=1024 * 1024,
        REDIS_URL=None,
    )
    application = create_app(primary.url("bibliology"), settings=settings, cache=MemoryCache())
    application.include_router(where())
    yield application
    application.state.replica.dispose()
    application.state.read_engine.dispose()
    application.state.engine.dispose()


def reads_from_replica(client: TestClient) -> bool:
    time.sleep(CHECK_SECONDS * 2)  # the next request re-checks the replica
    response = client.get("/probe/where")
    assert response.status_code == 200, response.text
    return bool(response.json()["replica"])


def wait_until_caught_up(primary: Cluster, standby: Cluster) -> None:
    target = primary.sql("SELECT pg_current_wal_lsn()")
    deadline = time.monotonic() + 30
    while standby.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") != "t":
        assert time.monotonic() < deadline, "the standby did not catch up"
        time.sleep(0.05)


def test_reads_go_to_the_replica_and_writes_to_the_primary(
    app: FastAPI, clusters: tuple[Cluster, Cluster]
) -> None:
    with TestClient(app) as client:
        assert reads_from_replica(client)
        wrote = client.post("/probe/write")
        assert wrote.status_code == 200, wrote.text
        assert wrote.json() == {"replica": False}
        ready = client.get("/health/ready").json()
        assert ready["replica"]["in_use"] is True
    _, standby = clusters
    wait_until_caught_up(*clusters)
    assert int(standby.sql("SELECT count(*) FROM replica_probe", "bibliology")) >= 1


def test_the_replica_refuses_writes(app: FastAPI) -> None:
    router = app.state.read_sessions
    assert isinstance(router, ReadRouter)
    assert router.check().usable
    session = router()
    try:
        assert session.execute(text("SELECT pg_is_in_recovery()")).scalar_one() is True
        with pytest.raises(DBAPIError, match="read-only transaction"):
            session.execute(text("INSERT INTO replica_probe (note) VALUES ('refused')"))
    finally:
        session.close()


def test_a_client_that_just_wrote_reads_from_the_primary(app: FastAPI) -> None:
    with TestClient(app) as client:
        assert reads_from_replica(client)
        wrote = client.post("/probe/write")
        assert STICKY_COOKIE in wrote.cookies
        assert not reads_from_replica(client)  # its own write is there for it to read
        client.cookies.delete(STICKY_COOKIE)
        assert reads_from_replica(client)


def test_a_replica_that_falls_behind_sends_reads_to_the_primary(
    app: FastAPI, clusters: tuple[Cluster, Cluster]
) -> None:
    primary, standby = clusters
    with TestClient(app) as client:
        assert reads_from_replica(client)
        standby.sql("SELECT pg_wal_replay_pause()")
        try:
            # More WAL than BIBLIOLOGY_REPLICA_MAX_LAG_BYTES (1 MiB) the standby does not replay.
            primary.sql(
                "INSERT INTO replica_probe (note) SELECT repeat('x', 500) FROM generate_series(1, 5000)",
                "bibliology",
            )
            assert not reads_from_replica(client)
            assert "too far" in client.get("/health/ready").json()["replica"]["status"]
        finally:
            standby.sql("SELECT pg_wal_replay_resume()")
        wait_until_caught_up(primary, standby)
        assert reads_from_replica(client)


def test_a_replica_that_goes_down_sends_reads_to_the_primary(
    app: FastAPI, clusters: tuple[Cluster, Cluster]
) -> None:
    _, standby = clusters
    with TestClient(app) as client:
        assert reads_from_replica(client)
        standby.stop("immediate")
        try:
            answers = [client.get("/probe/where") for _ in range(5)]
            time.sleep(CHECK_SECONDS * 2)
            answers += [client.get("/probe/where") for _ in range(5)]
        finally:
            standby.start()
        # The pooled replica connection dies with the server: at most the request that finds it
        # dead fails (it marks the replica unusable); every later read is on the primary.
        failed = [r for r in answers if r.status_code != 200]
        assert len(failed) <= 1, [r.text for r in failed]
        assert all(r.json() == {"replica": False} for r in answers[-5:])
        deadline = time.monotonic() + 30
        while not reads_from_replica(client):
            assert time.monotonic() < deadline, "reads did not come back to the restarted replica"
