"""Progress events: "I am on this slide of this lesson and spent N seconds on the last one".

One event, one transaction, under the enrollment's row lock (so a student's concurrent events
apply one after the other and no counter loses an update):
1. the client event id is recorded once per student (progress_events): a replay changes nothing;
2. the slide is marked seen (slide_views) and becomes the current one;
3. at most MAX_SECONDS_PER_EVENT of the seconds count, so an idle tab cannot inflate time spent;
4. the one completion check runs, which recounts the enrollment and may complete lesson and course.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bibliology.enums import EnrollmentStatus, LessonProgressStatus
from bibliology.errors import Conflict
from bibliology.ids import new_id
from bibliology.policy import Actor, require_login
from bibliology.progress.completion import check_lesson_completion
from bibliology.progress.models import Enrollment, LessonProgress
from bibliology.progress.schemas import EnrollmentRead, LessonProgressRead, ProgressEventResult
from bibliology.progress.service import slide_position, visible_lesson

MAX_SECONDS_PER_EVENT = 300

_LOCK_ENROLLMENT = text(
    """
    SELECT id, status, completed_at FROM enrollments
    WHERE student_id = :student_id AND course_id = :course_id FOR UPDATE
    """
)
_RECORD_EVENT = text(
    """
    INSERT INTO progress_events (student_id, client_event_id, lesson_id)
    VALUES (:student_id, :client_event_id, :lesson_id)
    ON CONFLICT (student_id, client_event_id) DO NOTHING
    RETURNING 1
    """
)
_UPSERT_PROGRESS = text(
    """
    INSERT INTO lesson_progress
      (id, enrollment_id, lesson_id, status, current_slide_id, current_slide_index, time_spent_seconds)
    VALUES (:id, :enrollment_id, :lesson_id, 'IN_PROGRESS', :slide_id, :slide_index, :seconds)
    ON CONFLICT (enrollment_id, lesson_id) DO UPDATE SET
      current_slide_id = EXCLUDED.current_slide_id,
      current_slide_index = EXCLUDED.current_slide_index,
      time_spent_seconds = lesson_progress.time_spent_seconds + EXCLUDED.time_spent_seconds,
      status = CASE WHEN lesson_progress.status = 'NOT_STARTED' THEN 'IN_PROGRESS'::"LessonProgressStatus"
                    ELSE lesson_progress.status END
    RETURNING id
    """
)
_VIEW_SLIDE = text(
    """
    INSERT INTO slide_views (lesson_progress_id, slide_id, seconds_spent)
    VALUES (:progress_id, :slide_id, :seconds)
    ON CONFLICT (lesson_progress_id, slide_id) DO UPDATE SET
      seconds_spent = slide_views.seconds_spent + EXCLUDED.seconds_spent,
      last_seen_at = timezone('utc', now())
    """
)
# Distinct slides seen, counted rather than incremented: exact whatever happened before.
_COUNT_VIEWS = text(
    """
    UPDATE lesson_progress lp SET total_slides_viewed = (
      SELECT count(*) FROM slide_views sv JOIN slides s ON s.id = sv.slide_id
      WHERE sv.lesson_progress_id = lp.id AND s.lesson_id = lp.lesson_id)
    WHERE lp.id = :progress_id
    """
)


def record_event(
    session: Session,
    *,
    actor: Actor,
    lesson_id: str,
    slide_id: str,
    seconds: int,
    client_event_id: str,
) -> ProgressEventResult:
    """Apply one progress event of the actor (see the module docstring) and return the progress."""
    student_id = require_login(actor)
    lesson = visible_lesson(session, actor=actor, lesson_id=lesson_id)
    enrollment = session.execute(
        _LOCK_ENROLLMENT, {"student_id": student_id, "course_id": lesson.course.id}
    ).one_or_none()
    if enrollment is None:
        raise Conflict("enrol in this course to record your progress")
    if enrollment.status == EnrollmentStatus.DROPPED:
        raise Conflict("you left this course: enrol again to record your progress")
    index = slide_position(session, lesson_id=lesson_id, slide_id=slide_id)
    fresh = session.execute(
        _RECORD_EVENT, {"student_id": student_id, "client_event_id": client_event_id, "lesson_id": lesson_id}
    ).scalar()
    if fresh is None:
        return _state(session, enrollment_id=enrollment.id, lesson_id=lesson_id, replayed=True)
    counted = min(seconds, MAX_SECONDS_PER_EVENT)
    progress_id = session.execute(
        _UPSERT_PROGRESS,
        {
            "id": new_id(),
            "enrollment_id": enrollment.id,
            "lesson_id": lesson_id,
            "slide_id": slide_id,
            "slide_index": index,
            "seconds": counted,
        },
    ).scalar_one()
    session.execute(_VIEW_SLIDE, {"progress_id": progress_id, "slide_id": slide_id, "seconds": counted})
    session.execute(_COUNT_VIEWS, {"progress_id": progress_id})
    check_lesson_completion(session, enrollment_id=enrollment.id, lesson_id=lesson_id)
    result = _state(session, enrollment_id=enrollment.id, lesson_id=lesson_id, replayed=False)
    return result.model_copy(
        update={
            "counted_seconds": counted,
            "course_completed": enrollment.completed_at is None
            and result.enrollment.completed_at is not None,
        }
    )


def _state(session: Session, *, enrollment_id: str, lesson_id: str, replayed: bool) -> ProgressEventResult:
    row = session.execute(
        select(Enrollment, LessonProgress)
        .join(LessonProgress, LessonProgress.enrollment_id == Enrollment.id)
        .where(Enrollment.id == enrollment_id, LessonProgress.lesson_id == lesson_id)
        .execution_options(populate_existing=True)
    ).one_or_none()
    if row is None:  # a replay whose lesson progress is gone (the lesson was deleted and restored)
        raise Conflict("this event was already recorded")
    enrollment, progress = row
    lesson = LessonProgressRead.model_validate(progress)
    return ProgressEventResult(
        replayed=replayed,
        lesson_completed=lesson.status == LessonProgressStatus.COMPLETED,
        course_completed=False,
        counted_seconds=0,
        lesson=lesson,
        enrollment=EnrollmentRead.model_validate(enrollment),
    )
