"""`bibliology progress reconcile [--fix]`: recompute every denormalised progress field from its
source rows with set-based SQL, report the rows that disagree, and optionally fix them.

Fields: enrollments.total_lessons / lessons_completed / progress_percentage (and an ACTIVE
enrollment whose every lesson is complete), lesson_progress.total_slides_viewed and
current_slide_index, student_notes.slide_index. Courses are handled in batches, one transaction
each; when fixing, a batch first locks its enrollments (as progress events do) so a fix never
overwrites a concurrent event with a stale count.
"""

# SQL text is assembled from constant fragments and whitelisted names; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rich.table import Table
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from bibliology.console import NullProgress, Progress
from bibliology.db import unit_of_work
from bibliology.progress.completion import announce, expected_counters_sql, refresh_sql

BATCH_COURSES = 50

FIELDS = (
    "enrollments.total_lessons",
    "enrollments.lessons_completed",
    "enrollments.progress_percentage",
    "enrollments.status",
    "lesson_progress.total_slides_viewed",
    "lesson_progress.current_slide_index",
    "student_notes.slide_index",
)

_ENROLLMENT_FIELDS = ("total_lessons", "lessons_completed", "progress_percentage", "status")
_COURSES = text("SELECT id FROM courses ORDER BY id")
_LOCK = text("SELECT id FROM enrollments WHERE course_id = ANY(:course_ids) ORDER BY id FOR UPDATE")

_ENROLLMENT_DRIFT = text(
    f"""
    WITH x AS ({expected_counters_sql("e.course_id = ANY(:course_ids)")})
    SELECT e.id,
           e.total_lessons <> x.total_lessons AS total_lessons,
           e.lessons_completed <> x.lessons_completed AS lessons_completed,
           e.progress_percentage <> x.progress_percentage AS progress_percentage,
           (e.status = 'ACTIVE' AND x.total_lessons > 0 AND x.lessons_completed >= x.total_lessons) AS status
    FROM enrollments e JOIN x ON x.id = e.id
    """
)
_FIX_ENROLLMENTS = text(refresh_sql("e.id = ANY(:enrollment_ids)"))

_RANKED = """
    ranked AS (
      SELECT s.id, (row_number() OVER (PARTITION BY s.lesson_id ORDER BY s.slide_order) - 1)::int AS idx
      FROM slides s JOIN lessons l ON l.id = s.lesson_id WHERE l.course_id = ANY(:course_ids))"""

_PROGRESS_EXPECTED = f"""
    WITH lp AS (
      SELECT lp.id, lp.lesson_id, lp.total_slides_viewed, lp.current_slide_index, lp.current_slide_id
      FROM lesson_progress lp JOIN enrollments e ON e.id = lp.enrollment_id
      WHERE e.course_id = ANY(:course_ids)),
    {_RANKED},
    seen AS (
      SELECT sv.lesson_progress_id AS id, count(*)::int AS n
      FROM slide_views sv JOIN lp ON lp.id = sv.lesson_progress_id
      JOIN slides s ON s.id = sv.slide_id AND s.lesson_id = lp.lesson_id
      GROUP BY sv.lesson_progress_id),
    x AS (
      SELECT lp.id, lp.total_slides_viewed, lp.current_slide_index,
             COALESCE(seen.n, 0) AS seen, COALESCE(r.idx, lp.current_slide_index) AS idx
      FROM lp LEFT JOIN seen ON seen.id = lp.id LEFT JOIN ranked r ON r.id = lp.current_slide_id)"""

_PROGRESS_DRIFT = text(
    f"""{_PROGRESS_EXPECTED}
    SELECT count(*) AS checked,
           count(*) FILTER (WHERE seen <> total_slides_viewed) AS total_slides_viewed,
           count(*) FILTER (WHERE idx <> current_slide_index) AS current_slide_index
    FROM x"""
)
_FIX_PROGRESS = text(
    f"""{_PROGRESS_EXPECTED}
    UPDATE lesson_progress t SET total_slides_viewed = x.seen, current_slide_index = x.idx
    FROM x WHERE t.id = x.id AND (x.seen <> x.total_slides_viewed OR x.idx <> x.current_slide_index)"""
)

_NOTES_EXPECTED = f"""
    WITH {_RANKED.strip()},
    x AS (SELECT n.id, n.slide_index, r.idx FROM student_notes n JOIN ranked r ON r.id = n.slide_id)"""
_NOTES_DRIFT = text(f"{_NOTES_EXPECTED} SELECT count(*) FILTER (WHERE idx <> slide_index) FROM x")
_FIX_NOTES = text(
    f"{_NOTES_EXPECTED} UPDATE student_notes t SET slide_index = x.idx FROM x "
    "WHERE t.id = x.id AND x.idx <> x.slide_index"
)


def summary(report: Report, seconds: float) -> Table:
    """Rows drifted (or fixed) per field, and what was checked how fast."""
    table = Table(
        title=f"progress reconcile: rows {'fixed' if report.fixed else 'drifted'} per field",
        title_justify="left",
    )
    table.add_column("field")
    table.add_column("rows", justify="right")
    for name in FIELDS:
        table.add_row(name, f"{report.drift[name]:,}")
    table.add_row("[bold]total[/bold]", f"[bold]{report.drifted:,}[/bold]")
    rate = report.enrollments / seconds if seconds > 0 else 0.0
    table.caption = (
        f"{report.courses:,} courses, {report.enrollments:,} enrollments, {report.lesson_progress:,} lesson "
        f"progress rows checked in {seconds:.1f} s ({rate:,.0f} enrollments/s)"
    )
    return table


@dataclass
class Report:
    courses: int = 0
    enrollments: int = 0
    lesson_progress: int = 0
    drift: Counter[str] = field(default_factory=Counter)
    fixed: bool = False

    @property
    def drifted(self) -> int:
        return sum(self.drift.values())


def reconcile_courses(session: Session, *, course_ids: list[str], fix: bool, report: Report) -> None:
    """Check (and with `fix`, repair) the progress fields of these courses' enrollments."""
    params = {"course_ids": course_ids}
    if fix:
        session.execute(_LOCK, params)
    rows = session.execute(_ENROLLMENT_DRIFT, params).all()
    report.enrollments += len(rows)
    drifted = []
    for row in rows:
        fields = [name for name in _ENROLLMENT_FIELDS if getattr(row, name)]
        report.drift.update(f"enrollments.{name}" for name in fields)
        if fields:
            drifted.append(row.id)
    progress = session.execute(_PROGRESS_DRIFT, params).one()
    report.lesson_progress += progress.checked
    report.drift["lesson_progress.total_slides_viewed"] += progress.total_slides_viewed
    report.drift["lesson_progress.current_slide_index"] += progress.current_slide_index
    notes = session.execute(_NOTES_DRIFT, params).scalar_one()
    report.drift["student_notes.slide_index"] += notes
    report.courses += len(course_ids)
    if not fix:
        return
    if progress.total_slides_viewed or progress.current_slide_index:
        session.execute(_FIX_PROGRESS, params)
    if notes:
        session.execute(_FIX_NOTES, params)
    if drifted:  # the same recount progress events use; completes (and announces) finished courses
        announce(
            session, session.execute(_FIX_ENROLLMENTS, {"enrollment_ids": drifted, "touch": False}).all()
        )
    report.fixed = True


def run(
    sessions: sessionmaker[Session],
    *,
    fix: bool,
    progress: Progress | None = None,
    batch_size: int = BATCH_COURSES,
) -> Report:
    """Reconcile every course, a batch per transaction."""
    progress = progress or NullProgress()
    with unit_of_work(sessions) as session:
        course_ids = list(session.scalars(_COURSES))
    report = Report()
    progress.start("reconciling progress", len(course_ids))
    for start in range(0, len(course_ids), batch_size):
        batch = course_ids[start : start + batch_size]
        with unit_of_work(sessions) as session:
            reconcile_courses(session, course_ids=batch, fix=fix, report=report)
        progress.advance(len(batch))
    report.fixed = fix
    for name in FIELDS:
        report.drift.setdefault(name, 0)
    return report
