"""The embedded PostgreSQL: started from the pgserver wheel, reused, stopped on exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg

from bibliology import migrate, schema_check
from bibliology.embedded import embedded_server


def _cluster_running(pgdata: Path) -> bool:
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return False
    pid = int(pid_file.read_text().splitlines()[0])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_embedded_cluster_starts_migrates_and_stops(tmp_path: Path) -> None:
    with embedded_server(tmp_path) as url:
        migrate.upgrade(url)
        assert schema_check.check(url) == []
        with psycopg.connect(url) as conn:
            assert conn.execute("SHOW server_version").fetchone()[0].startswith("16")  # type: ignore[index]
        assert _cluster_running(tmp_path / "pgdata")
    assert not _cluster_running(tmp_path / "pgdata")

    with embedded_server(tmp_path) as url:  # reused: same data, no re-initialisation
        assert migrate.current(url) == migrate.heads()


def test_cli_uses_the_embedded_server_when_database_url_is_unset(tmp_path: Path) -> None:
    # No XDG_RUNTIME_DIR either (cron, containers, `su`): the start must still be quiet.
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "XDG_RUNTIME_DIR"}} | {
        "BIBLIOLOGY_DATA_DIR": str(tmp_path)
    }
    result = subprocess.run(
        [sys.executable, "-m", "bibliology.cli", "db", "upgrade"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"database at {migrate.heads()[0]}" in result.stderr
    assert "Warning" not in result.stderr, result.stderr
    assert not _cluster_running(tmp_path / "pgdata"), "the CLI stops the cluster it started"
