"""`bibliology bible …` commands (registered in bibliology.cli): import a Bible translation."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

bible_app = typer.Typer(rich_markup_mode=None, no_args_is_help=True, help="Bible texts.")
console = Console(stderr=True, soft_wrap=True)


@bible_app.command("import")
def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            readable=True,
            help="A Book,Chapter,Verse,Text .csv or a pythonbible .py module",
        ),
    ],
    translation: Annotated[str, typer.Option("--translation", help="Its code, e.g. KJV or SYN1921")],
    lang: Annotated[str, typer.Option("--lang", help="Its language: en or fr")],
    name: Annotated[
        str | None, typer.Option("--name", help="Its display name (default: known codes' names)")
    ] = None,
) -> None:
    """Import (or re-import: idempotent) a public-domain translation; docs/bible-texts.md."""
    import bibliology.models  # noqa: F401  (every mapper configured)
    from bibliology import migrate
    from bibliology.bible.texts import import_translation
    from bibliology.cache import make_cache
    from bibliology.config import get_settings
    from bibliology.console import progress_bar, summary_table
    from bibliology.db import make_engine, session_factory, unit_of_work
    from bibliology.embedded import database_url
    from bibliology.invalidation import attach_cache

    started = time.perf_counter()
    settings = get_settings()
    with database_url(settings) as url:
        migrate.upgrade(url)
        engine = make_engine(url, pool_size=1)
        try:
            with progress_bar() as progress, unit_of_work(session_factory(engine)) as session:
                attach_cache(session, make_cache(settings.redis_url, settings.redis_timeout_seconds))
                summary = import_translation(
                    session, path=file, code=translation, lang=lang, name=name, progress=progress
                )
        finally:
            engine.dispose()
    console.print(
        summary_table(
            f"{summary.code} — {summary.name} ({summary.lang})",
            summary.counts(),
            time.perf_counter() - started,
        )
    )
    console.print(
        f"[green]✓[/green] {summary.code}: {summary.books} books, {summary.chapters:,} chapters, "
        f"{summary.verses:,} verses ({summary.empty:,} empty in the file)",
        highlight=False,
    )
