"""POST /api/v1/media and GET /media/<key>: who may upload, what is answered, how files are served."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology import app as app_module
from bibliology.accounts import api_tokens
from bibliology.accounts.models import User
from bibliology.enums import UserRole
from bibliology.http import CSRF_HEADER
from bibliology.media.api import UPLOAD_LIMIT
from bibliology.media.images import MAX_BYTES
from bibliology.media.models import MediaFile
from bibliology.media.service import store_upload
from bibliology.media.storage import LocalStorage
from tests.factories import make_user
from tests.media import imagegen
from tests.media.conftest import publish, stored_files


def bearer(session: Session, role: UserRole) -> dict[str, str]:
    user = make_user(session, role=role)
    token, _ = api_tokens.create(session, user_id=user.id, name="test", lifetime=dt.timedelta(hours=1))
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def teacher(session: Session) -> dict[str, str]:
    return bearer(session, UserRole.TEACHER)


def test_a_teacher_uploads_an_image(client: TestClient, teacher: dict[str, str], media_root: Path) -> None:
    response = client.post(
        "/api/v1/media", headers=teacher, files={"file": ("photo.jpg", imagegen.png(), "image/jpeg")}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"id", "url", "content_type", "width", "height", "byte_size", "sha256"}
    assert body["content_type"] == "image/png"  # by content, not by the name or the client's type
    assert (body["width"], body["height"]) == (64, 48)
    assert body["url"] == f"/media/{body['sha256'][:2]}/{body['sha256'][2:4]}/{body['sha256']}.png"
    served = client.get(body["url"], headers=teacher)  # used nowhere yet: its uploader's only
    assert served.status_code == 200
    assert len(served.content) == body["byte_size"]
    assert stored_files(media_root) == [media_root / body["url"].removeprefix("/media/")]


def test_a_browser_session_uploads_with_its_csrf_token(
    client: TestClient, session: Session, login_as: Callable[[User], str], media_root: Path
) -> None:
    login_as(make_user(session, role=UserRole.TEACHER))
    response = client.post("/api/v1/media", files={"file": ("a.png", imagegen.png())})
    assert response.status_code == 201, response.text
    del client.headers[CSRF_HEADER]
    refused = client.post("/api/v1/media", files={"file": ("b.jpg", imagegen.jpeg())})
    assert refused.status_code == 403
    assert len(stored_files(media_root)) == 1


def test_an_admin_uploads_too(client: TestClient, session: Session, media_root: Path) -> None:
    response = client.post(
        "/api/v1/media",
        headers=bearer(session, UserRole.ADMIN),
        files={"file": ("a.gif", imagegen.encode(imagegen.picture(), "GIF"))},
    )
    assert response.status_code == 201


def test_the_same_upload_twice_is_one_file(
    client: TestClient, session: Session, teacher: dict[str, str], media_root: Path
) -> None:
    first = client.post("/api/v1/media", headers=teacher, files={"file": ("a.png", imagegen.png())}).json()
    second = client.post("/api/v1/media", headers=teacher, files={"file": ("b.png", imagegen.png())}).json()
    assert first == second
    assert session.scalar(select(func.count()).select_from(MediaFile)) == 1
    assert len(stored_files(media_root)) == 1


@pytest.mark.parametrize(
    ("role", "status"), [(None, 401), (UserRole.STUDENT, 403)], ids=["anonymous", "student"]
)
def test_students_and_visitors_cannot_upload(
    client: TestClient, session: Session, media_root: Path, role: UserRole | None, status: int
) -> None:
    headers = bearer(session, role) if role else {}
    response = client.post("/api/v1/media", headers=headers, files={"file": ("a.png", imagegen.png())})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (imagegen.pdf(), "not an image (detected: PDF)"),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "unsupported image format: SVG",
        ),
        (imagegen.png_header_only(50000, 50000), "image too large: 50000×50000 pixels (limit 40 megapixels)"),
        (b"", "empty file"),
    ],
    ids=["pdf", "svg", "bomb", "empty"],
)
def test_refused_uploads_are_problems_and_store_nothing(
    client: TestClient, session: Session, teacher: dict[str, str], media_root: Path, data: bytes, detail: str
) -> None:
    response = client.post("/api/v1/media", headers=teacher, files={"file": ("image.png", data, "image/png")})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["detail"] == detail
    assert body["errors"] == [{"field": "file", "message": detail}]
    assert session.scalar(select(func.count()).select_from(MediaFile)) == 0
    assert stored_files(media_root) == []


def test_a_missing_file_field_is_a_problem(client: TestClient, teacher: dict[str, str]) -> None:
    response = client.post("/api/v1/media", headers=teacher, data={"other": "x"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"


@pytest.fixture
def media_upload_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit the app is to be given for this path (app.UPLOAD_LIMITS), set before the client
    starts the app (its middleware reads the limits then)."""
    monkeypatch.setitem(app_module.UPLOAD_LIMITS, "/api/v1/media", UPLOAD_LIMIT)


def test_upload_size_limits(
    media_upload_limit: None, client: TestClient, teacher: dict[str, str], media_root: Path
) -> None:
    just_over = imagegen.png() + bytes(MAX_BYTES + 1 - len(imagegen.png()))
    response = client.post("/api/v1/media", headers=teacher, files={"file": ("a.png", just_over)})
    assert response.status_code == 422
    assert response.json()["detail"] == "file too large: 10.0 MiB (limit 10 MiB)"
    way_over = bytes(UPLOAD_LIMIT + 1)
    response = client.post("/api/v1/media", headers=teacher, files={"file": ("a.png", way_over)})
    assert response.status_code == 413
    assert stored_files(media_root) == []


class TestServing:
    @pytest.fixture
    def image(self, session: Session, storage: LocalStorage) -> MediaFile:
        row = store_upload(
            session, data=imagegen.jpeg(), filename="a.jpg", owner_id=None, kind="image", storage=storage
        )
        publish(session, row)
        return row

    def test_headers(self, client: TestClient, image: MediaFile, storage: LocalStorage) -> None:
        response = client.get(f"/media/{image.storage_key}")
        assert response.status_code == 200
        assert response.content == storage.get(image.storage_key)
        assert response.headers["content-type"] == "image/jpeg"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.headers["etag"] == f'"{image.sha256}"'
        assert response.headers["content-disposition"].startswith("inline")
        assert "sandbox" in response.headers["content-security-policy"]

    @pytest.mark.parametrize("role", [UserRole.STUDENT, UserRole.TEACHER, UserRole.ADMIN])
    def test_served_to_everyone_with_the_url(
        self,
        client: TestClient,
        session: Session,
        login_as: Callable[[User], str],
        image: MediaFile,
        role: UserRole,
    ) -> None:
        login_as(make_user(session, role=role))
        assert client.get(f"/media/{image.storage_key}").status_code == 200

    def test_revalidation_answers_304(self, client: TestClient, image: MediaFile) -> None:
        url = f"/media/{image.storage_key}"
        for tag in (f'"{image.sha256}"', f'W/"{image.sha256}"', f'"other", "{image.sha256}"', "*"):
            response = client.get(url, headers={"If-None-Match": tag})
            assert response.status_code == 304, tag
            assert response.content == b""
            assert response.headers["etag"] == f'"{image.sha256}"'
        assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200

    def test_head(self, client: TestClient, image: MediaFile) -> None:
        response = client.head(f"/media/{image.storage_key}")
        assert response.status_code == 200
        assert response.content == b""
        assert int(response.headers["content-length"]) == image.byte_size

    def test_files_are_downloads(self, client: TestClient, session: Session, storage: LocalStorage) -> None:
        row = store_upload(
            session, data=imagegen.emf_header(), filename="d.emf", owner_id=None, kind="file", storage=storage
        )
        publish(session, row)
        response = client.get(f"/media/{row.storage_key}")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/octet-stream"
        assert response.headers["content-disposition"] == f'attachment; filename="{row.sha256}.bin"'
        assert response.headers["x-content-type-options"] == "nosniff"

    @pytest.mark.parametrize(
        "path",
        [
            "/media/../../etc/passwd",
            "/media/%2e%2e/%2e%2e/etc/passwd",
            "/media/..%2f..%2fetc%2fpasswd",
            "/media/ab/cd/..%2f..%2f..%2f..%2fetc%2fpasswd",
            "/media/etc/passwd",
            "/media/" + "0" * 2 + "/" + "0" * 2 + "/" + "0" * 64 + ".png",
            "/media/",
        ],
    )
    def test_unknown_keys_and_traversal_are_404(
        self, client: TestClient, image: MediaFile, path: str
    ) -> None:
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert b"root:" not in response.content

    def test_a_key_without_its_row_is_404(self, client: TestClient, storage: LocalStorage) -> None:
        """A file left by a crashed transaction (no row) is never served."""
        key = "ab/cd/abcd" + "0" * 60 + ".png"
        storage.put(key, imagegen.png(), "image/png")
        assert client.get(f"/media/{key}").status_code == 404

    def test_a_row_without_its_file_is_404(
        self, client: TestClient, image: MediaFile, storage: LocalStorage
    ) -> None:
        storage.delete(image.storage_key)
        assert client.get(f"/media/{image.storage_key}").status_code == 404
