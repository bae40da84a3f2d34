"""The pages' weight (issue 13): all the JavaScript and CSS under static/ stays under 100 KB."""

from __future__ import annotations

from bibliology.bench.web import STATIC_BUDGET_BYTES, static_bytes
from bibliology.web import STATIC_DIR


def test_javascript_and_css_stay_under_100_kb() -> None:
    files = sorted(p for p in STATIC_DIR.rglob("*") if p.suffix in {".js", ".css"})
    assert files, f"no JS or CSS found under {STATIC_DIR}"
    total = static_bytes()
    listing = ", ".join(f"{p.relative_to(STATIC_DIR)} {p.stat().st_size / 1024:.1f} KB" for p in files)
    assert total < STATIC_BUDGET_BYTES, f"{total / 1024:.1f} KB of JS + CSS (budget 100 KB): {listing}"
