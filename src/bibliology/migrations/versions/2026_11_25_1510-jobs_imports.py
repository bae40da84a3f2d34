"""jobs and imports

The job queue's schema (procrastinate's own SQL, frozen in the .procrastinate.sql file beside this
one), our record of each job's status/progress/owner (background_jobs), and PowerPoint imports
(pptx_imports: the uploaded deck until it is processed, then its report).

Revision ID: 0006_jobs_imports
Revises: 0003_accounts
Create Date: 2026-11-25 15:10:00
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006_jobs_imports"
down_revision: str | None = "0003_accounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROCRASTINATE_SQL = Path(__file__).with_name("2026_11_25_1510-jobs_imports.procrastinate.sql")

PROCRASTINATE_TABLES = (
    "procrastinate_periodic_defers",
    "procrastinate_events",
    "procrastinate_jobs",
    "procrastinate_workers",
)
PROCRASTINATE_FUNCTIONS = (
    "procrastinate_defer_jobs_v1",
    "procrastinate_defer_periodic_job_v2",
    "procrastinate_fetch_job_v2",
    "procrastinate_finish_job_v1",
    "procrastinate_cancel_job_v1",
    "procrastinate_retry_job_v1",
    "procrastinate_retry_job_v2",
    "procrastinate_notify_queue_job_inserted_v1",
    "procrastinate_notify_queue_abort_job_v1",
    "procrastinate_trigger_function_status_events_insert_v1",
    "procrastinate_trigger_function_status_events_update_v1",
    "procrastinate_trigger_function_scheduled_events_v1",
    "procrastinate_trigger_abort_requested_events_procedure_v1",
    "procrastinate_unlink_periodic_defers_v1",
    "procrastinate_register_worker_v1",
    "procrastinate_unregister_worker_v1",
    "procrastinate_update_heartbeat_v1",
    "procrastinate_prune_stalled_workers_v1",
)
PROCRASTINATE_TYPES = (
    "procrastinate_job_to_defer_v1",
    "procrastinate_job_status",
    "procrastinate_job_event_type",
)


def _timestamp(name: str, *, nullable: bool = False, default: bool = True) -> sa.Column[Any]:
    return sa.Column(
        name,
        postgresql.TIMESTAMP(precision=3),
        server_default=sa.text("timezone('utc', now())") if default else None,
        nullable=nullable,
    )


def upgrade() -> None:
    # Several statements with dollar-quoted bodies and literal '%': run as one simple query on the
    # driver connection (no parameter parsing), inside this migration's transaction.
    driver = op.get_bind().connection.driver_connection
    assert driver is not None
    driver.execute(PROCRASTINATE_SQL.read_text(encoding="utf-8"))

    op.create_table(
        "background_jobs",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("procrastinate_job_id", sa.BigInteger(), nullable=False),
        sa.Column("task_name", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), server_default="queued", nullable=False),
        sa.Column("progress_done", sa.Integer(), server_default="0", nullable=False),
        sa.Column("progress_total", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("result", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        _timestamp("started_at", nullable=True, default=False),
        _timestamp("finished_at", nullable=True, default=False),
        sa.CheckConstraint("attempts >= 0", name=op.f("background_jobs_attempts_check")),
        sa.CheckConstraint(
            "progress_done >= 0 AND (progress_total IS NULL OR progress_total >= 0)",
            name=op.f("background_jobs_progress_check"),
        ),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed')",
            name=op.f("background_jobs_status_check"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("background_jobs_owner_id_fkey"),
            onupdate="CASCADE",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("background_jobs_pkey")),
        sa.UniqueConstraint("procrastinate_job_id", name=op.f("background_jobs_procrastinate_job_id_key")),
    )
    op.create_index(op.f("background_jobs_owner_id_idx"), "background_jobs", ["owner_id"], unique=False)
    op.create_index(
        op.f("background_jobs_status_finished_at_idx"),
        "background_jobs",
        ["status", "finished_at"],
        unique=False,
    )

    op.create_table(
        "pptx_imports",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("course_id", sa.Text(), nullable=False),
        sa.Column("lesson_id", sa.Text(), nullable=True),
        sa.Column("owner_id", sa.Text(), nullable=True),
        sa.Column("job_id", sa.Text(), nullable=True),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), server_default="queued", nullable=False),
        sa.Column("original_filename", sa.Text(), nullable=False),
        sa.Column("byte_size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("deck", sa.LargeBinary(), nullable=True),
        sa.Column("slide_count", sa.Integer(), nullable=True),
        sa.Column("report", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        _timestamp("finished_at", nullable=True, default=False),
        sa.CheckConstraint("byte_size >= 0", name=op.f("pptx_imports_byte_size_check")),
        sa.CheckConstraint("language IN ('en', 'fr')", name=op.f("pptx_imports_language_check")),
        sa.CheckConstraint(
            "slide_count IS NULL OR slide_count >= 0", name=op.f("pptx_imports_slide_count_check")
        ),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed')", name=op.f("pptx_imports_status_check")
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("pptx_imports_course_id_fkey"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["background_jobs.id"],
            name=op.f("pptx_imports_job_id_fkey"),
            onupdate="CASCADE",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("pptx_imports_lesson_id_fkey"),
            onupdate="CASCADE",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("pptx_imports_owner_id_fkey"),
            onupdate="CASCADE",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pptx_imports_pkey")),
    )
    for column in ("course_id", "lesson_id", "owner_id", "job_id"):
        op.create_index(op.f(f"pptx_imports_{column}_idx"), "pptx_imports", [column], unique=False)


def downgrade() -> None:
    op.drop_table("pptx_imports")
    op.drop_table("background_jobs")
    # fetch_job returns the jobs table's row type; the other functions serve the tables' triggers.
    op.execute("DROP FUNCTION procrastinate_fetch_job_v2")
    for table in PROCRASTINATE_TABLES:
        op.execute(f"DROP TABLE {table}")
    for function in PROCRASTINATE_FUNCTIONS:
        if function != "procrastinate_fetch_job_v2":
            op.execute(f"DROP FUNCTION {function}")
    for type_name in PROCRASTINATE_TYPES:
        op.execute(f"DROP TYPE {type_name}")
