"""Query pattern 2: a lesson with its slides and their blocks, in order, and its quizzes.

Students get quiz summaries only (title, rules, number of questions): questions are served inside an
attempt, by the quiz engine. The course's teacher (and admins) get every question in full,
correct answers included, and the slides' speaker notes. Two statements whatever the lesson's
size: the policy facts, then the tree (built by PostgreSQL as one JSON document), which goes
through the cache per language and audience when the lesson and its course are published.
"""

# SQL text is assembled from constant fragments and whitelisted names; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

import json
from typing import Any, Literal

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

from bibliology.cache import Cache, read_through
from bibliology.errors import NotFound
from bibliology.i18n import SUPPORTED
from bibliology.invalidation import lesson_tree_key
from bibliology.policy import Actor, Denied, can_view_lesson, owns_course
from bibliology.queries.facts import lesson_context
from bibliology.queries.sql import columns, fallback, json_in, language, text_in, utc

Audience = Literal["student", "teacher"]
AUDIENCES: tuple[Audience, ...] = ("student", "teacher")


def _questions(lang: str) -> str:
    return f"""
      'questions', COALESCE((
        SELECT json_agg(json_build_object(
          'id', qn.id, 'question_order', qn.question_order, 'question_type', qn.question_type,
          'question_text', {json_in(lang, "qn.question_text")}, 'options', {json_in(lang, "qn.options")},
          'correct_answers', qn.correct_answers, 'explanation', {json_in(lang, "qn.explanation")},
          'points', qn.points,
          'fallback', {fallback(lang, "qn", json_fields=("question_text", "options", "explanation"))})
          ORDER BY qn.question_order)
        FROM questions qn WHERE qn.quiz_id = q.id), '[]'::json),"""


def _quizzes(lang: str, audience: Audience, where: str) -> str:
    questions = _questions(lang) if audience == "teacher" else ""
    return f"""COALESCE((
        SELECT json_agg(json_build_object(
          'id', q.id, 'slide_id', q.slide_id, 'title', {text_in(lang, "q.title")},
          'passing_score_percentage', q.passing_score_percentage,
          'time_limit_minutes', q.time_limit_minutes, 'max_attempts', q.max_attempts,
          'shuffle_questions', q.shuffle_questions, 'shuffle_options', q.shuffle_options,
          'allow_review', q.allow_review, 'show_correct_answers', q.show_correct_answers,
          'question_count', qs.question_count, 'total_points', qs.total_points,{questions}
          'fallback', {fallback(lang, "q", ("title",))}) ORDER BY q.created_at, q.id)
        FROM quizzes q
        CROSS JOIN LATERAL (
          SELECT count(*) AS question_count, COALESCE(sum(qn.points), 0) AS total_points
          FROM questions qn WHERE qn.quiz_id = q.id AND qn.retired_at IS NULL) qs
        WHERE {where}), '[]'::json)"""


def _tree_sql(lang: str, audience: Audience) -> str:
    notes = f"'notes', {text_in(lang, 's.notes')}," if audience == "teacher" else ""
    slide_fields = ("title", "notes") if audience == "teacher" else ("title",)
    return f"""
    SELECT json_build_object(
      'lesson', json_build_object(
        'id', l.id, 'slug', l.slug, 'course_id', l.course_id,
        'title', {text_in(lang, "l.title")}, 'description', {text_in(lang, "l.description")},
        'lesson_order', l.lesson_order, 'estimated_minutes', l.estimated_minutes, 'status', l.status,
        'updated_at', {utc("l.updated_at")}, 'lang', '{lang}',
        'fallback', {fallback(lang, "l", ("title", "description"))}),
      'audience', '{audience}',
      'slides', COALESCE((
        SELECT json_agg(json_build_object(
          'id', s.id, 'index', s.idx, 'slide_order', s.slide_order, 'layout', s.layout,
          'title', {text_in(lang, "s.title")}, {notes}
          'fallback', {fallback(lang, "s", slide_fields)},
          'blocks', COALESCE((
            SELECT json_agg(json_build_object(
              'id', b.id, 'block_order', b.block_order, 'block_type', b.block_type,
              'content', {json_in(lang, "b.content")}, 'style_config', b.style_config,
              'fallback', {fallback(lang, "b", json_fields=("content",))}) ORDER BY b.block_order)
            FROM content_blocks b WHERE b.slide_id = s.id), '[]'::json),
          'quizzes', {_quizzes(lang, audience, "q.slide_id = s.id AND q.lesson_id = l.id")}
        ) ORDER BY s.slide_order)
        FROM (
          SELECT s.id, s.slide_order, s.layout, {columns(lang, "s", *slide_fields)},
                 row_number() OVER (ORDER BY s.slide_order) - 1 AS idx
          FROM slides s WHERE s.lesson_id = l.id) s), '[]'::json),
      'quizzes', {_quizzes(lang, audience, "q.lesson_id = l.id AND q.slide_id IS NULL")}
    )::text
    FROM lessons l WHERE l.id = :lesson_id
    """


TREE: dict[tuple[str, Audience], TextClause] = {
    (lang, audience): text(_tree_sql(lang, audience)) for lang in SUPPORTED for audience in AUDIENCES
}


def lesson_tree(
    session: Session, *, actor: Actor, lesson_id: str, lang: str, cache: Cache | None = None
) -> dict[str, Any]:
    """The lesson's slides, blocks and quizzes for this actor (see the module docstring)."""
    tree: dict[str, Any] = json.loads(
        lesson_tree_json(session, actor=actor, lesson_id=lesson_id, lang=lang, cache=cache)
    )
    return tree


def lesson_tree_json(
    session: Session, *, actor: Actor, lesson_id: str, lang: str, cache: Cache | None = None
) -> bytes:
    """`lesson_tree` as the JSON document itself, which the API sends as it is (a cached tree is
    never parsed and serialised again)."""
    lang = language(lang)
    context = lesson_context(session, actor=actor, lesson_id=lesson_id)
    if context is None:
        raise NotFound("no such lesson")
    if not can_view_lesson(actor, context.course, context.status):
        raise Denied("no such lesson")
    audience: Audience = "teacher" if owns_course(actor, context.course) else "student"
    statement = TREE[(lang, audience)]

    def load() -> bytes | None:
        document = session.execute(statement, {"lesson_id": lesson_id}).scalar_one_or_none()
        return None if document is None else document.encode()

    if cache is not None and context.published and not context.wrote:
        raw = read_through(cache, lesson_tree_key(lesson_id, lang, audience), load)
    else:
        raw = load()
    if raw is None:
        raise NotFound("no such lesson")
    return raw
