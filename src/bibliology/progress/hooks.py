"""What other domains call when something progress depends on changes. Owned by the progress
domain; authoring calls `lesson_set_changed` whenever a lesson is published, archived, restored,
deleted or moved between statuses, in the same transaction."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# total_lessons counts PUBLISHED lessons; lessons_completed counts COMPLETED progress on them.
_RECOUNT = text(
    """
    UPDATE enrollments e
    SET total_lessons = c.total,
        lessons_completed = c.done,
        progress_percentage = CASE WHEN c.total = 0 THEN 0 ELSE (100 * c.done) / c.total END
    FROM (
        SELECT e2.id,
               (SELECT count(*) FROM lessons l WHERE l.course_id = e2.course_id AND l.status = 'PUBLISHED') AS total,
               (SELECT count(*) FROM lesson_progress lp JOIN lessons l ON l.id = lp.lesson_id
                 WHERE lp.enrollment_id = e2.id AND lp.status = 'COMPLETED' AND l.status = 'PUBLISHED') AS done
        FROM enrollments e2 WHERE e2.course_id = :course_id
    ) c
    WHERE e.id = c.id
    """
)


def lesson_set_changed(session: Session, *, course_id: str) -> None:
    """Recount every enrollment of the course after its set of published lessons changed."""
    session.execute(_RECOUNT, {"course_id": course_id})
