"""`bibliology backup`: one archive (ops.archive) of a consistent pg_dump, the media files and a
manifest. The manifest's row counts and checksums are computed in the very snapshot pg_dump reads
(pg_export_snapshot), so they describe the dump exactly even while the application writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import psycopg

from bibliology import __version__
from bibliology.config import Settings
from bibliology.console import NullProgress, Progress
from bibliology.media.storage import LocalStorage
from bibliology.ops import pgtools, tables
from bibliology.ops.archive import DUMP_MEMBER, MEDIA_PREFIX, ArchiveWriter, Manifest
from bibliology.schema_check import libpq_url

BACKUP_NAME = re.compile(r"bibliology-(\d{8}T\d{6}Z)\.tar")
_DUMPING = re.compile(r"dumping contents of table")


@dataclass(frozen=True)
class BackupResult:
    path: Path | None  # None: written to a stream
    manifest: Manifest
    archive_bytes: int
    dump_bytes: int
    media_files: int
    media_bytes: int
    vanished_media: int  # listed, then removed (by the sweep) before they were read
    seconds: float
    missing_media: int = 0  # media_files rows whose file was not in the media directory

    def summary(self) -> dict[str, int]:
        return {
            "tables": len(self.manifest.tables),
            "rows": self.manifest.total_rows,
            "media files": self.media_files,
            "dump bytes": self.dump_bytes,
            "media bytes": self.media_bytes,
            "archive bytes": self.archive_bytes,
        }


BACKUP_DIR_ENV = "BIBLIOLOGY_BACKUP_DIR"


def backup_dir(settings: Settings) -> Path:
    """BIBLIOLOGY_BACKUP_DIR, else <data dir>/backups (where the scheduled job keeps its backups)."""
    configured = os.environ.get(BACKUP_DIR_ENV)
    return Path(configured) if configured else settings.data_dir / "backups"


def default_name(now: dt.datetime | None = None) -> str:
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return f"bibliology-{moment:%Y%m%dT%H%M%SZ}.tar"


def create_backup(
    url: str,
    destination: Path | IO[bytes],
    *,
    media_root: Path | None,
    progress: Progress | None = None,
    work_dir: Path | None = None,
) -> BackupResult:
    """Write the archive to `destination`: a path is written through `<path>.partial` and renamed
    when complete, so a file with the final name is always a whole backup. The dump is staged in
    `work_dir` (default: beside the destination) — disk, never memory."""
    progress = progress or NullProgress()
    started = time.monotonic()
    if isinstance(destination, Path):
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".partial")
        try:
            with open(partial, "wb") as out:
                result = _write(
                    url,
                    out,
                    media_root=media_root,
                    progress=progress,
                    work_dir=work_dir or destination.parent,
                )
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, destination)
        finally:
            partial.unlink(missing_ok=True)
        path: Path | None = destination
    else:
        result = _write(url, destination, media_root=media_root, progress=progress, work_dir=work_dir)
        path = None
    return dataclasses.replace(result, path=path, seconds=time.monotonic() - started)


def _write(
    url: str, out: IO[bytes], *, media_root: Path | None, progress: Progress, work_dir: Path | None
) -> BackupResult:
    """The archive to `out` (the result's path and seconds are the caller's)."""
    server = pgtools.server_version(url)
    pg_dump = pgtools.find_tool("pg_dump", int(server.split(".")[0]))
    with tempfile.TemporaryDirectory(prefix=".bibliology-backup-", dir=work_dir) as work:
        dump = Path(work) / DUMP_MEMBER
        with snapshot(url) as (conn, snapshot_id):
            revision = schema_revision(conn)
            names = tables.table_names(conn)
            progress.start("counting rows", len(names))
            stats = tables.table_stats(conn, advance=progress.advance)
            progress.start("dumping the database", len(names))
            run_pg_dump(pg_dump, url, snapshot_id, dump, progress=progress)
            # Listed while the snapshot is held: every file a dumped row names exists by now (files
            # are written before their row commits and removed only by the sweep, after a grace).
            media = list_media(media_root)
            listed = {key for key, _, _ in media}
            missing = sum(1 for key in media_row_keys(conn) if key not in listed)
        dump_bytes = dump.stat().st_size
        progress.start("writing the archive", dump_bytes + sum(size for _, _, size in media))
        writer = ArchiveWriter(out, progress=progress.advance)
        with open(dump, "rb") as source:
            writer.add(DUMP_MEMBER, source, dump_bytes)
        vanished = media_bytes = 0
        for key, path, _ in media:
            try:
                source = open(path, "rb")  # noqa: SIM115
            except FileNotFoundError:
                vanished += 1
                continue
            with source:
                size = os.fstat(source.fileno()).st_size  # this very inode: a replace makes a new one
                writer.add(MEDIA_PREFIX + key, source, size)
                media_bytes += size
        manifest = Manifest(
            app_version=__version__,
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            schema_revision=revision,
            server_version=server,
            pg_dump_version=pg_dump.version,
            tables=dict(stats),
        )
        archive_bytes = writer.finish(manifest)
    return BackupResult(
        path=None,
        manifest=manifest,
        archive_bytes=archive_bytes,
        dump_bytes=dump_bytes,
        media_files=len(media) - vanished,
        media_bytes=media_bytes,
        vanished_media=vanished,
        seconds=0.0,
        missing_media=missing,
    )


def schema_revision(conn: psycopg.Connection[tuple[object, ...]]) -> list[str]:
    exists = conn.execute("SELECT to_regclass('public.alembic_version') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return []
    return [str(r) for (r,) in conn.execute("SELECT version_num FROM alembic_version ORDER BY 1")]


def media_row_keys(conn: psycopg.Connection[tuple[object, ...]]) -> list[str]:
    """The storage key of every media_files row (none before the media migration)."""
    exists = conn.execute("SELECT to_regclass('public.media_files') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return []
    return [str(key) for (key,) in conn.execute("SELECT storage_key FROM media_files ORDER BY 1")]


@contextmanager
def snapshot(url: str) -> Iterator[tuple[psycopg.Connection[tuple[object, ...]], str]]:
    """A repeatable-read transaction held open, and its exported snapshot for pg_dump."""
    with psycopg.connect(libpq_url(url)) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        row = conn.execute("SELECT pg_export_snapshot()").fetchone()
        assert row is not None
        yield conn, str(row[0])


def run_pg_dump(
    tool: pgtools.PgTool, url: str, snapshot_id: str, target: Path, *, progress: Progress
) -> None:
    conninfo, env = pgtools.connection_args(url)
    command = [
        str(tool.path),
        "--format=custom",
        f"--snapshot={snapshot_id}",
        f"--file={target}",
        "--verbose",
        "--no-password",
        f"--dbname={conninfo}",
    ]
    pgtools.run_reporting(command, env=env, step=_DUMPING, progress=progress, what="pg_dump")


def list_media(root: Path | None) -> list[tuple[str, Path, int]]:
    """(key, path, size) of every media file under `root`, by key."""
    if root is None or not root.exists():
        return []
    storage = LocalStorage(root)
    found = []
    for stored in storage.objects():
        path = storage.path(stored.key)
        try:
            found.append((stored.key, path, path.stat().st_size))
        except FileNotFoundError:  # removed since the listing
            continue
    return sorted(found)
