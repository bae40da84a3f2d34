"""Backups and restores on their own scratch databases (committed data): the demo round trip is
identical, an altered byte anywhere or a truncated archive is refused before anything is touched,
a non-empty target is refused without --force, an older backup is upgraded to head."""

from __future__ import annotations

import io
import tarfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from alembic.script import ScriptDirectory

import bibliology.models  # noqa: F401  (every mapper configured)
from bibliology import migrate
from bibliology.console import NullProgress
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.media.storage import MEDIA_DIR_ENV, LocalStorage
from bibliology.ops import pgtools, tables
from bibliology.ops.archive import (
    DUMP_MEMBER,
    MANIFEST_MEMBER,
    TRAILER_MEMBER,
    ArchiveError,
    ArchiveWriter,
    Manifest,
)
from bibliology.ops.backup import create_backup
from bibliology.ops.restore import (
    RestoreRefused,
    existing,
    read_only_check,
    restore_backup,
    verify_backup,
)
from bibliology.schema_check import libpq_url, scratch_database
from bibliology.seed.demo import seed_demo

pytestmark = pytest.mark.committed


@dataclass(frozen=True)
class Source:
    url: str
    media: Path
    archive: Path


@pytest.fixture(scope="module")
def source(server_url: str, template_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Source]:
    """The demo seed committed in a database of its own, its media files, and one backup of both."""
    media = tmp_path_factory.mktemp("source-media")
    archive = tmp_path_factory.mktemp("backups") / "demo.tar"
    with scratch_database(server_url, template=template_db) as url, pytest.MonkeyPatch.context() as patch:
        patch.setenv(MEDIA_DIR_ENV, str(media))  # the seed stores its pictures through the media service
        engine = make_engine(url, pool_size=1)
        try:
            with unit_of_work(session_factory(engine)) as session:
                seed_demo(session, progress=NullProgress())
        finally:
            engine.dispose()
        create_backup(url, archive, media_root=media)
        yield Source(url, media, archive)


def media_tree(root: Path) -> dict[str, bytes]:
    storage = LocalStorage(root)
    return {stored.key: storage.get(stored.key) for stored in storage.objects()}


def test_the_demo_round_trip_is_identical(source: Source, empty_url: str, tmp_path: Path) -> None:
    target_media = tmp_path / "media"
    with open(source.archive, "rb") as archive:
        result = restore_backup(empty_url, archive, media_root=target_media)

    expected, restored = tables.stats_of(source.url), tables.stats_of(empty_url)
    assert restored == expected  # every table: row count and content checksum
    assert expected["public.users"]["rows"]
    assert expected["public.content_blocks"]["rows"]
    assert result.manifest.tables == expected
    assert result.upgraded_from is None  # the backup was at head already
    assert migrate.current(empty_url) == migrate.heads()
    media = media_tree(source.media)
    assert media, "the demo seed stores pictures"
    assert media_tree(target_media) == media
    assert result.media_files == len(media)


def test_the_manifest_describes_the_archive(source: Source) -> None:
    with open(source.archive, "rb") as archive:
        manifest = read_only_check(archive)
    assert manifest.schema_revision == migrate.heads()
    assert manifest.tables == tables.stats_of(source.url)
    assert int(manifest.pg_dump_version.split(".")[0]) == int(manifest.server_version.split(".")[0])
    assert set(manifest.files) == {DUMP_MEMBER} | {f"media/{key}" for key in media_tree(source.media)}
    assert all(len(entry["sha256"]) == 64 for entry in manifest.files.values())
    assert manifest.created_at
    assert manifest.app_version


def test_backup_verify_test_restores_into_a_scratch_database(source: Source) -> None:
    with open(source.archive, "rb") as archive:
        result = verify_backup(source.url, archive)
    assert result.problems == []
    assert result.restored == result.manifest.tables
    assert result.media_files == len(media_tree(source.media))


def _offsets(archive: Path) -> dict[str, int]:
    """One byte in each kind of region of the archive."""
    with tarfile.open(archive) as tar:
        members = {info.name: info for info in tar.getmembers()}
    dump, manifest, trailer = members[DUMP_MEMBER], members[MANIFEST_MEMBER], members[TRAILER_MEMBER]
    media = next(info for name, info in members.items() if name.startswith("media/"))
    padded = next(info for info in members.values() if info.size % 512)
    end = trailer.offset_data + trailer.size
    return {
        "dump header (name)": dump.offset + 3,
        "dump header (size)": dump.offset + 130,
        "dump data (start)": dump.offset_data,
        "dump data (middle)": dump.offset_data + dump.size // 2,
        "dump data (last byte)": dump.offset_data + dump.size - 1,
        "member padding": padded.offset_data + padded.size,
        "media header": media.offset + 10,
        "media data": media.offset_data + media.size // 2,
        "manifest data": manifest.offset_data + manifest.size // 3,
        "manifest data (last byte)": manifest.offset_data + manifest.size - 2,
        "trailer header": trailer.offset + 5,
        "trailer data": trailer.offset_data + 10,
        "trailer padding": end + 1,
        "end-of-archive block": end + (-trailer.size % 512) + 700,
        "record fill (last byte)": archive.stat().st_size - 1,
    }


@pytest.mark.parametrize(
    "region",
    [
        "dump header (name)",
        "dump header (size)",
        "dump data (start)",
        "dump data (middle)",
        "dump data (last byte)",
        "member padding",
        "media header",
        "media data",
        "manifest data",
        "manifest data (last byte)",
        "trailer header",
        "trailer data",
        "trailer padding",
        "end-of-archive block",
        "record fill (last byte)",
    ],
)
def test_an_altered_byte_anywhere_is_refused(source: Source, region: str) -> None:
    data = bytearray(source.archive.read_bytes())
    offset = _offsets(source.archive)[region]
    data[offset] ^= 0x20
    with pytest.raises(ArchiveError):
        read_only_check(io.BytesIO(bytes(data)))


@pytest.mark.parametrize("cut", [1, 512, 10240, "trailer", "manifest", "half", "header"])
def test_a_truncated_archive_is_refused(source: Source, cut: int | str) -> None:
    data = source.archive.read_bytes()
    with tarfile.open(source.archive) as tar:
        members = {info.name: info for info in tar.getmembers()}
    ends = {
        "trailer": members[TRAILER_MEMBER].offset,
        "manifest": members[MANIFEST_MEMBER].offset + 700,
        "half": len(data) // 2,
        "header": 300,
    }
    length = ends[cut] if isinstance(cut, str) else len(data) - cut
    with pytest.raises(ArchiveError):
        read_only_check(io.BytesIO(data[:length]))


def test_an_altered_archive_touches_nothing(source: Source, empty_url: str, tmp_path: Path) -> None:
    data = bytearray(source.archive.read_bytes())
    data[_offsets(source.archive)["media data"]] ^= 0x01  # the dump itself is intact
    altered = tmp_path / "altered.tar"
    altered.write_bytes(bytes(data))
    media = tmp_path / "media"
    with open(altered, "rb") as archive, pytest.raises(ArchiveError, match="checksum"):
        restore_backup(empty_url, archive, media_root=media)
    assert existing(empty_url, media).empty
    assert not media.exists() or not any(media.rglob("*.*"))


def test_a_non_empty_target_is_refused_and_force_says_what_it_drops(
    source: Source, scratch_url: str, tmp_path: Path
) -> None:
    media = tmp_path / "media"
    stray = LocalStorage(media)
    stray_key = "ab/cd/" + "ab" * 32 + ".png"
    stray.put(stray_key, b"not in the backup", "image/png")
    with psycopg.connect(libpq_url(scratch_url)) as conn:
        conn.execute("CREATE TABLE leftover (x int)")
        conn.execute("INSERT INTO leftover VALUES (1)")

    present = existing(scratch_url, media)
    assert not present.empty
    assert any("public.leftover" in line for line in present.lines(limit=100))
    assert any("1 media files" in line for line in present.lines())
    with open(source.archive, "rb") as archive, pytest.raises(RestoreRefused, match="--force"):
        restore_backup(scratch_url, archive, media_root=media)
    assert stray.exists(stray_key), "a refused restore changes nothing"

    with open(source.archive, "rb") as archive:
        restore_backup(scratch_url, archive, media_root=media, force=True)
    assert tables.stats_of(scratch_url) == tables.stats_of(source.url)
    assert "public.leftover" not in tables.stats_of(scratch_url)
    assert media_tree(media) == media_tree(source.media)


def test_an_older_backup_is_restored_then_upgraded_to_head(server_url: str, tmp_path: Path) -> None:
    scripts = ScriptDirectory(str(migrate.MIGRATIONS_DIR))
    head = scripts.get_revision(migrate.heads()[0])
    assert head is not None
    assert isinstance(head.down_revision, str)
    older = head.down_revision
    archive = tmp_path / "older.tar"
    with scratch_database(server_url) as old:
        migrate.upgrade(old, older)
        create_backup(old, archive, media_root=None)
    with scratch_database(server_url) as target, open(archive, "rb") as source:
        result = restore_backup(target, source, media_root=tmp_path / "media")
        assert result.upgraded_from == [older]
        assert migrate.current(target) == migrate.heads()


def _fake_archive(path: Path, **manifest: object) -> None:
    fields: dict[str, object] = {
        "app_version": "0.0.1",
        "created_at": "2026-01-01T00:00:00+00:00",
        "schema_revision": migrate.heads(),
        "server_version": "15.0",
        "pg_dump_version": "15.0",
        "tables": {},
    } | manifest
    with open(path, "wb") as out:
        writer = ArchiveWriter(out)
        writer.add(DUMP_MEMBER, io.BytesIO(b"not a dump"), 10)
        writer.finish(Manifest(**fields))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ({"pg_dump_version": "99.1"}, "PostgreSQL 99"),
        ({"schema_revision": ["ffffffffffff"]}, "upgrade Bibliology first"),
    ],
)
def test_a_backup_this_server_or_code_cannot_take_is_refused_before_anything(
    empty_url: str, tmp_path: Path, manifest: dict[str, object], message: str
) -> None:
    archive = tmp_path / "fake.tar"
    server_major = int(pgtools.server_version(empty_url).split(".")[0])
    _fake_archive(
        archive,
        **({"pg_dump_version": f"{server_major}.0", "server_version": f"{server_major}.0"} | manifest),
    )
    with open(archive, "rb") as source, pytest.raises(RestoreRefused, match=message):
        restore_backup(empty_url, source, media_root=tmp_path / "media")
    assert existing(empty_url, None).empty


def test_pg_tools_match_the_server_major_version_or_fail_clearly(empty_url: str) -> None:
    major = int(pgtools.server_version(empty_url).split(".")[0])
    assert pgtools.find_tool("pg_dump", major).major == major
    assert pgtools.find_tool("pg_restore", major).major == major
    with pytest.raises(pgtools.PgToolsError, match=r"PostgreSQL 99 .*BIBLIOLOGY_PG_BIN"):
        pgtools.find_tool("pg_dump", 99)


def test_a_media_row_without_its_file_is_reported(source: Source, tmp_path: Path) -> None:
    media = tmp_path / "media"
    files = media_tree(source.media)
    lost = sorted(files)[0]
    for key, data in files.items():
        if key != lost:
            LocalStorage(media).put(key, data, "application/octet-stream")
    archive = tmp_path / "lost.tar"
    result = create_backup(source.url, archive, media_root=media)
    assert result.missing_media == 1
    with open(archive, "rb") as f:
        verified = verify_backup(source.url, f)
    assert len(verified.problems) == 1
    assert lost in verified.problems[0]


def test_the_manifest_matches_the_dump_while_the_database_is_written(
    scratch_url: str, tmp_path: Path
) -> None:
    """Counts taken outside the dump's snapshot would differ from it on a live server."""
    with psycopg.connect(libpq_url(scratch_url), autocommit=True) as conn:
        conn.execute("CREATE TABLE churn (id serial PRIMARY KEY, payload text)")
    stop = threading.Event()
    written = 0

    def write() -> None:
        nonlocal written
        with psycopg.connect(libpq_url(scratch_url), autocommit=True) as conn:
            while not stop.is_set():
                conn.execute(
                    "INSERT INTO churn (payload) SELECT md5(random()::text) FROM generate_series(1, 50)"
                )
                written += 50

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while written < 500:
            time.sleep(0.01)
        result = create_backup(scratch_url, tmp_path / "live.tar", media_root=None)
    finally:
        stop.set()
        writer.join()
    assert 0 < int(result.manifest.tables["public.churn"]["rows"]) < written
    with open(tmp_path / "live.tar", "rb") as f:
        assert verify_backup(scratch_url, f).problems == []
