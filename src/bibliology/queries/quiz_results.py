"""Query pattern 4: a student's submitted quiz results, newest first, with their answers and the
question text, one page in one statement. Answers are shown only for quizzes that allow review;
correct answers never (reviewing them is the quiz engine's job)."""

# SQL text is assembled from constant fragments and whitelisted names; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.errors import NotFound
from bibliology.pagination import PageParams
from bibliology.policy import Actor, Denied, ensure_can_manage_course
from bibliology.queries.facts import course_context
from bibliology.queries.sql import fallback, json_in, language, per_language, text_in, utc

# Optionally one course's quizzes only (the teacher's view of a student).
_FILTER = """qs.student_id = :student_id AND qs.submitted_at IS NOT NULL
  AND (CAST(:course_id AS text) IS NULL
       OR EXISTS (SELECT 1 FROM lessons fl WHERE fl.id = q.lesson_id AND fl.course_id = :course_id))"""


def _results_sql(lang: str) -> str:
    return f"""
    SELECT json_build_object(
      'page', CAST(:page AS integer), 'page_size', CAST(:limit AS integer),
      'total', (SELECT count(*) FROM quiz_submissions qs JOIN quizzes q ON q.id = qs.quiz_id
                WHERE {_FILTER}),
      'items', COALESCE((
        SELECT json_agg(t.doc ORDER BY t.submitted_at DESC, t.id DESC) FROM (
          SELECT qs.id, qs.submitted_at, json_build_object(
            'id', qs.id, 'quiz_id', q.id, 'lesson_id', q.lesson_id,
            'quiz_title', {text_in(lang, "q.title")},
            'passing_score_percentage', q.passing_score_percentage,
            'score_percentage', qs.score_percentage, 'points_earned', qs.points_earned,
            'total_points', qs.total_points, 'passed', qs.passed,
            'time_spent_seconds', qs.time_spent_seconds,
            'started_at', {utc("qs.started_at")}, 'submitted_at', {utc("qs.submitted_at")},
            'review', q.allow_review, 'fallback', {fallback(lang, "q", ("title",))},
            'answers', CASE WHEN q.allow_review THEN COALESCE((
              SELECT json_agg(json_build_object(
                'question_id', qn.id, 'question_order', qn.question_order,
                'question_text', {json_in(lang, "qn.question_text")}, 'points', qn.points,
                'answer_given', a.answer_given, 'is_correct', a.is_correct,
                'points_earned', a.points_earned,
                'fallback', {fallback(lang, "qn", json_fields=("question_text",))})
                ORDER BY qn.question_order)
              FROM question_answers a JOIN questions qn ON qn.id = a.question_id
              WHERE a.submission_id = qs.id), '[]'::json) ELSE '[]'::json END) AS doc
          FROM quiz_submissions qs JOIN quizzes q ON q.id = qs.quiz_id
          WHERE {_FILTER}
          ORDER BY qs.submitted_at DESC, qs.id DESC
          LIMIT :limit OFFSET :offset) t), '[]'::json)
    )::text
    """


RESULTS = {lang: text(sql) for lang, sql in per_language(_results_sql).items()}


def quiz_results(
    session: Session,
    *,
    actor: Actor,
    student_id: str,
    lang: str,
    pages: PageParams,
    course_id: str | None = None,
) -> dict[str, Any]:
    """A page {items, total, page, page_size} of `student_id`'s results: theirs or an admin's; with
    `course_id` (that course's quizzes only), also the course's teacher's, for a student enrolled
    in it."""
    page: dict[str, Any] = json.loads(
        quiz_results_json(
            session, actor=actor, student_id=student_id, lang=lang, pages=pages, course_id=course_id
        )
    )
    return page


def quiz_results_json(
    session: Session,
    *,
    actor: Actor,
    student_id: str,
    lang: str,
    pages: PageParams,
    course_id: str | None = None,
) -> bytes:
    """`quiz_results` as PostgreSQL wrote the JSON, which the API sends as it is."""
    lang = language(lang)
    if actor.user_id != student_id and not actor.is_admin:
        if course_id is None:
            raise Denied("no such student")
        context = course_context(session, actor=actor, course_id=course_id)
        ensure_can_manage_course(actor, None if context is None else context.course)
        if not _enrolled(session, student_id=student_id, course_id=course_id):
            raise NotFound("no such student in this course")
    document: str = session.execute(
        RESULTS[lang],
        {
            "student_id": student_id,
            "course_id": course_id,
            "page": pages.page,
            "limit": pages.page_size,
            "offset": pages.offset,
        },
    ).scalar_one()
    return document.encode()


_ENROLLED = text("SELECT EXISTS (SELECT 1 FROM enrollments WHERE student_id = :s AND course_id = :c)")


def _enrolled(session: Session, *, student_id: str, course_id: str | None) -> bool:
    return bool(session.execute(_ENROLLED, {"s": student_id, "c": course_id}).scalar_one())
