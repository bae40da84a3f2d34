"""Query pattern 1: a course with its published lessons and this student's progress.

Without a cache it is one statement: PostgreSQL nests each lesson's progress in the outline. With
one, the outline (the same for every reader) is read through the cache (course_outline_key, 15
minutes) when the course is published, and the reader's part is one statement of its own, merged
in Python. Either way the policy's facts come with the first statement.
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
from bibliology.invalidation import course_outline_key
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


def outline_json(lang: str, *, with_progress: bool) -> str:
    """The outline document of course `c`; with_progress nests the reader's (enrollment `e`)
    progress in each lesson and adds the enrollment."""
    progress = (
        f""",
          'progress', (SELECT {PROGRESS_FIELDS} FROM lesson_progress lp
                       WHERE lp.enrollment_id = e.id AND lp.lesson_id = l.id)"""
        if with_progress
        else ""
    )
    enrollment = f", 'enrollment', {ENROLLMENT}" if with_progress else ""
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


# Everything at once (no cache): facts and the finished document.
WHOLE = {
    lang: text(f"SELECT {FACTS}, {outline_json(lang, with_progress=True)}::text AS document {READER}")
    for lang in SUPPORTED
}
# The cacheable part, the same for every reader.
OUTLINE = {
    lang: text(
        f"SELECT {outline_json(lang, with_progress=False)}::text FROM courses c WHERE c.id = :course_id"
    )
    for lang in SUPPORTED
}
# The reader's part, to merge into a cached outline.
PERSONAL = text(
    f"""
    SELECT {FACTS}, {ENROLLMENT} AS enrollment,
           CASE WHEN e.id IS NOT NULL THEN (
             SELECT json_object_agg(lp.lesson_id, {PROGRESS_FIELDS})
             FROM lesson_progress lp WHERE lp.enrollment_id = e.id) END AS progress
    {READER}
    """
)


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
    """`course_outline` as JSON, which the API sends as it is: PostgreSQL's own text without a
    cache; with one, the cached outline and the reader's part merged here."""
    lang = language(lang)
    params = {"course_id": course_id, "student_id": actor.user_id}
    if cache is None:
        whole: Any = session.execute(WHOLE[lang], params).one_or_none()
        _ensure_visible(actor, course_id, whole)
        document: str = whole.document
        return document.encode()
    row: Any = session.execute(PERSONAL, params).one_or_none()
    facts = _ensure_visible(actor, course_id, row)

    def load() -> bytes | None:
        found = session.execute(OUTLINE[lang], {"course_id": course_id}).scalar_one_or_none()
        return None if found is None else found.encode()

    if facts.status == LessonStatus.PUBLISHED and not row.wrote:
        raw = read_through(cache, course_outline_key(course_id, lang), load)
    else:
        raw = load()
    if raw is None:  # deleted between the two statements
        raise NotFound("no such course")
    outline: dict[str, Any] = json.loads(raw)
    progress: dict[str, Any] = row.progress or {}
    for lesson in outline["lessons"]:
        lesson["progress"] = progress.get(lesson["id"])
    outline["enrollment"] = row.enrollment
    return json.dumps(outline, ensure_ascii=False, separators=(",", ":")).encode()


def _ensure_visible(actor: Actor, course_id: str, row: Any) -> CourseFacts:
    if row is None:
        raise NotFound("no such course")
    facts = CourseFacts(course_id, row.teacher_id, LessonStatus(row.status), actor_enrolled=row.enrolled)
    return ensure_can_view_course(actor, facts)
