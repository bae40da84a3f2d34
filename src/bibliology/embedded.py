"""The embedded PostgreSQL used when DATABASE_URL is unset: a private cluster from the pgserver
wheel in the data directory, started on first use, reused later, stopped when the last user exits."""

from __future__ import annotations

import json
import logging
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import psycopg
from psycopg import sql

from bibliology.config import Settings

log = logging.getLogger(__name__)

DATABASE_NAME = "bibliology"


class EmbeddedServerError(RuntimeError):
    pass


@contextmanager
def database_url(settings: Settings) -> Iterator[str]:
    """DATABASE_URL when set; otherwise the embedded server, running for the duration of the block."""
    if settings.database_url:
        yield settings.database_url
        return
    with embedded_server(settings.data_dir) as url:
        yield url


@contextmanager
def embedded_server(data_dir: Path, *, database: str = DATABASE_NAME) -> Iterator[str]:
    """Yield a libpq URL for `database` on a private cluster in data_dir/pgdata (created if needed)."""
    _ensure_runtime_dir()
    from pgserver.postgres_server import get_server  # lazily: only the embedded path needs it

    pgdata = data_dir / "pgdata"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    _forget_dead_handles(pgdata)
    try:
        server = get_server(pgdata, cleanup_mode="stop")
    except Exception as exc:  # pgserver raises bare subprocess/assert errors
        raise EmbeddedServerError(f"could not start the embedded PostgreSQL in {pgdata}: {exc}") from exc
    # A SIGTERM (service managers; uvicorn re-raises it after its graceful shutdown) must unwind
    # through `finally` so the cluster is stopped cleanly rather than left running.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        admin_url = server.get_uri()
        ensure_database(admin_url, database)
        yield server.get_uri(database)
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.cleanup()


def _ensure_runtime_dir() -> None:
    """pgserver keeps its lock and sockets in the user's runtime directory. Without XDG_RUNTIME_DIR
    (a container, cron, `su`) platformdirs falls back to /tmp/runtime-<uid> with a RuntimeDirWarning
    on every start; name that same private directory ourselves so the start is quiet and the
    location unchanged for processes that share a cluster."""
    if os.environ.get("XDG_RUNTIME_DIR"):
        return
    path = Path(tempfile.gettempdir()) / f"runtime-{os.geteuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    if path.stat().st_uid == os.geteuid():
        path.chmod(0o700)  # pgserver's own fallback left it 0755, which platformdirs warns about
    os.environ["XDG_RUNTIME_DIR"] = str(path)


def _forget_dead_handles(pgdata: Path) -> None:
    """pgserver stops the cluster when its last registered process exits; a process killed with
    SIGKILL stays registered forever and the cluster would never stop again. Drop such pids."""
    handles = pgdata / ".handle_pids.json"
    try:
        pids = json.loads(handles.read_text())
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if isinstance(pid, int) and _is_running(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def ensure_database(admin_url: str, database: str) -> None:
    """CREATE DATABASE unless it exists (CREATE DATABASE cannot run inside a transaction)."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
            log.info("created database %s", database)
