"""Faults under load, on a cluster and a Redis of the test's own: PostgreSQL restarted mid-load
(errors only for the requests in flight, then full recovery, no partial writes), Redis killed
mid-load (no error at all)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bibliology import migrate
from bibliology.ops import loadtest as load
from tests.ops.support import Cluster, Server, free_port, new_primary, serve, workspace

pytestmark = pytest.mark.ops


@pytest.fixture(scope="module")
def primary() -> Iterator[Cluster]:
    """A cluster of our own with the bilingual demo in it."""
    with workspace() as root:
        cluster = new_primary(root)
        try:
            cluster.sql("CREATE DATABASE bibliology")
            migrate.upgrade(cluster.url("bibliology"))
            seeded = subprocess.run(
                [sys.executable, "-m", "bibliology.cli", "seed"],
                env={"DATABASE_URL": cluster.url("bibliology"), "BIBLIOLOGY_DATA_DIR": str(root / "data"),
                     "PATH": "/usr/bin:/bin", "HOME": str(root)},
                capture_output=True, text=True, timeout=600, check=False,
            )  # fmt: skip
            assert seeded.returncode == 0, seeded.stderr[-2000:]
            yield cluster
        finally:
            cluster.stop("immediate")


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, check=False).returncode:
        assert time.monotonic() < deadline, "redis-server did not start"
        time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0", process
    process.kill()
    process.wait(10)


def load_in_background(
    server: Server, users: list[load.VirtualUser], seconds: float
) -> tuple[threading.Thread, list[load.Outcome]]:
    outcomes: list[load.Outcome] = []

    def run() -> None:
        outcome, _ = load.run_load(server.base, users, duration=seconds, concurrency=6, processes=1)
        outcomes.append(outcome)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcomes


def requests_in(outcome: load.Outcome) -> int:
    return sum(len(values) for values in outcome.latencies.values())


def errors_in(outcome: load.Outcome) -> int:
    return sum(count for key, count in outcome.counts.items() if key.endswith("|error"))


def reconcile(url: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bibliology.cli", "progress", "reconcile"],
        env={"DATABASE_URL": url, "BIBLIOLOGY_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_postgresql_restarted_mid_load(
    primary: Cluster, redis_server: tuple[str, object], tmp_path: Path
) -> None:
    url = primary.url("bibliology")
    label = load.new_label()
    users = load.realistic_users(url, 20, label)
    with serve(url, "--workers", "2", redis_url=redis_server[0], log=tmp_path / "serve.log") as server:
        server.wait_for_workers(2)
        thread, during = load_in_background(server, users, 20)
        time.sleep(6)
        down = time.monotonic()
        primary.restart("fast")  # every connection is ended; in-flight statements fail
        up = time.monotonic()
        thread.join()
        after, _ = load.run_load(server.base, users, duration=8, concurrency=6, processes=1)
    load.revoke_tokens(url, label)
    [outcome] = during
    assert requests_in(outcome) > 50
    assert errors_in(outcome) > 0  # the restart was felt…
    # …only by requests in flight when it began or sent while the server was down (connection
    # refused: the pools do not wait for PostgreSQL to come back), with a second's slack for a
    # client seeing its answer late on this busy machine.
    outside = [(start - down, end - up) for start, end in outcome.failures if end < down or start > up + 1.0]
    assert outside == [], outside
    assert requests_in(after) > 20
    assert errors_in(after) == 0, after.counts  # full recovery
    drift = reconcile(url, tmp_path / "data")
    assert drift.returncode == 0, drift.stderr  # no partial write left a counter out of step


def test_redis_killed_mid_load(
    primary: Cluster, redis_server: tuple[str, subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    url = primary.url("bibliology")
    redis_url, redis_process = redis_server
    label = load.new_label()
    users = load.realistic_users(url, 20, label)
    with serve(url, "--workers", "2", redis_url=redis_url, log=tmp_path / "serve.log") as server:
        server.wait_for_workers(2)
        thread, during = load_in_background(server, users, 16)
        time.sleep(5)
        redis_process.kill()
        thread.join()
        assert server.get("/health/ready")[0] == 200  # a cache outage does not take the process out
    load.revoke_tokens(url, label)
    [outcome] = during
    assert requests_in(outcome) > 50
    assert errors_in(outcome) == 0, outcome.counts
