"""The local storage: generated keys only, atomic writes, deletes that spare a newer write."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bibliology.config import Settings
from bibliology.media.storage import (
    MEDIA_DIR_ENV,
    InvalidKey,
    LocalStorage,
    default_storage,
    media_root,
    storage_key,
)
from tests.media.conftest import stored_files

SHA = hashlib.sha256(b"content").hexdigest()


def test_keys_are_derived_from_the_hash_only() -> None:
    assert storage_key(SHA, "png") == f"{SHA[:2]}/{SHA[2:4]}/{SHA}.png"


@pytest.mark.parametrize(
    "key",
    [
        "../../etc/passwd",
        "/etc/passwd",
        f"{SHA[:2]}/{SHA[2:4]}/../../../{SHA}.png",
        f"{SHA[:2]}/{SHA[2:4]}/{SHA}.png/../x",
        f"{SHA[:2]}/{SHA[2:4]}/{SHA.upper()}.png",
        f"{SHA[:2]}/{SHA}.png",
        f"{SHA[:2]}/{SHA[2:4]}/{SHA}.png\x00.txt",
        "holiday.jpg",
    ],
)
def test_anything_but_a_generated_key_is_refused(storage: LocalStorage, key: str) -> None:
    for operation in (storage.get, storage.exists, storage.delete, storage.local_path):
        with pytest.raises(InvalidKey):
            operation(key)
    with pytest.raises(InvalidKey):
        storage.put(key, b"x", "image/png")


def test_put_get_delete(storage: LocalStorage, media_root: Path) -> None:
    key = storage_key(SHA, "png")
    assert not storage.exists(key)
    storage.put(key, b"content", "image/png")
    assert storage.exists(key)
    assert storage.get(key) == b"content"
    assert storage.local_path(key) == media_root / key
    assert stored_files(media_root) == [media_root / key]  # no temporary file left behind
    assert storage.delete(key)
    assert not storage.exists(key)
    assert not storage.delete(key)
    with pytest.raises(FileNotFoundError):
        storage.get(key)


def test_a_delete_spares_a_newer_write(storage: LocalStorage) -> None:
    """A rolled-back transaction deletes its own write only: if another one has written the same
    key since, that file stays."""
    key = storage_key(SHA, "png")
    first = storage.put(key, b"content", "image/png")
    second = storage.put(key, b"content", "image/png")
    assert first != second
    assert not storage.delete(key, version=first)
    assert storage.exists(key)
    assert storage.delete(key, version=second)
    assert not storage.exists(key)


def test_the_media_directory_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(BIBLIOLOGY_ENV="test", BIBLIOLOGY_DATA_DIR=tmp_path / "data")
    monkeypatch.delenv(MEDIA_DIR_ENV, raising=False)
    assert media_root(settings) == tmp_path / "data" / "media"
    monkeypatch.setenv(MEDIA_DIR_ENV, str(tmp_path / "elsewhere"))
    assert media_root(settings) == tmp_path / "elsewhere"
    default = default_storage()
    assert isinstance(default, LocalStorage)
    assert default.root == tmp_path / "elsewhere"
