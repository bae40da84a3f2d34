"""`bibliology loadtest`'s guards and figures (the load itself runs in tests/ops/test_faults.py)."""

from __future__ import annotations

import pytest

from bibliology.ops import loadtest as load


def test_only_a_server_on_this_machine_is_loaded() -> None:
    assert load.check_target("http://127.0.0.1:8000") == ("127.0.0.1", 8000)
    assert load.check_target("http://localhost:8001/") == ("localhost", 8001)
    for refused in ("http://example.org:8000", "https://127.0.0.1:8000", "127.0.0.1:8000"):
        with pytest.raises(ValueError, match=r"base-url|this machine"):
            load.check_target(refused)


def test_bounds_are_enforced() -> None:
    with pytest.raises(ValueError, match="duration"):
        load.run_load("http://127.0.0.1:1", [], duration=601, concurrency=1, processes=1)
    with pytest.raises(ValueError, match="concurrency"):
        load.run_load("http://127.0.0.1:1", [], duration=1, concurrency=65, processes=1)


def test_refused_connections_are_errors_and_the_report_counts_them() -> None:
    user = load.VirtualUser("t", (load.Step("probe", "GET", "/health/live"),))
    outcome, elapsed = load.run_load("http://127.0.0.1:1", [user], duration=1, concurrency=2, processes=1)
    [row] = load.report(outcome, elapsed)
    assert row.name == "probe"
    assert row.requests == row.errors > 0
    assert row.ok == row.refused == 0
    assert len(outcome.failures) == row.errors
