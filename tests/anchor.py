"""The design's own Prisma client for tests: bibliology.bench.anchor, skipped (or failed under
BIBLIOLOGY_STRICT_SKIPS) where it cannot run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bibliology.bench import anchor as _anchor
from tests.support import missing, shared

ANCHOR_SOURCE = _anchor.ANCHOR_SOURCE
ANCHOR_DIR = _anchor.ANCHOR_DIR


def prepare() -> Path:
    shared(ANCHOR_SOURCE, "the design's Prisma anchor (tools/prisma-anchor)")
    try:
        return _anchor.prepare()
    except _anchor.AnchorUnavailable as exc:
        missing(str(exc))


def run_anchor(database_url: str, *args: str, timeout: int = 600) -> list[dict[str, Any]]:
    return _anchor.run_anchor(database_url, *args, timeout=timeout)
