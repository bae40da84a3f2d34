"""The one completion check, and the enrollment counters it keeps exact.

A lesson is complete for a student when every slide of it has been seen and every quiz of it has a
passed submission by them. Progress events and the quiz engine both call
`check_lesson_completion`; it promotes the lesson (never demotes it: a lesson completed before
slides were added stays completed), then recounts the enrollment under its row lock. The
enrollment becomes COMPLETED (completed_at set, course-completed listeners called in the same
transaction) when its last published lesson completes. Completion is permanent: a lesson published
later lowers the percentage of a COMPLETED enrollment but leaves its status and completed_at.
"""

# SQL text is assembled from constant fragments and whitelisted names; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.enums import EnrollmentStatus
from bibliology.errors import NotFound
from bibliology.ids import new_id


@dataclass(frozen=True)
class CourseCompleted:
    enrollment_id: str
    student_id: str
    course_id: str
    completed_at: dt.datetime


CourseCompletedListener = Callable[[Session, CourseCompleted], None]
_listeners: list[CourseCompletedListener] = []


def on_course_completed(listener: CourseCompletedListener) -> CourseCompletedListener:
    """Call `listener(session, event)` whenever an enrollment becomes COMPLETED, inside the writing
    transaction (it must flush, never commit). Usable as a decorator; returns the listener."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def remove_course_completed_listener(listener: CourseCompletedListener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def _notify(session: Session, event: CourseCompleted) -> None:
    for listener in list(_listeners):
        listener(session, event)


@dataclass(frozen=True)
class LessonCompleted:
    enrollment_id: str
    student_id: str
    lesson_id: str


LessonCompletedListener = Callable[[Session, LessonCompleted], None]
_lesson_listeners: list[LessonCompletedListener] = []


def on_lesson_completed(listener: LessonCompletedListener) -> LessonCompletedListener:
    """Call `listener(session, event)` when a lesson becomes COMPLETED for a student, inside the
    writing transaction, before the enrollment is recounted (per-lesson certificates listen)."""
    if listener not in _lesson_listeners:
        _lesson_listeners.append(listener)
    return listener


def remove_lesson_completed_listener(listener: LessonCompletedListener) -> None:
    if listener in _lesson_listeners:
        _lesson_listeners.remove(listener)


def expected_counters_sql(where: str) -> str:
    """What total_lessons, lessons_completed and progress_percentage must be for the enrollments
    `e` matching `where` (also used by reconcile). old_status is the enrollment's current status."""
    return f"""
    WITH target AS (SELECT e.id, e.course_id, e.status AS old_status FROM enrollments e WHERE {where}),
    totals AS (
      SELECT l.course_id, count(*) AS n FROM lessons l
      WHERE l.status = 'PUBLISHED' AND l.course_id IN (SELECT course_id FROM target)
      GROUP BY l.course_id),
    done AS (
      SELECT t.id, count(*) AS n FROM target t
      JOIN lesson_progress lp ON lp.enrollment_id = t.id AND lp.status = 'COMPLETED'
      JOIN lessons l ON l.id = lp.lesson_id AND l.course_id = t.course_id AND l.status = 'PUBLISHED'
      GROUP BY t.id),
    expected AS (
      SELECT t.id, t.old_status, COALESCE(totals.n, 0)::int AS total_lessons,
             COALESCE(done.n, 0)::int AS lessons_completed
      FROM target t LEFT JOIN totals ON totals.course_id = t.course_id LEFT JOIN done ON done.id = t.id)
    SELECT id, old_status, total_lessons, lessons_completed,
           CASE WHEN total_lessons = 0 THEN 0
                ELSE LEAST(100, (100 * lessons_completed) / total_lessons) END AS progress_percentage
    FROM expected
    """


def refresh_sql(where: str) -> str:
    """The recount of `expected_counters_sql` applied; RETURNING says which became COMPLETED."""
    complete = "x.old_status = 'ACTIVE' AND x.total_lessons > 0 AND x.lessons_completed >= x.total_lessons"
    return f"""
    WITH x AS ({expected_counters_sql(where)})
    UPDATE enrollments e SET
      total_lessons = x.total_lessons, lessons_completed = x.lessons_completed,
      progress_percentage = x.progress_percentage,
      last_accessed_at = CASE WHEN :touch THEN timezone('utc', now()) ELSE e.last_accessed_at END,
      status = CASE WHEN {complete} THEN 'COMPLETED'::"EnrollmentStatus" ELSE e.status END,
      completed_at = CASE WHEN {complete} THEN timezone('utc', now()) ELSE e.completed_at END
    FROM x WHERE e.id = x.id
    RETURNING e.id, e.student_id, e.course_id, e.completed_at, x.old_status <> e.status AS completed_now
    """


_REFRESH_ONE = text(refresh_sql("e.id = :enrollment_id"))
_REFRESH_COURSE = text(refresh_sql("e.course_id = :course_id"))
_LOCK_ONE = text("SELECT student_id, course_id, status FROM enrollments WHERE id = :enrollment_id FOR UPDATE")
# In id order, so two transactions locking a course's enrollments cannot deadlock each other.
_LOCK_COURSE = text("SELECT id FROM enrollments WHERE course_id = :course_id ORDER BY id FOR UPDATE")


def refresh_enrollment(session: Session, *, enrollment_id: str, touch: bool) -> None:
    """Recount one enrollment (the caller holds its row lock); `touch` sets last_accessed_at."""
    announce(session, session.execute(_REFRESH_ONE, {"enrollment_id": enrollment_id, "touch": touch}).all())


def refresh_course_enrollments(session: Session, *, course_id: str) -> None:
    """Recount every enrollment of a course. The locks are taken first, in a statement of their own,
    so the recount's snapshot includes progress committed by transactions that held them."""
    session.execute(_LOCK_COURSE, {"course_id": course_id})
    announce(session, session.execute(_REFRESH_COURSE, {"course_id": course_id, "touch": False}).all())


def announce(session: Session, rows: Sequence[Any]) -> None:
    """Tell the listeners about the enrollments a refresh completed (its RETURNING rows)."""
    for row in rows:
        if row.completed_now:
            _notify(session, CourseCompleted(row.id, row.student_id, row.course_id, row.completed_at))


_LESSON_STATE = text(
    """
    SELECT lp.id AS progress_id, lp.status,
           (SELECT count(*) FROM slides s WHERE s.lesson_id = :lesson_id) AS slides,
           (SELECT count(*) FROM slide_views sv JOIN slides s ON s.id = sv.slide_id
             WHERE sv.lesson_progress_id = lp.id AND s.lesson_id = :lesson_id) AS seen,
           (SELECT count(*) FROM quizzes q WHERE q.lesson_id = :lesson_id
              -- a quiz with no active question cannot be passed, so it cannot block completion
              AND EXISTS (SELECT 1 FROM questions qn WHERE qn.quiz_id = q.id AND qn.retired_at IS NULL)
              AND NOT EXISTS (
              SELECT 1 FROM quiz_submissions qs
              WHERE qs.quiz_id = q.id AND qs.student_id = :student_id AND qs.passed)) AS quizzes_left
    FROM (SELECT 1) one
    LEFT JOIN lesson_progress lp ON lp.enrollment_id = :enrollment_id AND lp.lesson_id = :lesson_id
    """
)

# A quiz submitted before any slide was seen starts the lesson; completion sets completed_at once.
_PROMOTE = text(
    """
    INSERT INTO lesson_progress (id, enrollment_id, lesson_id, status, completed_at)
    VALUES (:id, :enrollment_id, :lesson_id, CAST(:status AS "LessonProgressStatus"),
            CASE WHEN :status = 'COMPLETED' THEN timezone('utc', now()) END)
    ON CONFLICT (enrollment_id, lesson_id) DO UPDATE SET
      status = EXCLUDED.status, completed_at = EXCLUDED.completed_at
    """
)


def check_lesson_completion(session: Session, *, enrollment_id: str, lesson_id: str) -> bool:
    """Complete the lesson if every slide is seen and every quiz passed, recount the enrollment
    (completing it after its last lesson) and return whether the lesson is complete."""
    owner = session.execute(_LOCK_ONE, {"enrollment_id": enrollment_id}).one_or_none()
    if owner is None:
        raise NotFound("no such enrollment")
    state = session.execute(
        _LESSON_STATE,
        {"enrollment_id": enrollment_id, "lesson_id": lesson_id, "student_id": owner.student_id},
    ).one()
    complete = state.status == "COMPLETED" or (state.seen >= state.slides and state.quizzes_left == 0)
    target = "COMPLETED" if complete else "IN_PROGRESS"
    if state.status is None or (state.status != target and state.status != "COMPLETED"):
        session.execute(
            _PROMOTE,
            {"id": new_id(), "enrollment_id": enrollment_id, "lesson_id": lesson_id, "status": target},
        )
        if complete:
            for listener in list(_lesson_listeners):
                listener(session, LessonCompleted(enrollment_id, owner.student_id, lesson_id))
    # A dropped enrollment keeps exact counters but is not "accessed" and never completes.
    refresh_enrollment(session, enrollment_id=enrollment_id, touch=owner.status != EnrollmentStatus.DROPPED)
    return bool(complete)
