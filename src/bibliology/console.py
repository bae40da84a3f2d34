"""Progress reporting for long commands (seed, import, backup, restore, bench): a Rich progress bar
on a terminal, nothing in tests. Services take a `Progress` and never know which."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgressBar
from rich.table import Table


class Progress(Protocol):
    def start(self, task: str, total: int) -> None:
        """Begin a step of `total` units (replaces the previous step)."""

    def advance(self, units: int = 1) -> None: ...


class NullProgress:
    def start(self, task: str, total: int) -> None:
        return None

    def advance(self, units: int = 1) -> None:
        return None


class RichProgress:
    def __init__(self, bar: RichProgressBar) -> None:
        self._bar = bar
        self._task: TaskID | None = None

    def start(self, task: str, total: int) -> None:
        if self._task is not None:  # close the previous step at 100%
            self._bar.update(self._task, completed=self._bar.tasks[-1].total)
        self._task = self._bar.add_task(task, total=total)

    def advance(self, units: int = 1) -> None:
        if self._task is not None:
            self._bar.advance(self._task, units)


@contextmanager
def progress_bar(console: Console | None = None) -> Iterator[Progress]:
    bar = RichProgressBar(
        TextColumn("{task.description:<28}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=False,
    )
    with bar:
        yield RichProgress(bar)


def summary_table(title: str, counts: dict[str, int], seconds: float) -> Table:
    """Rows per table and the overall rate, printed at the end of a long command."""
    table = Table(title=title, title_justify="left")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, count in counts.items():
        table.add_row(name, f"{count:,}")
    total = sum(counts.values())
    rate = total / seconds if seconds > 0 else 0.0
    table.add_row("[bold]total[/bold]", f"[bold]{total:,}[/bold]")
    table.caption = f"{seconds:.1f} s, {rate:,.0f} rows/s"
    return table
