"""`bibliology media …` commands (registered in bibliology.cli)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

media_app = typer.Typer(rich_markup_mode=None, no_args_is_help=True, help="Media files.")
console = Console(stderr=True, soft_wrap=True)


@media_app.command("sweep")
def sweep(
    grace: Annotated[
        str, typer.Option("--grace", help="Keep files written more recently than this: e.g. 24h, 7d, 30m")
    ] = "24h",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would be removed; remove nothing")
    ] = False,
) -> None:
    """Remove media files that have no media_files row (left by a process killed mid-upload or
    mid-import) once older than --grace; files a running transaction wrote are kept (docs/media.md)."""
    import bibliology.models  # noqa: F401  (every mapper configured)
    from bibliology.activity.service import parse_duration
    from bibliology.config import get_settings
    from bibliology.db import make_engine, session_factory
    from bibliology.embedded import database_url
    from bibliology.media.storage import storage_for
    from bibliology.media.sweep import SessionTransactions, sweep_orphans

    period = parse_duration(grace)
    settings = get_settings()
    with database_url(settings) as url:
        engine = make_engine(url, pool_size=1)
        try:
            transactions = SessionTransactions(session_factory(engine))
            report = sweep_orphans(transactions, storage=storage_for(settings), grace=period, dry_run=dry_run)
        finally:
            engine.dispose()
    for name, count in report.counts().items():
        console.print(f"{name}: {count:,}", highlight=False)
    verb = "would remove" if dry_run else "removed"
    console.print(f"[green]✓[/green] {verb} {len(report.removed):,} orphan file(s)", highlight=False)
