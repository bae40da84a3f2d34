"""Where progress meets the other domains, both ways.

Inbound (authoring and the importer call these in the transaction that made the change):
- `lesson_set_changed(session, course_id=…)` whenever a lesson is published, archived, restored or
  deleted: recounts every enrollment of the course under their row locks (and completes the ones
  whose last missing lesson went away).
- `slides_changed(session, lesson_id=…)` whenever a lesson's slides are added, deleted or
  reordered: slide positions kept beside slide ids (notes, current slide) and the distinct slides
  seen are brought back in line.

Outbound: `on_course_completed(listener)` and `on_lesson_completed(listener)` (certificates
listen), see `completion`.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.progress.completion import (
    CourseCompleted,
    LessonCompleted,
    on_course_completed,
    on_lesson_completed,
    refresh_course_enrollments,
    remove_course_completed_listener,
    remove_lesson_completed_listener,
)

__all__ = [
    "CourseCompleted",
    "LessonCompleted",
    "lesson_set_changed",
    "on_course_completed",
    "on_lesson_completed",
    "remove_course_completed_listener",
    "remove_lesson_completed_listener",
    "slides_changed",
]


def lesson_set_changed(session: Session, *, course_id: str) -> None:
    """Recount every enrollment of the course after its set of published lessons changed."""
    refresh_course_enrollments(session, course_id=course_id)


# Positions are 0-based ranks by slide_order; a note whose slide was deleted keeps its last index.
# Only rows whose values change are written (updated_at orders "the lesson to resume").
_SLIDE_POSITIONS = text(
    """
    WITH ranked AS (
      SELECT id, (row_number() OVER (ORDER BY slide_order) - 1)::int AS idx
      FROM slides WHERE lesson_id = :lesson_id),
    notes AS (
      UPDATE student_notes n SET slide_index = r.idx FROM ranked r
      WHERE n.lesson_id = :lesson_id AND n.slide_id = r.id AND n.slide_index <> r.idx),
    fresh AS (
      SELECT lp.id,
             COALESCE((SELECT r.idx FROM ranked r WHERE r.id = lp.current_slide_id), lp.current_slide_index)
               AS current_slide_index,
             (SELECT count(*) FROM slide_views sv JOIN ranked r ON r.id = sv.slide_id
               WHERE sv.lesson_progress_id = lp.id)::int AS total_slides_viewed
      FROM lesson_progress lp WHERE lp.lesson_id = :lesson_id)
    UPDATE lesson_progress lp
    SET current_slide_index = f.current_slide_index, total_slides_viewed = f.total_slides_viewed
    FROM fresh f
    WHERE lp.id = f.id AND (lp.current_slide_index, lp.total_slides_viewed)
                           IS DISTINCT FROM (f.current_slide_index, f.total_slides_viewed)
    """
)


def slides_changed(session: Session, *, lesson_id: str) -> None:
    """Re-derive slide positions and distinct slides seen after the lesson's slides changed."""
    session.execute(_SLIDE_POSITIONS, {"lesson_id": lesson_id})
