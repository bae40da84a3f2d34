"""`bibliology bench-web` runs end to end on the seeded demo (its figures are for docs/benchmarks.md,
never asserted here: timings are benchmarks, not tests)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bibliology.bench.web import bench_web, report_table
from bibliology.config import Settings


def test_bench_web_measures_a_lesson_page_and_its_tree(live_url: str, tmp_path: Path) -> None:
    settings = Settings(
        BIBLIOLOGY_ENV="test", BIBLIOLOGY_DATA_DIR=tmp_path, DATABASE_URL=live_url, REDIS_URL=None
    )
    # In a thread of its own: Playwright's sync API keeps an asyncio loop running in this one once
    # any browser test of the package has run, and the benchmark's client starts its own loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(bench_web, live_url, settings=settings, iterations=10).result()
    assert result.target.page_path.startswith("/courses/")
    assert result.target.tree_path == f"/api/v1/lessons/{result.target.lesson_id}/tree"
    assert result.page_p50_ms > 0
    assert result.tree_p50_ms > 0
    assert result.static_bytes > 0
    assert report_table(result).row_count == 4
