"""`bibliology bench-search` (registered in bibliology.cli): see bibliology.search.bench."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console(stderr=True, soft_wrap=True)


def bench_search(
    rounds: Annotated[int, typer.Option(min=1, max=100, help="Passes over the 50 queries")] = 5,
    query_5_rounds: Annotated[
        int, typer.Option(min=1, max=20, help="Passes of query 5 over the word queries")
    ] = 2,
    label: Annotated[
        str, typer.Option(help="What the database holds, for the report (e.g. 'scale 10')")
    ] = "",
    report_file: Annotated[
        Path | None, typer.Option("--report", help="Append the Markdown report to this file")
    ] = None,
) -> None:
    """Time full-text and reference search (50 queries) against the design's ILIKE query 5 on the
    database (seed it with `bibliology seed --scale N` first); print p50/p95 and the plans."""
    import bibliology.models  # noqa: F401  (every mapper configured)
    from bibliology import migrate
    from bibliology.config import get_settings
    from bibliology.console import progress_bar
    from bibliology.db import make_engine, session_factory
    from bibliology.embedded import database_url
    from bibliology.search.bench import report, run

    with database_url(get_settings()) as url:
        migrate.upgrade(url)
        engine = make_engine(url, pool_size=1)
        try:
            with progress_bar() as progress:
                bench = run(
                    session_factory(engine), rounds=rounds, query_5_rounds=query_5_rounds, progress=progress
                )
        finally:
            engine.dispose()
    markdown = report(bench, scale=label or f"{bench.lessons:,} lessons")
    typer.echo(markdown)
    if report_file is not None:
        with report_file.open("a", encoding="utf-8") as handle:
            handle.write("\n" + markdown + "\n")
    console.print(
        f"[green]✓[/green] search p50 {bench.search.p50_ms} ms, p95 {bench.search.p95_ms} ms; "
        f"query 5 p50 {bench.query_5.p50_ms} ms ({bench.p50_ratio:.0f}× the search's on its terms)",
        highlight=False,
    )
