"""`bibliology bench`: the design's query patterns 1–4 as our services run them (uncached, and
cached for the two cacheable reads), beside the best hand-written SQL and the design's own Prisma
client, on the same rows of the same database (docs/benchmarks.md)."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

import psycopg
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bibliology.bench import anchor, handwritten
from bibliology.bench.timing import Timing, measure_together
from bibliology.cache import Cache, MemoryCache, RedisCache
from bibliology.console import NullProgress, Progress
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.enums import UserRole
from bibliology.pagination import MAX_PAGE_SIZE, PageParams
from bibliology.policy import ANONYMOUS, Actor
from bibliology.queries import course_outline, dashboard, lesson_tree, quiz_results
from bibliology.schema_check import libpq_url

PATTERNS = {
    "1": "course with lessons for student",
    "1v": "course with lessons for a visitor",
    "2s": "lesson tree (student)",
    "2t": "lesson tree (teacher)",
    "3": "student dashboard",
    "4": "quiz results",
}
# The anchor's query names, and which of our variants it compares with (its pattern 2 loads the
# questions in full: the teacher's tree).
PRISMA_NAMES = {
    "1_course_with_lessons_for_student": "1",
    "2_lesson_with_slides_blocks_quizzes": "2t",
    "3_student_dashboard": "3",
    "4_quiz_results": "4",
}
# What the cache serves: a student's outline carries their progress and is never cached.
CACHEABLE = ("1v", "2s", "2t")

# The largest published lesson of a published course, and the active student with the most
# enrollments in a published course (the anchor's picks, restricted to what a student may read).
_PICK_LESSON = text(
    """
    SELECT s.lesson_id, c.teacher_id FROM slides s
    JOIN lessons l ON l.id = s.lesson_id JOIN courses c ON c.id = l.course_id
    WHERE l.status = 'PUBLISHED' AND c.status = 'PUBLISHED'
    GROUP BY s.lesson_id, c.teacher_id ORDER BY count(*) DESC, s.lesson_id LIMIT 1
    """
)
_PICK_STUDENT = text(
    """
    WITH busiest AS (
      SELECT student_id FROM enrollments GROUP BY student_id ORDER BY count(*) DESC, student_id LIMIT 1)
    SELECT e.student_id, e.course_id FROM enrollments e JOIN busiest b ON b.student_id = e.student_id
    JOIN courses c ON c.id = e.course_id
    WHERE e.status = 'ACTIVE' AND c.status = 'PUBLISHED' ORDER BY e.last_accessed_at DESC LIMIT 1
    """
)


@dataclass(frozen=True)
class Picks:
    student_id: str
    course_id: str
    lesson_id: str
    teacher_id: str


@dataclass
class Result:
    pattern: str
    variant: str  # service, cached-memory, cached-redis, sql, prisma
    timing: Timing
    statements: int | None


@dataclass
class Run:
    database: str
    iterations: int
    concurrency: int
    picks: Picks
    results: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def find(self, pattern: str, variant: str) -> Result | None:
        return next((r for r in self.results if r.pattern == pattern and r.variant == variant), None)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def pick(sessions: sessionmaker[Session]) -> Picks:
    with unit_of_work(sessions) as session:
        lesson = session.execute(_PICK_LESSON).one_or_none()
        student = session.execute(_PICK_STUDENT).one_or_none()
    if lesson is None or student is None:
        raise ValueError(
            "no published lesson or active enrollment to benchmark: run `bibliology seed --scale N`"
        )
    return Picks(student.student_id, student.course_id, lesson.lesson_id, lesson.teacher_id)


def _services(picks: Picks) -> dict[str, Callable[[Session, Cache | None], object]]:
    student = Actor(picks.student_id, UserRole.STUDENT)
    teacher = Actor(picks.teacher_id, UserRole.TEACHER)
    pages = PageParams(page=1, page_size=MAX_PAGE_SIZE)
    return {
        "1": lambda s, c: course_outline.course_outline_json(
            s, actor=student, course_id=picks.course_id, lang="en", cache=c
        ),
        "1v": lambda s, c: course_outline.course_outline_json(
            s, actor=ANONYMOUS, course_id=picks.course_id, lang="en", cache=c
        ),
        # What the API sends: the JSON as PostgreSQL (or the cache) wrote it.
        "2s": lambda s, c: lesson_tree.lesson_tree_json(
            s, actor=student, lesson_id=picks.lesson_id, lang="en", cache=c
        ),
        "2t": lambda s, c: lesson_tree.lesson_tree_json(
            s, actor=teacher, lesson_id=picks.lesson_id, lang="en", cache=c
        ),
        "3": lambda s, c: dashboard.student_dashboard_json(
            s, actor=student, student_id=picks.student_id, lang="en"
        ),
        "4": lambda s, c: quiz_results.quiz_results_json(
            s, actor=student, student_id=picks.student_id, lang="en", pages=pages
        ),
    }


def _handwritten_params(picks: Picks) -> dict[str, dict[str, Any]]:
    return {
        "1": {"student_id": picks.student_id, "course_id": picks.course_id},
        "1v": {"student_id": None, "course_id": picks.course_id},
        "2s": {"lesson_id": picks.lesson_id},
        "2t": {"lesson_id": picks.lesson_id},
        "3": {"student_id": picks.student_id},
        "4": {
            "student_id": picks.student_id,
            "course_id": None,
            "page": 1,
            "limit": MAX_PAGE_SIZE,
            "offset": 0,
        },
    }


@contextmanager
def _connections(url: str, size: int) -> Iterator[queue.Queue[psycopg.Connection[Any]]]:
    """A plain pool of autocommit connections in UTC, for the hand-written SQL."""
    pool: queue.Queue[psycopg.Connection[Any]] = queue.Queue()
    opened = [
        psycopg.connect(libpq_url(url), autocommit=True, options="-c timezone=UTC") for _ in range(size)
    ]
    for conn in opened:
        pool.put(conn)
    try:
        yield pool
    finally:
        for conn in opened:
            conn.close()


def _count_statements(engine: Engine, call: Callable[[], object]) -> int:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def run(
    url: str,
    *,
    iterations: int,
    concurrency: int,
    redis_url: str | None = None,
    prisma: bool = True,
    patterns: tuple[str, ...] = tuple(PATTERNS),
    progress: Progress | None = None,
) -> Run:
    progress = progress or NullProgress()
    # The read-only pool, as the API's routes for these patterns use it (deps.read_only).
    engine = make_engine(url, pool_size=concurrency, read_only=True)
    try:
        sessions = session_factory(engine)
        picks = pick(sessions)
        bench = Run(
            database=url.rsplit("/", 1)[-1], iterations=iterations, concurrency=concurrency, picks=picks
        )
        caches: dict[str, Cache] = {"cached-memory": MemoryCache()}
        if redis_url:
            caches["cached-redis"] = RedisCache(redis_url, timeout_seconds=0.5)
        progress.start("benchmark", sum(len(_variants(p, caches)) for p in patterns) + (1 if prisma else 0))
        with _connections(url, concurrency) as pool:
            calls = _calls(sessions, engine, pool, picks, caches)
            for pattern in patterns:
                chosen = {variant: calls(pattern, variant) for variant in _variants(pattern, caches)}
                timings = measure_together(chosen, iterations=iterations, concurrency=concurrency)
                for variant, call in chosen.items():
                    statements = 1 if variant.startswith("sql") else _count_statements(engine, call)
                    bench.results.append(Result(pattern, variant, timings[variant], statements))
                    progress.advance()
        if prisma:
            _prisma(bench, url, iterations=iterations, concurrency=concurrency)
            progress.advance()
        return bench
    finally:
        engine.dispose()


def _variants(pattern: str, caches: dict[str, Cache]) -> list[str]:
    return ["service", "sql", "sql-raw"] + (list(caches) if pattern in CACHEABLE else [])


def _calls(
    sessions: sessionmaker[Session],
    engine: Engine,
    pool: queue.Queue[psycopg.Connection[Any]],
    picks: Picks,
    caches: dict[str, Cache],
) -> Callable[[str, str], Callable[[], object]]:
    """The call that measures one pattern in one variant."""
    services, params, sql = _services(picks), _handwritten_params(picks), handwritten.statements("en")

    def call(pattern: str, variant: str) -> Callable[[], object]:
        service = services[pattern]
        if variant == "sql":
            return lambda: handwritten.run_pooled(engine, sql[pattern], params[pattern])
        if variant == "sql-raw":

            def raw() -> object:
                conn = pool.get()
                try:
                    return handwritten.run(conn, sql[pattern], params[pattern])
                finally:
                    pool.put(conn)

            return raw
        cache = caches.get(variant)

        def through_service() -> object:
            with unit_of_work(sessions) as session:  # as a read-only request runs it
                return service(session, cache)

        return through_service

    return call


def _prisma(bench: Run, url: str, *, iterations: int, concurrency: int) -> None:
    try:
        anchor.prepare()
    except anchor.AnchorUnavailable as exc:
        bench.notes.append(f"Prisma anchor not run: {exc}")
        return
    picks = bench.picks
    lines = anchor.run_anchor(
        libpq_url(url),
        "bench",
        str(iterations),
        str(concurrency),
        env={"STUDENT_ID": picks.student_id, "COURSE_ID": picks.course_id, "LESSON_ID": picks.lesson_id},
        timeout=3600,
    )
    for line in lines:
        if "picked" in line:
            if line["picked"] != {
                "student_id": picks.student_id,
                "course_id": picks.course_id,
                "lesson_id": picks.lesson_id,
            }:
                raise RuntimeError(f"the anchor picked other rows: {line['picked']}")
            continue
        pattern = PRISMA_NAMES.get(line.get("query", ""))
        if pattern is None:
            continue
        timing = Timing(
            n=line["n"],
            p50_ms=line["p50_ms"],
            p95_ms=line["p95_ms"],
            p99_ms=line["p99_ms"],
            concurrency=line["concurrency"],
            per_s=line["per_s"],
        )
        bench.results.append(Result(pattern, "prisma", timing, None))
