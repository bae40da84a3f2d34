"""Helpers shared by tests: optional parts, paths to shared data."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import pytest
from sqlalchemy.orm import Session

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
SHARED_ENV = "BIBLIOLOGY_SHARED_DIR"
# The project's shared folder (the real deck collection, the design's Prisma anchor): beside the
# clone in CI, anywhere with BIBLIOLOGY_SHARED_DIR. The suite needs it only for the tests that say so.
SHARED = Path(os.environ.get(SHARED_ENV) or REPO.parent / "shared")
SHARED_DECKS = SHARED / "data" / "pptx"


def strict_skips() -> bool:
    """CI sets BIBLIOLOGY_STRICT_SKIPS=1: a missing optional part is then a failure, not a skip."""
    return os.environ.get("BIBLIOLOGY_STRICT_SKIPS") == "1"


def missing(reason: str) -> NoReturn:
    if strict_skips():
        pytest.fail(f"{reason} (BIBLIOLOGY_STRICT_SKIPS=1 makes this a failure)")
    pytest.skip(reason)


def shared_missing_reason(what: str, path: Path) -> str:
    return (
        f"{what} is not at {path}: set {SHARED_ENV}=/path/to/shared (the folder holding data/pptx and "
        "tools/prisma-anchor), or put that folder beside the clone as ../shared"
    )


def shared(path: Path, what: str) -> Path:
    """`path` inside the shared folder; skipped (failed under strict skips) when it is not there."""
    if not path.exists():
        missing(shared_missing_reason(what, path))
    return path


@dataclass(frozen=True)
class Missing:
    """The one parameter of a parametrised test whose values were not found."""

    reason: str


def params_or_missing(values: Sequence[T], *, reason: str, ids: Callable[[T], str]) -> list[Any]:
    """Parameters for `pytest.mark.parametrize`: with no values, one `Missing` placeholder (which
    `present` turns into a skip with the reason) instead of pytest's silent empty parameter set."""
    if not values:
        return [pytest.param(Missing(reason), id="missing")]
    return [pytest.param(value, id=ids(value)) for value in values]


def present(value: T | Missing) -> T:
    if isinstance(value, Missing):
        missing(value.reason)
    return value


class SavepointTransactions:
    """A unit of work (imports' runner, the media sweep) as savepoints of the test's own (rolled back after the test)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with self.session.begin_nested():
            yield self.session
