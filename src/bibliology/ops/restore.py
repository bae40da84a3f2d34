"""`bibliology restore FILE` and `bibliology backup verify FILE`.

Both read the archive once into a staging directory, and only when every checksum, the manifest
and the trailer agree (ops.archive) do they touch a database: the target (restore, which must be
empty unless --force) or a scratch one (verify). pg_restore runs as one transaction; the restored
tables' row counts and content checksums must then equal the manifest's."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import psycopg
from psycopg import sql

from bibliology import migrate
from bibliology.console import NullProgress, Progress
from bibliology.media.storage import InvalidKey, LocalStorage, check_key
from bibliology.ops import pgtools, tables
from bibliology.ops.archive import DUMP_MEMBER, ArchiveError, Manifest, Member, media_key, read_archive
from bibliology.ops.backup import list_media, media_row_keys
from bibliology.ops.pgtools import OpsError
from bibliology.schema_check import libpq_url, scratch_database

_RESTORING = re.compile(r"processing data for table")


class RestoreRefused(OpsError):
    """The restore would overwrite data, or cannot run on this server: nothing was changed."""


class RestoreFailed(OpsError):
    """The restored database does not match the backup."""


@dataclass(frozen=True)
class Existing:
    """What a restore with --force drops."""

    tables: list[tuple[str, int]]  # ("schema.table", estimated rows)
    other_objects: int  # sequences, views, types, functions outside any table
    media_files: int

    @property
    def empty(self) -> bool:
        return not self.tables and not self.other_objects and not self.media_files

    def lines(self, limit: int = 20) -> list[str]:
        shown = [f"table {name} (~{rows:,} rows)" for name, rows in self.tables[:limit]]
        if len(self.tables) > limit:
            shown.append(f"… and {len(self.tables) - limit} more tables")
        if self.other_objects:
            shown.append(f"{self.other_objects} other database objects (sequences, types, functions)")
        if self.media_files:
            shown.append(f"{self.media_files:,} media files")
        return shown


@dataclass
class RestoreResult:
    manifest: Manifest
    archive_bytes: int
    media_files: int
    upgraded_from: list[str] | None  # the backup's revision when the schema was then upgraded
    seconds: float
    problems: list[str] = field(default_factory=list)  # verify only: empty when all matched
    restored: tables.TableStats = field(default_factory=dict)


def existing(url: str, media_root: Path | None) -> Existing:
    with psycopg.connect(libpq_url(url)) as conn:
        found = conn.execute(
            "SELECT n.nspname || '.' || c.relname, GREATEST(c.reltuples, 0)::bigint"
            " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1"
        ).fetchall()
        others = conn.execute(
            "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            "        WHERE c.relkind IN ('S', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%')"
            " + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            "    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%')"
            " + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            "    WHERE t.typtype IN ('e', 'd') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%')"
            " + (SELECT count(*) FROM pg_namespace n"
            "    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'public')"
        ).fetchone()
    return Existing(
        tables=[(str(name), int(str(rows))) for name, rows in found],
        other_objects=int(str(others[0])) if others else 0,
        media_files=len(list_media(media_root)),
    )


def restore_backup(
    url: str,
    source: IO[bytes],
    *,
    media_root: Path,
    force: bool = False,
    upgrade: bool = True,
    progress: Progress | None = None,
    work_dir: Path | None = None,
) -> RestoreResult:
    """Restore the archive into the database at `url` and its media into `media_root`."""
    progress = progress or NullProgress()
    started = time.monotonic()
    pg_restore = _pg_restore_for(url)
    present = existing(url, media_root)
    if not present.empty and not force:
        raise RestoreRefused(
            "the target is not empty ("
            + "; ".join(present.lines(limit=5))
            + "): restore into an empty database, or pass --force to drop all of that first"
        )
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with _staging(work_dir or media_root.parent) as staging:
        manifest, size = _stage(source, staging, keep_media=True, progress=progress)
        _check_restorable(manifest, pg_restore)
        if force and not present.empty:
            _drop_everything(url)
            for _, path, _ in list_media(media_root):
                path.unlink(missing_ok=True)
        progress.start("restoring the database", len(manifest.tables))
        _run_pg_restore(pg_restore, url, staging / DUMP_MEMBER, progress=progress)
        progress.start("checking the tables", len(manifest.tables))
        restored = tables.stats_of(url, advance=progress.advance)
        if problems := tables.differences(manifest.tables, restored):
            raise RestoreFailed(
                "the restored database does not match the backup's manifest: " + "; ".join(problems[:10])
            )
        media = _move_media(staging / "media", media_root, progress=progress)
    upgraded_from = None
    if upgrade and sorted(manifest.schema_revision) != sorted(migrate.heads()):
        migrate.upgrade(url)
        upgraded_from = manifest.schema_revision
    return RestoreResult(
        manifest=manifest,
        archive_bytes=size,
        media_files=media,
        upgraded_from=upgraded_from,
        seconds=time.monotonic() - started,
        restored=restored,
    )


def verify_backup(
    url: str, source: IO[bytes], *, progress: Progress | None = None, work_dir: Path | None = None
) -> RestoreResult:
    """A test restore into a scratch database on the server of `url` (dropped afterwards), compared
    with the manifest table by table; the result's `problems` is empty when everything matched."""
    progress = progress or NullProgress()
    started = time.monotonic()
    pg_restore = _pg_restore_for(url)
    with _staging(work_dir) as staging:
        manifest, size = _stage(source, staging, keep_media=False, progress=progress)
        _check_restorable(manifest, pg_restore)
        with scratch_database(url) as scratch:
            progress.start("test restore", len(manifest.tables))
            _run_pg_restore(pg_restore, scratch, staging / DUMP_MEMBER, progress=progress)
            progress.start("checking the tables", len(manifest.tables))
            restored = tables.stats_of(scratch, advance=progress.advance)
            archived = {key for name in manifest.files if (key := media_key(name)) is not None}
            missing = missing_media(scratch, archived)
    problems = tables.differences(manifest.tables, restored)
    if missing:
        shown = ", ".join(missing[:3]) + (" …" if len(missing) > 3 else "")
        problems.append(f"media_files: {len(missing)} row(s) name a file the archive lacks ({shown})")
    return RestoreResult(
        manifest=manifest,
        archive_bytes=size,
        media_files=len(archived),
        upgraded_from=None,
        seconds=time.monotonic() - started,
        problems=problems,
        restored=restored,
    )


def missing_media(url: str, archived: set[str]) -> list[str]:
    """Storage keys of media_files rows whose file is not among `archived` (a file lost before the
    backup: the restore would serve 404s for it)."""
    with psycopg.connect(libpq_url(url)) as conn:
        return [key for key in media_row_keys(conn) if key not in archived]


def read_only_check(source: IO[bytes], *, progress: Progress | None = None) -> Manifest:
    """Every checksum of the archive, nothing restored (the first step of restore and verify)."""

    def drain(member: Member) -> None:
        while member.stream.read(1 << 20):
            pass

    progress = progress or NullProgress()
    return read_archive(source, sink=drain, progress=progress.advance)


def _pg_restore_for(url: str) -> pgtools.PgTool:
    major = int(pgtools.server_version(url).split(".")[0])
    return pgtools.find_tool("pg_restore", major)


def _check_restorable(manifest: Manifest, pg_restore: pgtools.PgTool) -> None:
    dumped_with = int(manifest.pg_dump_version.split(".")[0])
    if dumped_with > pg_restore.major:
        raise RestoreRefused(
            f"the backup was taken with PostgreSQL {dumped_with} tools; this server runs "
            f"PostgreSQL {pg_restore.major}: restore it into a PostgreSQL {dumped_with} (or newer) server"
        )
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(migrate.MIGRATIONS_DIR))
    unknown = [rev for rev in manifest.schema_revision if _unknown_revision(scripts, rev)]
    if unknown:
        raise RestoreRefused(
            f"the backup's schema revision {', '.join(unknown)} is newer than this Bibliology "
            f"({manifest.app_version} wrote it): upgrade Bibliology first"
        )


def _unknown_revision(scripts: object, revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    assert isinstance(scripts, ScriptDirectory)
    try:
        return scripts.get_revision(revision) is None
    except CommandError:
        return True


@contextmanager
def _staging(parent: Path | None) -> Iterator[Path]:
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".bibliology-restore-", dir=parent) as directory:
        yield Path(directory)


def _stage(source: IO[bytes], staging: Path, *, keep_media: bool, progress: Progress) -> tuple[Manifest, int]:
    """The archive read and checked: the dump (and the media when kept) written under `staging`."""
    total = _size_of(source)
    progress.start("reading the archive", total)
    read = 0

    def advance(units: int) -> None:
        nonlocal read
        read += units
        progress.advance(units)

    def sink(member: Member) -> None:
        if member.name == DUMP_MEMBER:
            target: Path | None = staging / DUMP_MEMBER
        elif (key := media_key(member.name)) is not None:
            try:
                check_key(key)
            except InvalidKey:
                raise ArchiveError(f"unexpected archive member {member.name!r}") from None
            target = staging / "media" / key if keep_media else None
        else:
            raise ArchiveError(f"unexpected archive member {member.name!r}")
        _copy(member.stream, target)

    manifest = read_archive(source, sink=sink, progress=advance)
    return manifest, read


def _copy(stream: IO[bytes], target: Path | None) -> None:
    if target is None:
        while stream.read(1 << 20):
            pass
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        shutil.copyfileobj(stream, out, 1 << 20)


def _size_of(source: IO[bytes]) -> int:
    try:
        return os.fstat(source.fileno()).st_size
    except (OSError, ValueError, AttributeError):
        return 0


def _drop_everything(url: str) -> None:
    with psycopg.connect(libpq_url(url)) as conn:
        schemas = [
            str(name)
            for (name,) in conn.execute(
                "SELECT n.nspname FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1"
            )
        ]
        for schema in schemas:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
        # public as a new database has it (PostgreSQL 15+): the dump assumes it exists.
        conn.execute("CREATE SCHEMA public AUTHORIZATION pg_database_owner")
        conn.execute("GRANT USAGE ON SCHEMA public TO PUBLIC")
        conn.execute("COMMENT ON SCHEMA public IS 'standard public schema'")


def _run_pg_restore(tool: pgtools.PgTool, url: str, dump: Path, *, progress: Progress) -> None:
    conninfo, env = pgtools.connection_args(url)
    command = [
        str(tool.path),
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        "--no-privileges",
        "--verbose",
        "--no-password",
        f"--dbname={conninfo}",
        str(dump),
    ]
    pgtools.run_reporting(command, env=env, step=_RESTORING, progress=progress, what="pg_restore")


def _move_media(staged: Path, media_root: Path, *, progress: Progress) -> int:
    files = sorted(path for path in staged.glob("*/*/*") if path.is_file()) if staged.exists() else []
    progress.start("restoring media files", len(files))
    storage = LocalStorage(media_root)
    for path in files:
        target = storage.path(path.relative_to(staged).as_posix())
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(path, target)
        except OSError:  # another filesystem
            shutil.move(path, target)
        progress.advance()
    return len(files)
