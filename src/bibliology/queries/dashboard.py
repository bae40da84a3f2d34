"""Query pattern 3: the student dashboard, in one statement.

Active enrollments by last access, each with its course (title in the reader's language, thumbnail),
progress and the lesson to resume: the in-progress lesson touched last, else the first published
lesson not completed yet (null when every lesson is done). Then the last 5 certificates and the last
5 submitted quiz results. Personal data: never cached.
"""

# SQL text is assembled from constant fragments and whitelisted names; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.policy import Actor, ensure_self_or_admin
from bibliology.queries.sql import fallback, language, per_language, text_in, utc

RECENT = 5


def _dashboard_sql(lang: str) -> str:
    return f"""
    SELECT json_build_object(
      'enrollments', COALESCE((
        SELECT json_agg(json_build_object(
          'id', e.id, 'status', e.status, 'progress_percentage', e.progress_percentage,
          'lessons_completed', e.lessons_completed, 'total_lessons', e.total_lessons,
          'enrolled_at', {utc("e.enrolled_at")}, 'last_accessed_at', {utc("e.last_accessed_at")},
          'course', json_build_object(
            'id', c.id, 'slug', c.slug, 'title', {text_in(lang, "c.title")},
            'thumbnail_url', c.thumbnail_url, 'fallback', {fallback(lang, "c", ("title",))}),
          'resume', (
            SELECT json_build_object(
              'lesson_id', l.id, 'slug', l.slug, 'title', {text_in(lang, "l.title")},
              'lesson_order', l.lesson_order, 'status', COALESCE(lp.status, 'NOT_STARTED'),
              'current_slide_index', COALESCE(lp.current_slide_index, 0),
              'current_slide_id', lp.current_slide_id, 'fallback', {fallback(lang, "l", ("title",))})
            FROM lessons l
            LEFT JOIN lesson_progress lp ON lp.lesson_id = l.id AND lp.enrollment_id = e.id
            WHERE l.course_id = e.course_id AND l.status = 'PUBLISHED'
              AND lp.status IS DISTINCT FROM 'COMPLETED'
            ORDER BY lp.status = 'IN_PROGRESS' DESC NULLS LAST, lp.updated_at DESC NULLS LAST,
                     l.lesson_order
            LIMIT 1)
        ) ORDER BY e.last_accessed_at DESC, e.id)
        FROM enrollments e JOIN courses c ON c.id = e.course_id
        WHERE e.student_id = :student_id AND e.status = 'ACTIVE'), '[]'::json),
      'certificates', COALESCE((
        SELECT json_agg(t.doc ORDER BY t.issued_at DESC, t.id DESC) FROM (
          SELECT ce.id, ce.issued_at, json_build_object(
            'id', ce.id, 'certificate_number', ce.certificate_number,
            'certificate_url', ce.certificate_url, 'issued_at', {utc("ce.issued_at")},
            'course_id', ce.course_id, 'lesson_id', ce.lesson_id,
            'title', COALESCE({text_in(lang, "c.title")}, {text_in(lang, "l.title")}),
            'fallback', CASE WHEN c.id IS NOT NULL THEN {fallback(lang, "c", ("title",))}
                             ELSE {fallback(lang, "l", ("title",))} END) AS doc
          FROM certificates ce
          LEFT JOIN courses c ON c.id = ce.course_id
          LEFT JOIN lessons l ON l.id = ce.lesson_id
          WHERE ce.user_id = :student_id
          ORDER BY ce.issued_at DESC, ce.id DESC LIMIT {RECENT}) t), '[]'::json),
      'quiz_results', COALESCE((
        SELECT json_agg(t.doc ORDER BY t.submitted_at DESC, t.id DESC) FROM (
          SELECT qs.id, qs.submitted_at, json_build_object(
            'id', qs.id, 'quiz_id', q.id, 'lesson_id', q.lesson_id,
            'quiz_title', {text_in(lang, "q.title")}, 'score_percentage', qs.score_percentage,
            'passed', qs.passed, 'submitted_at', {utc("qs.submitted_at")},
            'fallback', {fallback(lang, "q", ("title",))}) AS doc
          FROM quiz_submissions qs JOIN quizzes q ON q.id = qs.quiz_id
          WHERE qs.student_id = :student_id AND qs.submitted_at IS NOT NULL
          ORDER BY qs.submitted_at DESC, qs.id DESC LIMIT {RECENT}) t), '[]'::json)
    )
    """


DASHBOARD = {lang: text(f"SELECT ({sql})::text") for lang, sql in per_language(_dashboard_sql).items()}


def student_dashboard(session: Session, *, actor: Actor, student_id: str, lang: str) -> dict[str, Any]:
    """The dashboard of `student_id` (the actor themself, or an admin)."""
    document: dict[str, Any] = json.loads(
        student_dashboard_json(session, actor=actor, student_id=student_id, lang=lang)
    )
    return document


def student_dashboard_json(session: Session, *, actor: Actor, student_id: str, lang: str) -> bytes:
    """`student_dashboard` as PostgreSQL wrote the JSON, which the API sends as it is."""
    ensure_self_or_admin(actor, student_id, what="student")
    document: str = session.execute(DASHBOARD[language(lang)], {"student_id": student_id}).scalar_one()
    return document.encode()
