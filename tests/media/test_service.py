"""store_upload: one row and one file per content, nothing at all for a refusal or a rollback."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bibliology.content import validate_block_pair
from bibliology.errors import Invalid
from bibliology.media.models import MediaFile
from bibliology.media.service import MediaRejected, clean_filename, media_url, store_upload
from bibliology.media.storage import KEY_PATTERN, LocalStorage
from tests.factories import make_teacher
from tests.media import imagegen
from tests.media.conftest import stored_files


def count_rows(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(MediaFile)) or 0


def test_an_image_is_stored_under_a_generated_name(
    session: Session, storage: LocalStorage, media_root: Path
) -> None:
    teacher = make_teacher(session)
    row = store_upload(
        session, data=imagegen.jpeg(), filename="../../etc/passwd.jpg", owner_id=teacher.id, kind="image",
        storage=storage,
    )  # fmt: skip
    assert KEY_PATTERN.fullmatch(row.storage_key)
    assert row.storage_key.endswith(f"{row.sha256}.jpg")
    assert "passwd" not in row.storage_key
    assert row.original_filename == "passwd.jpg"
    assert (row.content_type, row.width, row.height, row.owner_id) == ("image/jpeg", 64, 48, teacher.id)
    data = storage.get(row.storage_key)
    assert row.byte_size == len(data)
    assert stored_files(media_root) == [media_root / row.storage_key]
    assert media_url(row) == f"/media/{row.storage_key}"


def test_media_urls_are_valid_image_block_urls(session: Session, storage: LocalStorage) -> None:
    row = store_upload(
        session, data=imagegen.png(), filename="map.png", owner_id=None, kind="image", storage=storage
    )
    content, _ = validate_block_pair(
        "IMAGE", content_en={"url": media_url(row), "alt": "A map"}, content_fr=None
    )
    assert content["url"] == media_url(row)


def test_the_same_image_is_stored_once(session: Session, storage: LocalStorage, media_root: Path) -> None:
    first = store_upload(
        session, data=imagegen.png(), filename="a.png", owner_id=None, kind="image", storage=storage
    )
    second = store_upload(
        session, data=imagegen.png(), filename="b.png", owner_id=None, kind="image", storage=storage
    )
    assert second.id == first.id
    assert count_rows(session) == 1
    assert len(stored_files(media_root)) == 1


def test_a_png_named_jpg_is_stored_as_png(session: Session, storage: LocalStorage) -> None:
    row = store_upload(
        session, data=imagegen.png(), filename="photo.jpg", owner_id=None, kind="image", storage=storage
    )
    assert row.content_type == "image/png"
    assert row.storage_key.endswith(".png")


def test_a_refusal_stores_nothing(session: Session, storage: LocalStorage, media_root: Path) -> None:
    for data in (imagegen.pdf(), b"", imagegen.png_header_only(50000, 50000), imagegen.png()[:40]):
        with pytest.raises(MediaRejected) as caught:
            store_upload(session, data=data, filename="x.png", owner_id=None, kind="image", storage=storage)
        assert isinstance(caught.value, Invalid)
        assert caught.value.fields == [{"field": "file", "message": caught.value.detail}]
    assert count_rows(session) == 0
    assert stored_files(media_root) == []


def test_a_failed_insert_writes_no_file(session: Session, storage: LocalStorage, media_root: Path) -> None:
    with pytest.raises(IntegrityError):
        store_upload(
            session,
            data=imagegen.png(),
            filename="x.png",
            owner_id="no-such-user",
            kind="image",
            storage=storage,
        )
    assert stored_files(media_root) == []
    assert count_rows(session) == 0  # the session is still usable: only the savepoint was lost


def test_a_failed_write_leaves_no_row(session: Session, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_bytes(b"")
    with pytest.raises(OSError, match=r"Not a directory|File exists"):
        store_upload(
            session,
            data=imagegen.png(),
            filename="x.png",
            owner_id=None,
            kind="image",
            storage=LocalStorage(blocked),
        )
    assert count_rows(session) == 0


def test_files_are_kept_as_is_and_never_as_images(session: Session, storage: LocalStorage) -> None:
    emf = imagegen.emf_header()
    with pytest.raises(MediaRejected, match="unsupported image format: EMF"):
        store_upload(session, data=emf, filename="diagram.emf", owner_id=None, kind="image", storage=storage)
    row = store_upload(session, data=emf, filename="diagram.emf", owner_id=None, kind="file", storage=storage)
    assert (row.content_type, row.width, row.height) == ("application/octet-stream", None, None)
    assert row.storage_key.endswith(".bin")
    assert storage.get(row.storage_key) == emf
    with pytest.raises(MediaRejected, match="empty file"):
        store_upload(session, data=b"", filename="x.emf", owner_id=None, kind="file", storage=storage)


def test_the_default_storage_is_the_configured_directory(session: Session, media_root: Path) -> None:
    row = store_upload(session, data=imagegen.png(), filename="x.png", owner_id=None, kind="image")
    assert (media_root / row.storage_key).is_file()


def test_a_lost_file_is_rewritten_by_the_next_upload(session: Session, storage: LocalStorage) -> None:
    row = store_upload(
        session, data=imagegen.png(), filename="x.png", owner_id=None, kind="image", storage=storage
    )
    storage.delete(row.storage_key)
    again = store_upload(
        session, data=imagegen.png(), filename="x.png", owner_id=None, kind="image", storage=storage
    )
    assert again.id == row.id
    assert storage.exists(row.storage_key)


def test_clean_filename() -> None:
    assert clean_filename("C:\\Users\\me\\Pictures\\carte.png") == "carte.png"
    assert clean_filename("a\x00b\u202ec.png") == "abc.png"
    assert clean_filename("/") is None
    assert clean_filename("x" * 300 + ".png") == "x" * 255


class TestTransactions:
    """Files follow their rows: a rollback (of the transaction or of a savepoint) removes the files
    written under it, a commit keeps them."""

    def test_commit_keeps_the_file(self, session: Session, storage: LocalStorage) -> None:
        work: Session = session.info["factory"]()
        row = store_upload(
            work, data=imagegen.png(), filename="x.png", owner_id=None, kind="image", storage=storage
        )
        work.commit()
        assert storage.exists(row.storage_key)

    def test_rollback_removes_the_file(
        self, session: Session, storage: LocalStorage, media_root: Path
    ) -> None:
        work: Session = session.info["factory"]()
        store_upload(
            work, data=imagegen.png(), filename="x.png", owner_id=None, kind="image", storage=storage
        )
        store_upload(
            work, data=imagegen.jpeg(), filename="y.jpg", owner_id=None, kind="image", storage=storage
        )
        assert len(stored_files(media_root)) == 2
        work.rollback()
        assert stored_files(media_root) == []

    def test_closing_without_commit_removes_the_file(
        self, session: Session, storage: LocalStorage, media_root: Path
    ) -> None:
        work: Session = session.info["factory"]()
        store_upload(
            work, data=imagegen.png(), filename="x.png", owner_id=None, kind="image", storage=storage
        )
        work.close()
        assert stored_files(media_root) == []

    def test_a_rolled_back_savepoint_removes_only_its_files(
        self, session: Session, storage: LocalStorage
    ) -> None:
        work: Session = session.info["factory"]()
        kept = store_upload(
            work, data=imagegen.png(), filename="x.png", owner_id=None, kind="image", storage=storage
        )
        savepoint = work.begin_nested()
        inner = work.begin_nested()
        lost = store_upload(
            work, data=imagegen.jpeg(), filename="y.jpg", owner_id=None, kind="image", storage=storage
        )
        inner.commit()
        savepoint.rollback()
        assert storage.exists(kept.storage_key)
        assert not storage.exists(lost.storage_key)
        work.commit()
        assert storage.exists(kept.storage_key)

    def test_a_released_savepoint_is_undone_with_its_transaction(
        self, session: Session, storage: LocalStorage, media_root: Path
    ) -> None:
        work: Session = session.info["factory"]()
        with work.begin_nested():
            store_upload(
                work, data=imagegen.png(), filename="x.png", owner_id=None, kind="image", storage=storage
            )
        work.rollback()
        assert stored_files(media_root) == []


@pytest.mark.committed
class TestConcurrentUploads:
    """Two transactions storing the same content: one row, and its file survives whatever the other
    transaction does."""

    def test_the_second_waits_and_survives_the_first_rolling_back(
        self, scratch_url: str, storage: LocalStorage
    ) -> None:
        from bibliology.db import make_engine, session_factory

        engine = make_engine(scratch_url, pool_size=3)
        factory = session_factory(engine)
        try:
            first, second, observer = factory(), factory(), factory()
            store_upload(
                first, data=imagegen.png(), filename="a.png", owner_id=None, kind="image", storage=storage
            )
            result: dict[str, object] = {}

            def upload_again() -> None:
                try:
                    result["row"] = store_upload(
                        second,
                        data=imagegen.png(),
                        filename="b.png",
                        owner_id=None,
                        kind="image",
                        storage=storage,
                    )
                    second.commit()
                except Exception as exc:  # reported to the test thread
                    result["error"] = exc

            worker = threading.Thread(target=upload_again)
            worker.start()
            _wait_until_blocked(observer)
            first.rollback()  # deletes the first transaction's file ...
            worker.join(timeout=30)
            assert "error" not in result, result.get("error")
            row = result["row"]
            assert isinstance(row, MediaFile)
            assert storage.exists(row.storage_key)  # ... but the second one's stays
            observer.rollback()
            assert count_rows(observer) == 1
            for work in (first, second, observer):
                work.close()
        finally:
            engine.dispose()

    def test_the_second_reuses_the_committed_row(self, scratch_url: str, storage: LocalStorage) -> None:
        from bibliology.db import make_engine, session_factory

        engine = make_engine(scratch_url, pool_size=3)
        factory = session_factory(engine)
        try:
            first, second, observer = factory(), factory(), factory()
            original = store_upload(
                first, data=imagegen.png(), filename="a.png", owner_id=None, kind="image", storage=storage
            )
            result: dict[str, object] = {}

            def upload_again() -> None:
                result["row"] = store_upload(
                    second,
                    data=imagegen.png(),
                    filename="b.png",
                    owner_id=None,
                    kind="image",
                    storage=storage,
                )
                second.commit()

            worker = threading.Thread(target=upload_again)
            worker.start()
            _wait_until_blocked(observer)
            first.commit()
            worker.join(timeout=30)
            row = result["row"]
            assert isinstance(row, MediaFile)
            assert row.id == original.id
            assert storage.exists(row.storage_key)
            assert count_rows(observer) == 1
            for work in (first, second, observer):
                work.close()
        finally:
            engine.dispose()


def _wait_until_blocked(observer: Session, attempts: int = 600) -> None:
    """Until another backend waits on a lock (the second insert behind the first's unique key)."""
    for _ in range(attempts):
        waiting = observer.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )
        observer.rollback()
        if waiting:
            return
        threading.Event().wait(0.05)
    raise AssertionError("the second upload never waited for the first")
