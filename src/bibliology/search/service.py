"""Search published courses and lessons by words (PostgreSQL full text, per reading language) and by
Bible reference (VERSE blocks' verse ranges); see docs/search.md.

One statement ranks and pages the hits; snippets (`ts_headline`) are computed for the page's rows
only, on folded text, and mapped back onto the original characters in Python.
"""

# SQL text is assembled from constant fragments; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.bible import ordinals
from bibliology.errors import Invalid
from bibliology.i18n import SUPPORTED
from bibliology.policy import Actor
from bibliology.search.folding import fold_with_map
from bibliology.search.query import MAX_QUERY, ParsedQuery, parse_query

__all__ = ["CONFIGS", "STATEMENTS", "Hit", "Results", "plan", "search"]

CONFIGS = {"en": "english", "fr": "french"}
PAGE_SIZE = 20
CANDIDATES = 500  # matches ranked at most (and counted in `total`)
MAX_PAGE = 50  # deep pages of a ranked list are never read; a narrower query is
_START, _STOP, _GAP = "\ue000", "\ue001", "\ue002"  # private-use marks, never in stored text
_HEADLINE_OPTIONS = (
    f"StartSel={_START}, StopSel={_STOP}, FragmentDelimiter={_GAP}, "
    "MaxFragments=2, MaxWords=18, MinWords=6, ShortWord=2, HighlightAll=false"
)


@dataclass(frozen=True)
class Hit:
    kind: str  # "course" or "lesson"
    id: str
    slug: str
    course_id: str
    course_slug: str
    course_title: str
    title: str
    snippet: str
    snippet_html: str
    untranslated: bool  # a French reader's result in English: the content has no French yet
    status: str
    rank: float
    passages: list[str]  # OSIS of the lesson's VERSE blocks that overlap the searched reference


@dataclass(frozen=True)
class Results:
    query: str
    lang: str
    reference: str | None  # OSIS of the reference found in the query
    total: int
    page: int
    page_size: int
    items: list[Hit]


# Who sees what: published content of published courses; a teacher asking for drafts also sees the
# non-archived content of their own courses (an admin, of every course). Archived content never.
_VISIBLE = """
  c.status <> 'ARCHIVED' AND (l.id IS NULL OR l.status <> 'ARCHIVED')
  AND ((c.status = 'PUBLISHED' AND (l.id IS NULL OR l.status = 'PUBLISHED'))
       OR (CAST(:drafts AS boolean) AND (CAST(:admin AS boolean) OR c.teacher_id = :actor_id)))
  AND (CAST(:course AS text) IS NULL OR c.id = :course OR c.slug = :course)
"""

# A mixed query ("amour 1 Co 13"): lessons with the words and a VERSE block overlapping the passage.
_IN_PASSAGE = """
  (CAST(:ranges AS int4multirange) IS NULL OR (d.kind = 'lesson' AND EXISTS (
    SELECT 1 FROM search_passages sp
    WHERE sp.lesson_id = d.lesson_id AND sp.verses && CAST(:ranges AS int4multirange))))
"""

# Ranking reads search_terms (a lexeme's score in each document: title 1, description 0.5, content
# up to 0.25), never the documents' large TOASTed tsvectors. Each statement returns the page's
# (kind, entity_id, fallback, rank, doc_id, total); `total` counts at most :candidates matches.

# The query's words are stemmed here, by the reader's configuration (a stop word gives no lexeme
# and drops out, as in to_tsquery), so the statement needs no round trip before it.
_STEMMED = """
  (SELECT x.lexeme FROM unnest(to_tsvector(CAST(:cfg AS regconfig), CAST(:word AS text))) AS x LIMIT 1)
  COLLATE "C"
"""
_TERMS = """
  SELECT u.n, u.prefix,
         (SELECT x.lexeme FROM unnest(to_tsvector(CAST(:cfg AS regconfig), u.word)) AS x LIMIT 1) AS lexeme
  FROM unnest(CAST(:words AS text[]), CAST(:prefixes AS boolean[])) WITH ORDINALITY AS u(word, prefix, n)
"""
# A word's postings (equality: estimated from the lexemes' statistics) or a prefix's (a range).
# Kept apart so that the planner's estimate stays near the truth (one range condition for both
# made it think of ~800,000 rows and compile the statement with JIT, 200 ms).
_PER_TERM = """
per_term AS (
  SELECT t.n, p.doc_id, p.score  -- one posting per word and document (the key: doc_id, lexeme)
  FROM t JOIN search_terms p ON p.lang = :lang AND p.lexeme = t.lexeme COLLATE "C"
  WHERE NOT t.prefix {public}
  UNION ALL
  SELECT t.n, p.doc_id, max(p.score) AS score
  FROM t JOIN search_terms p ON p.lang = :lang
    AND p.lexeme >= t.lexeme COLLATE "C" AND p.lexeme <= (t.lexeme || :top) COLLATE "C"
  WHERE t.prefix {public}
  GROUP BY t.n, p.doc_id
),
-- "count >= terms" is "count = terms" (a term counts once per document), and is estimated better.
matched AS (
  SELECT doc_id, sum(score) AS rank FROM per_term GROUP BY doc_id
  HAVING count(*) >= (SELECT count(*) FROM t WHERE t.lexeme IS NOT NULL)
)"""
# Phrases need positions, which only the documents' tsvectors hold (~5 KB, TOASTed: ~35 µs a
# check). Of the documents holding every word (from the postings, ranked), the best :candidates
# are checked with `@@`, so a phrase of common words costs the same at any scale; `total` then
# counts the matches among them (the documents further down the ranking are never shown).
_LINED_UP = """
lined_up AS (
  SELECT v.*, count(*) OVER () AS total
  FROM best v JOIN search_documents d ON d.doc_id = v.doc_id
  WHERE d.document @@ to_tsquery(CAST(:cfg AS regconfig), :tsquery)
  ORDER BY v.rank DESC, v.doc_id LIMIT :limit OFFSET :offset
)"""
# The public statements' passage condition: the documents of the lessons whose VERSE blocks overlap
# it (GiST), gathered first (a few hundred), so that the matches are checked against a hash of them.
_PASSAGE_DOCS = """,
in_passage AS MATERIALIZED (
  SELECT (SELECT d.doc_id FROM search_documents d  -- a probe of the key each (not a scan of them all)
          WHERE d.kind = 'lesson' AND d.entity_id = sp.lesson_id AND d.lang = :lang) AS doc_id
  FROM search_passages sp WHERE sp.verses && CAST(:ranges AS int4multirange))"""
_IN_PASSAGE_PUBLIC = "m.doc_id IN (SELECT doc_id FROM in_passage)"

# One word: its postings in score order, so LIMIT stops the index scan after the page's rows.
_SINGLE = f"""
SELECT d.kind, d.entity_id, d.fallback, p.score AS rank, d.doc_id,
       (SELECT count(*) FROM (
          SELECT 1 FROM search_terms p
          JOIN search_documents d ON d.doc_id = p.doc_id
          JOIN courses c ON c.id = d.course_id
          LEFT JOIN lessons l ON l.id = d.lesson_id
          WHERE p.lang = :lang AND p.lexeme = {_STEMMED} AND {_VISIBLE}
          LIMIT :candidates) x) AS total
FROM search_terms p
JOIN search_documents d ON d.doc_id = p.doc_id
JOIN courses c ON c.id = d.course_id
LEFT JOIN lessons l ON l.id = d.lesson_id
WHERE p.lang = :lang AND p.lexeme = {_STEMMED} AND {_VISIBLE}
ORDER BY p.score DESC, p.doc_id
LIMIT :limit OFFSET :offset
"""


def _postings(*, phrases: bool) -> str:
    """Words, prefixes and phrases: each term's postings (a prefix is a range of the index: every
    lexeme that starts with it, its best score counting), documents that have every term, scores
    summed; joined to courses and lessons for the visibility rules."""
    visible = f"""
SELECT d.kind, d.entity_id, d.fallback, m.rank, d.doc_id{"" if phrases else ", least(count(*) OVER (), :candidates) AS total"}
FROM matched m
JOIN search_documents d ON d.doc_id = m.doc_id
JOIN courses c ON c.id = d.course_id
LEFT JOIN lessons l ON l.id = d.lesson_id
WHERE {_VISIBLE} AND {_IN_PASSAGE}
ORDER BY m.rank DESC, d.doc_id"""
    head = f"WITH t AS ({_TERMS}),\n{_PER_TERM.format(public='')}"
    if not phrases:
        return f"{head}{visible}\nLIMIT :limit OFFSET :offset\n"
    return (
        f"{head},\nbest AS MATERIALIZED ({visible} LIMIT :candidates),{_LINED_UP}\nSELECT * FROM lined_up\n"
    )


# The same for anonymous visitors and students without a course filter (most searches): the terms'
# and documents' `public` flag stands for the visibility rules, so nothing joins courses or lessons
# and the page's 20 rows are the only documents read.
_SINGLE_PUBLIC = f"""
SELECT d.kind, d.entity_id, d.fallback, p.score AS rank, p.doc_id,
       (SELECT count(*) FROM (
          SELECT 1 FROM search_terms p
          WHERE p.lang = :lang AND p.lexeme = {_STEMMED} AND p.public
          LIMIT :candidates) x) AS total
FROM search_terms p
JOIN search_documents d ON d.doc_id = p.doc_id
WHERE p.lang = :lang AND p.lexeme = {_STEMMED} AND p.public
ORDER BY p.score DESC, p.doc_id
LIMIT :limit OFFSET :offset
"""


def _postings_public(*, phrases: bool, passage: bool) -> str:
    """`_postings` on the public postings: only the page's documents are read (and, for a phrase,
    the best :candidates checked)."""
    where = _IN_PASSAGE_PUBLIC if passage else "TRUE"
    head = f"""
WITH t AS ({_TERMS}),
{_PER_TERM.format(public="AND p.public")}{_PASSAGE_DOCS if passage else ""},"""
    if phrases:
        ranking = f"""
best AS MATERIALIZED (
  SELECT m.doc_id, m.rank FROM matched m WHERE {where}
  ORDER BY m.rank DESC, m.doc_id LIMIT :candidates
),{_LINED_UP},
ranked AS (SELECT doc_id, rank, total FROM lined_up)"""
    else:
        ranking = f"""
ranked AS (
  SELECT m.doc_id, m.rank, least(count(*) OVER (), :candidates) AS total FROM matched m
  WHERE {where}
  ORDER BY m.rank DESC, m.doc_id LIMIT :limit OFFSET :offset
)"""
    return f"""{head}{ranking}
SELECT d.kind, d.entity_id, d.fallback, r.rank, r.doc_id, r.total
FROM ranked r JOIN search_documents d ON d.doc_id = r.doc_id
"""


# A reference alone: lessons whose VERSE blocks overlap it, the most overlapping verses first. The
# passages are summed per lesson first (a well-known verse is quoted by thousands of blocks), then
# each lesson's document is probed once.
_OVERLAP = """
overlap AS (
  SELECT p.lesson_id, sum(upper(p.verses * r.range) - lower(p.verses * r.range))::real AS rank
  FROM search_passages p
  CROSS JOIN LATERAL unnest(CAST(:ranges AS int4multirange)) AS r(range)
  WHERE p.verses && CAST(:ranges AS int4multirange) AND p.verses && r.range
  GROUP BY p.lesson_id
)"""
_REFERENCE = f"""
WITH {_OVERLAP},
hits AS (
  SELECT 'lesson' AS kind, l.id AS entity_id, d.fallback, o.rank, d.doc_id
  FROM overlap o
  JOIN lessons l ON l.id = o.lesson_id
  JOIN courses c ON c.id = l.course_id
  JOIN search_documents d ON d.kind = 'lesson' AND d.entity_id = l.id AND d.lang = :lang
  WHERE {_VISIBLE}
)
SELECT kind, entity_id, fallback, rank, doc_id, count(*) OVER () AS total
FROM hits ORDER BY rank DESC, doc_id LIMIT :limit OFFSET :offset
"""

_REFERENCE_PUBLIC = f"""
WITH {_OVERLAP},
hits AS (
  SELECT 'lesson' AS kind, d.entity_id, d.fallback, o.rank, d.doc_id
  FROM overlap o
  JOIN search_documents d ON d.kind = 'lesson' AND d.entity_id = o.lesson_id AND d.lang = :lang
  WHERE d.public
)
SELECT kind, entity_id, fallback, rank, doc_id, count(*) OVER () AS total
FROM hits ORDER BY rank DESC, doc_id LIMIT :limit OFFSET :offset
"""

# The page's rows with what a result shows; snippets for these rows only.
_PAGE = """
WITH page AS MATERIALIZED ({ranking})
SELECT page.kind, page.entity_id, page.fallback, page.rank, page.total, d.title, c.id AS course_id, c.slug AS course_slug,
       COALESCE(CASE WHEN :lang = 'fr' THEN NULLIF(btrim(c.title_fr), '') END, c.title_en) AS course_title,
       COALESCE(l.slug, c.slug) AS slug, COALESCE(l.status, c.status)::text AS status,
       CASE WHEN CAST(:tsquery AS text) = '' THEN left(d.body, 240)
            ELSE ts_headline(CAST(:cfg AS regconfig), w.excerpt,
                             to_tsquery(CAST(:cfg AS regconfig), :tsquery), :options) END AS headline,
       substring(d.body FROM greatest(1, w.at - 240) FOR 720) AS body,
       ARRAY(SELECT b.content_en->>'reference' FROM search_passages p
             JOIN content_blocks b ON b.id = p.block_id
             WHERE CAST(:ranges AS int4multirange) IS NOT NULL AND p.lesson_id = d.lesson_id
               AND p.verses && CAST(:ranges AS int4multirange)
             GROUP BY b.id, b.content_en->>'reference' ORDER BY min(lower(p.verses))) AS passages
FROM page
JOIN search_documents d ON d.kind = page.kind AND d.entity_id = page.entity_id AND d.lang = :lang
-- ts_headline parses all it is given: give it the folded body (stored: folding 10 KB per result
-- cost ~20 ms) around the first lexeme's first occurrence (the title may hold the match: then the
-- body's start).
CROSS JOIN LATERAL (SELECT COALESCE(d.folded, '') AS folded) f
CROSS JOIN LATERAL (SELECT strpos(f.folded, COALESCE((regexp_match(
  CAST(to_tsquery(CAST(:cfg AS regconfig), :tsquery) AS text), '''([^'']+)'''))[1], '')) AS at) a
-- Folding only lengthens text (ligatures), so the original window [at - 240, at + 480) holds the
-- folded one [at - 160, at + 320) unless 80 ligatures precede the match.
CROSS JOIN LATERAL (SELECT a.at, substring(f.folded FROM greatest(1, a.at - 160) FOR 480) AS excerpt) w
JOIN courses c ON c.id = d.course_id
LEFT JOIN lessons l ON l.id = d.lesson_id
ORDER BY page.rank DESC, page.doc_id
"""
STATEMENTS = {
    name: _PAGE.format(ranking=ranking)
    for name, ranking in (
        ("single", _SINGLE),
        ("postings", _postings(phrases=False)),
        ("phrases", _postings(phrases=True)),
        ("single_public", _SINGLE_PUBLIC),
        ("postings_public", _postings_public(phrases=False, passage=False)),
        ("phrases_public", _postings_public(phrases=True, passage=False)),
        ("postings_passage_public", _postings_public(phrases=False, passage=True)),
        ("phrases_passage_public", _postings_public(phrases=True, passage=True)),
        ("reference", _REFERENCE),
        ("reference_public", _REFERENCE_PUBLIC),
    )
}
_SIMPLE = re.compile(r"'((?:[^']|'')+)'(:\*)?")
_TOP = "\U0010ffff"  # after every character: a prefix's range ends at prefix || _TOP (COLLATE "C")


def search(
    session: Session,
    *,
    actor: Actor,
    q: str,
    lang: str,
    course: str | None = None,
    page: int = 1,
    drafts: bool = False,
    page_size: int = PAGE_SIZE,
) -> Results:
    """Ranked results in the reader's language; Invalid for an empty or over-long query."""
    stripped = q.strip()
    if not stripped:
        raise Invalid("the search query is empty", [{"field": "q", "message": "give at least one word"}])
    if len(q) > MAX_QUERY:
        raise Invalid(
            f"the search query is longer than {MAX_QUERY} characters",
            [{"field": "q", "message": f"at most {MAX_QUERY} characters"}],
        )
    if lang not in SUPPORTED:
        raise Invalid(f"unsupported language {lang!r}", [{"field": "lang", "message": "en or fr"}])
    if not 1 <= page <= MAX_PAGE:
        raise Invalid(
            f"page must be between 1 and {MAX_PAGE}", [{"field": "page", "message": "out of range"}]
        )
    parsed = parse_query(q)
    params = _params(parsed, actor=actor, lang=lang, course=course, drafts=drafts)
    params |= {"limit": page_size, "offset": (page - 1) * page_size}
    name = plan(parsed, params)
    rows = session.execute(text(STATEMENTS[name]), params).all() if name else []
    total = rows[0].total if rows else 0
    hits = [_hit(row, params) for row in rows]
    return Results(
        query=q,
        lang=lang,
        reference=parsed.reference.osis if parsed.reference else None,
        total=total,
        page=page,
        page_size=page_size,
        items=hits,
    )


def plan(parsed: ParsedQuery, params: dict[str, Any]) -> str | None:
    """Which statement answers the query (a key of STATEMENTS, None for nothing to search), its
    parameters added to `params`: one word, or words, prefixes and phrases from the postings; the
    `_public` variants when the reader sees public documents only and gives no course (the stored
    `public` flag then stands for the visibility rules)."""
    public = not params["drafts"] and params["course"] is None
    passage = params["ranges"] is not None
    if not parsed.terms:
        return ("reference_public" if public else "reference") if passage else None
    rows = [_operand(term) for term in parsed.terms]
    if len(rows) == 1 and len(rows[0]) == 1 and not rows[0][0][1] and not passage:
        params["word"] = rows[0][0][0]
        return "single_public" if public else "single"
    # A phrase's words are also words: the documents holding them all are its candidates.
    params |= {
        "words": [word for words in rows for word, _ in words],
        "prefixes": [prefix for words in rows for _, prefix in words],
        "top": _TOP,
    }
    kind = "phrases" if any(len(words) > 1 for words in rows) else "postings"
    if not public:
        return kind
    return f"{kind}_passage_public" if passage else f"{kind}_public"


def _operand(term: str) -> list[tuple[str, bool]]:
    """A tsquery operand of parse_query as its words (a phrase's in order) and prefix flags."""
    parts = term.removeprefix("(").removesuffix(")").split(" <-> ") if term.startswith("(") else [term]
    out = []
    for part in parts:
        match = _SIMPLE.fullmatch(part)
        if match is None:  # parse_query quotes every word: this is a bug, not a user's error
            raise ValueError(f"unexpected search operand {term!r}")
        out.append((match[1].replace("''", "'"), bool(match[2])))
    return out


def _params(
    parsed: ParsedQuery, *, actor: Actor, lang: str, course: str | None, drafts: bool
) -> dict[str, Any]:
    return {
        "cfg": CONFIGS[lang],
        "lang": lang,
        "tsquery": parsed.tsquery,
        "ranges": ordinals.multirange(parsed.reference) if parsed.reference else None,
        "drafts": drafts and actor.can_teach,
        "admin": actor.is_admin,
        "actor_id": actor.user_id,
        "course": course,
        "options": _HEADLINE_OPTIONS,
        "candidates": CANDIDATES,
    }


def _hit(row: Any, params: dict[str, Any]) -> Hit:
    detail = row
    snippet, snippet_html = unfold_headline(detail.body or "", detail.headline or "")
    return Hit(
        kind=row.kind,
        id=row.entity_id,
        slug=detail.slug,
        course_id=detail.course_id,
        course_slug=detail.course_slug,
        course_title=detail.course_title,
        title=detail.title,
        snippet=snippet,
        snippet_html=snippet_html,
        untranslated=bool(row.fallback) and params["lang"] != "en",
        status=detail.status,
        rank=float(row.rank),
        passages=[p for p in detail.passages if p],
    )


def unfold_headline(body: str, headline: str) -> tuple[str, str]:
    """`ts_headline` ran on the folded body (so that "evangile" highlights "Évangile"): find each of its
    fragments in the folded body and show the original characters, matches in <mark>.

    Returns the plain snippet and its HTML (escaped, with <mark> around matches). A fragment that
    cannot be located (the two lower() functions disagreeing on some rare character) is shown as
    PostgreSQL returned it."""
    folded, index = fold_with_map(body)
    plain_parts: list[str] = []
    html_parts: list[str] = []
    cursor = 0
    for fragment in headline.split(_GAP):
        bare = fragment.replace(_START, "").replace(_STOP, "")
        if not bare.strip():
            continue
        at = folded.find(bare, cursor)
        if at < 0:
            at = folded.find(bare)
        if at < 0:
            plain_parts.append(bare.strip())
            html_parts.append(html.escape(bare.strip()).replace(_START, "<mark>").replace(_STOP, "</mark>"))
            continue
        cursor = at + len(bare)
        plain, marked = _map_fragment(body, index, fragment, at)
        plain_parts.append(plain)
        html_parts.append(marked)
    return " … ".join(plain_parts), " … ".join(html_parts)


def _map_fragment(body: str, index: list[int], fragment: str, at: int) -> tuple[str, str]:
    pieces: list[str] = []
    plain: list[str] = []
    position = at  # in the folded body
    start_original = index[at] if at < len(index) else len(body)
    original = start_original
    for part, mark in _split_marks(fragment):
        end = position + len(part)
        end_original = index[end] if end < len(index) else len(body)
        piece = body[original:end_original]
        plain.append(piece)
        pieces.append(f"<mark>{html.escape(piece)}</mark>" if mark else html.escape(piece))
        position, original = end, end_original
    return "".join(plain).strip(), "".join(pieces).strip()


def _split_marks(fragment: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    marked = False
    buffer = ""
    for ch in fragment:
        if ch in (_START, _STOP):
            if buffer:
                out.append((buffer, marked))
            buffer = ""
            marked = ch == _START
        else:
            buffer += ch
    if buffer:
        out.append((buffer, marked))
    return out
