from __future__ import annotations

from pathlib import Path

import pytest

from bibliology.media.storage import MEDIA_DIR_ENV, LocalStorage


@pytest.fixture
def media_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The media directory of this test; also the default storage's, so nothing lands elsewhere."""
    root = tmp_path / "media"
    monkeypatch.setenv(MEDIA_DIR_ENV, str(root))
    return root


@pytest.fixture
def storage(media_root: Path) -> LocalStorage:
    return LocalStorage(media_root)


def stored_files(root: Path) -> list[Path]:
    """Every media file under root (the lock file aside)."""
    return sorted(path for path in root.rglob("*") if path.is_file() and path.name != ".lock")
