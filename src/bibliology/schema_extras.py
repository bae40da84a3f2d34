"""Database objects the ORM cannot declare: trigger functions and triggers.

They are attached to the metadata so a database built from the models (tests, `db check`'s
reference) has them; the migrations carry their own frozen copy, and `db check` proves both agree.
"""

from __future__ import annotations

from sqlalchemy import DDL, MetaData, event

# Tables with the design's @updatedAt column: a trigger stamps it on every UPDATE, so raw SQL and
# other clients keep it right as well. clock_timestamp(), not now(): several updates in one
# transaction must not move updated_at backwards relative to rows written earlier in it.
UPDATED_AT_TABLES = (
    "users",
    "courses",
    "lessons",
    "slides",
    "content_blocks",
    "quizzes",
    "questions",
    "quiz_submissions",
    "lesson_progress",
    "student_notes",
)

SET_UPDATED_AT_FUNCTION = """
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := timezone('utc', clock_timestamp());
  RETURN NEW;
END;
$$ LANGUAGE plpgsql
"""

# The design's search_vector trigger, with French fields under the French configuration.
LESSON_SEARCH_VECTOR_FUNCTION = """
CREATE OR REPLACE FUNCTION update_lesson_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', COALESCE(NEW.title_en, '')), 'A') ||
    setweight(to_tsvector('english', COALESCE(NEW.description_en, '')), 'B') ||
    setweight(to_tsvector('french', COALESCE(NEW.title_fr, '')), 'A') ||
    setweight(to_tsvector('french', COALESCE(NEW.description_fr, '')), 'B');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql
"""

LESSON_SEARCH_VECTOR_TRIGGER = """
CREATE TRIGGER lesson_search_vector_update
BEFORE INSERT OR UPDATE OF title_en, title_fr, description_en, description_fr ON lessons
FOR EACH ROW EXECUTE FUNCTION update_lesson_search_vector()
"""


def updated_at_trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_set_updated_at BEFORE UPDATE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
    )


def create_statements() -> list[str]:
    statements = [SET_UPDATED_AT_FUNCTION, LESSON_SEARCH_VECTOR_FUNCTION, LESSON_SEARCH_VECTOR_TRIGGER]
    statements += [updated_at_trigger(table) for table in UPDATED_AT_TABLES]
    return statements


def attach(metadata: MetaData) -> None:
    """Create the extras after the tables whenever the metadata itself creates a schema."""
    for statement in create_statements():
        event.listen(metadata, "after_create", DDL(statement))  # type: ignore[no-untyped-call]
