"""Heavy operations tests: PostgreSQL clusters of their own (a primary, a streaming standby) and
`bibliology serve` as a real process. Nothing here touches the shared test server's cluster."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import REPO, missing


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def postgres_bin() -> Path:
    """The server's binaries (initdb, pg_ctl, pg_basebackup): the system's newest, else the
    embedded cluster's (the pgserver wheel)."""
    system = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name))
    if system:
        return system[-1].parent
    try:
        import pgserver
    except ImportError:
        missing("no PostgreSQL binaries: neither /usr/lib/postgresql/*/bin nor the pgserver wheel")
    return Path(pgserver.__file__).parent / "pginstall" / "bin"


def _run_as() -> str | None:
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` system user."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        missing("running as root without a `postgres` system user to run a cluster as")
    return "postgres"


@dataclass
class Cluster:
    data: Path
    port: int
    bin: Path = field(default_factory=postgres_bin)

    def _cmd(self, *args: str) -> list[str]:
        user = _run_as()
        command = [str(self.bin / args[0]), *args[1:]]
        return ["runuser", "-u", user, "--", *command] if user else command

    def run(self, *args: str, timeout: float = 120) -> str:
        done = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.data / "server.log"),
            "-o",
            f"-p {self.port}",
            "-w",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self, mode: str = "fast") -> None:
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.data / "server.log"),
            "-m",
            mode,
            "-o",
            f"-p {self.port}",
            "-w",
            "restart",
        )

    def running(self) -> bool:
        return (
            subprocess.run(
                self._cmd("pg_ctl", "-D", str(self.data), "status"), capture_output=True, check=False
            ).returncode
            == 0
        )

    def sql(self, statement: str, database: str = "postgres") -> str:
        return self.run(
            "psql",
            "-X",
            "-At",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            database,
            "-c",
            statement,
        ).strip()


@contextmanager
def workspace() -> Iterator[Path]:
    """A directory the cluster's user can enter (pytest's tmp_path is root's own, mode 700)."""
    root = Path(tempfile.mkdtemp(prefix="bibliology-ops-", dir="/tmp"))
    root.chmod(0o755)
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _owned(path: Path) -> Path:
    path.mkdir(mode=0o700)
    if (user := _run_as()) is not None:
        entry = pwd.getpwnam(user)
        os.chown(path, entry.pw_uid, entry.pw_gid)
    return path


def new_primary(root: Path) -> Cluster:
    cluster = Cluster(_owned(root / "primary"), free_port())
    cluster.run(
        "initdb", "-D", str(cluster.data), "--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync"
    )
    with (cluster.data / "postgresql.conf").open("a") as conf:
        conf.write(
            "listen_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{cluster.data}'\n"
            "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nshared_buffers = 32MB\n"
        )
    cluster.start()
    return cluster


def new_standby(root: Path, primary: Cluster) -> Cluster:
    """A streaming replica of `primary`: pg_basebackup, then a hot standby on its own port."""
    standby = Cluster(_owned(root / "standby"), free_port(), primary.bin)
    standby.run(
        "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
        "-D", str(standby.data), "-R", "-X", "stream", "-c", "fast", "--no-sync",
    )  # fmt: skip
    with (standby.data / "postgresql.conf").open("a") as conf:
        conf.write(f"unix_socket_directories = '{standby.data}'\n")
    standby.start()
    return standby


@dataclass
class Server:
    """`bibliology serve` running as its own process group."""

    process: subprocess.Popen[str]
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, timeout: float = 10) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def lines(self) -> list[dict[str, object]]:
        found = []
        for line in self.log.read_text().splitlines():
            if line.startswith("{"):
                found.append(json.loads(line))
        return found

    def started_workers(self) -> set[object]:
        return {
            line["pid"]
            for line in self.lines()
            if str(line["msg"]).startswith("worker ") and "started" in str(line["msg"])
        }

    def wait_for_workers(self, count: int, timeout: float = 90) -> None:
        """uvicorn answers once one worker is up; the others may still be importing."""
        deadline = time.monotonic() + timeout
        while len(self.started_workers()) < count:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{len(self.started_workers())} of {count} workers started after {timeout}s"
                )
            time.sleep(0.2)
        time.sleep(1.0)  # from "started" to accepting: the app is built, the lifespan run

    def terminate(self, timeout: float = 60) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            return self.process.wait(10)


@contextmanager
def serve(
    database_url: str, *args: str, redis_url: str | None, log: Path, ready_timeout: float = 90
) -> Iterator[Server]:
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("BIBLIOLOGY_", "DATABASE_", "REDIS_", "PROMETHEUS_"))
    }
    env |= {
        "DATABASE_URL": database_url,
        "BIBLIOLOGY_DATA_DIR": str(log.parent / "data"),
        "BIBLIOLOGY_LOG_FORMAT": "json",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bibliology.cli", "serve", "--port", str(port), *args],
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO, text=True, start_new_session=True,
        )  # fmt: skip
    server = Server(process, port, log)
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"serve exited with {process.returncode}: {log.read_text()[-2000:]}")
            try:
                if server.get("/health/ready", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve not ready after {ready_timeout}s: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield server
    finally:
        server.terminate()
