"""Server-side SVG charts for the teacher's statistics pages: no script, no library, readable
without colour. Each chart is an `<svg role="img">` named by its `<title>` and summed up by its
`<desc>`; axes are labelled, every bar carries its value as text, and bars are hatched so a
printout in black and white still reads. The caller gives every word (already translated) and
shows the same numbers in a table beside the chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
FONT = 13


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: nothing to draw (shown as "—" or the caller's `missing` text)


def _svg(chart_id: str, title: str, desc: str, height: int, body: list[str]) -> Markup:
    hatch = (
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect width="6" height="6" class="chart-bar"/>'
        '<line x1="0" y1="0" x2="0" y2="6" class="chart-hatch"/></pattern></defs>'
    )
    return Markup(  # noqa: S704 - every text below went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}"'
        f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="{FONT}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{hatch}{"".join(body)}</svg>'
    )


def _text(x: float, y: float, words: str, *, anchor: str = "start", css: str = "chart-text") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{css}">{escape(words)}</text>'


def histogram(
    chart_id: str,
    *,
    title: str,
    desc: str,
    counts: Sequence[int],
    labels: Sequence[str],
    x_label: str,
    y_label: str,
) -> Markup:
    """Vertical bars, one per band (`labels[i]` under `counts[i]`), the count written above each."""
    height, left, right, top, bottom = 300, 56, 12, 24, 64
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    peak = max([*counts, 1])
    step = max(1, -(-peak // 4))  # at most 5 gridlines, whole numbers
    ceiling = step * -(-peak // step)
    slot = plot_w / max(1, len(counts))
    base = top + plot_h
    body = [f'<line x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}" class="chart-axis"/>']
    for tick in range(0, ceiling + 1, step):
        y = base - plot_h * tick / ceiling
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" class="chart-grid"/>')
        body.append(_text(left - 6, y + 4, str(tick), anchor="end"))
    for i, (count, label) in enumerate(zip(counts, labels, strict=True)):
        x = left + i * slot
        h = plot_h * count / ceiling
        if count:
            body.append(
                f'<rect x="{x + slot * 0.12:.1f}" y="{base - h:.1f}" width="{slot * 0.76:.1f}"'
                f' height="{h:.1f}" fill="url(#{chart_id}-hatch)" class="chart-outline"/>'
            )
        body.append(_text(x + slot / 2, base - h - 6, str(count), anchor="middle", css="chart-value"))
        body.append(_text(x + slot / 2, base + 18, label, anchor="middle"))
    body.append(_text(left + plot_w / 2, height - 14, x_label, anchor="middle", css="chart-label"))
    body.append(
        f'<text x="16" y="{top + plot_h / 2:.1f}" text-anchor="middle" class="chart-label"'
        f' transform="rotate(-90 16 {top + plot_h / 2:.1f})">{escape(y_label)}</text>'
    )
    return _svg(chart_id, title, desc, height, body)


def bars(
    chart_id: str,
    *,
    title: str,
    desc: str,
    rows: Sequence[Bar],
    low: float,
    high: float,
    ticks: Sequence[float],
    value_text: Callable[[float], str],
    missing: str,
    x_label: str,
) -> Markup:
    """Horizontal bars on a scale from `low` to `high` (which may straddle 0: bars then start at
    the zero line and go left for negative values), one row per `Bar`, its value written beside."""
    row_h, left, right, top = 30, 150, 70, 12
    height = top + row_h * max(1, len(rows)) + 52
    plot_w = WIDTH - left - right

    def at(value: float) -> float:
        return left + plot_w * (min(high, max(low, value)) - low) / (high - low)

    zero = at(0.0 if low <= 0 <= high else low)
    bottom = top + row_h * max(1, len(rows))
    body = []
    for tick in ticks:
        x = at(tick)
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" class="chart-grid"/>')
        body.append(_text(x, bottom + 16, value_text(tick), anchor="middle"))
    for i, row in enumerate(rows):
        y = top + i * row_h
        body.append(_text(left - 8, y + row_h / 2 + 4, row.label, anchor="end"))
        if row.value is None:
            body.append(_text(zero + 6, y + row_h / 2 + 4, missing, css="chart-value"))
            continue
        x = at(row.value)
        start, end = min(zero, x), max(zero, x)
        body.append(
            f'<rect x="{start:.1f}" y="{y + 6}" width="{max(end - start, 1):.1f}" height="{row_h - 12}"'
            f' fill="url(#{chart_id}-hatch)" class="chart-outline"/>'
        )
        words = value_text(row.value)
        if row.value < 0:
            body.append(_text(start - 4, y + row_h / 2 + 4, words, anchor="end", css="chart-value"))
        else:
            body.append(_text(end + 4, y + row_h / 2 + 4, words, css="chart-value"))
    body.append(f'<line x1="{zero:.1f}" y1="{top}" x2="{zero:.1f}" y2="{bottom}" class="chart-axis"/>')
    body.append(_text(left + plot_w / 2, height - 10, x_label, anchor="middle", css="chart-label"))
    return _svg(chart_id, title, desc, height, body)
