"""search ranking: lexeme scores and folded bodies

`search_terms`: one row per lexeme of each search document with its score (title 1, description 0.5,
content up to 0.25), indexed in score order per lexeme, so a word's best documents are read first
(`LIMIT` in the index scan) instead of ranking every match's large TOASTed tsvector; prefixes are
ranges of the same index (byte order, COLLATE "C"). `search_documents.doc_id` (identity) keys
them; `search_documents.folded` holds the folded body, where snippets find the match (folding a
10 KB body per result at query time cost ~20 ms a row); `public` (on both) says whether anonymous
visitors and students see the document, so their searches need not join courses and lessons (a
status change now refreshes). The refresh functions write all of it in the writing transaction, as
before; the existing documents are filled here.
Frozen: this file imports no application code (copy of bibliology/search/schema.py).

Revision ID: 0012_search_rank
Revises: 0011_deactivation
Create Date: 2026-12-03 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_search_rank"
down_revision: str | None = "0011_deactivation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_TERM_SCORE = """
CREATE OR REPLACE FUNCTION search_term_score(weights text[]) RETURNS real
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT (CASE WHEN 'A' = ANY(weights) THEN 1.0 ELSE 0.0 END
        + CASE WHEN 'B' = ANY(weights) THEN 0.5 ELSE 0.0 END
        + 0.25 * cardinality(array_positions(weights, 'C'))
               / (cardinality(array_positions(weights, 'C')) + 1.0))::real
$$
"""

SEARCH_REFRESH_TERMS = """
CREATE OR REPLACE FUNCTION search_refresh_terms(doc_kind text, ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_terms t USING search_documents d
  WHERE t.doc_id = d.doc_id AND d.kind = doc_kind AND d.entity_id = ANY(ids);
  INSERT INTO search_terms (doc_id, lexeme, lang, score, public)
  SELECT d.doc_id, u.lexeme, d.lang, search_term_score(u.weights), d.public
  FROM search_documents d CROSS JOIN LATERAL unnest(d.document) u
  WHERE d.kind = doc_kind AND d.entity_id = ANY(ids);
END
$$
"""

SEARCH_REFRESH_LESSONS = r"""
CREATE OR REPLACE FUNCTION search_refresh_lessons(ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  -- One refresher per lesson at a time; the next statement's snapshot then sees the other's rows.
  PERFORM 1 FROM lessons WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  INSERT INTO search_documents AS d
    (kind, entity_id, lang, course_id, lesson_id, fallback, title, body, document, folded, public)
  SELECT 'lesson', l.id, g.lang, l.course_id, l.id, g.lang = 'fr' AND NULLIF(btrim(l.title_fr), '') IS NULL,
         t.title, concat_ws(E'\n', t.description, t.content),
         setweight(to_tsvector(g.cfg, f.title), 'A')
         || setweight(to_tsvector(g.cfg, COALESCE(f.description, '')), 'B')
         || setweight(to_tsvector(g.cfg, COALESCE(f.content, '')), 'C'),
         concat_ws(E'\n', f.description, f.content),
         c.status = 'PUBLISHED' AND l.status = 'PUBLISHED'
  FROM lessons l
  JOIN courses c ON c.id = l.course_id
  CROSS JOIN (VALUES ('en', 'english'::regconfig), ('fr', 'french'::regconfig)) AS g(lang, cfg)
  CROSS JOIN LATERAL (
    SELECT CASE WHEN g.lang = 'fr' THEN COALESCE(NULLIF(btrim(l.title_fr), ''), l.title_en)
                ELSE l.title_en END AS title,
           search_plain(CASE WHEN g.lang = 'fr' THEN COALESCE(NULLIF(btrim(l.description_fr), ''), l.description_en)
                ELSE l.description_en END) AS description,
           (SELECT string_agg(p.part, E'\n' ORDER BY s.slide_order, p.ord)
            FROM slides s
            CROSS JOIN LATERAL (
              SELECT -1 AS ord, search_plain(CASE WHEN g.lang = 'fr'
                THEN COALESCE(NULLIF(btrim(s.title_fr), ''), s.title_en) ELSE s.title_en END) AS part
              UNION ALL
              SELECT b.block_order, search_block_text(b.block_type::text, CASE WHEN g.lang = 'fr'
                THEN COALESCE(NULLIF(b.content_fr, 'null'::jsonb), b.content_en) ELSE b.content_en END)
              FROM content_blocks b WHERE b.slide_id = s.id) p
            WHERE s.lesson_id = l.id AND NULLIF(btrim(p.part), '') IS NOT NULL) AS content
  ) t
  -- Folded once (search_fold is the costly part of a refresh), for the document and for snippets.
  CROSS JOIN LATERAL (SELECT search_fold(t.title) AS title, search_fold(t.description) AS description,
                             search_fold(t.content) AS content) f
  WHERE l.id = ANY(ids)
  ON CONFLICT (kind, entity_id, lang) DO UPDATE
    SET course_id = EXCLUDED.course_id, lesson_id = EXCLUDED.lesson_id, fallback = EXCLUDED.fallback,
        title = EXCLUDED.title, body = EXCLUDED.body, document = EXCLUDED.document,
        folded = EXCLUDED.folded, public = EXCLUDED.public;
  PERFORM search_refresh_terms('lesson', ids);
END
$$
"""

SEARCH_REFRESH_COURSES = """
CREATE OR REPLACE FUNCTION search_refresh_courses(ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM courses WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  INSERT INTO search_documents AS d
    (kind, entity_id, lang, course_id, lesson_id, fallback, title, body, document, folded, public)
  SELECT 'course', c.id, g.lang, c.id, NULL, g.lang = 'fr' AND NULLIF(btrim(c.title_fr), '') IS NULL,
         t.title, t.description,
         setweight(to_tsvector(g.cfg, search_fold(t.title)), 'A')
         || setweight(to_tsvector(g.cfg, search_fold(COALESCE(t.description, ''))), 'B'),
         search_fold(t.description), c.status = 'PUBLISHED'
  FROM courses c
  CROSS JOIN (VALUES ('en', 'english'::regconfig), ('fr', 'french'::regconfig)) AS g(lang, cfg)
  CROSS JOIN LATERAL (
    SELECT CASE WHEN g.lang = 'fr' THEN COALESCE(NULLIF(btrim(c.title_fr), ''), c.title_en)
                ELSE c.title_en END AS title,
           search_plain(CASE WHEN g.lang = 'fr' THEN COALESCE(NULLIF(btrim(c.description_fr), ''), c.description_en)
                ELSE c.description_en END) AS description
  ) t
  WHERE c.id = ANY(ids)
  ON CONFLICT (kind, entity_id, lang) DO UPDATE
    SET fallback = EXCLUDED.fallback, title = EXCLUDED.title, body = EXCLUDED.body,
        document = EXCLUDED.document, folded = EXCLUDED.folded, public = EXCLUDED.public;
  PERFORM search_refresh_terms('course', ids);
END
$$
"""

SEARCH_COURSES_CHANGED = """
CREATE OR REPLACE FUNCTION search_courses_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM search_refresh_courses(ARRAY(SELECT id FROM new_rows));
  ELSE
    PERFORM search_refresh_courses(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.title_en, n.title_fr, n.description_en, n.description_fr, n.status)
            IS DISTINCT FROM (o.title_en, o.title_fr, o.description_en, o.description_fr, o.status)));
    -- Publishing or archiving a course shows or hides its lessons (search_documents.public).
    PERFORM search_refresh_lessons(ARRAY(
      SELECT l.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN lessons l ON l.course_id = n.id
      WHERE n.status IS DISTINCT FROM o.status));
  END IF;
  RETURN NULL;
END
$$
"""

SEARCH_LESSONS_CHANGED = """
CREATE OR REPLACE FUNCTION search_lessons_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM search_refresh_lessons(ARRAY(SELECT id FROM new_rows));
  ELSE
    PERFORM search_refresh_lessons(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.course_id, n.title_en, n.title_fr, n.description_en, n.description_fr, n.status)
            IS DISTINCT FROM (o.course_id, o.title_en, o.title_fr, o.description_en, o.description_fr, o.status)));
  END IF;
  RETURN NULL;
END
$$
"""

# The versions of 0010_search, for downgrade.
OLD_REFRESH_LESSONS = r"""
CREATE OR REPLACE FUNCTION search_refresh_lessons(ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  -- One refresher per lesson at a time; the next statement's snapshot then sees the other's rows.
  PERFORM 1 FROM lessons WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  INSERT INTO search_documents AS d
    (kind, entity_id, lang, course_id, lesson_id, fallback, title, body, document)
  SELECT 'lesson', l.id, g.lang, l.course_id, l.id, g.lang = 'fr' AND NULLIF(btrim(l.title_fr), '') IS NULL,
         t.title, concat_ws(E'\n', t.description, t.content),
         setweight(to_tsvector(g.cfg, search_fold(t.title)), 'A')
         || setweight(to_tsvector(g.cfg, search_fold(COALESCE(t.description, ''))), 'B')
         || setweight(to_tsvector(g.cfg, search_fold(COALESCE(t.content, ''))), 'C')
  FROM lessons l
  CROSS JOIN (VALUES ('en', 'english'::regconfig), ('fr', 'french'::regconfig)) AS g(lang, cfg)
  CROSS JOIN LATERAL (
    SELECT CASE WHEN g.lang = 'fr' THEN COALESCE(NULLIF(btrim(l.title_fr), ''), l.title_en)
                ELSE l.title_en END AS title,
           search_plain(CASE WHEN g.lang = 'fr' THEN COALESCE(NULLIF(btrim(l.description_fr), ''), l.description_en)
                ELSE l.description_en END) AS description,
           (SELECT string_agg(p.part, E'\n' ORDER BY s.slide_order, p.ord)
            FROM slides s
            CROSS JOIN LATERAL (
              SELECT -1 AS ord, search_plain(CASE WHEN g.lang = 'fr'
                THEN COALESCE(NULLIF(btrim(s.title_fr), ''), s.title_en) ELSE s.title_en END) AS part
              UNION ALL
              SELECT b.block_order, search_block_text(b.block_type::text, CASE WHEN g.lang = 'fr'
                THEN COALESCE(NULLIF(b.content_fr, 'null'::jsonb), b.content_en) ELSE b.content_en END)
              FROM content_blocks b WHERE b.slide_id = s.id) p
            WHERE s.lesson_id = l.id AND NULLIF(btrim(p.part), '') IS NOT NULL) AS content
  ) t
  WHERE l.id = ANY(ids)
  ON CONFLICT (kind, entity_id, lang) DO UPDATE
    SET course_id = EXCLUDED.course_id, lesson_id = EXCLUDED.lesson_id, fallback = EXCLUDED.fallback,
        title = EXCLUDED.title, body = EXCLUDED.body, document = EXCLUDED.document;
END
$$
"""

OLD_REFRESH_COURSES = """
CREATE OR REPLACE FUNCTION search_refresh_courses(ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  PERFORM 1 FROM courses WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  INSERT INTO search_documents AS d
    (kind, entity_id, lang, course_id, lesson_id, fallback, title, body, document)
  SELECT 'course', c.id, g.lang, c.id, NULL, g.lang = 'fr' AND NULLIF(btrim(c.title_fr), '') IS NULL,
         t.title, t.description,
         setweight(to_tsvector(g.cfg, search_fold(t.title)), 'A')
         || setweight(to_tsvector(g.cfg, search_fold(COALESCE(t.description, ''))), 'B')
  FROM courses c
  CROSS JOIN (VALUES ('en', 'english'::regconfig), ('fr', 'french'::regconfig)) AS g(lang, cfg)
  CROSS JOIN LATERAL (
    SELECT CASE WHEN g.lang = 'fr' THEN COALESCE(NULLIF(btrim(c.title_fr), ''), c.title_en)
                ELSE c.title_en END AS title,
           search_plain(CASE WHEN g.lang = 'fr' THEN COALESCE(NULLIF(btrim(c.description_fr), ''), c.description_en)
                ELSE c.description_en END) AS description
  ) t
  WHERE c.id = ANY(ids)
  ON CONFLICT (kind, entity_id, lang) DO UPDATE
    SET fallback = EXCLUDED.fallback, title = EXCLUDED.title, body = EXCLUDED.body,
        document = EXCLUDED.document;
END
$$
"""

OLD_COURSES_CHANGED = """
CREATE OR REPLACE FUNCTION search_courses_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM search_refresh_courses(ARRAY(SELECT id FROM new_rows));
  ELSE
    PERFORM search_refresh_courses(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.title_en, n.title_fr, n.description_en, n.description_fr)
            IS DISTINCT FROM (o.title_en, o.title_fr, o.description_en, o.description_fr)));
  END IF;
  RETURN NULL;
END
$$
"""

OLD_LESSONS_CHANGED = """
CREATE OR REPLACE FUNCTION search_lessons_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM search_refresh_lessons(ARRAY(SELECT id FROM new_rows));
  ELSE
    PERFORM search_refresh_lessons(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.course_id, n.title_en, n.title_fr, n.description_en, n.description_fr)
            IS DISTINCT FROM (o.course_id, o.title_en, o.title_fr, o.description_en, o.description_fr)));
  END IF;
  RETURN NULL;
END
$$
"""


def upgrade() -> None:
    op.add_column(
        "search_documents",
        sa.Column("doc_id", sa.Integer(), sa.Identity(always=False), nullable=False),
    )
    op.add_column("search_documents", sa.Column("folded", sa.Text(), nullable=True))
    op.add_column(
        "search_documents", sa.Column("public", sa.Boolean(), server_default="false", nullable=False)
    )
    op.create_unique_constraint(op.f("search_documents_doc_id_key"), "search_documents", ["doc_id"])
    op.create_table(
        "search_terms",
        sa.Column("doc_id", sa.Integer(), nullable=False),
        sa.Column("lexeme", sa.Text(collation="C"), nullable=False),
        sa.Column("lang", sa.Text(), nullable=False),
        sa.Column("score", sa.REAL(), nullable=False),
        sa.Column("public", sa.Boolean(), server_default="false", nullable=False),
    )
    for statement in (
        SEARCH_TERM_SCORE,
        SEARCH_REFRESH_TERMS,
        SEARCH_REFRESH_LESSONS,
        SEARCH_REFRESH_COURSES,
        SEARCH_COURSES_CHANGED,
        SEARCH_LESSONS_CHANGED,
    ):
        op.execute(statement)
    # Fill what exists, then index (faster than maintaining the indexes row by row).
    op.execute(
        "UPDATE search_documents d SET folded = search_fold(d.body), public = "
        "EXISTS (SELECT 1 FROM courses c WHERE c.id = d.course_id AND c.status = 'PUBLISHED') "
        "AND (d.lesson_id IS NULL OR EXISTS "
        "(SELECT 1 FROM lessons l WHERE l.id = d.lesson_id AND l.status = 'PUBLISHED'))"
    )
    op.execute(
        "INSERT INTO search_terms (doc_id, lexeme, lang, score, public) "
        "SELECT d.doc_id, u.lexeme, d.lang, search_term_score(u.weights), d.public "
        "FROM search_documents d CROSS JOIN LATERAL unnest(d.document) u"
    )
    op.create_primary_key(op.f("search_terms_pkey"), "search_terms", ["doc_id", "lexeme"])
    op.create_foreign_key(
        op.f("search_terms_doc_id_fkey"),
        "search_terms",
        "search_documents",
        ["doc_id"],
        ["doc_id"],
        ondelete="CASCADE",
    )
    op.create_index(
        "search_terms_ranked_idx",
        "search_terms",
        ["lang", "lexeme", sa.text("score DESC"), "doc_id"],
        postgresql_include=["public"],
    )
    op.execute("ANALYZE search_documents")
    op.execute("ANALYZE search_terms")


def downgrade() -> None:
    op.execute(OLD_REFRESH_LESSONS)
    op.execute(OLD_REFRESH_COURSES)
    op.execute(OLD_COURSES_CHANGED)
    op.execute(OLD_LESSONS_CHANGED)
    op.execute("DROP FUNCTION IF EXISTS search_refresh_terms(text, text[])")
    op.execute("DROP FUNCTION IF EXISTS search_term_score(text[])")
    op.drop_table("search_terms")
    op.drop_constraint(op.f("search_documents_doc_id_key"), "search_documents", type_="unique")
    op.drop_column("search_documents", "public")
    op.drop_column("search_documents", "folded")
    op.drop_column("search_documents", "doc_id")
