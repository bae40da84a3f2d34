"""Helpers shared by tests: optional parts, paths to shared data."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BIBLIOLOGY_SHARED_DIR", REPO.parent / "shared"))


def strict_skips() -> bool:
    """CI sets BIBLIOLOGY_STRICT_SKIPS=1: a missing optional part is then a failure, not a skip."""
    return os.environ.get("BIBLIOLOGY_STRICT_SKIPS") == "1"


def missing(reason: str) -> NoReturn:
    if strict_skips():
        pytest.fail(f"{reason} (BIBLIOLOGY_STRICT_SKIPS=1 makes this a failure)")
    pytest.skip(reason)
