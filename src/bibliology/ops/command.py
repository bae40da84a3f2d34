"""`bibliology backup [create] [FILE]`, `bibliology backup verify FILE`, `bibliology restore FILE`
and `bibliology bench-backup` (registered in bibliology.cli)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperGroup

from bibliology.config import Settings, get_settings
from bibliology.ops.archive import ArchiveError
from bibliology.ops.pgtools import OpsError

console = Console(stderr=True, soft_wrap=True)


class _CreateByDefault(TyperGroup):
    """`bibliology backup [FILE]` means `bibliology backup create [FILE]`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["create", *args]
        return super().parse_args(ctx, args)


backup_app = typer.Typer(
    cls=_CreateByDefault,
    rich_markup_mode=None,
    help="Backups: `backup [FILE]` (= `backup create [FILE]`) writes one; `backup verify FILE` test-restores one.",
)


@contextmanager
def _one_line_errors() -> Iterator[None]:
    try:
        yield
    except (OpsError, ArchiveError) as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None


def _destination(file: str | None, settings: Settings) -> Path:
    from bibliology.ops.backup import backup_dir, default_name

    if file is None:
        return backup_dir(settings) / default_name()
    path = Path(file)
    return path / default_name() if path.is_dir() else path


@backup_app.command("create")
def create(
    file: Annotated[
        str | None,
        typer.Argument(
            help="Archive to write ('-': standard output; a directory: a dated name in it; "
            "default: a dated name in BIBLIOLOGY_BACKUP_DIR or <data dir>/backups)"
        ),
    ] = None,
) -> None:
    """Back up the database (a consistent pg_dump), the media files and a manifest into one archive."""
    from bibliology.console import progress_bar
    from bibliology.embedded import database_url
    from bibliology.media.storage import media_root
    from bibliology.ops.backup import create_backup

    settings = get_settings()
    with _one_line_errors(), database_url(settings) as url, progress_bar() as progress:
        target = sys.stdout.buffer if file == "-" else _destination(file, settings)
        result = create_backup(url, target, media_root=media_root(settings), progress=progress)
    rate = result.archive_bytes / result.seconds / 1e6 if result.seconds else 0.0
    console.print(_pairs("backup", result.summary(), f"{result.seconds:.1f} s, {rate:,.1f} MB/s"))
    if result.missing_media:
        console.print(
            f"[yellow]![/yellow] {result.missing_media} media_files row(s) name a file missing from "
            "the media directory (before this backup): those files cannot be restored"
        )
    if result.vanished_media:
        console.print(f"[yellow]![/yellow] {result.vanished_media} media file(s) vanished while being read")
    where = result.path or "standard output"
    console.print(f"[green]✓[/green] backup written to {where}", highlight=False)


@backup_app.command("verify")
def verify(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="The archive")],
) -> None:
    """Check every checksum, test-restore into a scratch database on the same server (dropped
    afterwards) and compare row counts and content checksums with the manifest, table by table."""
    from bibliology.console import progress_bar
    from bibliology.embedded import database_url
    from bibliology.ops.restore import verify_backup

    with (
        _one_line_errors(),
        database_url(get_settings()) as url,
        progress_bar() as progress,
        open(file, "rb") as f,
    ):
        result = verify_backup(url, f, progress=progress)
    manifest = result.manifest
    counts = {
        "tables": len(manifest.tables),
        "rows": manifest.total_rows,
        "media files": result.media_files,
        "archive bytes": result.archive_bytes,
    }
    console.print(_pairs(f"verify {file.name} ({manifest.created_at})", counts, f"{result.seconds:.1f} s"))
    for problem in result.problems:
        console.print(f"[red]✗[/red] {problem}", highlight=False)
    if result.problems:
        console.print(f"[red]error:[/red] backup verification failed: {len(result.problems)} difference(s)")
        raise typer.Exit(1)
    console.print(
        "[green]✓[/green] every checksum matches; the test restore has the manifest's rows and content",
        highlight=False,
    )


def restore(
    file: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, readable=True, help="The archive ('backup' wrote it)"),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Drop what the target database and media directory hold first")
    ] = False,
    upgrade: Annotated[
        bool, typer.Option(help="Bring the schema to the current revision after restoring an older backup")
    ] = True,
) -> None:
    """Restore a backup into an empty database (every checksum verified before anything is
    touched), then upgrade its schema to the current revision."""
    from bibliology.console import progress_bar
    from bibliology.embedded import database_url
    from bibliology.media.storage import media_root
    from bibliology.ops.restore import existing, restore_backup

    settings = get_settings()
    media = media_root(settings)
    with _one_line_errors(), database_url(settings) as url:
        if force and not (present := existing(url, media)).empty:
            console.print("--force: once the archive is verified, this restore drops:")
            for line in present.lines():
                console.print(f"  - {line}", highlight=False)
        with progress_bar() as progress, open(file, "rb") as f:
            result = restore_backup(url, f, media_root=media, force=force, upgrade=upgrade, progress=progress)
    counts = {
        "tables": len(result.manifest.tables),
        "rows": result.manifest.total_rows,
        "media files": result.media_files,
        "archive bytes": result.archive_bytes,
    }
    rate = result.manifest.total_rows / result.seconds if result.seconds else 0.0
    console.print(_pairs(f"restore of {file.name}", counts, f"{result.seconds:.1f} s, {rate:,.0f} rows/s"))
    if result.upgraded_from is not None:
        console.print(
            f"schema upgraded from {', '.join(result.upgraded_from) or 'base'} to the current revision"
        )
    console.print(
        f"[green]✓[/green] restored the backup of {result.manifest.created_at}: "
        "row counts and content checksums match its manifest",
        highlight=False,
    )


def bench_backup(
    markdown_path: Annotated[
        Path | None, typer.Option("--markdown", help="Also write the table as Markdown here")
    ] = None,
    work_dir: Annotated[
        Path | None,
        typer.Option("--work-dir", help="Where the archive is written (default: a temporary directory)"),
    ] = None,
) -> None:
    """Backup and restore throughput (MB/s, rows/s) on the database's rows (e.g. after `seed
    --scale 10`): a backup, then a verified test restore into a scratch database."""
    from bibliology.console import progress_bar
    from bibliology.embedded import database_url
    from bibliology.media.storage import media_root
    from bibliology.ops.bench import run

    settings = get_settings()
    with _one_line_errors(), database_url(settings) as url, progress_bar() as progress:
        result = run(url, media_root=media_root(settings), work_dir=work_dir, progress=progress)
    console.print(result.table())
    if markdown_path is not None:
        markdown_path.write_text(result.markdown())
    if result.problems:
        for problem in result.problems:
            console.print(f"[red]✗[/red] {problem}", highlight=False)
        console.print("[red]error:[/red] the round trip differs")
        raise typer.Exit(1)
    console.print("[green]✓[/green] round trip identical (row counts and content checksums)", highlight=False)


def upgrade_schema(url: str, settings: Settings, *, backup: bool = True) -> None:
    """Apply pending migrations, backing up first in production: what `db upgrade`, `serve` and
    `worker` do at start (a process that migrates a production database never skips the backup
    unless told to with --no-backup)."""
    from bibliology import migrate

    if backup:
        backup_before_upgrade(url, settings)
    migrate.upgrade(url)


def backup_before_upgrade(url: str, settings: Settings) -> Path | None:
    """`db upgrade` in production backs up first when there is something to upgrade (and data)."""
    from bibliology import migrate
    from bibliology.console import progress_bar
    from bibliology.media.storage import media_root
    from bibliology.ops.backup import backup_dir, create_backup, default_name

    current = migrate.current(url)
    if settings.environment != "production" or not current or sorted(current) == sorted(migrate.heads()):
        return None
    target = backup_dir(settings) / default_name()
    with _one_line_errors(), progress_bar() as progress:
        create_backup(url, target, media_root=media_root(settings), progress=progress)
    console.print(f"[green]✓[/green] backup before the upgrade written to {target}", highlight=False)
    return target


def _pairs(title: str, counts: dict[str, int], caption: str) -> Table:
    table = Table(title=title, title_justify="left", caption=caption, show_header=False)
    table.add_column("")
    table.add_column("", justify="right")
    for name, value in counts.items():
        table.add_row(name, f"{value:,}")
    return table
