"""What the lesson player needs beside the lesson tree: the lesson behind a course/lesson slug pair,
the reader's standing in the course (may they study, where did they stop) and the view of a slide.

The slide's content is the students' lesson tree (queries.lesson_tree, as GET /api/v1/lessons/{id}
answers it); a view is a progress event through progress.events, as POST /api/v1/progress/events
records it. Nothing here duplicates either."""

# SQL text is assembled from constant fragments; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
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

# The lesson behind the slugs, its course's heading and the reader's standing, in one statement: their
# enrollment, the slide they were last on (by id: positions move when slides are reordered), and for
# slide :number (1-based) its id, whether they have seen it and their notes on it.
_LOOKUP = {
    lang: text(
        f"""
        SELECT l.id AS lesson_id, c.id AS course_id, c.teacher_id, c.slug AS course_slug,
               {text_in(lang, "c.title")} AS course_title, {fell_back(lang, "c.title")} AS course_title_fallback,
               e.status AS enrollment_status, lp.current_slide_id, lp.status AS lesson_status,
               ns.id AS slide_id,
               EXISTS (SELECT 1 FROM slide_views sv WHERE sv.lesson_progress_id = lp.id AND sv.slide_id = ns.id)
                 AS slide_seen,
               (SELECT json_agg(json_build_object(
                         'id', n.id, 'note_text', n.note_text, 'updated_at', n.updated_at)
                       ORDER BY n.created_at, n.id)
                FROM student_notes n
                WHERE n.student_id = :student_id AND n.lesson_id = l.id AND n.slide_id = ns.id) AS slide_notes
        FROM lessons l JOIN courses c ON c.id = l.course_id
        LEFT JOIN enrollments e ON e.course_id = c.id AND e.student_id = :student_id
        LEFT JOIN lesson_progress lp ON lp.enrollment_id = e.id AND lp.lesson_id = l.id
        LEFT JOIN LATERAL (
          SELECT s.id FROM slides s WHERE s.lesson_id = l.id
          ORDER BY s.slide_order OFFSET CAST(:number AS integer) - 1 LIMIT 1) ns ON true
        WHERE c.slug = :course_slug AND l.slug = :lesson_slug
        """
    )
    for lang in SUPPORTED
}


@dataclass(frozen=True)
class SlideNote:
    """A note of the reader on the slide shown (notes are their author's alone)."""

    id: str
    note_text: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class Standing:
    """The reader's relation to the course: `studying` when an ACTIVE or COMPLETED enrollment lets
    their views count; `owner` for its teacher and admins (they may preview without enrolling)."""

    studying: bool
    owner: bool
    current_slide_id: str | None
    lesson_status: str | None
    slide_seen: bool = False  # the slide asked for (load's `number`) was seen before
    slide_id: str | None = None  # that slide
    slide_notes: tuple[SlideNote, ...] = ()  # the reader's notes on it

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
    number: int | None = None,
) -> PlayerLesson:
    """The lesson's student tree and the reader's standing (with whether slide `number` was seen);
    NotFound when the slugs do not name a lesson of that course or the policy hides it (the tree
    query applies the policy)."""
    found = session.execute(
        _LOOKUP[language(lang)],
        {
            "course_slug": course_slug,
            "lesson_slug": lesson_slug,
            "student_id": actor.user_id,
            "number": number or 1,
        },
    ).one_or_none()
    if found is None:
        raise NotFound("no such lesson")
    tree = lesson_tree(session, actor=actor, lesson_id=found.lesson_id, lang=lang, cache=cache)
    owner = actor.is_admin or (actor.user_id is not None and actor.user_id == found.teacher_id)
    standing = Standing(
        studying=found.enrollment_status in (EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED),
        owner=owner,
        current_slide_id=found.current_slide_id,
        lesson_status=found.lesson_status,
        slide_seen=bool(found.slide_seen) and number is not None,
        slide_id=found.slide_id,
        slide_notes=tuple(
            SlideNote(note["id"], note["note_text"], dt.datetime.fromisoformat(note["updated_at"]))
            for note in found.slide_notes or ()
        ),
    )
    course = CourseHeading(found.course_slug, found.course_title, bool(found.course_title_fallback))
    return PlayerLesson(found.lesson_id, found.course_id, course, tree, standing)


def slide_notes(lesson: PlayerLesson, slide_id: str) -> list[SlideNote]:
    """The reader's notes on the slide `load` was asked for (none for another slide)."""
    return list(lesson.standing.slide_notes) if lesson.standing.slide_id == slide_id else []


def needs_view(lesson: PlayerLesson, slide_id: str) -> bool:
    """Whether showing the slide changes the student's progress: a slide not seen yet, or another
    than the current one. Re-showing the current, seen slide (a reload) writes nothing; the time
    spent on it comes from player.js."""
    standing = lesson.standing
    return not (standing.slide_seen and standing.current_slide_id == slide_id)


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
