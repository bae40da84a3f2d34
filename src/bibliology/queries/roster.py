"""Teacher views: a course's roster (each student's progress, last access and quiz results) and one
student's lesson-by-lesson progress. Each is a page in one statement after the policy check;
sort keys come from a whitelist (`name`, `-name`, …), never from the request verbatim."""

# SQL text is assembled from constant fragments and whitelisted names; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

from bibliology.enums import EnrollmentStatus
from bibliology.errors import Invalid, NotFound
from bibliology.i18n import SUPPORTED
from bibliology.pagination import PageParams
from bibliology.policy import Actor, ensure_can_manage_course
from bibliology.queries.facts import course_context
from bibliology.queries.sql import columns, fallback, language, text_in, utc

ROSTER_SORTS = {
    "name": "u.name",
    "email": "u.email",
    "progress": "e.progress_percentage",
    "last_accessed": "e.last_accessed_at",
    "enrolled": "e.enrolled_at",
    "status": "e.status",
}
LESSON_SORTS = {
    "order": "l.lesson_order",
    "status": "COALESCE(lp.status, 'NOT_STARTED')",
    "time_spent": "COALESCE(lp.time_spent_seconds, 0)",
    "completed": "lp.completed_at",
}


def _order(sorts: dict[str, str], sort: str, tiebreak: str) -> str:
    key = sort.removeprefix("-")
    if key not in sorts:
        allowed = ", ".join(f"{k}, -{k}" for k in sorts)
        raise Invalid(
            f"unknown sort key {sort!r}", fields=[{"field": "sort", "message": f"one of {allowed}"}]
        )
    direction = "DESC NULLS LAST" if sort.startswith("-") else "ASC NULLS LAST"
    return f"{sorts[key]} {direction}, {tiebreak}"


def _enrollment_json(alias: str) -> str:
    return f"""json_build_object(
      'id', {alias}.id, 'status', {alias}.status, 'progress_percentage', {alias}.progress_percentage,
      'lessons_completed', {alias}.lessons_completed, 'total_lessons', {alias}.total_lessons,
      'enrolled_at', {utc(f"{alias}.enrolled_at")}, 'last_accessed_at', {utc(f"{alias}.last_accessed_at")},
      'completed_at', {utc(f"{alias}.completed_at")})"""


# The enrollments a roster lists: the course's, of one status, whose student's name or e-mail
# contains :q (case-insensitive, as plain text: no wildcards).
_MATCHES = """e.course_id = :course_id AND (CAST(:status AS text) IS NULL OR e.status::text = :status)
            AND (CAST(:q AS text) IS NULL
                 OR strpos(lower(u.name), lower(CAST(:q AS text))) > 0
                 OR strpos(lower(u.email), lower(CAST(:q AS text))) > 0)"""


@lru_cache(maxsize=32)
def _roster_statement(order: str) -> TextClause:
    return text(
        f"""
    SELECT json_build_object(
      'total', (SELECT count(*) FROM enrollments e JOIN users u ON u.id = e.student_id
                WHERE {_MATCHES}),
      'quiz_count', (SELECT count(*) FROM quizzes q JOIN lessons l ON l.id = q.lesson_id
                     WHERE l.course_id = :course_id AND l.status = 'PUBLISHED'),
      'items', COALESCE((
        SELECT json_agg(json_build_object(
          'student', json_build_object(
            'id', p.student_id, 'name', p.name, 'email', p.email, 'avatar_url', p.avatar_url),
          'enrollment', {_enrollment_json("p")},
          'quizzes', json_build_object(
            'submitted', qs.submitted, 'passed', qs.passed, 'average_score', qs.average_score,
            'last_submitted_at', {utc("qs.last_submitted_at")})
        ) ORDER BY p.rn)
        FROM (
          SELECT e.id, e.student_id, e.status, e.progress_percentage, e.lessons_completed, e.total_lessons,
                 e.enrolled_at, e.last_accessed_at, e.completed_at, u.name, u.email, u.avatar_url,
                 row_number() OVER (ORDER BY {order}) AS rn
          FROM enrollments e JOIN users u ON u.id = e.student_id
          WHERE {_MATCHES}
          ORDER BY {order} LIMIT :limit OFFSET :offset) p
        CROSS JOIN LATERAL (
          SELECT count(*) AS submitted,
                 count(DISTINCT s.quiz_id) FILTER (WHERE s.passed) AS passed,
                 round(avg(s.score_percentage))::int AS average_score,
                 max(s.submitted_at) AS last_submitted_at
          FROM quiz_submissions s JOIN quizzes q ON q.id = s.quiz_id JOIN lessons l ON l.id = q.lesson_id
          WHERE s.student_id = p.student_id AND l.course_id = :course_id
            AND s.submitted_at IS NOT NULL) qs), '[]'::json)
    )
    """
    )


def course_roster(
    session: Session,
    *,
    actor: Actor,
    course_id: str,
    pages: PageParams,
    sort: str = "name",
    status: EnrollmentStatus | None = None,
    q: str | None = None,
) -> dict[str, Any]:
    """A page of the course's enrollments (optionally of one status, or whose student's name or
    e-mail contains `q`) with quiz results per student; `quiz_count` is the number of quizzes in
    the course's published lessons."""
    _ensure_teacher(session, actor=actor, course_id=course_id)
    statement = _roster_statement(_order(ROSTER_SORTS, sort, "u.name, e.id"))
    document: dict[str, Any] = session.execute(
        statement,
        {
            "course_id": course_id,
            "status": None if status is None else status.value,
            "q": q.strip() or None if q else None,
            "limit": pages.page_size,
            "offset": pages.offset,
        },
    ).scalar_one()
    return {**document, "page": pages.page, "page_size": pages.page_size}


@lru_cache(maxsize=64)
def _progress_statement(lang: str, order: str) -> TextClause:
    return text(
        f"""
    SELECT json_build_object(
      'student', json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'avatar_url', u.avatar_url),
      'enrollment', {_enrollment_json("e")},
      'total', (SELECT count(*) FROM lessons l WHERE l.course_id = e.course_id AND l.status = 'PUBLISHED'),
      'items', COALESCE((
        SELECT json_agg(json_build_object(
          'lesson', json_build_object(
            'id', p.id, 'slug', p.slug, 'title', {text_in(lang, "p.title")},
            'lesson_order', p.lesson_order, 'fallback', {fallback(lang, "p", ("title",))}),
          'status', COALESCE(p.lp_status, 'NOT_STARTED'),
          'total_slides_viewed', COALESCE(p.total_slides_viewed, 0),
          'slide_count', (SELECT count(*) FROM slides s WHERE s.lesson_id = p.id),
          'current_slide_index', COALESCE(p.current_slide_index, 0),
          'time_spent_seconds', COALESCE(p.time_spent_seconds, 0),
          'started_at', {utc("p.started_at")}, 'completed_at', {utc("p.completed_at")},
          'last_accessed_at', {utc("p.updated_at")},
          'quizzes', COALESCE((
            SELECT json_agg(json_build_object(
              'quiz_id', q.id, 'title', {text_in(lang, "q.title")}, 'attempts', st.attempts,
              'best_score', st.best_score, 'passed', st.passed,
              'fallback', {fallback(lang, "q", ("title",))}) ORDER BY q.created_at, q.id)
            FROM quizzes q CROSS JOIN LATERAL (
              SELECT count(*) AS attempts, max(s.score_percentage) AS best_score,
                     COALESCE(bool_or(s.passed), false) AS passed
              FROM quiz_submissions s
              WHERE s.quiz_id = q.id AND s.student_id = e.student_id AND s.submitted_at IS NOT NULL) st
            WHERE q.lesson_id = p.id), '[]'::json)
        ) ORDER BY p.rn)
        FROM (
          SELECT l.id, l.slug, {columns(lang, "l", "title")}, l.lesson_order, lp.status AS lp_status,
                 lp.total_slides_viewed, lp.current_slide_index, lp.time_spent_seconds, lp.started_at,
                 lp.completed_at, lp.updated_at, row_number() OVER (ORDER BY {order}) AS rn
          FROM lessons l
          LEFT JOIN lesson_progress lp ON lp.lesson_id = l.id AND lp.enrollment_id = e.id
          WHERE l.course_id = e.course_id AND l.status = 'PUBLISHED'
          ORDER BY {order} LIMIT :limit OFFSET :offset) p), '[]'::json)
    )
    FROM enrollments e JOIN users u ON u.id = e.student_id
    WHERE e.course_id = :course_id AND e.student_id = :student_id
    """
    )


def student_progress(
    session: Session,
    *,
    actor: Actor,
    course_id: str,
    student_id: str,
    lang: str,
    pages: PageParams,
    sort: str = "order",
) -> dict[str, Any]:
    """One enrolled student's progress in the course, a page of published lessons at a time."""
    lang = language(lang)
    _ensure_teacher(session, actor=actor, course_id=course_id)
    statement = _progress_statement(lang, _order(LESSON_SORTS, sort, "l.lesson_order, l.id"))
    document: dict[str, Any] | None = session.execute(
        statement,
        {"course_id": course_id, "student_id": student_id, "limit": pages.page_size, "offset": pages.offset},
    ).scalar_one_or_none()
    if document is None:
        raise NotFound("no such student in this course")
    return {**document, "page": pages.page, "page_size": pages.page_size}


def _ensure_teacher(session: Session, *, actor: Actor, course_id: str) -> None:
    context = course_context(session, actor=actor, course_id=course_id)
    ensure_can_manage_course(actor, None if context is None else context.course)


_HEADING = {
    lang: text(
        f"""SELECT c.id, {text_in(lang, "c.title")} AS title, {fallback(lang, "c", ("title",))} AS fallback
        FROM courses c WHERE c.id = :course_id"""
    )
    for lang in SUPPORTED
}


def course_heading(session: Session, *, actor: Actor, course_id: str, lang: str) -> dict[str, Any]:
    """The course's id and title in `lang` (with its fallback flags), for a teacher's page about it."""
    lang = language(lang)
    _ensure_teacher(session, actor=actor, course_id=course_id)
    row = session.execute(_HEADING[lang], {"course_id": course_id}).one()
    return {"id": row.id, "title": row.title, "fallback": list(row.fallback)}
