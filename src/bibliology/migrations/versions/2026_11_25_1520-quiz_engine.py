"""quiz engine

Attempt state beside the design's quiz tables: per-quiz scoring policy, retired questions, open
attempts (status, language, shuffle seed, frozen question list, deadline) with at most one open
attempt per student and quiz, exact scores beside the design's integer columns, teacher overrides,
answers saved during an attempt, and extra attempts granted by a teacher. New columns are nullable or
defaulted; no design column changes.

Revision ID: 0007_quizzes
Revises: 0006_jobs_imports
Create Date: 2026-11-25 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007_quizzes"
down_revision: str | None = "0006_jobs_imports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_NOW = sa.text("timezone('utc', now())")


def _timestamp(name: str, *, nullable: bool = True, default: bool = False) -> sa.Column[object]:
    return sa.Column(
        name,
        postgresql.TIMESTAMP(precision=3),
        server_default=UTC_NOW if default else None,
        nullable=nullable,
    )


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"{table}_{column}_fkey"), onupdate="CASCADE", ondelete=ondelete
    )


def _check(table: str, name: str, condition: str) -> None:
    op.create_check_constraint(op.f(f"{table}_{name}_check"), table, condition)


def upgrade() -> None:
    op.add_column(
        "quizzes", sa.Column("partial_credit_policy", sa.Text(), server_default="partial", nullable=False)
    )
    op.add_column(
        "quizzes", sa.Column("wrong_pick_penalty", sa.Text(), server_default="balanced", nullable=False)
    )
    _check("quizzes", "partial_credit_policy", "partial_credit_policy IN ('all_or_nothing', 'partial')")
    _check("quizzes", "wrong_pick_penalty", "wrong_pick_penalty IN ('none', 'balanced', 'strict')")

    op.add_column("questions", _timestamp("retired_at"))

    op.add_column("quiz_submissions", sa.Column("status", sa.Text(), server_default="graded", nullable=False))
    op.add_column("quiz_submissions", sa.Column("language", sa.Text(), server_default="en", nullable=False))
    op.add_column("quiz_submissions", sa.Column("shuffle_seed", sa.BigInteger(), nullable=True))
    op.add_column("quiz_submissions", sa.Column("question_ids", postgresql.JSONB(), nullable=True))
    op.add_column("quiz_submissions", _timestamp("deadline_at"))
    op.add_column("quiz_submissions", sa.Column("points_exact", sa.Numeric(14, 6), nullable=True))
    op.add_column("quiz_submissions", sa.Column("score_exact", sa.Numeric(9, 6), nullable=True))
    op.add_column("quiz_submissions", sa.Column("closed_by", sa.Text(), nullable=True))
    op.add_column("quiz_submissions", _timestamp("voided_at"))
    _check("quiz_submissions", "status", "status IN ('open', 'graded')")
    _check("quiz_submissions", "language", "language IN ('en', 'fr')")
    _check("quiz_submissions", "closed_by", "closed_by IS NULL OR closed_by IN ('student', 'deadline')")
    _check("quiz_submissions", "score_exact", "score_exact IS NULL OR score_exact BETWEEN 0 AND 100")
    _check("quiz_submissions", "points_exact", "points_exact IS NULL OR points_exact >= 0")
    op.create_index(
        "quiz_submissions_open_attempt_key",
        "quiz_submissions",
        ["student_id", "quiz_id"],
        unique=True,
        postgresql_where=sa.text("status = 'open'"),
    )
    op.create_index(
        "quiz_submissions_open_deadline_idx",
        "quiz_submissions",
        ["deadline_at"],
        postgresql_where=sa.text("status = 'open' AND deadline_at IS NOT NULL"),
    )

    op.add_column("question_answers", sa.Column("credit", sa.Numeric(10, 9), nullable=True))
    op.add_column("question_answers", sa.Column("detail", postgresql.JSONB(), nullable=True))
    op.add_column("question_answers", sa.Column("override_points", sa.Numeric(7, 2), nullable=True))
    op.add_column("question_answers", sa.Column("override_comment", sa.Text(), nullable=True))
    op.add_column("question_answers", sa.Column("overridden_by", sa.Text(), nullable=True))
    op.add_column("question_answers", _timestamp("overridden_at"))
    op.create_foreign_key(
        op.f("question_answers_overridden_by_fkey"),
        "question_answers",
        "users",
        ["overridden_by"],
        ["id"],
        onupdate="CASCADE",
        ondelete="SET NULL",
    )
    op.create_index(
        op.f("question_answers_overridden_by_idx"),
        "question_answers",
        ["overridden_by"],
        postgresql_where=sa.text("overridden_by IS NOT NULL"),
    )
    _check("question_answers", "credit", "credit IS NULL OR credit BETWEEN 0 AND 1")
    _check("question_answers", "override_points", "override_points IS NULL OR override_points >= 0")

    op.create_table(
        "attempt_answers",
        sa.Column("submission_id", sa.Text(), nullable=False),
        sa.Column("question_id", sa.Text(), nullable=False),
        sa.Column("answer", postgresql.JSONB(), nullable=False),
        _timestamp("saved_at", nullable=False, default=True),
        _fk("attempt_answers", "submission_id", "quiz_submissions", "CASCADE"),
        _fk("attempt_answers", "question_id", "questions", "CASCADE"),
        sa.PrimaryKeyConstraint("submission_id", "question_id", name=op.f("attempt_answers_pkey")),
    )
    op.create_index(op.f("attempt_answers_question_id_idx"), "attempt_answers", ["question_id"])

    op.create_table(
        "attempt_grants",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("quiz_id", sa.Text(), nullable=False),
        sa.Column("student_id", sa.Text(), nullable=False),
        sa.Column("extra_attempts", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("granted_by", sa.Text(), nullable=True),
        _timestamp("created_at", nullable=False, default=True),
        sa.CheckConstraint(
            "extra_attempts BETWEEN 1 AND 100", name=op.f("attempt_grants_extra_attempts_check")
        ),
        _fk("attempt_grants", "quiz_id", "quizzes", "CASCADE"),
        _fk("attempt_grants", "student_id", "users", "CASCADE"),
        _fk("attempt_grants", "granted_by", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("attempt_grants_pkey")),
    )
    op.create_index(
        op.f("attempt_grants_quiz_id_student_id_idx"), "attempt_grants", ["quiz_id", "student_id"]
    )
    op.create_index(op.f("attempt_grants_student_id_idx"), "attempt_grants", ["student_id"])


def downgrade() -> None:
    op.drop_table("attempt_grants")
    op.drop_table("attempt_answers")
    op.drop_index(op.f("question_answers_overridden_by_idx"), table_name="question_answers")
    op.drop_constraint(op.f("question_answers_overridden_by_fkey"), "question_answers", type_="foreignkey")
    for column in (
        "credit",
        "detail",
        "override_points",
        "override_comment",
        "overridden_by",
        "overridden_at",
    ):
        op.drop_column("question_answers", column)
    op.drop_index("quiz_submissions_open_deadline_idx", table_name="quiz_submissions")
    op.drop_index("quiz_submissions_open_attempt_key", table_name="quiz_submissions")
    for column in (
        "status", "language", "shuffle_seed", "question_ids", "deadline_at", "points_exact", "score_exact",
        "closed_by", "voided_at",
    ):  # fmt: skip
        op.drop_column("quiz_submissions", column)
    op.drop_column("questions", "retired_at")
    op.drop_column("quizzes", "wrong_pick_penalty")
    op.drop_column("quizzes", "partial_credit_policy")
