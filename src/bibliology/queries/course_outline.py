"""Query pattern 1: a course with its published lessons and this student's progress.

One statement, the policy's facts included: PostgreSQL nests each lesson's progress in the outline.
Visitors' outlines of published courses, the same for all of them, are read through the cache
(course_outline_key, 15 minutes).
"""

# SQL text is assembled from constant fragments; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.cache import Cache, read_through
from bibliology.enums import LessonStatus
from bibliology.errors import NotFound
from bibliology.i18n import SUPPORTED
from bibliology.invalidation import course_outline_key, pending
from bibliology.policy import Actor, CourseFacts, ensure_can_view_course
from bibliology.queries.sql import fallback, language, text_in, utc

FACTS = """c.teacher_id, c.status, e.id IS NOT NULL AS enrolled,
           pg_current_xact_id_if_assigned() IS NOT NULL AS wrote"""
READER = """FROM courses c
    LEFT JOIN enrollments e ON e.course_id = c.id AND e.student_id = :student_id
    WHERE c.id = :course_id"""

ENROLLMENT = f"""CASE WHEN e.id IS NOT NULL THEN json_build_object(
      'id', e.id, 'status', e.status, 'progress_percentage', e.progress_percentage,
      'lessons_completed', e.lessons_completed, 'total_lessons', e.total_lessons,
      'enrolled_at', {utc("e.enrolled_at")}, 'last_accessed_at', {utc("e.last_accessed_at")},
      'completed_at', {utc("e.completed_at")}) END"""

PROGRESS_FIELDS = f"""json_build_object(
      'status', lp.status, 'current_slide_index', lp.current_slide_index,
      'current_slide_id', lp.current_slide_id, 'total_slides_viewed', lp.total_slides_viewed,
      'time_spent_seconds', lp.time_spent_seconds, 'started_at', {utc("lp.started_at")},
      'completed_at', {utc("lp.completed_at")})"""


def outline_json(lang: str) -> str:
    """The outline document of course `c`, with the reader's (enrollment `e`) progress nested in
    each lesson and the enrollment itself (nulls when there is none)."""
    progress = f""",
          'progress', (SELECT {PROGRESS_FIELDS} FROM lesson_progress lp
                       WHERE lp.enrollment_id = e.id AND lp.lesson_id = l.id)"""
    enrollment = f", 'enrollment', {ENROLLMENT}"
    return f"""json_build_object(
      'course', json_build_object(
        'id', c.id, 'slug', c.slug,
        'title', {text_in(lang, "c.title")}, 'description', {text_in(lang, "c.description")},
        'thumbnail_url', c.thumbnail_url, 'cover_image_url', c.cover_image_url,
        'category', c.category, 'tags', c.tags, 'estimated_hours', c.estimated_hours,
        'difficulty', c.difficulty, 'status', c.status, 'published_at', {utc("c.published_at")},
        'lang', '{lang}', 'fallback', {fallback(lang, "c", ("title", "description"))}),
      'lessons', COALESCE((
        SELECT json_agg(json_build_object(
          'id', l.id, 'slug', l.slug,
          'title', {text_in(lang, "l.title")}, 'description', {text_in(lang, "l.description")},
          'lesson_order', l.lesson_order, 'estimated_minutes', l.estimated_minutes,
          'slide_count', (SELECT count(*) FROM slides s WHERE s.lesson_id = l.id),
          'fallback', {fallback(lang, "l", ("title", "description"))}{progress}) ORDER BY l.lesson_order)
        FROM lessons l WHERE l.course_id = c.id AND l.status = 'PUBLISHED'), '[]'::json){enrollment})"""


# The policy's facts and the finished document in one statement. For a visitor (no student id) the
# document has no enrollment and no progress: the same for every visitor, so it is what the cache
# holds.
WHOLE = {lang: text(f"SELECT {FACTS}, {outline_json(lang)}::text AS document {READER}") for lang in SUPPORTED}


def course_outline(
    session: Session, *, actor: Actor, course_id: str, lang: str, cache: Cache | None = None
) -> dict[str, Any]:
    """The course, its published lessons in order, and the actor's enrollment and progress on each
    (null when they have none); titles in `lang` with English fallback."""
    outline: dict[str, Any] = json.loads(
        course_outline_json(session, actor=actor, course_id=course_id, lang=lang, cache=cache)
    )
    return outline


def course_outline_json(
    session: Session, *, actor: Actor, course_id: str, lang: str, cache: Cache | None = None
) -> bytes:
    """`course_outline` as PostgreSQL wrote the JSON, which the API sends as it is.

    Visitors' outlines of published courses go through the cache: a warm one needs no database.
    A signed-in reader's outline carries their own progress, which is never cached, and one
    statement builds all of it (faster than that statement plus a cached outline and a merge)."""
    lang = language(lang)
    key = course_outline_key(course_id, lang)
    params = {"course_id": course_id, "student_id": actor.user_id}
    loaded: list[Any] = []  # a visitor's row read by a miss, reused if it may not be cached

    def visitor_outline() -> bytes | None:
        """What the cache stores: a published course's outline as every visitor sees it (everyone
        may read a published course, and a change of status invalidates it). None, and nothing
        stored, for another course or once this transaction has written (its rows may never
        commit)."""
        row: Any = session.execute(WHOLE[lang], params).one_or_none()
        loaded.append(row)
        if row is None or row.status != LessonStatus.PUBLISHED.value or row.wrote:
            return None
        document: str = row.document
        return document.encode()

    if cache is not None and actor.user_id is None and not pending(session, key):
        raw = read_through(cache, key, visitor_outline)
        if raw is not None:
            return raw
    row: Any = loaded[0] if loaded else session.execute(WHOLE[lang], params).one_or_none()
    _ensure_visible(actor, course_id, row)
    document: str = row.document
    return document.encode()


def _ensure_visible(actor: Actor, course_id: str, row: Any) -> CourseFacts:
    if row is None:
        raise NotFound("no such course")
    facts = CourseFacts(course_id, row.teacher_id, LessonStatus(row.status), actor_enrolled=row.enrolled)
    return ensure_can_view_course(actor, facts)
