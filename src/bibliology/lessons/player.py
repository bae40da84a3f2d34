"""What the lesson player needs beside the lesson tree: the lesson behind a course/lesson slug pair,
the reader's standing in the course (may they study, where did they stop) and the view of a slide.

The slide's content is the students' lesson tree (queries.lesson_tree, as GET /api/v1/lessons/{id}
answers it); a view is a progress event through progress.events, as POST /api/v1/progress/events
records it. Nothing here duplicates either."""

# SQL text is assembled from constant fragments; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.cache import Cache
from bibliology.enums import EnrollmentStatus
from bibliology.errors import NotFound
from bibliology.i18n import SUPPORTED
from bibliology.policy import Actor
from bibliology.progress import events
from bibliology.progress.course_notes import fell_back
from bibliology.progress.schemas import ProgressEventResult
from bibliology.queries.lesson_tree import lesson_tree
from bibliology.queries.sql import language, text_in

_BY_SLUGS = {
    lang: text(
        f"""
        SELECT l.id AS lesson_id, c.id AS course_id, c.teacher_id, c.slug AS course_slug,
               {text_in(lang, "c.title")} AS course_title, {fell_back(lang, "c.title")} AS course_title_fallback
        FROM lessons l JOIN courses c ON c.id = l.course_id
        WHERE c.slug = :course_slug AND l.slug = :lesson_slug
        """
    )
    for lang in SUPPORTED
}
# The reader's enrollment in the course and, when they have started the lesson, the slide they were
# last on (by id: positions move when slides are reordered).
_STANDING = text(
    """
    SELECT e.status, lp.current_slide_id, lp.status AS lesson_status
    FROM enrollments e
    LEFT JOIN lesson_progress lp ON lp.enrollment_id = e.id AND lp.lesson_id = :lesson_id
    WHERE e.course_id = :course_id AND e.student_id = :student_id
    """
)


@dataclass(frozen=True)
class Standing:
    """The reader's relation to the course: `studying` when an ACTIVE or COMPLETED enrollment lets
    their views count; `owner` for its teacher and admins (they may preview without enrolling)."""

    studying: bool
    owner: bool
    current_slide_id: str | None
    lesson_status: str | None

    @property
    def may_read(self) -> bool:
        return self.studying or self.owner


@dataclass(frozen=True)
class CourseHeading:
    slug: str
    title: str
    title_fallback: bool


@dataclass(frozen=True)
class PlayerLesson:
    lesson_id: str
    course_id: str
    course: CourseHeading
    tree: dict[str, Any]
    standing: Standing

    @property
    def slides(self) -> list[dict[str, Any]]:
        slides: list[dict[str, Any]] = self.tree["slides"]
        return slides

    @property
    def read_only(self) -> bool:
        return bool(self.tree["lesson"]["read_only"])

    def resume_number(self) -> int:
        """The 1-based number of the slide to open: where the reader stopped, else the first."""
        for index, slide in enumerate(self.slides):
            if slide["id"] == self.standing.current_slide_id:
                return index + 1
        return 1


def load(
    session: Session,
    *,
    actor: Actor,
    course_slug: str,
    lesson_slug: str,
    lang: str,
    cache: Cache | None = None,
) -> PlayerLesson:
    """The lesson's student tree and the reader's standing; NotFound when the slugs do not name a
    lesson of that course or the policy hides it (the tree query applies the policy)."""
    found = session.execute(
        _BY_SLUGS[language(lang)], {"course_slug": course_slug, "lesson_slug": lesson_slug}
    ).one_or_none()
    if found is None:
        raise NotFound("no such lesson")
    tree = lesson_tree(session, actor=actor, lesson_id=found.lesson_id, lang=lang, cache=cache)
    owner = actor.is_admin or (actor.user_id is not None and actor.user_id == found.teacher_id)
    row = None
    if actor.user_id is not None:
        row = session.execute(
            _STANDING,
            {"lesson_id": found.lesson_id, "course_id": found.course_id, "student_id": actor.user_id},
        ).one_or_none()
    studying = row is not None and row.status in (EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED)
    standing = Standing(
        studying=studying,
        owner=owner,
        current_slide_id=row.current_slide_id if row is not None else None,
        lesson_status=row.lesson_status if row is not None else None,
    )
    course = CourseHeading(found.course_slug, found.course_title, bool(found.course_title_fallback))
    return PlayerLesson(found.lesson_id, found.course_id, course, tree, standing)


def record_view(
    session: Session, *, actor: Actor, lesson: PlayerLesson, slide_id: str
) -> ProgressEventResult:
    """The page view of a slide as a progress event of 0 seconds (time comes from player.js, while
    the tab is visible): the slide is seen and current, and the completion rule runs."""
    return events.record_event(
        session,
        actor=actor,
        lesson_id=lesson.lesson_id,
        slide_id=slide_id,
        seconds=0,
        client_event_id=f"page-{uuid.uuid4().hex}",
    )
