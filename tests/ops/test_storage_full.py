"""Disk full while uploading: a clear 507, no row, no file left (on a tiny tmpfs: needs root)."""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.accounts import api_tokens
from bibliology.enums import UserRole
from bibliology.media.models import MediaFile
from bibliology.media.storage import MEDIA_DIR_ENV
from tests.factories import make_user

pytestmark = pytest.mark.ops


@pytest.fixture
def full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A 64 KiB filesystem as the media directory."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    root = tmp_path / "media"
    root.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    monkeypatch.setenv(MEDIA_DIR_ENV, str(root))
    try:
        yield root
    finally:
        subprocess.run(["umount", str(root)], check=False)


def noise_png(width: int = 300, height: int = 300) -> bytes:
    """Incompressible: far larger than the filesystem once encoded."""
    rng = random.Random(7)
    image = Image.frombytes(
        "RGB", (width, height), bytes(rng.getrandbits(8) for _ in range(width * height * 3))
    )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_an_upload_onto_a_full_disk_is_a_clear_error_and_leaves_nothing(
    client: TestClient, session: Session, full_disk: Path
) -> None:
    teacher = make_user(session, role=UserRole.TEACHER)
    token, _ = api_tokens.create(session, user_id=teacher.id, name="t", lifetime=dt.timedelta(hours=1))
    before = session.scalar(select(func.count()).select_from(MediaFile))
    response = client.post(
        "/api/v1/media",
        headers={"Authorization": f"Bearer {token}"},
        files={"file": ("noise.png", noise_png(), "image/png")},
    )
    assert response.status_code == 507, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "storage is full" in response.json()["detail"]
    assert session.scalar(select(func.count()).select_from(MediaFile)) == before  # no orphan row
    left = [p for p in full_disk.rglob("*") if p.is_file() and p.name != ".lock"]
    assert left == []  # no partial file either
