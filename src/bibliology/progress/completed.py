"""The dashboard's completed courses: the dashboard document (queries.dashboard) lists the active
enrollments only, so the page reads the completed ones beside it, newest completion first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.enums import EnrollmentStatus
from bibliology.i18n import resolve
from bibliology.policy import Actor, ensure_self_or_admin
from bibliology.progress.models import Enrollment

RECENT = 20


@dataclass(frozen=True)
class CompletedCourse:
    slug: str
    title: str
    fell_back: bool
    thumbnail_url: str | None
    completed_at: dt.datetime | None


def completed_courses(
    session: Session, *, actor: Actor, student_id: str, lang: str, limit: int = RECENT
) -> list[CompletedCourse]:
    """The student's completed courses (the actor themself, or an admin), titles in `lang`."""
    ensure_self_or_admin(actor, student_id, what="student")
    rows = session.execute(
        select(Course.slug, Course.title_en, Course.title_fr, Course.thumbnail_url, Enrollment.completed_at)
        .join(Course, Course.id == Enrollment.course_id)
        .where(Enrollment.student_id == student_id, Enrollment.status == EnrollmentStatus.COMPLETED)
        .order_by(Enrollment.completed_at.desc().nulls_last(), Enrollment.id)
        .limit(limit)
    ).all()
    done = []
    for row in rows:
        title = resolve(lang, en=row.title_en, fr=(row.title_fr or "").strip() or None)
        done.append(
            CompletedCourse(row.slug, title.value, title.fell_back, row.thumbnail_url, row.completed_at)
        )
    return done
