"""search and Bible texts

Full-text documents per course/lesson and reading language (search_documents, GIN per language),
verse ranges of VERSE blocks (search_passages, GiST on int4range), the KJV versification table
(bible_chapters) and imported translations (bible_translations, bible_verses). Statement-level
triggers keep the index in the writing transaction; the existing rows are indexed here.
Frozen: this file imports no application code (copy of bibliology/search/schema.py).

Revision ID: 0010_search
Revises: 0009_certificates
Create Date: 2026-12-03 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010_search"
down_revision: str | None = "0009_certificates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# KJV verses per chapter, in canonical order (frozen copy of bibliology/bible/books.py).
# fmt: off
CHAPTERS: tuple[tuple[str, tuple[int, ...]], ...] = (
    ('Gen', (31, 25, 24, 26, 32, 22, 24, 22, 29, 32, 32, 20, 18, 24, 21, 16, 27, 33, 38, 18, 34, 24, 20, 67, 34, 35, 46, 22, 35, 43, 55, 32, 20, 31, 29, 43, 36, 30, 23, 23, 57, 38, 34, 34, 28, 34, 31, 22, 33, 26,)),
    ('Exod', (22, 25, 22, 31, 23, 30, 25, 32, 35, 29, 10, 51, 22, 31, 27, 36, 16, 27, 25, 26, 36, 31, 33, 18, 40, 37, 21, 43, 46, 38, 18, 35, 23, 35, 35, 38, 29, 31, 43, 38,)),
    ('Lev', (17, 16, 17, 35, 19, 30, 38, 36, 24, 20, 47, 8, 59, 57, 33, 34, 16, 30, 37, 27, 24, 33, 44, 23, 55, 46, 34,)),
    ('Num', (54, 34, 51, 49, 31, 27, 89, 26, 23, 36, 35, 16, 33, 45, 41, 50, 13, 32, 22, 29, 35, 41, 30, 25, 18, 65, 23, 31, 40, 16, 54, 42, 56, 29, 34, 13,)),
    ('Deut', (46, 37, 29, 49, 33, 25, 26, 20, 29, 22, 32, 32, 18, 29, 23, 22, 20, 22, 21, 20, 23, 30, 25, 22, 19, 19, 26, 68, 29, 20, 30, 52, 29, 12,)),
    ('Josh', (18, 24, 17, 24, 15, 27, 26, 35, 27, 43, 23, 24, 33, 15, 63, 10, 18, 28, 51, 9, 45, 34, 16, 33,)),
    ('Judg', (36, 23, 31, 24, 31, 40, 25, 35, 57, 18, 40, 15, 25, 20, 20, 31, 13, 31, 30, 48, 25,)),
    ('Ruth', (22, 23, 18, 22,)),
    ('1Sam', (28, 36, 21, 22, 12, 21, 17, 22, 27, 27, 15, 25, 23, 52, 35, 23, 58, 30, 24, 42, 15, 23, 29, 22, 44, 25, 12, 25, 11, 31, 13,)),
    ('2Sam', (27, 32, 39, 12, 25, 23, 29, 18, 13, 19, 27, 31, 39, 33, 37, 23, 29, 33, 43, 26, 22, 51, 39, 25,)),
    ('1Kgs', (53, 46, 28, 34, 18, 38, 51, 66, 28, 29, 43, 33, 34, 31, 34, 34, 24, 46, 21, 43, 29, 53,)),
    ('2Kgs', (18, 25, 27, 44, 27, 33, 20, 29, 37, 36, 21, 21, 25, 29, 38, 20, 41, 37, 37, 21, 26, 20, 37, 20, 30,)),
    ('1Chr', (54, 55, 24, 43, 26, 81, 40, 40, 44, 14, 47, 40, 14, 17, 29, 43, 27, 17, 19, 8, 30, 19, 32, 31, 31, 32, 34, 21, 30,)),
    ('2Chr', (17, 18, 17, 22, 14, 42, 22, 18, 31, 19, 23, 16, 22, 15, 19, 14, 19, 34, 11, 37, 20, 12, 21, 27, 28, 23, 9, 27, 36, 27, 21, 33, 25, 33, 27, 23,)),
    ('Ezra', (11, 70, 13, 24, 17, 22, 28, 36, 15, 44,)),
    ('Neh', (11, 20, 32, 23, 19, 19, 73, 18, 38, 39, 36, 47, 31,)),
    ('Esth', (22, 23, 15, 17, 14, 14, 10, 17, 32, 3,)),
    ('Job', (22, 13, 26, 21, 27, 30, 21, 22, 35, 22, 20, 25, 28, 22, 35, 22, 16, 21, 29, 29, 34, 30, 17, 25, 6, 14, 23, 28, 25, 31, 40, 22, 33, 37, 16, 33, 24, 41, 30, 24, 34, 17,)),
    ('Ps', (6, 12, 8, 8, 12, 10, 17, 9, 20, 18, 7, 8, 6, 7, 5, 11, 15, 50, 14, 9, 13, 31, 6, 10, 22, 12, 14, 9, 11, 12, 24, 11, 22, 22, 28, 12, 40, 22, 13, 17, 13, 11, 5, 26, 17, 11, 9, 14, 20, 23, 19, 9, 6, 7, 23, 13, 11, 11, 17, 12, 8, 12, 11, 10, 13, 20, 7, 35, 36, 5, 24, 20, 28, 23, 10, 12, 20, 72, 13, 19, 16, 8, 18, 12, 13, 17, 7, 18, 52, 17, 16, 15, 5, 23, 11, 13, 12, 9, 9, 5, 8, 28, 22, 35, 45, 48, 43, 13, 31, 7, 10, 10, 9, 8, 18, 19, 2, 29, 176, 7, 8, 9, 4, 8, 5, 6, 5, 6, 8, 8, 3, 18, 3, 3, 21, 26, 9, 8, 24, 13, 10, 7, 12, 15, 21, 10, 20, 14, 9, 6,)),
    ('Prov', (33, 22, 35, 27, 23, 35, 27, 36, 18, 32, 31, 28, 25, 35, 33, 33, 28, 24, 29, 30, 31, 29, 35, 34, 28, 28, 27, 28, 27, 33, 31,)),
    ('Eccl', (18, 26, 22, 16, 20, 12, 29, 17, 18, 20, 10, 14,)),
    ('Song', (17, 17, 11, 16, 16, 13, 13, 14,)),
    ('Isa', (31, 22, 26, 6, 30, 13, 25, 22, 21, 34, 16, 6, 22, 32, 9, 14, 14, 7, 25, 6, 17, 25, 18, 23, 12, 21, 13, 29, 24, 33, 9, 20, 24, 17, 10, 22, 38, 22, 8, 31, 29, 25, 28, 28, 25, 13, 15, 22, 26, 11, 23, 15, 12, 17, 13, 12, 21, 14, 21, 22, 11, 12, 19, 12, 25, 24,)),
    ('Jer', (19, 37, 25, 31, 31, 30, 34, 22, 26, 25, 23, 17, 27, 22, 21, 21, 27, 23, 15, 18, 14, 30, 40, 10, 38, 24, 22, 17, 32, 24, 40, 44, 26, 22, 19, 32, 21, 28, 18, 16, 18, 22, 13, 30, 5, 28, 7, 47, 39, 46, 64, 34,)),
    ('Lam', (22, 22, 66, 22, 22,)),
    ('Ezek', (28, 10, 27, 17, 17, 14, 27, 18, 11, 22, 25, 28, 23, 23, 8, 63, 24, 32, 14, 49, 32, 31, 49, 27, 17, 21, 36, 26, 21, 26, 18, 32, 33, 31, 15, 38, 28, 23, 29, 49, 26, 20, 27, 31, 25, 24, 23, 35,)),
    ('Dan', (21, 49, 30, 37, 31, 28, 28, 27, 27, 21, 45, 13,)),
    ('Hos', (11, 23, 5, 19, 15, 11, 16, 14, 17, 15, 12, 14, 16, 9,)),
    ('Joel', (20, 32, 21,)),
    ('Amos', (15, 16, 15, 13, 27, 14, 17, 14, 15,)),
    ('Obad', (21,)),
    ('Jonah', (17, 10, 10, 11,)),
    ('Mic', (16, 13, 12, 13, 15, 16, 20,)),
    ('Nah', (15, 13, 19,)),
    ('Hab', (17, 20, 19,)),
    ('Zeph', (18, 15, 20,)),
    ('Hag', (15, 23,)),
    ('Zech', (21, 13, 10, 14, 11, 15, 14, 23, 17, 12, 17, 14, 9, 21,)),
    ('Mal', (14, 17, 18, 6,)),
    ('Matt', (25, 23, 17, 25, 48, 34, 29, 34, 38, 42, 30, 50, 58, 36, 39, 28, 27, 35, 30, 34, 46, 46, 39, 51, 46, 75, 66, 20,)),
    ('Mark', (45, 28, 35, 41, 43, 56, 37, 38, 50, 52, 33, 44, 37, 72, 47, 20,)),
    ('Luke', (80, 52, 38, 44, 39, 49, 50, 56, 62, 42, 54, 59, 35, 35, 32, 31, 37, 43, 48, 47, 38, 71, 56, 53,)),
    ('John', (51, 25, 36, 54, 47, 71, 53, 59, 41, 42, 57, 50, 38, 31, 27, 33, 26, 40, 42, 31, 25,)),
    ('Acts', (26, 47, 26, 37, 42, 15, 60, 40, 43, 48, 30, 25, 52, 28, 41, 40, 34, 28, 41, 38, 40, 30, 35, 27, 27, 32, 44, 31,)),
    ('Rom', (32, 29, 31, 25, 21, 23, 25, 39, 33, 21, 36, 21, 14, 23, 33, 27,)),
    ('1Cor', (31, 16, 23, 21, 13, 20, 40, 13, 27, 33, 34, 31, 13, 40, 58, 24,)),
    ('2Cor', (24, 17, 18, 18, 21, 18, 16, 24, 15, 18, 33, 21, 14,)),
    ('Gal', (24, 21, 29, 31, 26, 18,)),
    ('Eph', (23, 22, 21, 32, 33, 24,)),
    ('Phil', (30, 30, 21, 23,)),
    ('Col', (29, 23, 25, 18,)),
    ('1Thess', (10, 20, 13, 18, 28,)),
    ('2Thess', (12, 17, 18,)),
    ('1Tim', (20, 15, 16, 16, 25, 21,)),
    ('2Tim', (18, 26, 17, 22,)),
    ('Titus', (16, 15, 15,)),
    ('Phlm', (25,)),
    ('Heb', (14, 18, 19, 16, 14, 20, 28, 13, 28, 39, 40, 29, 25,)),
    ('Jas', (27, 26, 18, 17, 20,)),
    ('1Pet', (25, 25, 22, 19, 14,)),
    ('2Pet', (21, 22, 18,)),
    ('1John', (10, 29, 24, 21, 21,)),
    ('2John', (13,)),
    ('3John', (14,)),
    ('Jude', (25,)),
    ('Rev', (20, 29, 22, 11, 14, 17, 17, 13, 21, 11, 19, 17, 18, 20, 8, 21, 18, 24, 21, 15, 27, 21,)),
)
# fmt: on

SEARCH_FOLD = r"""
CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT translate(replace(replace(replace(lower(value), 'œ', 'oe'), 'æ', 'ae'), 'ß', 'ss'),
  'àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžøđłı’‘ʼ',
  'aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzodli''''''')
$$
"""

SEARCH_PLAIN = r"""
CREATE OR REPLACE FUNCTION search_plain(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT regexp_replace(regexp_replace(value, '\[([^\]]*)\]\([^)]*\)', '\1', 'g'), '[*_\\]+', '', 'g')
$$
"""

SEARCH_BLOCK_TEXT = r"""
CREATE OR REPLACE FUNCTION search_block_text(block_type text, content jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT search_plain(CASE
  WHEN content IS NULL OR jsonb_typeof(content) <> 'object' THEN NULL
  WHEN block_type IN ('HEADING', 'TEXT', 'VERSE') THEN content->>'text'
  WHEN block_type = 'CALLOUT' THEN concat_ws(' ', content->>'title', content->>'text')
  WHEN block_type = 'IMAGE' THEN content->>'caption'
  WHEN block_type = 'LIST' THEN
    (SELECT string_agg(t #>> '{}', ' ') FROM jsonb_path_query(content, 'strict $.**.text') t)
  WHEN block_type = 'VOCABULARY' AND jsonb_typeof(content->'entries') = 'array' THEN
    (SELECT string_agg(concat_ws(' ', e->>'term', e->>'transliteration', e->>'definition'), ' ')
     FROM jsonb_array_elements(content->'entries') e)
END)
$$
"""

BIBLE_OSIS_RANGES = r"""
CREATE OR REPLACE FUNCTION bible_osis_ranges(osis text) RETURNS SETOF int4range
LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT int4range(sc.first_ordinal + COALESCE(a.p[3]::int, 1) - 1,
                 ec.first_ordinal + COALESCE(b.p[3]::int, ec.verse_count) - 1, '[]')
FROM unnest(string_to_array(osis, ';')) AS part
CROSS JOIN LATERAL (SELECT regexp_match(split_part(part, '-', 1),
  '^([1-3]?[A-Za-z]+)\.([0-9]{1,3})(?:\.([0-9]{1,3}))?$') AS p) a
CROSS JOIN LATERAL (SELECT regexp_match(COALESCE(NULLIF(split_part(part, '-', 2), ''), split_part(part, '-', 1)),
  '^([1-3]?[A-Za-z]+)\.([0-9]{1,3})(?:\.([0-9]{1,3}))?$') AS p) b
JOIN bible_chapters sc ON sc.book = a.p[1] AND sc.chapter = a.p[2]::int
JOIN bible_chapters ec ON ec.book = b.p[1] AND ec.chapter = b.p[2]::int
WHERE a.p IS NOT NULL AND b.p IS NOT NULL AND sc.book = ec.book
  AND sc.first_ordinal + COALESCE(a.p[3]::int, 1) - 1 <= ec.first_ordinal + COALESCE(b.p[3]::int, ec.verse_count) - 1
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

SEARCH_REFRESH_COURSES = r"""
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

SEARCH_REFRESH_PASSAGES = r"""
CREATE OR REPLACE FUNCTION search_refresh_passages(ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  DELETE FROM search_passages WHERE block_id = ANY(ids);
  INSERT INTO search_passages (block_id, position, lesson_id, verses)
  SELECT b.id, r.position, s.lesson_id, r.verses
  FROM content_blocks b
  JOIN slides s ON s.id = b.slide_id
  CROSS JOIN LATERAL bible_osis_ranges(b.content_en->>'reference') WITH ORDINALITY AS r(verses, position)
  WHERE b.id = ANY(ids) AND b.block_type = 'VERSE';
END
$$
"""

SEARCH_COURSES_CHANGED = r"""
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

SEARCH_LESSONS_CHANGED = r"""
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

SEARCH_SLIDES_CHANGED = r"""
CREATE OR REPLACE FUNCTION search_slides_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM search_refresh_lessons(ARRAY(SELECT DISTINCT lesson_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM search_refresh_lessons(ARRAY(
      SELECT DISTINCT o.lesson_id FROM old_rows o WHERE EXISTS (SELECT 1 FROM lessons l WHERE l.id = o.lesson_id)));
  ELSE
    PERFORM search_refresh_lessons(ARRAY(
      SELECT DISTINCT x.lesson_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.lesson_id), (o.lesson_id)) AS x(lesson_id)
      WHERE (n.lesson_id, n.slide_order, n.title_en, n.title_fr)
            IS DISTINCT FROM (o.lesson_id, o.slide_order, o.title_en, o.title_fr)));
    UPDATE search_passages p SET lesson_id = n.lesson_id
    FROM content_blocks b, new_rows n
    WHERE b.id = p.block_id AND b.slide_id = n.id AND p.lesson_id <> n.lesson_id;
  END IF;
  RETURN NULL;
END
$$
"""

SEARCH_BLOCKS_CHANGED = r"""
CREATE OR REPLACE FUNCTION search_blocks_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM search_refresh_lessons(ARRAY(
      SELECT DISTINCT s.lesson_id FROM (SELECT DISTINCT slide_id FROM new_rows) n
      JOIN slides s ON s.id = n.slide_id));
    PERFORM search_refresh_passages(ARRAY(SELECT id FROM new_rows WHERE block_type = 'VERSE'));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM search_refresh_lessons(ARRAY(
      SELECT DISTINCT s.lesson_id FROM (SELECT DISTINCT slide_id FROM old_rows) o
      JOIN slides s ON s.id = o.slide_id));
  ELSE
    PERFORM search_refresh_lessons(ARRAY(
      SELECT DISTINCT s.lesson_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.slide_id), (o.slide_id)) AS x(slide_id)
      JOIN slides s ON s.id = x.slide_id
      WHERE (n.slide_id, n.block_order, n.block_type, n.content_en, n.content_fr)
            IS DISTINCT FROM (o.slide_id, o.block_order, o.block_type, o.content_en, o.content_fr)));
    PERFORM search_refresh_passages(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.slide_id, n.block_type, n.content_en->'reference')
            IS DISTINCT FROM (o.slide_id, o.block_type, o.content_en->'reference')));
  END IF;
  RETURN NULL;
END
$$
"""


FUNCTIONS = (
    SEARCH_FOLD,
    SEARCH_PLAIN,
    SEARCH_BLOCK_TEXT,
    BIBLE_OSIS_RANGES,
    SEARCH_REFRESH_LESSONS,
    SEARCH_REFRESH_COURSES,
    SEARCH_REFRESH_PASSAGES,
    SEARCH_COURSES_CHANGED,
    SEARCH_LESSONS_CHANGED,
    SEARCH_SLIDES_CHANGED,
    SEARCH_BLOCKS_CHANGED,
)
TRIGGERS = (
    "CREATE TRIGGER courses_search_insert AFTER INSERT ON courses REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_courses_changed()",
    "CREATE TRIGGER courses_search_update AFTER UPDATE ON courses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_courses_changed()",
    "CREATE TRIGGER lessons_search_insert AFTER INSERT ON lessons REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_lessons_changed()",
    "CREATE TRIGGER lessons_search_update AFTER UPDATE ON lessons REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_lessons_changed()",
    "CREATE TRIGGER slides_search_insert AFTER INSERT ON slides REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_slides_changed()",
    "CREATE TRIGGER slides_search_update AFTER UPDATE ON slides REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_slides_changed()",
    "CREATE TRIGGER slides_search_delete AFTER DELETE ON slides REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_slides_changed()",
    "CREATE TRIGGER content_blocks_search_insert AFTER INSERT ON content_blocks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_blocks_changed()",
    "CREATE TRIGGER content_blocks_search_update AFTER UPDATE ON content_blocks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_blocks_changed()",
    "CREATE TRIGGER content_blocks_search_delete AFTER DELETE ON content_blocks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_blocks_changed()",
)
FUNCTION_NAMES = (
    "search_blocks_changed()",
    "search_slides_changed()",
    "search_lessons_changed()",
    "search_courses_changed()",
    "search_refresh_passages(text[])",
    "search_refresh_courses(text[])",
    "search_refresh_lessons(text[])",
    "bible_osis_ranges(text)",
    "search_block_text(text, jsonb)",
    "search_plain(text)",
    "search_fold(text)",
)
TRIGGER_NAMES = (
    ("courses_search_insert", "courses"),
    ("courses_search_update", "courses"),
    ("lessons_search_insert", "lessons"),
    ("lessons_search_update", "lessons"),
    ("slides_search_insert", "slides"),
    ("slides_search_update", "slides"),
    ("slides_search_delete", "slides"),
    ("content_blocks_search_insert", "content_blocks"),
    ("content_blocks_search_update", "content_blocks"),
    ("content_blocks_search_delete", "content_blocks"),
)


def _chapter_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    ordinal = 1
    for order, (book, verses) in enumerate(CHAPTERS, start=1):
        for chapter, count in enumerate(verses, start=1):
            rows.append(
                {
                    "book": book,
                    "chapter": chapter,
                    "book_order": order,
                    "first_ordinal": ordinal,
                    "verse_count": count,
                }
            )
            ordinal += count
    return rows


def upgrade() -> None:
    op.create_table(
        "bible_chapters",
        sa.Column("book", sa.Text(), nullable=False),
        sa.Column("chapter", sa.Integer(), nullable=False),
        sa.Column("book_order", sa.Integer(), nullable=False),
        sa.Column("first_ordinal", sa.Integer(), nullable=False),
        sa.Column("verse_count", sa.Integer(), nullable=False),
        sa.CheckConstraint("verse_count > 0", name=op.f("bible_chapters_verse_count_check")),
        sa.PrimaryKeyConstraint("book", "chapter", name=op.f("bible_chapters_pkey")),
        sa.UniqueConstraint("first_ordinal", name=op.f("bible_chapters_first_ordinal_key")),
    )
    op.create_table(
        "bible_translations",
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("lang", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("verse_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "imported_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint("lang IN ('en', 'fr')", name=op.f("bible_translations_lang_check")),
        sa.PrimaryKeyConstraint("code", name=op.f("bible_translations_pkey")),
    )
    op.create_table(
        "bible_verses",
        sa.Column("translation_code", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["translation_code"],
            ["bible_translations.code"],
            name=op.f("bible_verses_translation_code_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("translation_code", "ordinal", name=op.f("bible_verses_pkey")),
    )
    op.create_table(
        "search_documents",
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("lang", sa.Text(), nullable=False),
        sa.Column("course_id", sa.Text(), nullable=False),
        sa.Column("lesson_id", sa.Text(), nullable=True),
        sa.Column("fallback", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("document", postgresql.TSVECTOR(), nullable=False),
        sa.CheckConstraint("kind IN ('course', 'lesson')", name=op.f("search_documents_kind_check")),
        sa.CheckConstraint("lang IN ('en', 'fr')", name=op.f("search_documents_lang_check")),
        sa.CheckConstraint(
            "(kind = 'lesson') = (lesson_id IS NOT NULL)", name=op.f("search_documents_lesson_kind_check")
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("search_documents_course_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("search_documents_lesson_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("kind", "entity_id", "lang", name=op.f("search_documents_pkey")),
    )
    op.create_index(
        "search_documents_en_idx",
        "search_documents",
        ["document"],
        postgresql_using="gin",
        postgresql_where=sa.text("lang = 'en'"),
    )
    op.create_index(
        "search_documents_fr_idx",
        "search_documents",
        ["document"],
        postgresql_using="gin",
        postgresql_where=sa.text("lang = 'fr'"),
    )
    op.create_index(op.f("search_documents_course_id_idx"), "search_documents", ["course_id"])
    op.create_index(op.f("search_documents_lesson_id_idx"), "search_documents", ["lesson_id"])
    op.create_table(
        "search_passages",
        sa.Column("block_id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("lesson_id", sa.Text(), nullable=False),
        sa.Column("verses", postgresql.INT4RANGE(), nullable=False),
        sa.ForeignKeyConstraint(
            ["block_id"],
            ["content_blocks.id"],
            name=op.f("search_passages_block_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("search_passages_lesson_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("block_id", "position", name=op.f("search_passages_pkey")),
    )
    op.create_index("search_passages_verses_idx", "search_passages", ["verses"], postgresql_using="gist")
    op.create_index(op.f("search_passages_lesson_id_idx"), "search_passages", ["lesson_id"])

    chapters = sa.table(
        "bible_chapters",
        sa.column("book", sa.Text()),
        sa.column("chapter", sa.Integer()),
        sa.column("book_order", sa.Integer()),
        sa.column("first_ordinal", sa.Integer()),
        sa.column("verse_count", sa.Integer()),
    )
    op.bulk_insert(chapters, _chapter_rows())
    for statement in (*FUNCTIONS, *TRIGGERS):
        op.execute(statement)
    # Index what exists already.
    op.execute("SELECT search_refresh_courses(ARRAY(SELECT id FROM courses))")
    op.execute("SELECT search_refresh_lessons(ARRAY(SELECT id FROM lessons))")
    op.execute(
        "SELECT search_refresh_passages(ARRAY(SELECT id FROM content_blocks WHERE block_type = 'VERSE'))"
    )


def downgrade() -> None:
    for name, table in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    op.drop_table("search_passages")
    op.drop_table("search_documents")
    for name in FUNCTION_NAMES:
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
    op.drop_table("bible_verses")
    op.drop_table("bible_translations")
    op.drop_table("bible_chapters")
