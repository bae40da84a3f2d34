"""`bibliology worker` runs jobs and stops cleanly on SIGTERM."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import psycopg

from bibliology.schema_check import libpq_url
from tests.jobs.support import BIBLIOLOGY, wait_for, worker_env


def registered_workers(url: str) -> int:
    with psycopg.connect(libpq_url(url)) as conn:
        row = conn.execute("SELECT count(*) FROM procrastinate_workers").fetchone()
    return int(row[0]) if row else 0


def test_the_worker_stops_cleanly_on_sigterm(scratch_url: str, tmp_path: Path) -> None:
    process = subprocess.Popen(
        [BIBLIOLOGY, "worker", "--no-migrate", "--heartbeat", "0.5", "--stalled-after", "5"],
        env=worker_env(scratch_url, tmp_path),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: registered_workers(scratch_url) == 1, what="the worker to register")
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, stderr
    assert "worker stopped" in stderr
    assert registered_workers(scratch_url) == 0, "a stopped worker unregisters itself"
