"""The benchmark's table: every measurement, then the ratios the issue sets as targets."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table

from bibliology.bench.run import CACHEABLE, PATTERNS, Run

# (what, target, higher is better)
TARGETS = {
    "prisma p50 / service p50": (2.0, True),
    "service rps / prisma rps": (2.0, True),
    "service p50 / sql p50": (1.5, False),
    "service p50 / sql-raw p50": (1.5, False),
    "cached rps / uncached rps": (5.0, True),
    # Not targets of ours: whether the hand-written SQL alone, without Python, would meet the
    # Prisma targets on this machine (where it does not, no service can).
    "prisma p50 / sql-raw p50": (2.0, True),
    "sql-raw rps / prisma rps": (2.0, True),
}


@dataclass(frozen=True)
class Ratio:
    pattern: str
    what: str
    value: float
    target: float
    met: bool


def ratios(run: Run) -> list[Ratio]:
    found: list[Ratio] = []

    def add(pattern: str, what: str, value: float) -> None:
        target, higher = TARGETS[what.split(" (")[0]]
        met = value >= target if higher else value <= target
        found.append(Ratio(pattern, what, round(value, 2), target, met))

    for pattern in PATTERNS:
        service, prisma = run.find(pattern, "service"), run.find(pattern, "prisma")
        if service is None:
            continue
        for variant in ("sql", "sql-raw"):
            if (sql := run.find(pattern, variant)) is not None:
                add(pattern, f"service p50 / {variant} p50", service.timing.p50_ms / sql.timing.p50_ms)
        if prisma is not None:
            add(pattern, "prisma p50 / service p50", prisma.timing.p50_ms / service.timing.p50_ms)
            add(pattern, "service rps / prisma rps", service.timing.per_s / prisma.timing.per_s)
            if (raw := run.find(pattern, "sql-raw")) is not None:
                add(pattern, "prisma p50 / sql-raw p50 (floor)", prisma.timing.p50_ms / raw.timing.p50_ms)
                add(pattern, "sql-raw rps / prisma rps (floor)", raw.timing.per_s / prisma.timing.per_s)
        if pattern in CACHEABLE:
            for variant in ("cached-memory", "cached-redis"):
                if (cached := run.find(pattern, variant)) is not None:
                    what = f"cached rps / uncached rps ({variant.removeprefix('cached-')})"
                    add(pattern, what, cached.timing.per_s / service.timing.per_s)
    return found


def results_table(run: Run) -> Table:
    table = Table(
        title=f"{run.database}: {run.iterations} calls, {run.concurrency} concurrent", title_justify="left"
    )
    for name in ("pattern", "variant", "p50 ms", "p95 ms", "p99 ms", "calls/s", "statements"):
        table.add_column(name, justify="left" if name in ("pattern", "variant") else "right")
    for result in run.results:
        t = result.timing
        table.add_row(
            f"{result.pattern} {PATTERNS[result.pattern]}",
            result.variant,
            f"{t.p50_ms:.3f}",
            f"{t.p95_ms:.3f}",
            f"{t.p99_ms:.3f}",
            f"{t.per_s:,.0f}",
            "–" if result.statements is None else str(result.statements),
        )
    return table


def ratios_table(found: list[Ratio]) -> Table:
    table = Table(title="ratios against the targets", title_justify="left")
    for name in ("pattern", "ratio", "value", "target", ""):
        table.add_column(name, justify="right" if name in ("value", "target") else "left")
    for ratio in found:
        sign = "≥" if TARGETS[ratio.what.split(" (")[0]][1] else "≤"
        table.add_row(
            f"{ratio.pattern} {PATTERNS[ratio.pattern]}",
            ratio.what,
            f"{ratio.value:.2f}×",
            f"{sign} {ratio.target:g}×",
            "[green]met[/green]" if ratio.met else "[red]missed[/red]",
        )
    return table


def markdown(run: Run, found: list[Ratio]) -> str:
    """Both tables as Markdown, for docs/benchmarks.md."""
    lines = [
        f"{run.database}, {run.iterations} calls per measurement, {run.concurrency} concurrent clients for the rate",
        "",
        "| pattern | variant | p50 ms | p95 ms | p99 ms | calls/s | statements |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in sorted(run.results, key=lambda r: (list(PATTERNS).index(r.pattern), r.variant)):
        t = result.timing
        statements = "–" if result.statements is None else str(result.statements)
        lines.append(
            f"| {result.pattern} {PATTERNS[result.pattern]} | {result.variant} | {t.p50_ms:.2f} | "
            f"{t.p95_ms:.2f} | {t.p99_ms:.2f} | {t.per_s:,.0f} | {statements} |"
        )
    lines += ["", "| pattern | ratio | value | target | |", "| --- | --- | ---: | ---: | --- |"]
    for ratio in found:
        sign = "≥" if TARGETS[ratio.what.split(" (")[0]][1] else "≤"
        lines.append(
            f"| {ratio.pattern} | {ratio.what} | {ratio.value:.2f}× | {sign} {ratio.target:g}× | "
            f"{'met' if ratio.met else '**missed**'} |"
        )
    return "\n".join(lines) + "\n"
