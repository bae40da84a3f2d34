"""`bibliology certificates …` (registered in bibliology.cli): the backfill, which is also the
benchmark of PDF issuing (its summary gives PDFs per second)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Annotated

import typer
from rich.console import Console

certificates_app = typer.Typer(rich_markup_mode=None, no_args_is_help=True, help="Certificates.")
console = Console(stderr=True, soft_wrap=True)


@dataclass
class BackfillReport:
    issued: int = 0  # new certificate rows
    rendered: int = 0  # PDFs rendered and stored (new rows and rows that had none)
    skipped: int = 0  # nothing to certify any more (a concurrent change)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def pdfs_per_second(self) -> float:
        return self.rendered / self.seconds if self.seconds > 0 else 0.0


def backfill(url: str, *, limit: int | None = None) -> BackfillReport:
    """Issue what `service.missing` lists, one short transaction per certificate (a failure loses
    only its own); idempotent, so running it twice or beside the worker is safe."""
    import bibliology.models  # noqa: F401  (every mapper configured)
    from bibliology.certificates import service
    from bibliology.config import get_settings
    from bibliology.console import progress_bar
    from bibliology.db import make_engine, session_factory, unit_of_work
    from bibliology.media.storage import storage_for

    settings = get_settings()
    storage = storage_for(settings)
    engine = make_engine(url, pool_size=1)
    report = BackfillReport()
    try:
        sessions = session_factory(engine)
        with unit_of_work(sessions) as session:
            todo = service.missing(session)[:limit]
        started = time.monotonic()
        with progress_bar(console) as progress:
            progress.start("Issuing certificates", len(todo))
            for item in todo:
                try:
                    with unit_of_work(sessions) as session:
                        issued = service.issue(
                            session,
                            user_id=item.user_id,
                            course_id=item.course_id,
                            lesson_id=item.lesson_id,
                            storage=storage,
                            settings=settings,
                        )
                except Exception as exc:  # reported in the summary; the others go on
                    report.failed.append(f"{item.user_id}/{item.lesson_id or item.course_id}: {exc}")
                else:
                    if issued is None:
                        report.skipped += 1
                    else:
                        report.issued += issued.created
                        report.rendered += issued.rendered
                progress.advance()
        report.seconds = time.monotonic() - started
    finally:
        engine.dispose()
    return report


@certificates_app.command("issue")
def issue(
    missing: Annotated[
        bool, typer.Option("--missing", help="Every completion without a certificate or without its PDF")
    ] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many (benchmarks)")] = None,
) -> None:
    """Issue certificates (and their PDFs) for completions that have none: existing data, the
    demo's certificates written without a PDF."""
    from bibliology.config import get_settings
    from bibliology.embedded import database_url

    if not missing:
        raise typer.BadParameter("say --missing (the only mode: completions without a certificate)")
    with database_url(get_settings()) as url:
        report = backfill(url, limit=limit)
    for line in report.failed[:20]:
        console.print(f"[red]✗[/red] {line}", highlight=False)
    console.print(
        f"certificates issued: {report.issued:,}; PDFs rendered: {report.rendered:,}; "
        f"nothing to certify: {report.skipped:,}; failed: {len(report.failed):,}",
        highlight=False,
    )
    console.print(
        f"[green]✓[/green] {report.rendered:,} PDF(s) in {report.seconds:.1f} s "
        f"({report.pdfs_per_second:,.1f} PDFs/s)",
        highlight=False,
    )
    if report.failed:
        raise typer.Exit(1)
