"""The design's own Prisma client (../shared/tools/prisma-anchor), installed into var/ for tests and
benchmarks. Shared is read-only, so the tool is copied, then installed with npm (registry only)."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("BIBLIOLOGY_SHARED_DIR", REPO.parent / "shared"))
ANCHOR_SOURCE = SHARED / "tools" / "prisma-anchor"
ANCHOR_DIR = Path(os.environ.get("BIBLIOLOGY_ANCHOR_DIR", REPO / "var" / "prisma-anchor"))
# The tool pins 7.10.1, which the npm registry reachable here does not serve; 7.10.0 is the same
# client generation. Override with PRISMA_ANCHOR_VERSION.
PRISMA_VERSION = os.environ.get("PRISMA_ANCHOR_VERSION", "7.10.0")


class AnchorUnavailable(RuntimeError):
    """The anchor cannot run here (tool not found, node/npm missing)."""


def prepare() -> Path:
    """Install the anchor into ANCHOR_DIR once; later calls reuse it."""
    if not ANCHOR_SOURCE.exists():
        raise AnchorUnavailable(f"the Prisma anchor is not at {ANCHOR_SOURCE} (set BIBLIOLOGY_SHARED_DIR)")
    if not shutil.which("npm") or not shutil.which("node"):
        raise AnchorUnavailable(
            "node and npm are needed to run the design's Prisma client (apt-get install nodejs npm)"
        )
    # Parallel test workers (pytest-xdist) may all ask at once: one installs, the others wait for
    # it under the lock rather than see a half-written install.
    ANCHOR_DIR.parent.mkdir(parents=True, exist_ok=True)
    with (ANCHOR_DIR.parent / f"{ANCHOR_DIR.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (ANCHOR_DIR / "generated" / "client.ts").exists():
            _install()
    return ANCHOR_DIR


def _install() -> None:
    shutil.rmtree(ANCHOR_DIR, ignore_errors=True)
    shutil.copytree(ANCHOR_SOURCE, ANCHOR_DIR)
    for path in [ANCHOR_DIR, *ANCHOR_DIR.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)
    package = ANCHOR_DIR / "package.json"
    spec = json.loads(package.read_text())
    for name in ("prisma", "@prisma/client", "@prisma/adapter-pg"):
        spec["dependencies"][name] = PRISMA_VERSION
    package.write_text(json.dumps(spec, indent=2))
    _run(["npm", "install", "--no-audit", "--no-fund"], timeout=600)
    # No engine downloads here: a stand-in schema-engine lets `prisma generate` use its wasm parts.
    fake_engine = ANCHOR_DIR / "fake-schema-engine"
    fake_engine.write_text("#!/bin/sh\nexit 1\n")
    fake_engine.chmod(0o755)
    _run(
        ["npx", "prisma", "generate"],
        env={"PRISMA_SCHEMA_ENGINE_BINARY": str(fake_engine), "PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING": "1"},
        timeout=300,
    )


def run_anchor(
    database_url: str, *args: str, timeout: int = 600, env: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Run anchor.ts and return the JSON lines it printed."""
    output = _run(
        ["npx", "tsx", "anchor.ts", *args], env={"DATABASE_URL": database_url, **(env or {})}, timeout=timeout
    )
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def _run(command: list[str], *, env: dict[str, str] | None = None, timeout: int) -> str:
    result = subprocess.run(  # noqa: S603 (fixed commands, no shell)
        command,
        cwd=ANCHOR_DIR,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-2000:]}")
    return result.stdout
