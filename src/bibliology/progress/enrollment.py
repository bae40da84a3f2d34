"""Enrol, drop, re-enrol. Only a published course takes new students (an archived one keeps the
ones it has, read-only); dropping keeps every row of progress, and re-enrolling picks it up again
(back to COMPLETED if the course was completed before: completion is permanent)."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bibliology.activity import service as activity
from bibliology.enums import EnrollmentStatus, LessonStatus
from bibliology.errors import Conflict, NotFound
from bibliology.ids import new_id
from bibliology.policy import Actor, ensure_can_view_course, require_login
from bibliology.progress.completion import refresh_enrollment
from bibliology.progress.models import Enrollment
from bibliology.progress.schemas import EnrollmentRead
from bibliology.queries.facts import course_context

ENROL = "ENROL"
DROP = "DROP_COURSE"

_INSERT = text(
    """
    INSERT INTO enrollments (id, student_id, course_id) VALUES (:id, :student_id, :course_id)
    ON CONFLICT (student_id, course_id) DO NOTHING
    """
)
_SET_STATUS = text(
    """
    UPDATE enrollments SET status = CAST(:status AS "EnrollmentStatus") WHERE id = :id
    """
)


def _locked(session: Session, *, student_id: str, course_id: str) -> Enrollment | None:
    return session.scalars(
        select(Enrollment)
        .where(Enrollment.student_id == student_id, Enrollment.course_id == course_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()


def _read(session: Session, enrollment_id: str) -> EnrollmentRead:
    row = session.scalars(
        select(Enrollment).where(Enrollment.id == enrollment_id).execution_options(populate_existing=True)
    ).one()
    return EnrollmentRead.model_validate(row)


def enrol(session: Session, *, actor: Actor, course_id: str) -> tuple[EnrollmentRead, bool]:
    """Join a published course, or come back to one after dropping it. Returns the enrollment and
    whether anything changed (False: already enrolled)."""
    student_id = require_login(actor)
    context = course_context(session, actor=actor, course_id=course_id)
    course = ensure_can_view_course(actor, None if context is None else context.course)
    enrollment = _locked(session, student_id=student_id, course_id=course_id)
    if enrollment is not None and enrollment.status != EnrollmentStatus.DROPPED:
        return EnrollmentRead.model_validate(enrollment), False
    if course.status != LessonStatus.PUBLISHED:
        raise Conflict(
            "this course is archived and takes no new students"
            if course.status == LessonStatus.ARCHIVED
            else "this course is not published yet"
        )
    if enrollment is None:
        session.execute(_INSERT, {"id": new_id(), "student_id": student_id, "course_id": course_id})
        enrollment = _locked(session, student_id=student_id, course_id=course_id)
        assert enrollment is not None
    else:
        back = EnrollmentStatus.COMPLETED if enrollment.completed_at else EnrollmentStatus.ACTIVE
        session.execute(_SET_STATUS, {"id": enrollment.id, "status": back.value})
    refresh_enrollment(session, enrollment_id=enrollment.id, touch=True)
    activity.record(session, action=ENROL, actor=actor, entity_type="course", entity_id=course_id)
    return _read(session, enrollment.id), True


def drop(session: Session, *, actor: Actor, course_id: str) -> EnrollmentRead:
    """Leave a course; progress is kept for a later re-enrolment. Dropping twice changes nothing."""
    student_id = require_login(actor)
    enrollment = _locked(session, student_id=student_id, course_id=course_id)
    if enrollment is None:
        raise NotFound("you are not enrolled in this course")
    if enrollment.status != EnrollmentStatus.DROPPED:
        session.execute(_SET_STATUS, {"id": enrollment.id, "status": EnrollmentStatus.DROPPED.value})
        activity.record(session, action=DROP, actor=actor, entity_type="course", entity_id=course_id)
    return _read(session, enrollment.id)


def get_own(session: Session, *, actor: Actor, course_id: str) -> EnrollmentRead:
    student_id = require_login(actor)
    enrollment = session.scalars(
        select(Enrollment)
        .where(Enrollment.student_id == student_id, Enrollment.course_id == course_id)
        .execution_options(populate_existing=True)
    ).one_or_none()
    if enrollment is None:
        raise NotFound("you are not enrolled in this course")
    return EnrollmentRead.model_validate(enrollment)
