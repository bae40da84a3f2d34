"""Query pattern 2: a lesson with its slides and their blocks, in order, and its quizzes.

Students get quiz summaries only (title, rules, number of questions): questions are served inside an
attempt, by the quiz engine. The course's teacher (and admins) get every question in full,
correct answers included, and the slides' speaker notes. One statement whatever the lesson's
size: the policy facts and the tree, which PostgreSQL builds as one JSON document. With a cache, a
published lesson of a published course is served from it, facts included, without the database.
"""

# SQL text is assembled from constant fragments and whitelisted names; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

import json
from typing import Any, Literal

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

from bibliology.bible.passages import tree_passage_join
from bibliology.cache import Cache, read_through
from bibliology.enums import LessonStatus
from bibliology.errors import NotFound
from bibliology.i18n import SUPPORTED
from bibliology.invalidation import keys_for, lesson_facts_key, lesson_tree_key, pending
from bibliology.policy import Actor, CourseFacts, Denied, can_view_lesson, owns_course
from bibliology.queries.facts import (
    LESSON_FACTS,
    LESSON_FROM,
    LessonContext,
    lesson_context,
    lesson_context_of,
)
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


# Archived (the lesson or its course) means read-only until restored. Only published lessons of
# published courses are cached, and a course's status change invalidates its lessons' trees.
_READ_ONLY = """(l.status = 'ARCHIVED'
        OR EXISTS (SELECT 1 FROM courses rc WHERE rc.id = l.course_id AND rc.status = 'ARCHIVED'))"""


def _content(lang: str) -> str:
    """A block's content in the reader's language; a VERSE block without its own text also gets the
    imported passage (`passage_text`, `passage_translation`: docs/bible-texts.md)."""
    content = json_in(lang, "b.content")
    return f"""CASE WHEN pt.text IS NULL THEN {content}
      ELSE {content} || jsonb_build_object('passage_text', pt.text, 'passage_translation', pt.translation) END"""


def _document(lang: str, audience: Audience) -> str:
    """The tree of lesson `l` as one JSON document."""
    notes = f"'notes', {text_in(lang, 's.notes')}," if audience == "teacher" else ""
    slide_fields = ("title", "notes") if audience == "teacher" else ("title",)
    return f"""json_build_object(
      'lesson', json_build_object(
        'id', l.id, 'slug', l.slug, 'course_id', l.course_id,
        'title', {text_in(lang, "l.title")}, 'description', {text_in(lang, "l.description")},
        'lesson_order', l.lesson_order, 'estimated_minutes', l.estimated_minutes, 'status', l.status,
        'updated_at', {utc("l.updated_at")}, 'lang', '{lang}',
        'read_only', {_READ_ONLY},
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
              'content', {_content(lang)}, 'style_config', b.style_config,
              'fallback', {fallback(lang, "b", json_fields=("content",))}) ORDER BY b.block_order)
            FROM content_blocks b {tree_passage_join(lang, json_in(lang, "b.content"))}
            WHERE b.slide_id = s.id), '[]'::json),
          'quizzes', {_quizzes(lang, audience, "q.slide_id = s.id AND q.lesson_id = l.id")}
        ) ORDER BY s.slide_order)
        FROM (
          SELECT s.id, s.slide_order, s.layout, {columns(lang, "s", *slide_fields)},
                 row_number() OVER (ORDER BY s.slide_order) - 1 AS idx
          FROM slides s WHERE s.lesson_id = l.id) s), '[]'::json),
      'quizzes', {_quizzes(lang, audience, "q.lesson_id = l.id AND q.slide_id IS NULL")}
    )"""


TREE: dict[tuple[str, Audience], TextClause] = {
    (lang, audience): text(f"SELECT {_document(lang, audience)}::text FROM lessons l WHERE l.id = :lesson_id")
    for lang in SUPPORTED
    for audience in AUDIENCES
}
# What a cache miss stores: nothing (NULL) once this transaction has written, as its rows may never
# commit; the caller then reads the database as if there were no cache.
CACHEABLE_TREE: dict[tuple[str, Audience], TextClause] = {
    (lang, audience): text(
        f"""SELECT CASE WHEN pg_current_xact_id_if_assigned() IS NULL
                   THEN {_document(lang, audience)}::text END
            FROM lessons l WHERE l.id = :lesson_id"""
    )
    for lang in SUPPORTED
    for audience in AUDIENCES
}
_OWNER = "(COALESCE(c.teacher_id = :actor_id, false) OR CAST(:admin AS boolean))"
# The policy's facts and the tree in one statement. PostgreSQL picks the audience with
# `owns_course`'s rule (the course's teacher, or an admin) and builds only that branch; Python then
# applies the policy to the facts and checks the pick. A tree built for a reader the policy refuses
# is discarded: that costs only refused requests.
WITH_FACTS: dict[str, TextClause] = {
    lang: text(
        f"""
        SELECT {LESSON_FACTS}, {_OWNER} AS teacher_tree,
               CASE WHEN {_OWNER}
                    THEN {_document(lang, "teacher")} ELSE {_document(lang, "student")} END::text
                 AS document
        {LESSON_FROM}
        """
    )
    for lang in SUPPORTED
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
    never parsed and serialised again).

    With a cache, a published lesson is read without the database: its policy facts and its trees
    are cached (`lesson_facts_key`, `lesson_tree_key`) and invalidated together by every write that
    changes them. A transaction that has itself changed the lesson reads the database."""
    lang = language(lang)
    if cache is not None and not pending(session, *keys_for(lesson_ids=[lesson_id])):
        raw = _from_cache(session, cache, actor=actor, lesson_id=lesson_id, lang=lang)
        if raw is not None:
            return raw
    row: Any = session.execute(
        WITH_FACTS[lang], {"lesson_id": lesson_id, "actor_id": actor.user_id, "admin": actor.is_admin}
    ).one_or_none()
    if row is None:
        raise NotFound("no such lesson")
    context = lesson_context_of(row, lesson_id)
    audience = _audience(actor, context.course, context.status)
    document: str = row.document
    if row.teacher_tree != (audience == "teacher"):  # the policy changed but not the SQL's pick
        document = session.execute(TREE[(lang, audience)], {"lesson_id": lesson_id}).scalar_one()
    return document.encode()


def _audience(actor: Actor, course: CourseFacts, lesson_status: LessonStatus) -> Audience:
    """NotFound unless the actor may see the lesson; then which tree they get."""
    if not can_view_lesson(actor, course, lesson_status):
        raise Denied("no such lesson")
    return "teacher" if owns_course(actor, course) else "student"


def _from_cache(session: Session, cache: Cache, *, actor: Actor, lesson_id: str, lang: str) -> bytes | None:
    """The tree through the cache, or None when it may not be cached. The facts and the tree the
    actor most likely gets (teachers usually read their own lessons) come in one round trip."""
    guess: Audience = "teacher" if actor.can_teach else "student"
    facts_raw, tree = cache.get_many(lesson_facts_key(lesson_id), lesson_tree_key(lesson_id, lang, guess))
    facts = _cached_facts(session, cache, actor=actor, lesson_id=lesson_id, raw=facts_raw)
    if facts is None:
        return None
    audience = _audience(actor, facts.course, facts.status)
    if audience == guess and tree is not None:
        return tree
    statement = CACHEABLE_TREE[(lang, audience)]

    def load() -> bytes | None:
        document = session.execute(statement, {"lesson_id": lesson_id}).scalar_one_or_none()
        return None if document is None else document.encode()

    return read_through(cache, lesson_tree_key(lesson_id, lang, audience), load)


def _cached_facts(
    session: Session, cache: Cache, *, actor: Actor, lesson_id: str, raw: bytes | None
) -> LessonContext | None:
    """The lesson's facts (`raw` as read from the cache, else read through it), or None when they
    may not be cached: the lesson or its course is not published, or this transaction has written
    (its rows may never commit). Only published lessons of published courses are cached, which
    everyone may read, so the actor's enrollment is not needed."""

    def load() -> bytes | None:
        context = lesson_context(session, actor=actor, lesson_id=lesson_id)
        if context is None or not context.published or context.wrote:
            return None
        return json.dumps(
            {
                "course_id": context.course.id,
                "teacher_id": context.course.teacher_id,
                "lesson_status": context.status.value,
                "course_status": context.course.status.value,
            }
        ).encode()

    if raw is None:
        raw = read_through(cache, lesson_facts_key(lesson_id), load)
    if raw is None:
        return None
    facts = json.loads(raw)
    course = CourseFacts(facts["course_id"], facts["teacher_id"], LessonStatus(facts["course_status"]))
    context = LessonContext(lesson_id, LessonStatus(facts["lesson_status"]), course, wrote=False)
    return context if context.published else None
