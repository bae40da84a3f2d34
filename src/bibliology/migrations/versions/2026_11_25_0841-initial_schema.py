"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25 08:41:54.023945

The design's 14 tables and 7 enum types (Prisma's PostgreSQL mapping), with our integrity checks,
the indexes of its "Index Strategy", and its triggers (updated_at, lessons.search_vector).
Frozen: this file must not import application code; `bibliology db check` proves it matches it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Frozen copy of bibliology/schema_extras.py as of this revision.
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
ENUM_TYPES = (
    "UserRole",
    "LessonStatus",
    "ContentBlockType",
    "QuestionType",
    "EnrollmentStatus",
    "LessonProgressStatus",
    "SlideLayout",
)


def _create_extras() -> None:
    op.execute("""
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := timezone('utc', clock_timestamp());
  RETURN NEW;
END;
$$ LANGUAGE plpgsql
""")
    op.execute("""
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
""")
    op.execute("""
CREATE TRIGGER lesson_search_vector_update
BEFORE INSERT OR UPDATE OF title_en, title_fr, description_en, description_fr ON lessons
FOR EACH ROW EXECUTE FUNCTION update_lesson_search_vector()
""")
    for table in UPDATED_AT_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_set_updated_at BEFORE UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
        )


def upgrade() -> None:
    op.create_table(
        "activity_logs",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Text(), nullable=True),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("entity_type", sa.Text(), nullable=True),
        sa.Column("entity_id", sa.Text(), nullable=True),
        sa.Column("ip_address", sa.Text(), nullable=True),
        sa.Column("user_agent", sa.Text(), nullable=True),
        sa.Column("metadata", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("activity_logs_pkey")),
    )
    op.create_index(op.f("activity_logs_action_idx"), "activity_logs", ["action"], unique=False)
    op.create_index(op.f("activity_logs_created_at_idx"), "activity_logs", ["created_at"], unique=False)
    op.create_index(op.f("activity_logs_user_id_idx"), "activity_logs", ["user_id"], unique=False)
    op.create_table(
        "users",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column(
            "role",
            sa.Enum("STUDENT", "TEACHER", "ADMIN", name="UserRole"),
            server_default="STUDENT",
            nullable=False,
        ),
        sa.Column("avatar_url", sa.Text(), nullable=True),
        sa.Column("language_pref", sa.Text(), server_default="en", nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column("last_login", postgresql.TIMESTAMP(precision=3), nullable=True),
        sa.CheckConstraint(
            "email = btrim(email) AND position('@' in email) > 1", name=op.f("users_email_check")
        ),
        sa.CheckConstraint("language_pref IN ('en', 'fr')", name=op.f("users_language_pref_check")),
        sa.PrimaryKeyConstraint("id", name=op.f("users_pkey")),
        sa.UniqueConstraint("email", name=op.f("users_email_key")),
    )
    op.create_index(op.f("users_created_at_idx"), "users", ["created_at"], unique=False)
    op.create_index("users_email_lower_key", "users", [sa.literal_column("lower(email)")], unique=True)
    op.create_index(op.f("users_role_idx"), "users", ["role"], unique=False)
    op.create_table(
        "courses",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("teacher_id", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("title_fr", sa.Text(), nullable=True),
        sa.Column("description_en", sa.Text(), nullable=False),
        sa.Column("description_fr", sa.Text(), nullable=True),
        sa.Column("thumbnail_url", sa.Text(), nullable=True),
        sa.Column("cover_image_url", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("DRAFT", "PUBLISHED", "ARCHIVED", name="LessonStatus"),
            server_default="DRAFT",
            nullable=False,
        ),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("tags", postgresql.ARRAY(sa.Text()), server_default="{}", nullable=False),
        sa.Column("estimated_hours", sa.Integer(), nullable=True),
        sa.Column("difficulty", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column("published_at", postgresql.TIMESTAMP(precision=3), nullable=True),
        sa.CheckConstraint(
            "estimated_hours IS NULL OR estimated_hours >= 0", name=op.f("courses_estimated_hours_check")
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["users.id"],
            name=op.f("courses_teacher_id_fkey"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("courses_pkey")),
        sa.UniqueConstraint("slug", name=op.f("courses_slug_key")),
    )
    op.create_index(op.f("courses_published_at_idx"), "courses", ["published_at"], unique=False)
    op.create_index(op.f("courses_status_idx"), "courses", ["status"], unique=False)
    op.create_index(op.f("courses_teacher_id_idx"), "courses", ["teacher_id"], unique=False)
    op.create_table(
        "enrollments",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("student_id", sa.Text(), nullable=False),
        sa.Column("course_id", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("ACTIVE", "COMPLETED", "DROPPED", name="EnrollmentStatus"),
            server_default="ACTIVE",
            nullable=False,
        ),
        sa.Column("progress_percentage", sa.Integer(), server_default="0", nullable=False),
        sa.Column("lessons_completed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("total_lessons", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "enrolled_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column(
            "last_accessed_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column("completed_at", postgresql.TIMESTAMP(precision=3), nullable=True),
        sa.CheckConstraint(
            "lessons_completed >= 0 AND total_lessons >= 0", name=op.f("enrollments_lesson_counts_check")
        ),
        sa.CheckConstraint(
            "progress_percentage BETWEEN 0 AND 100", name=op.f("enrollments_progress_percentage_check")
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("enrollments_course_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["users.id"],
            name=op.f("enrollments_student_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("enrollments_pkey")),
        sa.UniqueConstraint("student_id", "course_id", name=op.f("enrollments_student_id_course_id_key")),
    )
    op.create_index(op.f("enrollments_course_id_idx"), "enrollments", ["course_id"], unique=False)
    op.create_index(op.f("enrollments_status_idx"), "enrollments", ["status"], unique=False)
    op.create_index(
        op.f("enrollments_student_id_status_last_accessed_at_idx"),
        "enrollments",
        ["student_id", "status", "last_accessed_at"],
        unique=False,
    )
    op.create_table(
        "lessons",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("course_id", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("title_fr", sa.Text(), nullable=True),
        sa.Column("description_en", sa.Text(), nullable=True),
        sa.Column("description_fr", sa.Text(), nullable=True),
        sa.Column("lesson_order", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("DRAFT", "PUBLISHED", "ARCHIVED", name="LessonStatus"),
            server_default="DRAFT",
            nullable=False,
        ),
        sa.Column("estimated_minutes", sa.Integer(), nullable=True),
        sa.Column("imported_from_pptx", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("original_filename", sa.Text(), nullable=True),
        sa.Column("import_date", postgresql.TIMESTAMP(precision=3), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column("published_at", postgresql.TIMESTAMP(precision=3), nullable=True),
        sa.Column("search_vector", postgresql.TSVECTOR(), nullable=True),
        sa.CheckConstraint(
            "estimated_minutes IS NULL OR estimated_minutes >= 0",
            name=op.f("lessons_estimated_minutes_check"),
        ),
        sa.CheckConstraint("lesson_order >= 0", name=op.f("lessons_lesson_order_check")),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("lessons_course_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("lessons_pkey")),
        sa.UniqueConstraint("course_id", "lesson_order", name=op.f("lessons_course_id_lesson_order_key")),
        sa.UniqueConstraint("slug", name=op.f("lessons_slug_key")),
    )
    op.create_index(op.f("lessons_course_id_status_idx"), "lessons", ["course_id", "status"], unique=False)
    op.create_index(
        "lessons_search_vector_idx", "lessons", ["search_vector"], unique=False, postgresql_using="gin"
    )
    op.create_index(op.f("lessons_status_idx"), "lessons", ["status"], unique=False)
    op.create_table(
        "certificates",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Text(), nullable=False),
        sa.Column("course_id", sa.Text(), nullable=True),
        sa.Column("lesson_id", sa.Text(), nullable=True),
        sa.Column("certificate_url", sa.Text(), nullable=False),
        sa.Column("certificate_number", sa.Text(), nullable=False),
        sa.Column(
            "issued_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "course_id IS NOT NULL OR lesson_id IS NOT NULL",
            name=op.f("certificates_names_course_or_lesson_check"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("certificates_course_id_fkey"),
            onupdate="CASCADE",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("certificates_lesson_id_fkey"),
            onupdate="CASCADE",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("certificates_user_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("certificates_pkey")),
        sa.UniqueConstraint("certificate_number", name=op.f("certificates_certificate_number_key")),
    )
    op.create_index(op.f("certificates_course_id_idx"), "certificates", ["course_id"], unique=False)
    op.create_index(op.f("certificates_issued_at_idx"), "certificates", ["issued_at"], unique=False)
    op.create_index(op.f("certificates_user_id_idx"), "certificates", ["user_id"], unique=False)
    op.create_table(
        "lesson_progress",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("enrollment_id", sa.Text(), nullable=False),
        sa.Column("lesson_id", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("NOT_STARTED", "IN_PROGRESS", "COMPLETED", name="LessonProgressStatus"),
            server_default="NOT_STARTED",
            nullable=False,
        ),
        sa.Column("current_slide_index", sa.Integer(), server_default="0", nullable=False),
        sa.Column("total_slides_viewed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("time_spent_seconds", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "started_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column("completed_at", postgresql.TIMESTAMP(precision=3), nullable=True),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "current_slide_index >= 0 AND total_slides_viewed >= 0 AND time_spent_seconds >= 0",
            name=op.f("lesson_progress_counters_check"),
        ),
        sa.ForeignKeyConstraint(
            ["enrollment_id"],
            ["enrollments.id"],
            name=op.f("lesson_progress_enrollment_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("lesson_progress_lesson_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("lesson_progress_pkey")),
        sa.UniqueConstraint(
            "enrollment_id", "lesson_id", name=op.f("lesson_progress_enrollment_id_lesson_id_key")
        ),
    )
    op.create_index(op.f("lesson_progress_lesson_id_idx"), "lesson_progress", ["lesson_id"], unique=False)
    op.create_index(op.f("lesson_progress_status_idx"), "lesson_progress", ["status"], unique=False)
    op.create_table(
        "slides",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("lesson_id", sa.Text(), nullable=False),
        sa.Column("slide_order", sa.Integer(), nullable=False),
        sa.Column(
            "layout",
            sa.Enum("TITLE", "CONTENT", "TWO_COLUMN", "IMAGE_FOCUS", "QUIZ", "BLANK", name="SlideLayout"),
            server_default="CONTENT",
            nullable=False,
        ),
        sa.Column("title_en", sa.Text(), nullable=True),
        sa.Column("title_fr", sa.Text(), nullable=True),
        sa.Column("notes_en", sa.Text(), nullable=True),
        sa.Column("notes_fr", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint("slide_order >= 0", name=op.f("slides_slide_order_check")),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("slides_lesson_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("slides_pkey")),
        sa.UniqueConstraint("lesson_id", "slide_order", name=op.f("slides_lesson_id_slide_order_key")),
    )
    op.create_table(
        "student_notes",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("student_id", sa.Text(), nullable=False),
        sa.Column("lesson_id", sa.Text(), nullable=False),
        sa.Column("slide_index", sa.Integer(), nullable=False),
        sa.Column("note_text", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint("slide_index >= 0", name=op.f("student_notes_slide_index_check")),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("student_notes_lesson_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["users.id"],
            name=op.f("student_notes_student_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("student_notes_pkey")),
    )
    op.create_index(op.f("student_notes_lesson_id_idx"), "student_notes", ["lesson_id"], unique=False)
    op.create_index(op.f("student_notes_student_id_idx"), "student_notes", ["student_id"], unique=False)
    op.create_table(
        "content_blocks",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("slide_id", sa.Text(), nullable=False),
        sa.Column("block_order", sa.Integer(), nullable=False),
        sa.Column(
            "block_type",
            sa.Enum(
                "HEADING",
                "TEXT",
                "IMAGE",
                "VERSE",
                "VOCABULARY",
                "LIST",
                "CALLOUT",
                "QUIZ",
                "DIVIDER",
                name="ContentBlockType",
            ),
            nullable=False,
        ),
        sa.Column("content_en", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("content_fr", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("style_config", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "content_fr IS NULL OR jsonb_typeof(content_fr) = 'object'",
            name=op.f("content_blocks_content_fr_object_check"),
        ),
        sa.CheckConstraint(
            "jsonb_typeof(content_en) = 'object'", name=op.f("content_blocks_content_en_object_check")
        ),
        sa.CheckConstraint("block_order >= 0", name=op.f("content_blocks_block_order_check")),
        sa.ForeignKeyConstraint(
            ["slide_id"],
            ["slides.id"],
            name=op.f("content_blocks_slide_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("content_blocks_pkey")),
        sa.UniqueConstraint("slide_id", "block_order", name=op.f("content_blocks_slide_id_block_order_key")),
    )
    op.create_index(op.f("content_blocks_block_type_idx"), "content_blocks", ["block_type"], unique=False)
    op.create_index(
        "content_blocks_content_en_gin_idx",
        "content_blocks",
        ["content_en"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"content_en": "jsonb_path_ops"},
    )
    op.create_index(
        "content_blocks_content_fr_gin_idx",
        "content_blocks",
        ["content_fr"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"content_fr": "jsonb_path_ops"},
    )
    op.create_table(
        "quizzes",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("lesson_id", sa.Text(), nullable=False),
        sa.Column("slide_id", sa.Text(), nullable=True),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("title_fr", sa.Text(), nullable=True),
        sa.Column("passing_score_percentage", sa.Integer(), server_default="70", nullable=False),
        sa.Column("time_limit_minutes", sa.Integer(), nullable=True),
        sa.Column("shuffle_questions", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("shuffle_options", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("allow_review", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("show_correct_answers", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "max_attempts IS NULL OR max_attempts >= 1", name=op.f("quizzes_max_attempts_check")
        ),
        sa.CheckConstraint(
            "passing_score_percentage BETWEEN 0 AND 100", name=op.f("quizzes_passing_score_percentage_check")
        ),
        sa.CheckConstraint(
            "time_limit_minutes IS NULL OR time_limit_minutes > 0",
            name=op.f("quizzes_time_limit_minutes_check"),
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("quizzes_lesson_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["slide_id"],
            ["slides.id"],
            name=op.f("quizzes_slide_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("quizzes_pkey")),
    )
    op.create_index(op.f("quizzes_lesson_id_idx"), "quizzes", ["lesson_id"], unique=False)
    op.create_index(op.f("quizzes_slide_id_idx"), "quizzes", ["slide_id"], unique=False)
    op.create_table(
        "questions",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("quiz_id", sa.Text(), nullable=False),
        sa.Column("question_order", sa.Integer(), nullable=False),
        sa.Column(
            "question_type",
            sa.Enum(
                "MULTIPLE_CHOICE", "TRUE_FALSE", "SHORT_ANSWER", "FILL_BLANK", "MATCHING", name="QuestionType"
            ),
            nullable=False,
        ),
        sa.Column("question_text_en", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("question_text_fr", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("options_en", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("options_fr", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("correct_answers", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("explanation_en", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("explanation_fr", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("points", sa.Integer(), server_default="1", nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint("points >= 0", name=op.f("questions_points_check")),
        sa.CheckConstraint("question_order >= 0", name=op.f("questions_question_order_check")),
        sa.ForeignKeyConstraint(
            ["quiz_id"],
            ["quizzes.id"],
            name=op.f("questions_quiz_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("questions_pkey")),
        sa.UniqueConstraint("quiz_id", "question_order", name=op.f("questions_quiz_id_question_order_key")),
    )
    op.create_table(
        "quiz_submissions",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("quiz_id", sa.Text(), nullable=False),
        sa.Column("student_id", sa.Text(), nullable=False),
        sa.Column("score_percentage", sa.Integer(), nullable=False),
        sa.Column("points_earned", sa.Integer(), nullable=False),
        sa.Column("total_points", sa.Integer(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("time_spent_seconds", sa.Integer(), nullable=True),
        sa.Column(
            "started_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.Column("submitted_at", postgresql.TIMESTAMP(precision=3), nullable=True),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "points_earned <= total_points", name=op.f("quiz_submissions_points_earned_le_total_check")
        ),
        sa.CheckConstraint(
            "points_earned >= 0 AND total_points >= 0", name=op.f("quiz_submissions_points_check")
        ),
        sa.CheckConstraint(
            "score_percentage BETWEEN 0 AND 100", name=op.f("quiz_submissions_score_percentage_check")
        ),
        sa.CheckConstraint(
            "time_spent_seconds IS NULL OR time_spent_seconds >= 0",
            name=op.f("quiz_submissions_time_spent_seconds_check"),
        ),
        sa.ForeignKeyConstraint(
            ["quiz_id"],
            ["quizzes.id"],
            name=op.f("quiz_submissions_quiz_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["users.id"],
            name=op.f("quiz_submissions_student_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("quiz_submissions_pkey")),
    )
    op.create_index(op.f("quiz_submissions_quiz_id_idx"), "quiz_submissions", ["quiz_id"], unique=False)
    op.create_index(op.f("quiz_submissions_student_id_idx"), "quiz_submissions", ["student_id"], unique=False)
    op.create_index(
        op.f("quiz_submissions_submitted_at_idx"), "quiz_submissions", ["submitted_at"], unique=False
    )
    op.create_table(
        "question_answers",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("submission_id", sa.Text(), nullable=False),
        sa.Column("question_id", sa.Text(), nullable=False),
        sa.Column("answer_given", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("is_correct", sa.Boolean(), nullable=False),
        sa.Column("points_earned", sa.Integer(), nullable=False),
        sa.Column(
            "answered_at",
            postgresql.TIMESTAMP(precision=3),
            server_default=sa.text("timezone('utc', now())"),
            nullable=False,
        ),
        sa.CheckConstraint("points_earned >= 0", name=op.f("question_answers_points_earned_check")),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("question_answers_question_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["quiz_submissions.id"],
            name=op.f("question_answers_submission_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("question_answers_pkey")),
        sa.UniqueConstraint(
            "submission_id", "question_id", name=op.f("question_answers_submission_id_question_id_key")
        ),
    )
    op.create_index(
        op.f("question_answers_question_id_idx"), "question_answers", ["question_id"], unique=False
    )
    _create_extras()


def downgrade() -> None:
    # Tables first (their triggers go with them), then the functions and enum types they used.
    op.drop_index(op.f("question_answers_question_id_idx"), table_name="question_answers")
    op.drop_table("question_answers")
    op.drop_index(op.f("quiz_submissions_submitted_at_idx"), table_name="quiz_submissions")
    op.drop_index(op.f("quiz_submissions_student_id_idx"), table_name="quiz_submissions")
    op.drop_index(op.f("quiz_submissions_quiz_id_idx"), table_name="quiz_submissions")
    op.drop_table("quiz_submissions")
    op.drop_table("questions")
    op.drop_index(op.f("quizzes_slide_id_idx"), table_name="quizzes")
    op.drop_index(op.f("quizzes_lesson_id_idx"), table_name="quizzes")
    op.drop_table("quizzes")
    op.drop_index(
        "content_blocks_content_fr_gin_idx",
        table_name="content_blocks",
        postgresql_using="gin",
        postgresql_ops={"content_fr": "jsonb_path_ops"},
    )
    op.drop_index(
        "content_blocks_content_en_gin_idx",
        table_name="content_blocks",
        postgresql_using="gin",
        postgresql_ops={"content_en": "jsonb_path_ops"},
    )
    op.drop_index(op.f("content_blocks_block_type_idx"), table_name="content_blocks")
    op.drop_table("content_blocks")
    op.drop_index(op.f("student_notes_student_id_idx"), table_name="student_notes")
    op.drop_index(op.f("student_notes_lesson_id_idx"), table_name="student_notes")
    op.drop_table("student_notes")
    op.drop_table("slides")
    op.drop_index(op.f("lesson_progress_status_idx"), table_name="lesson_progress")
    op.drop_index(op.f("lesson_progress_lesson_id_idx"), table_name="lesson_progress")
    op.drop_table("lesson_progress")
    op.drop_index(op.f("certificates_user_id_idx"), table_name="certificates")
    op.drop_index(op.f("certificates_issued_at_idx"), table_name="certificates")
    op.drop_index(op.f("certificates_course_id_idx"), table_name="certificates")
    op.drop_table("certificates")
    op.drop_index(op.f("lessons_status_idx"), table_name="lessons")
    op.drop_index("lessons_search_vector_idx", table_name="lessons", postgresql_using="gin")
    op.drop_index(op.f("lessons_course_id_status_idx"), table_name="lessons")
    op.drop_table("lessons")
    op.drop_index(op.f("enrollments_student_id_status_last_accessed_at_idx"), table_name="enrollments")
    op.drop_index(op.f("enrollments_status_idx"), table_name="enrollments")
    op.drop_index(op.f("enrollments_course_id_idx"), table_name="enrollments")
    op.drop_table("enrollments")
    op.drop_index(op.f("courses_teacher_id_idx"), table_name="courses")
    op.drop_index(op.f("courses_status_idx"), table_name="courses")
    op.drop_index(op.f("courses_published_at_idx"), table_name="courses")
    op.drop_table("courses")
    op.drop_index(op.f("users_role_idx"), table_name="users")
    op.drop_index("users_email_lower_key", table_name="users")
    op.drop_index(op.f("users_created_at_idx"), table_name="users")
    op.drop_table("users")
    op.drop_index(op.f("activity_logs_user_id_idx"), table_name="activity_logs")
    op.drop_index(op.f("activity_logs_created_at_idx"), table_name="activity_logs")
    op.drop_index(op.f("activity_logs_action_idx"), table_name="activity_logs")
    op.drop_table("activity_logs")
    op.execute("DROP FUNCTION IF EXISTS update_lesson_search_vector()")
    op.execute("DROP FUNCTION IF EXISTS set_updated_at()")
    for name in ENUM_TYPES:
        op.execute(f'DROP TYPE IF EXISTS "{name}"')
