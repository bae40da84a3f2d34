"""Tests marked `ops` (own clusters, real server processes, load) run only when asked:
`make test-ops`, or BIBLIOLOGY_OPS_TESTS=1."""

from __future__ import annotations

import os

import pytest

OPS_ENV = "BIBLIOLOGY_OPS_TESTS"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get(OPS_ENV) == "1":
        return
    skip = pytest.mark.skip(
        reason=f"heavy operations test (own PostgreSQL clusters or server processes): run `make test-ops` or set {OPS_ENV}=1"
    )
    for item in items:
        if item.get_closest_marker("ops"):
            item.add_marker(skip)
