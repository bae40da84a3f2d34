"""pg_dump and pg_restore of the server's own major version: the embedded cluster's (the pgserver
wheel ships them), BIBLIOLOGY_PG_BIN, Debian's /usr/lib/postgresql/N/bin, or PATH. Another major
version is a clear error, never a silent partial dump or an unreadable archive."""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from bibliology.console import Progress
from bibliology.schema_check import libpq_url

PG_BIN_ENV = "BIBLIOLOGY_PG_BIN"
_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")


class OpsError(RuntimeError):
    """A backup or restore that cannot go on, explained in one line."""


class PgToolsError(OpsError):
    """No usable pg_dump/pg_restore, or one that failed."""


@dataclass(frozen=True)
class PgTool:
    path: Path
    version: str  # e.g. "15.20"

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])


def candidate_dirs() -> list[Path]:
    dirs: list[Path] = []
    if configured := os.environ.get(PG_BIN_ENV):
        dirs.append(Path(configured))
    # The embedded cluster's binaries, found without importing pgserver (its import has side effects).
    spec = importlib.util.find_spec("pgserver")
    if spec is not None and spec.origin:
        dirs.append(Path(spec.origin).parent / "pginstall" / "bin")
    dirs += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    dirs += [Path(p) for p in os.environ.get("PATH", "").split(os.pathsep) if p]
    unique: list[Path] = []
    for directory in dirs:
        if directory not in unique:
            unique.append(directory)
    return unique


@cache
def tool_version(path: Path) -> str | None:
    try:
        out = subprocess.run(  # noqa: S603  (a path we found, no shell)
            [str(path), "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except OSError:
        return None
    match = _VERSION.search(out)
    if not match:
        return None
    return f"{match.group(1)}.{match.group(2) or 0}"


def available(name: str) -> list[PgTool]:
    found: list[PgTool] = []
    for directory in candidate_dirs():
        path = directory / name
        if path.is_file() and os.access(path, os.X_OK):
            version = tool_version(path.resolve())
            if version and all(tool.path.resolve() != path.resolve() for tool in found):
                found.append(PgTool(path, version))
    return found


def find_tool(name: str, server_major: int) -> PgTool:
    """`name` (pg_dump or pg_restore) of exactly the server's major version."""
    found = available(name)
    for tool in found:
        if tool.major == server_major:
            return tool
    seen = ", ".join(f"{tool.version} at {tool.path}" for tool in found) or "none"
    raise PgToolsError(
        f"the database server runs PostgreSQL {server_major} but no {name} {server_major} was found "
        f"(found: {seen}); install the PostgreSQL {server_major} client tools (e.g. postgresql-client-"
        f"{server_major}) or set {PG_BIN_ENV} to the directory holding them"
    )


def server_version(url: str) -> str:
    """The server's version as major.minor, e.g. "15.20"."""
    with psycopg.connect(libpq_url(url)) as conn:
        number = conn.info.server_version  # e.g. 150020
    return f"{number // 10000}.{number % 10000}"


def connection_args(url: str) -> tuple[str, dict[str, str]]:
    """A conninfo without the password (it would show in the process list) and the environment
    that carries it instead."""
    params = conninfo_to_dict(libpq_url(url))
    password = params.pop("password", None)
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)
    return make_conninfo(**{k: str(v) for k, v in params.items() if v is not None}), env


def run_reporting(
    command: list[str], *, env: dict[str, str], step: re.Pattern[str], progress: Progress, what: str
) -> None:
    """Run a --verbose pg tool, advancing `progress` on each line matching `step`; a failure
    raises PgToolsError with the tool's own error lines (never its command line: no secrets)."""
    errors: list[str] = []
    with subprocess.Popen(  # noqa: S603  (a tool we found, no shell)
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stderr is not None
        for line in process.stderr:
            if step.search(line):
                progress.advance()
            elif "error" in line.lower() or "fatal" in line.lower():
                errors.append(line.strip())
                del errors[:-5]
        code = process.wait()
    if code != 0:
        raise PgToolsError(f"{what} failed (exit {code}): {' | '.join(errors) or 'no message'}")
