"""Without Debian's chromium the browser tests skip with the package to install, and fail under
strict skips (CI), like every optional part of the suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.harness import require_chromium

ABSENT = Path("/nonexistent/chromium")


def test_a_missing_chromium_skips_with_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BIBLIOLOGY_STRICT_SKIPS", raising=False)
    with pytest.raises(
        pytest.skip.Exception, match=r"chromium not found at /nonexistent/chromium: apt-get install chromium"
    ):
        require_chromium(ABSENT)


def test_a_missing_chromium_fails_under_strict_skips(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIBLIOLOGY_STRICT_SKIPS", "1")
    with pytest.raises(pytest.fail.Exception, match=r"apt-get install chromium \(BIBLIOLOGY_STRICT_SKIPS=1"):
        require_chromium(ABSENT)
