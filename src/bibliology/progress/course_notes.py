"""A student's notes on a whole course, by lesson and slide (the web app's notes page).

progress.notes lists one lesson's notes; this reads every lesson of the course in one statement,
with the lesson and slide titles in the reader's language (English fallback flagged) and each
slide's current 1-based number for a link back to it. Notes whose slide was deleted come last in
their lesson, under the position they had."""

# SQL text is assembled from constant fragments; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.errors import NotFound
from bibliology.i18n import SUPPORTED
from bibliology.policy import Actor, CourseFacts, ensure_can_view_course, require_login
from bibliology.queries.facts import course_context
from bibliology.queries.sql import columns, language, text_in


def fell_back(lang: str, column: str) -> str:
    """SQL: whether `column` is shown in English although `lang` was asked for."""
    return "false" if lang == "en" else f"({column}_{lang} ~ '[^[:space:]]') IS NOT TRUE"


_COURSE = {
    lang: text(
        f"""SELECT c.id, c.slug, {text_in(lang, "c.title")} AS title,
                   {fell_back(lang, "c.title")} AS title_fallback
            FROM courses c WHERE c.slug = :slug"""
    )
    for lang in SUPPORTED
}


def _notes_sql(lang: str) -> str:
    return f"""
    SELECT n.id, n.note_text, n.updated_at, n.slide_id, n.slide_index,
           l.id AS lesson_id, l.slug AS lesson_slug, {text_in(lang, "l.title")} AS lesson_title,
           {fell_back(lang, "l.title")} AS lesson_title_fallback,
           s.slide_number, {text_in(lang, "s.title")} AS slide_title,
           s.id IS NOT NULL AND {fell_back(lang, "s.title")} AS slide_title_fallback
    FROM student_notes n
    JOIN lessons l ON l.id = n.lesson_id AND l.course_id = :course_id AND l.status <> 'DRAFT'
    LEFT JOIN (
      SELECT s.id, {columns(lang, "s", "title")},
             row_number() OVER (PARTITION BY s.lesson_id ORDER BY s.slide_order) AS slide_number
      FROM slides s JOIN lessons sl ON sl.id = s.lesson_id AND sl.course_id = :course_id) s
      ON s.id = n.slide_id
    WHERE n.student_id = :student_id
    ORDER BY l.lesson_order, l.id, n.slide_id IS NULL, n.slide_index, n.created_at, n.id
    """


_NOTES = {lang: text(_notes_sql(lang)) for lang in SUPPORTED}


@dataclass(frozen=True)
class SlideNote:
    id: str
    note_text: str
    updated_at: dt.datetime
    slide_number: int | None  # None: the slide was deleted
    slide_title: str | None
    slide_index: int
    slide_title_fallback: bool = False


@dataclass
class LessonNotes:
    lesson_id: str
    lesson_slug: str
    lesson_title: str
    lesson_title_fallback: bool
    notes: list[SlideNote] = field(default_factory=list)


@dataclass(frozen=True)
class CourseNotes:
    course_id: str
    course_slug: str
    course_title: str
    course_title_fallback: bool
    lessons: list[LessonNotes]


def course_notes(session: Session, *, actor: Actor, course_slug: str, lang: str) -> CourseNotes:
    """The actor's notes on the course's lessons (published or archived), in lesson and slide order;
    NotFound when the course does not exist or the actor may not see it."""
    lang = language(lang)
    student_id = require_login(actor)
    course = session.execute(_COURSE[lang], {"slug": course_slug}).one_or_none()
    if course is None:
        raise NotFound("no such course")
    context = course_context(session, actor=actor, course_id=course.id)
    facts: CourseFacts | None = context.course if context is not None else None
    ensure_can_view_course(actor, facts)
    lessons: dict[str, LessonNotes] = {}
    for row in session.execute(_NOTES[lang], {"course_id": course.id, "student_id": student_id}):
        group = lessons.setdefault(
            row.lesson_id,
            LessonNotes(row.lesson_id, row.lesson_slug, row.lesson_title, bool(row.lesson_title_fallback)),
        )
        group.notes.append(
            SlideNote(
                id=row.id,
                note_text=row.note_text,
                updated_at=row.updated_at,
                slide_number=row.slide_number,
                slide_title=row.slide_title,
                slide_index=row.slide_index,
                slide_title_fallback=bool(row.slide_title_fallback),
            )
        )
    return CourseNotes(
        course.id, course.slug, course.title, bool(course.title_fallback), list(lessons.values())
    )
