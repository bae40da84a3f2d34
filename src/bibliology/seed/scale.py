"""`bibliology seed --scale N`: deterministic benchmark data, bulk-loaded with COPY.

Scale 1 is 1,000 students and 20 courses (200 lessons, 4,000 slides, 20,000 blocks, 2,000 questions)
with 5,000 enrollments, 20,000 lesson_progress rows, 5,000 quiz submissions and 50,000 answers, and
about 250,000 slide_views (every slide each student saw); every count is linear in N
(`scale_plan.Sizes.counts`). The same N gives the same rows, ids included. Students behave as the
application's rules require (`scale_students`), so the data is what normal use would have written.

How the load stays fast and its result identical to normal writes:
- One transaction: the tables are locked and must be empty; their non-unique indexes and foreign
  keys are dropped; the tables are filled with binary COPY; the indexes are rebuilt and the foreign
  keys added back (which validates every row) from their saved definitions before commit. Any
  failure rolls everything back, indexes and constraints included (DDL is transactional), so
  nothing is left half-loaded and the schema is never left without them.
- Triggers stay enabled. The only one that fires on INSERT is lessons' search_vector trigger, and
  lessons are few; the updated_at triggers fire on UPDATE only, and the loader never updates, so
  `updated_at` is written as what normal writes would have left (the row's last change).
- Primary keys, unique indexes and CHECK constraints are enforced row by row, foreign keys when they
  are added back: nothing the schema forbids can be committed.
- Denormalised fields (enrollment counters, total_slides_viewed, submission scores) are computed
  from the same plans as the rows they summarise.
- After commit, VACUUM ANALYZE sets the visibility map and gathers statistics for the benchmarks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from bibliology.console import Progress
from bibliology.seed import scale_rows_content as content
from bibliology.seed import scale_rows_learning as learning
from bibliology.seed.scale_copy import (
    connect,
    copy_rows,
    lock_empty_tables,
    restore,
    set_aside,
    vacuum_analyze,
)
from bibliology.seed.scale_plan import sizes_for
from bibliology.seed.scale_students import Dataset

__all__ = ["TABLES", "seed_scale"]


class Table(NamedTuple):
    name: str
    columns: tuple[str, ...]
    rows: Callable[[Dataset], Iterator[tuple[Any, ...]]]


# Foreign-key order (parents first), although the foreign keys are only checked at the end.
TABLES = (
    Table("users", content.USERS, content.users),
    Table("courses", content.COURSES, content.courses),
    Table("lessons", content.LESSONS, content.lessons),
    Table("slides", content.SLIDES, content.slides),
    Table("content_blocks", content.CONTENT_BLOCKS, content.content_blocks),
    Table("quizzes", content.QUIZZES, content.quizzes),
    Table("questions", content.QUESTIONS, content.questions),
    Table("enrollments", learning.ENROLLMENTS, learning.enrollments),
    Table("lesson_progress", learning.LESSON_PROGRESS, learning.lesson_progress),
    Table("slide_views", learning.SLIDE_VIEWS, learning.slide_views),
    Table("quiz_submissions", learning.QUIZ_SUBMISSIONS, learning.quiz_submissions),
    Table("question_answers", learning.QUESTION_ANSWERS, learning.question_answers),
    Table("student_notes", learning.STUDENT_NOTES, learning.student_notes),
    Table("certificates", learning.CERTIFICATES, learning.certificates),
    Table("activity_logs", learning.ACTIVITY_LOGS, learning.activity_logs),
)


def seed_scale(url: str, *, scale: int, progress: Progress, fraction: float = 1.0) -> dict[str, int]:
    """Load benchmark data of `scale` into the empty, migrated database at `url`; rows per table.

    Raises Conflict when any of the tables already has rows. `fraction` shrinks the scale for tests.
    """
    sizes = sizes_for(scale, fraction)
    data = Dataset.build(sizes)
    expected = sizes.counts()
    names = [table.name for table in TABLES]
    counts: dict[str, int] = {}
    with connect(url) as conn:
        with conn.transaction():
            lock_empty_tables(conn, names)
            # memory for rebuilding the indexes and for the joins that validate the foreign keys
            conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
            conn.execute("SET LOCAL work_mem = '64MB'")
            saved = set_aside(conn, names)
            for table in TABLES:
                total = expected.get(table.name) or data.tally[table.name]
                rows = table.rows(data)
                counts[table.name] = copy_rows(
                    conn, table.name, table.columns, rows, total=total, progress=progress
                )
            expected["slide_views"] = data.tally["slide_views"]
            if counts != expected:  # a generator bug: roll back rather than commit odd data
                raise RuntimeError(f"benchmark rows differ from the plan: {counts} != {expected}")
            restore(conn, saved, progress)
        vacuum_analyze(conn, [*names, "search_documents", "search_terms", "search_passages"], progress)
    return counts
