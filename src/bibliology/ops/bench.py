"""`bibliology bench-backup`: backup and restore throughput on the database's own rows, the restore
being `backup verify`'s test restore into a scratch database (so the round trip is checked too)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rich.table import Table

from bibliology.console import Progress
from bibliology.ops.backup import create_backup
from bibliology.ops.restore import verify_backup


@dataclass
class Step:
    name: str
    seconds: float
    archive_bytes: int
    rows: int

    @property
    def mb_per_second(self) -> float:
        return self.archive_bytes / self.seconds / 1e6 if self.seconds else 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass
class BenchResult:
    tables: int
    rows: int
    dump_bytes: int
    media_files: int
    media_bytes: int
    steps: list[Step] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def _rows(self) -> list[tuple[str, str, str, str, str]]:
        return [
            (
                s.name,
                f"{s.seconds:.1f}",
                f"{s.archive_bytes / 1e6:,.1f}",
                f"{s.mb_per_second:,.1f}",
                f"{s.rows_per_second:,.0f}",
            )
            for s in self.steps
        ]

    def caption(self) -> str:
        return (
            f"{self.tables} tables, {self.rows:,} rows, dump {self.dump_bytes / 1e6:,.1f} MB, "
            f"{self.media_files:,} media files ({self.media_bytes / 1e6:,.1f} MB)"
        )

    def table(self) -> Table:
        table = Table(title="backup and restore throughput", title_justify="left", caption=self.caption())
        for column in ("step", "s", "archive MB", "MB/s", "rows/s"):
            table.add_column(column, justify="left" if column == "step" else "right")
        for row in self._rows():
            table.add_row(*row)
        return table

    def markdown(self) -> str:
        lines = ["| step | s | archive MB | MB/s | rows/s |", "|---|---:|---:|---:|---:|"]
        lines += ["| " + " | ".join(row) + " |" for row in self._rows()]
        return "\n".join([*lines, "", self.caption() + ".", ""])


def run(url: str, *, media_root: Path, work_dir: Path | None, progress: Progress) -> BenchResult:
    with tempfile.TemporaryDirectory(prefix="bibliology-bench-backup-", dir=work_dir) as directory:
        archive = Path(directory) / "bench.tar"
        backup = create_backup(url, archive, media_root=media_root, progress=progress)
        manifest = backup.manifest
        result = BenchResult(
            tables=len(manifest.tables),
            rows=manifest.total_rows,
            dump_bytes=backup.dump_bytes,
            media_files=backup.media_files,
            media_bytes=backup.media_bytes,
        )
        result.steps.append(
            Step("backup (count, pg_dump, archive)", backup.seconds, backup.archive_bytes, result.rows)
        )
        with open(archive, "rb") as source:
            verified = verify_backup(url, source, progress=progress, work_dir=Path(directory))
        result.steps.append(
            Step(
                "restore (verify, pg_restore, compare)", verified.seconds, verified.archive_bytes, result.rows
            )
        )
        result.problems = verified.problems
    return result
