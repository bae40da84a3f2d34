from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import missing, params_or_missing, present, shared


def test_missing_parts_skip_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BIBLIOLOGY_STRICT_SKIPS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no browser"):
        missing("no browser")


def test_missing_parts_fail_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIBLIOLOGY_STRICT_SKIPS", "1")
    with pytest.raises(pytest.fail.Exception, match="no browser"):
        missing("no browser")


def test_a_missing_shared_path_names_it_and_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("BIBLIOLOGY_STRICT_SKIPS", raising=False)
    assert shared(tmp_path, "the folder") == tmp_path
    with pytest.raises(pytest.skip.Exception) as skipped:
        shared(tmp_path / "data" / "pptx", "the shared deck collection (data/pptx)")
    assert str(skipped.value) == (
        f"the shared deck collection (data/pptx) is not at {tmp_path / 'data' / 'pptx'}: set "
        "BIBLIOLOGY_SHARED_DIR=/path/to/shared (the folder holding data/pptx and tools/prisma-anchor), "
        "or put that folder beside the clone as ../shared"
    )
    monkeypatch.setenv("BIBLIOLOGY_STRICT_SKIPS", "1")
    with pytest.raises(pytest.fail.Exception, match="BIBLIOLOGY_SHARED_DIR="):
        shared(tmp_path / "absent", "the folder")


def test_no_values_give_one_placeholder_that_skips_instead_of_an_empty_parameter_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BIBLIOLOGY_STRICT_SKIPS", raising=False)
    (placeholder,) = params_or_missing([], reason="no decks here", ids=str)
    assert placeholder.id == "missing"
    with pytest.raises(pytest.skip.Exception, match="no decks here"):
        present(placeholder.values[0])
    values = params_or_missing([1, 2], reason="unused", ids=lambda n: f"n{n}")
    assert [(p.id, present(p.values[0])) for p in values] == [("n1", 1), ("n2", 2)]
