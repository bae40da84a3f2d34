"""The `bibliology bench-web` command (its work in bench/web.py, imported only when it runs)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

console = Console(stderr=True, soft_wrap=True)


def bench_web(
    iterations: Annotated[int, typer.Option(min=10, help="Calls of each request, alternating")] = 300,
) -> None:
    """A lesson page's server time beside the lesson-tree JSON on the same lesson and student (target
    ≤ 1.5×), and the JS + CSS the pages ship (target < 100 KB); run it after `seed --scale 10`."""
    from bibliology import migrate
    from bibliology.bench.web import bench_web as run
    from bibliology.bench.web import report_table
    from bibliology.config import get_settings
    from bibliology.console import progress_bar
    from bibliology.embedded import database_url

    settings = get_settings()
    with database_url(settings) as url, progress_bar() as progress:
        migrate.upgrade(url)
        try:
            result = run(url, settings=settings, iterations=iterations, progress=progress)
        except (LookupError, RuntimeError) as exc:
            console.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(1) from None
    console.print(report_table(result))
    if not result.met:
        console.print("[red]✗[/red] target not met (see the table)")
        raise typer.Exit(1)
    console.print("[green]✓[/green] both targets met", highlight=False)
