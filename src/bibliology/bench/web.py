"""`bibliology bench-web`: a lesson page's server time beside the lesson-tree JSON endpoint on the
same lesson, for the same signed-in student (issue 13: the page ≤ 1.5× the JSON), and the weight of
the JavaScript and CSS the pages ship (< 100 KB in all).

Both requests go through the whole application in process (routing, session, CSRF, policy, cache,
rendering), with no network between: what differs is what the page does beyond the JSON — its
extra reads (enrolment, progress, notes) and the template. They alternate call by call, so a
machine whose load changes weighs on both alike.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from rich.table import Table
from sqlalchemy import text
from starlette.types import ASGIApp, Message, Scope

from bibliology import models  # noqa: F401  (every mapper registered: the bench runs outside a request)
from bibliology.accounts import sessions
from bibliology.app import create_app
from bibliology.bench.timing import WARMUP, percentile
from bibliology.config import Settings
from bibliology.console import NullProgress, Progress
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.http import SESSION_COOKIE
from bibliology.web import STATIC_DIR

TARGET_RATIO = 1.5
STATIC_BUDGET_BYTES = 100 * 1024

# A published lesson of a published course with an active student enrolled, and its middle slide:
# the lesson with the most content blocks, so the page has the most to render.
_PICK = text(
    """
    WITH sized AS (
        SELECT s.lesson_id, count(DISTINCT s.id) AS slides, count(b.id) AS blocks
        FROM slides s LEFT JOIN content_blocks b ON b.slide_id = s.id
        GROUP BY s.lesson_id
    )
    SELECT l.id AS lesson_id, l.slug AS lesson_slug, c.slug AS course_slug, sized.slides, sized.blocks,
           (SELECT e.student_id FROM enrollments e JOIN users u ON u.id = e.student_id AND u.role = 'STUDENT'
             WHERE e.course_id = c.id AND e.status = 'ACTIVE' ORDER BY e.student_id LIMIT 1) AS student_id
    FROM sized
    JOIN lessons l ON l.id = sized.lesson_id AND l.status = 'PUBLISHED'
    JOIN courses c ON c.id = l.course_id AND c.status = 'PUBLISHED'
    WHERE EXISTS (SELECT 1 FROM enrollments e WHERE e.course_id = c.id AND e.status = 'ACTIVE')
    ORDER BY sized.blocks DESC, l.id
    LIMIT 1
    """
)


@dataclass(frozen=True)
class Target:
    lesson_id: str
    page_path: str
    tree_path: str
    slides: int
    blocks: int


@dataclass(frozen=True)
class WebResult:
    target: Target
    iterations: int
    page_p50_ms: float
    page_p95_ms: float
    tree_p50_ms: float
    tree_p95_ms: float
    static_bytes: int

    @property
    def ratio(self) -> float:
        return self.page_p50_ms / self.tree_p50_ms

    @property
    def met(self) -> bool:
        return self.ratio <= TARGET_RATIO and self.static_bytes < STATIC_BUDGET_BYTES


def static_bytes(root: Path = STATIC_DIR) -> int:
    """Every .js and .css file the pages can load (vendored ones included)."""
    return sum(path.stat().st_size for path in root.rglob("*") if path.suffix in {".js", ".css"})


def bench_web(
    url: str, *, settings: Settings, iterations: int = 300, progress: Progress | None = None
) -> WebResult:
    progress = progress or NullProgress()
    engine = make_engine(url, pool_size=2)
    try:
        with unit_of_work(session_factory(engine)) as session:
            row = session.execute(_PICK).mappings().first()
            if row is None:
                raise LookupError(
                    "no published lesson with an active enrolment: run `bibliology seed --scale 10` first"
                )
            token, _ = sessions.create(session, user_id=row["student_id"], lifetime=dt.timedelta(hours=1))
        middle = max(1, (int(row["slides"]) + 1) // 2)
        target = Target(
            lesson_id=row["lesson_id"],
            page_path=f"/courses/{row['course_slug']}/lessons/{row['lesson_slug']}/slides/{middle}",
            tree_path=f"/api/v1/lessons/{row['lesson_id']}/tree",
            slides=int(row["slides"]),
            blocks=int(row["blocks"]),
        )
        app = create_app(url, settings=settings, engine=engine)
        cookie = f"{SESSION_COOKIE}={token}"
        try:
            samples = asyncio.run(_measure(app, target, cookie, iterations, progress))
        finally:
            app.state.read_engine.dispose()  # the app's own (no lifespan runs here)
    finally:
        engine.dispose()
    return WebResult(
        target=target,
        iterations=iterations,
        page_p50_ms=round(percentile(samples["page"], 0.50), 3),
        page_p95_ms=round(percentile(samples["page"], 0.95), 3),
        tree_p50_ms=round(percentile(samples["tree"], 0.50), 3),
        tree_p95_ms=round(percentile(samples["tree"], 0.95), 3),
        static_bytes=static_bytes(),
    )


async def _measure(
    app: ASGIApp, target: Target, cookie: str, iterations: int, progress: Progress
) -> dict[str, list[float]]:
    calls = {"page": (target.page_path, "text/html"), "tree": (target.tree_path, "application/json")}
    for name, (path, accept) in calls.items():
        for _ in range(WARMUP):
            status, body = await _get(app, path, accept, cookie)
            if status != 200:
                raise RuntimeError(f"{name} {path} answered {status}: {body[:300].decode(errors='replace')}")
    samples: dict[str, list[float]] = {name: [] for name in calls}
    progress.start("lesson page vs lesson tree", iterations)
    for _ in range(iterations):
        for name, (path, accept) in calls.items():
            started = time.perf_counter()
            await _get(app, path, accept, cookie)
            samples[name].append((time.perf_counter() - started) * 1000)
        progress.advance()
    return samples


async def _get(app: ASGIApp, path: str, accept: str, cookie: str) -> tuple[int, bytes]:
    """One GET straight into the ASGI app (no client library, no socket): the server's time only."""
    scope: Scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"accept", accept.encode()), (b"cookie", cookie.encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    status = 0
    body = bytearray()

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    await app(scope, receive, send)
    return status, bytes(body)


def report_table(result: WebResult) -> Table:
    table = Table(
        title=f"web pages ({result.iterations} calls each, lesson of {result.target.blocks} blocks)"
    )
    for column in ("what", "p50 ms", "p95 ms", "target", "met"):
        table.add_column(column)
    table.add_row(
        "lesson page " + result.target.page_path, f"{result.page_p50_ms}", f"{result.page_p95_ms}", "", ""
    )
    table.add_row(
        "lesson tree " + result.target.tree_path, f"{result.tree_p50_ms}", f"{result.tree_p95_ms}", "", ""
    )
    table.add_row(
        "page / tree (p50)",
        f"{result.ratio:.2f}×",
        "",
        f"≤ {TARGET_RATIO}×",
        _yes(result.ratio <= TARGET_RATIO),
    )
    kb = result.static_bytes / 1024
    table.add_row(
        "JS + CSS under static/",
        f"{kb:.1f} KB",
        "",
        "< 100 KB",
        _yes(result.static_bytes < STATIC_BUDGET_BYTES),
    )
    return table


def _yes(ok: bool) -> str:
    return "[green]yes[/green]" if ok else "[red]no[/red]"
