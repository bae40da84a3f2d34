"""The issuing job, and the completion listeners that queue it in the completing transaction.

`issue_certificate` is idempotent (service.issue: one row per holder and course or lesson, a PDF
rendered only when none is stored), so a replayed completion, two concurrent ones or a retried
job all end with one certificate. Importing this module registers the listeners: the web app
(through certificates.api), the worker (it imports every tasks module) and the CLI do.
"""

from __future__ import annotations

from procrastinate import JobContext
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.certificates import service
from bibliology.jobs import defer, job_app, tracked
from bibliology.jobs.runtime import resources
from bibliology.media.storage import storage_for
from bibliology.progress import hooks
from bibliology.progress.completion import CourseCompleted, LessonCompleted

QUEUE = "certificates"


@job_app.task(name="certificates.issue", queue=QUEUE, pass_context=True, retry=3)
def issue_certificate(
    context: JobContext, user_id: str, course_id: str, lesson_id: str | None = None
) -> None:
    with tracked(context) as tracker:
        job_resources = resources()
        tracker.start("Issuing the certificate", 1)
        with job_resources.unit_of_work() as session:
            issued = service.issue(
                session,
                user_id=user_id,
                course_id=course_id,
                lesson_id=lesson_id,
                storage=storage_for(job_resources.settings),
                settings=job_resources.settings,
            )
        tracker.advance()
        tracker.result = (
            {"issued": False}
            if issued is None
            else {
                "issued": True,
                "certificate_id": issued.certificate_id,
                "number": issued.number,
                "created": issued.created,
                "rendered": issued.rendered,
            }
        )


def queue_issue(session: Session, *, user_id: str, course_id: str, lesson_id: str | None = None) -> None:
    """Queue the issuing job in the caller's transaction (it exists exactly if that commits)."""
    defer(
        session,
        issue_certificate,
        owner_id=user_id,
        user_id=user_id,
        course_id=course_id,
        lesson_id=lesson_id,
    )


@hooks.on_course_completed
def _course_completed(session: Session, event: CourseCompleted) -> None:
    queue_issue(session, user_id=event.student_id, course_id=event.course_id)


_OPTED_IN = text(
    "SELECT l.course_id FROM lessons l JOIN courses c ON c.id = l.course_id"
    " WHERE l.id = :lesson_id AND c.lesson_certificates"
)


@hooks.on_lesson_completed
def _lesson_completed(session: Session, event: LessonCompleted) -> None:
    course_id = session.execute(_OPTED_IN, {"lesson_id": event.lesson_id}).scalar()
    if course_id is not None:  # only courses that opted in to per-lesson certificates
        queue_issue(session, user_id=event.student_id, course_id=course_id, lesson_id=event.lesson_id)
