from __future__ import annotations

import pytest

from tests.support import missing


def test_missing_parts_skip_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BIBLIOLOGY_STRICT_SKIPS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no browser"):
        missing("no browser")


def test_missing_parts_fail_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIBLIOLOGY_STRICT_SKIPS", "1")
    with pytest.raises(pytest.fail.Exception, match="no browser"):
        missing("no browser")
