"""The migrated database is the design's schema: names, types, enums, constraints, indexes."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology import migrate, schema_check
from bibliology.enums import ALL_ENUMS

DESIGN_TABLES = {
    "users", "courses", "lessons", "slides", "content_blocks", "quizzes", "questions", "quiz_submissions",
    "question_answers", "enrollments", "lesson_progress", "student_notes", "certificates", "activity_logs",
}  # fmt: skip


def test_every_design_table_exists(session: Session) -> None:
    tables = set(session.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
    assert tables >= DESIGN_TABLES
    assert "alembic_version" in tables


def test_enum_types_carry_the_design_names_and_values(session: Session) -> None:
    rows = session.execute(
        text(
            "SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_type t "
            "JOIN pg_enum e ON e.enumtypid = t.oid "
            # The job queue's own types (procrastinate_job_status…) are not the design's.
            "WHERE t.typname NOT LIKE 'procrastinate%' GROUP BY t.typname"
        )
    ).all()
    assert {name: list(labels) for name, labels in rows} == {
        enum.__name__: [member.value for member in enum] for enum in ALL_ENUMS
    }


@pytest.mark.parametrize(
    ("table", "column", "expected"),
    [
        ("users", "id", "text"),
        ("users", "role", '"UserRole"'),
        ("users", "created_at", "timestamp(3) without time zone"),
        ("courses", "tags", "text[]"),
        ("courses", "description_en", "text"),
        ("content_blocks", "content_en", "jsonb"),
        ("questions", "points", "integer"),
        ("quizzes", "shuffle_questions", "boolean"),
        ("slides", "layout", '"SlideLayout"'),
        ("lesson_progress", "status", '"LessonProgressStatus"'),
    ],
)
def test_prisma_type_mapping(session: Session, table: str, column: str, expected: str) -> None:
    found = session.scalar(
        text(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = CAST(:t AS regclass) AND attname = :c"
        ),
        {"t": table, "c": column},
    )
    assert found == expected


@pytest.mark.parametrize(
    ("index", "fragment"),
    [
        ("lessons_course_id_status_idx", "(course_id, status)"),
        ("enrollments_student_id_status_last_accessed_at_idx", "(student_id, status, last_accessed_at)"),
        ("content_blocks_content_en_gin_idx", "USING gin (content_en jsonb_path_ops)"),
        ("content_blocks_content_fr_gin_idx", "USING gin (content_fr jsonb_path_ops)"),
        ("lessons_search_vector_idx", "USING gin (search_vector)"),
        (
            "users_email_lower_key",
            "UNIQUE INDEX users_email_lower_key ON public.users USING btree (lower(email))",
        ),
        ("activity_logs_created_at_idx", "(created_at)"),
        ("courses_published_at_idx", "(published_at)"),
    ],
)
def test_design_indexes(session: Session, index: str, fragment: str) -> None:
    definition = session.scalar(text("SELECT indexdef FROM pg_indexes WHERE indexname = :i"), {"i": index})
    assert definition is not None, f"index {index} missing"
    assert fragment in definition


def test_no_index_repeats_a_unique_constraint(session: Session) -> None:
    """The design's @@index([email]) / ([slug]) would duplicate the unique indexes: skipped."""
    definitions = session.scalars(text("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'")).all()
    columns = [d.split(" USING ", 1)[1] for d in definitions]
    assert len(columns) == len(set(zip(columns, definitions, strict=True)))
    for table in ("users", "courses", "lessons"):
        plain = [d for d in definitions if f"ON public.{table} USING btree (" in d and "UNIQUE" not in d]
        assert not any(d.endswith("(email)") or d.endswith("(slug)") for d in plain)


def test_foreign_keys_follow_the_design(session: Session) -> None:
    rows = session.execute(
        text(
            "SELECT conname, confdeltype FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
        )
    ).all()
    rules = {str(name): str(rule) for name, rule in rows}
    assert rules["courses_teacher_id_fkey"] == "r"  # RESTRICT
    assert rules["lessons_course_id_fkey"] == "c"  # CASCADE
    assert rules["certificates_course_id_fkey"] == "n"  # SET NULL
    assert rules["certificates_lesson_id_fkey"] == "n"
    assert rules["student_notes_lesson_id_fkey"] == "c"  # the design's commented-out relation, fixed
    design_relations = {
        "courses_teacher_id_fkey", "lessons_course_id_fkey", "slides_lesson_id_fkey", "content_blocks_slide_id_fkey",
        "quizzes_lesson_id_fkey", "quizzes_slide_id_fkey", "questions_quiz_id_fkey", "quiz_submissions_quiz_id_fkey",
        "quiz_submissions_student_id_fkey", "question_answers_submission_id_fkey", "question_answers_question_id_fkey",
        "enrollments_student_id_fkey", "enrollments_course_id_fkey", "lesson_progress_enrollment_id_fkey",
        "lesson_progress_lesson_id_fkey", "student_notes_student_id_fkey", "student_notes_lesson_id_fkey",
        "certificates_user_id_fkey", "certificates_course_id_fkey", "certificates_lesson_id_fkey",
    }  # fmt: skip
    assert design_relations <= rules.keys()


def test_one_migration_head() -> None:
    assert len(migrate.heads()) == 1


def test_db_check_is_clean_on_the_migrated_database(database_url: str) -> None:
    assert schema_check.check(database_url) == []


def test_db_check_names_drift_that_alembic_check_cannot_see(scratch_url: str) -> None:
    with psycopg.connect(schema_check.libpq_url(scratch_url), autocommit=True) as conn:
        conn.execute("ALTER TABLE enrollments DROP CONSTRAINT enrollments_progress_percentage_check")
        conn.execute("""ALTER TYPE "UserRole" ADD VALUE 'GUEST'""")
        conn.execute("DROP TRIGGER lesson_search_vector_update ON lessons")
        conn.execute("ALTER TABLE users ALTER COLUMN avatar_url SET NOT NULL")
    problems = "\n".join(schema_check.check(scratch_url))
    assert (
        "missing from the database: constraint enrollments.enrollments_progress_percentage_check" in problems
    )
    assert "differs: enum UserRole" in problems
    assert "missing from the database: trigger lessons.lesson_search_vector_update" in problems
    assert "differs: column users.avatar_url" in problems
