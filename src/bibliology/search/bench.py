"""`bibliology bench-search`: the search service on 50 queries (words, prefixes, phrases,
references, mixed, both languages) against the design's query 5 — `ILIKE '%term%'` over titles,
descriptions and the blocks' JSON, corrected to reach blocks through slides — on the same database,
with the plans that show which indexes answer (docs/benchmarks.md).

Query 5 scans every block for a rare term, so it runs on the word queries only, a few times each.
"""

# SQL text is assembled from constant fragments; every value is bound.

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from bibliology.bench.timing import percentile
from bibliology.console import NullProgress, Progress
from bibliology.policy import ANONYMOUS
from bibliology.search import service
from bibliology.search.query import parse_query

__all__ = ["QUERIES", "QUERY_5", "SearchBench", "run"]

# (query, reading language): 50 of them. KINDS names the kind of each slice.
QUERIES: tuple[tuple[str, str], ...] = (
    # words, English
    ("grace", "en"), ("covenant", "en"), ("resurrection", "en"), ("mercy", "en"), ("kingdom", "en"),
    ("Melchizedek", "en"), ("Nicodemus", "en"), ("Zacchaeus", "en"), ("Corinth", "en"), ("Nineveh", "en"),
    ("faithfulness", "en"), ("holiness", "en"), ("wilderness", "en"), ("Habakkuk", "en"), ("Onesimus", "en"),
    # words, French (accents or not)
    ("grâce", "fr"), ("alliance", "fr"), ("evangile", "fr"), ("misericorde", "fr"), ("esperance", "fr"),
    ("Melchisédek", "fr"), ("Nicodeme", "fr"), ("Zachée", "fr"), ("Corinthe", "fr"), ("Ninive", "fr"),
    ("coeur", "fr"), ("l'Esprit", "fr"), ("graces", "fr"), ("Ephese", "fr"), ("Onésime", "fr"),
    # prefixes (search as you type)
    ("esp", "fr"), ("resur", "en"), ("Nabucho", "fr"), ("Bethl", "en"), ("prophe", "fr"),
    # phrases
    ('"kingdom of heaven"', "en"), ('"grace of God"', "en"), ('"royaume des cieux"', "fr"),
    ('"la grâce de Dieu"', "fr"), ('"new creation"', "en"),
    # references, and words with a reference
    ("Jean 3,16", "fr"), ("Rom 8:28", "en"), ("Ps 23", "en"), ("1 Co 13:4-7", "fr"), ("Romains 8,31", "fr"),
    ("Genèse 1", "fr"), ("John 1:1", "en"), ("amour 1 Co 13", "fr"), ("love John 3", "en"), ("Esaie 53", "fr"),
)  # fmt: skip
KINDS: tuple[tuple[str, slice], ...] = (
    ("words", slice(0, 30)),
    ("prefixes", slice(30, 35)),
    ("phrases", slice(35, 40)),
    ("references (and mixed)", slice(40, 50)),
)

# The design's query 5 with the join it needs (content_blocks has no lesson_id).
QUERY_5 = """
SELECT l.*, c.title_en AS course_title
FROM lessons l
JOIN courses c ON l.course_id = c.id
WHERE l.status = 'PUBLISHED'
  AND (
    l.title_en ILIKE :pattern
    OR l.description_en ILIKE :pattern
    OR EXISTS (
      SELECT 1 FROM content_blocks cb JOIN slides s ON s.id = cb.slide_id
      WHERE s.lesson_id = l.id AND cb.content_en::text ILIKE :pattern
    )
  )
LIMIT 20
"""


@dataclass(frozen=True)
class Figures:
    n: int
    p50_ms: float
    p95_ms: float
    max_ms: float


@dataclass(frozen=True)
class SearchBench:
    lessons: int
    blocks: int
    search: Figures
    query_5: Figures
    search_on_query_5_terms: Figures  # the same word queries as query 5, for the ratio
    by_kind: dict[str, Figures]
    plans: dict[str, list[str]]
    indexes_used: dict[str, list[str]]

    @property
    def p50_ratio(self) -> float:
        return self.query_5.p50_ms / max(self.search_on_query_5_terms.p50_ms, 1e-6)


def _figures(samples: list[float]) -> Figures:
    return Figures(
        n=len(samples),
        p50_ms=round(percentile(samples, 0.50), 2),
        p95_ms=round(percentile(samples, 0.95), 2),
        max_ms=round(max(samples), 2),
    )


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _query_5(session: Session, pattern: str) -> Callable[[], object]:
    return lambda: session.execute(text(QUERY_5), {"pattern": pattern}).all()


def _word_terms() -> list[tuple[str, str]]:
    """The single-word queries, which query 5 can run as `ILIKE '%word%'`."""
    return [(q, lang) for q, lang in QUERIES[:30] if q.isalpha()]


_INDEXES = (
    "search_terms_ranked_idx",
    "search_terms_pkey",
    "search_documents_doc_id_key",
    "search_documents_en_idx",
    "search_documents_fr_idx",
    "search_passages_verses_idx",
)


def _plan(session: Session, q: str, lang: str) -> list[str]:
    """The plan of the statement the service runs for `q` (the same statement, the same values)."""
    parsed = parse_query(q)
    params = service._params(parsed, actor=ANONYMOUS, lang=lang, course=None, drafts=False)
    params |= {"limit": service.PAGE_SIZE, "offset": 0}
    name = service.plan(parsed, params)
    if name is None:
        return ["(nothing to search)"]
    rows = session.execute(
        text("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF) " + service.STATEMENTS[name]), params
    )
    return [f"-- statement: {name}", *(row[0] for row in rows)]


def run(
    sessions: sessionmaker[Session],
    *,
    rounds: int = 5,
    query_5_rounds: int = 2,
    progress: Progress | None = None,
) -> SearchBench:
    """Time every query `rounds` times (after one warm-up pass) and query 5 `query_5_rounds` times."""
    progress = progress or NullProgress()
    with sessions() as session:
        lessons = session.scalar(text("SELECT count(*) FROM lessons")) or 0
        blocks = session.scalar(text("SELECT count(*) FROM content_blocks")) or 0

        def searcher(q: str, lang: str) -> Callable[[], object]:
            return lambda: service.search(session, actor=ANONYMOUS, q=q, lang=lang)

        for q, lang in QUERIES:  # warm-up: caches, plans
            searcher(q, lang)()
        progress.start("search: 50 queries", rounds * len(QUERIES))
        samples: list[float] = []
        per_query: list[list[float]] = [[] for _ in QUERIES]
        for _ in range(rounds):
            for i, (q, lang) in enumerate(QUERIES):
                took = _timed(searcher(q, lang))
                samples.append(took)
                per_query[i].append(took)
                progress.advance()
        by_kind = {kind: _figures([t for times in per_query[part] for t in times]) for kind, part in KINDS}
        terms = _word_terms()
        progress.start("query 5 (ILIKE)", query_5_rounds * len(terms))
        slow: list[float] = []
        fast: list[float] = []
        for _ in range(query_5_rounds):
            for q, lang in terms:
                slow.append(_timed(_query_5(session, f"%{q}%")))
                fast.append(_timed(searcher(q, lang)))
                progress.advance()
        plans = {
            "a word being typed (fr: evangile)": _plan(session, "evangile", "fr"),
            "a word, typed (en: grace, then a space)": _plan(session, "grace ", "en"),
            "two words (en: covenant mercy)": _plan(session, "covenant mercy", "en"),
            'a phrase (en: "kingdom of heaven")': _plan(session, '"kingdom of heaven"', "en"),
            "a reference (fr: Jean 3,16)": _plan(session, "Jean 3,16", "fr"),
            "words and a reference (fr: amour 1 Co 13)": _plan(session, "amour 1 Co 13", "fr"),
        }
        session.rollback()
    used = {
        name: [index for index in _INDEXES if any(index in line for line in plan)]
        for name, plan in plans.items()
    }
    return SearchBench(
        lessons=lessons,
        blocks=blocks,
        search=_figures(samples),
        query_5=_figures(slow),
        search_on_query_5_terms=_figures(fast),
        by_kind=by_kind,
        plans=plans,
        indexes_used=used,
    )


def report(bench: SearchBench, *, scale: str) -> str:
    """Markdown for docs/benchmarks.md."""
    lines = [
        f"### bench-search, {scale}: {bench.lessons:,} lessons, {bench.blocks:,} blocks",
        "",
        "| what | n | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---|",
    ]
    for name, figures in (
        ("search service, 50 queries", bench.search),
        *((f"— {kind}", figures) for kind, figures in bench.by_kind.items()),
        ("search service, query 5's word queries", bench.search_on_query_5_terms),
        ("query 5 (ILIKE, through slides), same word queries", bench.query_5),
    ):
        lines.append(f"| {name} | {figures.n} | {figures.p50_ms} | {figures.p95_ms} | {figures.max_ms} |")
    lines += ["", f"Query 5 / search at p50 on the same terms: **{bench.p50_ratio:.0f}×**.", ""]
    for name, plan in bench.plans.items():
        lines.append(f"Plan, {name} — indexes: {', '.join(bench.indexes_used[name]) or 'none'}")
        lines += ["", "```", *plan, "```", ""]
    return "\n".join(lines)
