"""The search index's SQL: folding, block text, document refresh and the triggers that keep it.

The documents (`search_documents`) and verse ranges (`search_passages`) are rebuilt by AFTER ...
FOR EACH STATEMENT triggers on courses, lessons, slides and content_blocks, so every write path
(authoring, imports, translations, the bulk seed's COPY) updates them in its own transaction, set-wise:
a statement touching 10,000 lessons refreshes them in one INSERT ... SELECT.

The migration 0010_search holds a frozen copy of these statements; `bibliology db check` compares.
"""

from __future__ import annotations

from sqlalchemy import DDL, MetaData, event

__all__ = ["FOLD_FROM", "FOLD_TO", "LIGATURES", "attach", "create_statements", "drop_statements"]

# search_fold(): lower(), then ligatures, then one character for another (no unaccent: no contrib).
LIGATURES = (("œ", "oe"), ("æ", "ae"), ("ß", "ss"))
FOLD_FROM = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžøđłı’‘ʼ"
FOLD_TO = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzodli'''"

SEARCH_FOLD = """
CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT translate(replace(replace(replace(lower(value), 'œ', 'oe'), 'æ', 'ae'), 'ß', 'ss'),
  'àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžøđłı’‘ʼ',
  'aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzodli''''''')
$$
"""

# Rich text to words: links keep their label; emphasis marks and escapes go.
SEARCH_PLAIN = r"""
CREATE OR REPLACE FUNCTION search_plain(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT regexp_replace(regexp_replace(value, '\[([^\]]*)\]\([^)]*\)', '\1', 'g'), '[*_\\]+', '', 'g')
$$
"""

# The words a reader sees in a block: never quiz answers (QUIZ blocks only name a quiz), image URLs
# or speaker notes (those are on slides, and not read here).
SEARCH_BLOCK_TEXT = """
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

# Verse ordinals of an OSIS reference ("Rom.8.28-Rom.8.39;Ps.23"): one closed range per passage.
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

# A lexeme's weight in one document, from the weights of its positions (title A, description B,
# content C): a title match outranks any description match, which outranks any content-only match;
# in the content, more occurrences weigh more, up to 0.25 (search_terms, docs/search.md).
SEARCH_TERM_SCORE = """
CREATE OR REPLACE FUNCTION search_term_score(weights text[]) RETURNS real
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT (CASE WHEN 'A' = ANY(weights) THEN 1.0 ELSE 0.0 END
        + CASE WHEN 'B' = ANY(weights) THEN 0.5 ELSE 0.0 END
        + 0.25 * cardinality(array_positions(weights, 'C'))
               / (cardinality(array_positions(weights, 'C')) + 1.0))::real
$$
"""

# The documents' lexemes with their scores, rewritten with the documents (one row per lexeme).
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

SEARCH_REFRESH_COURSES = r"""
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

# One function per table; TG_OP tells which transition tables exist (plpgsql plans lazily, so the
# branches naming the other table are never planned).
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

SEARCH_SLIDES_CHANGED = """
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

SEARCH_BLOCKS_CHANGED = """
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
    SEARCH_TERM_SCORE,
    SEARCH_REFRESH_TERMS,
    SEARCH_REFRESH_LESSONS,
    SEARCH_REFRESH_COURSES,
    SEARCH_REFRESH_PASSAGES,
    SEARCH_COURSES_CHANGED,
    SEARCH_LESSONS_CHANGED,
    SEARCH_SLIDES_CHANGED,
    SEARCH_BLOCKS_CHANGED,
)
FUNCTION_NAMES = (
    "search_blocks_changed()",
    "search_slides_changed()",
    "search_lessons_changed()",
    "search_courses_changed()",
    "search_refresh_passages(text[])",
    "search_refresh_courses(text[])",
    "search_refresh_lessons(text[])",
    "search_refresh_terms(text, text[])",
    "search_term_score(text[])",
    "bible_osis_ranges(text)",
    "search_block_text(text, jsonb)",
    "search_plain(text)",
    "search_fold(text)",
)
# (table, function): one trigger per event, as transition tables allow a single event each.
TRIGGER_TABLES = (
    ("courses", "search_courses_changed"),
    ("lessons", "search_lessons_changed"),
    ("slides", "search_slides_changed"),
    ("content_blocks", "search_blocks_changed"),
)


def _triggers() -> list[tuple[str, str, str]]:
    """(name, table, statement) for every trigger; courses and lessons need no DELETE trigger (the
    documents' foreign keys cascade)."""
    out = []
    for table, function in TRIGGER_TABLES:
        events = ("insert", "update") if table in ("courses", "lessons") else ("insert", "update", "delete")
        for event_name in events:
            referencing = {
                "insert": "NEW TABLE AS new_rows",
                "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                "delete": "OLD TABLE AS old_rows",
            }[event_name]
            name = f"{table}_search_{event_name}"
            out.append(
                (
                    name,
                    table,
                    f"CREATE TRIGGER {name} AFTER {event_name.upper()} ON {table} REFERENCING {referencing} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
                )
            )
    return out


def create_statements() -> list[str]:
    return [*FUNCTIONS, *(statement for _, _, statement in _triggers())]


def drop_statements() -> list[str]:
    triggers = [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table, _ in _triggers()]
    return triggers + [f"DROP FUNCTION IF EXISTS {name}" for name in FUNCTION_NAMES]


def attach(metadata: MetaData) -> None:
    """Create the functions and triggers after the tables when the metadata creates a schema."""
    for statement in create_statements():
        event.listen(metadata, "after_create", DDL(statement))  # type: ignore[no-untyped-call]
