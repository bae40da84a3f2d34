"""`serve --workers N`: refused where it would serve stale data; one migration; graceful stop;
metrics summed over the processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bibliology.config import Settings
from bibliology.ops.workers import WorkersRefused, check_workers
from tests.ops.support import serve
from tests.ops.test_metrics import sample


def test_several_workers_without_redis_are_refused(settings: Settings) -> None:
    check_workers(settings, 1)
    with pytest.raises(WorkersRefused, match="needs REDIS_URL"):
        check_workers(settings, 2)
    check_workers(settings.model_copy(update={"redis_url": "redis://127.0.0.1:6379/0"}), 4)


def test_the_command_says_why_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env |= {"BIBLIOLOGY_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgresql://postgres@127.0.0.1:1/unused"}
    done = subprocess.run(
        [sys.executable, "-m", "bibliology.cli", "serve", "--workers", "3"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "error: --workers 3 needs REDIS_URL" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_worker_process_never_migrates(monkeypatch: pytest.MonkeyPatch, database_url: str) -> None:
    from bibliology import config, migrate
    from bibliology.ops import logging as ops_logging
    from bibliology.ops import workers

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker process ran the migrations")

    monkeypatch.setattr(migrate, "upgrade", refuse)
    # A worker process sets up the JSON logs on its stderr: not pytest's root logger.
    monkeypatch.setattr(ops_logging, "configure", lambda *args, **kwargs: None)
    monkeypatch.setenv("DATABASE_URL", database_url)
    config.get_settings.cache_clear()
    try:
        app = workers.worker_app()
    finally:
        config.get_settings.cache_clear()
    app.state.engine.dispose()
    app.state.read_engine.dispose()


@pytest.mark.ops
def test_two_workers_one_migration_summed_metrics_graceful_stop(
    empty_url: str, redis_url: str, tmp_path: Path
) -> None:
    with serve(empty_url, "--workers", "2", redis_url=redis_url, log=tmp_path / "serve.log") as server:
        server.wait_for_workers(2)
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda _: server.get("/health/live")[0], range(40)))
        assert statuses == [200] * 40
        status, body = server.get("/metrics")
        assert status == 200
        assert (
            sample(body, "bibliology_http_requests_total", method="GET", route="/health/live", status="200")
            == 40
        )

        # A request in flight when SIGTERM comes is answered; then the server exits cleanly.
        login = b'{"email": "nobody@example.org", "password": "not the password"}'
        head = (
            f"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(login)}\r\n\r\n"
        ).encode()
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as conn:
            conn.sendall(head + login[:10])
            time.sleep(0.5)
            server.process.send_signal(signal.SIGTERM)
            time.sleep(1.0)
            conn.sendall(login[10:])
            answer = conn.recv(65536).decode()
        assert answer.startswith("HTTP/1.1 401"), answer[:200]
        assert server.process.wait(60) == 0

    lines = server.lines()
    assert len(server.started_workers()) == 2
    migrations = [line for line in lines if "Running upgrade  ->" in str(line["msg"])]
    assert len(migrations) == 1, migrations  # the first revision, applied once, by the parent
