"""Courses: the catalogue, reads in a language or for authoring, create, update, teacher reassignment.
Life-cycle changes (publish, archive, restore, delete) are in courses/lifecycle.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses import access, audit, slugs, vocabulary
from bibliology.courses.fields import ensure_english_first
from bibliology.courses.models import Course
from bibliology.courses.schemas import (
    CourseAuthoring,
    CourseCreate,
    CourseRead,
    CourseSummary,
    CourseUpdate,
    LessonAuthoringOutline,
    LessonOutline,
    TermRead,
)
from bibliology.enums import LessonStatus, UserRole
from bibliology.errors import Conflict, Invalid
from bibliology.i18n import resolve
from bibliology.invalidation import invalidate
from bibliology.lessons.models import Lesson
from bibliology.pagination import Page, PageParams, paginate
from bibliology.policy import Actor, CourseFacts, can_view_lesson, require_admin, require_teacher
from bibliology.translations import service as translations
from bibliology.translations.fields import TRANSLATABLE
from bibliology.translations.localize import localize

COURSE_FIELDS = TRANSLATABLE["course"]
LESSON_FIELDS = TRANSLATABLE["lesson"]


# --------------------------------------------------------------------------- the catalogue page


@dataclass(frozen=True)
class CatalogueEntry:
    slug: str
    title: str
    description: str
    thumbnail_url: str | None
    fell_back: bool


def list_published(session: Session, *, lang: str, limit: int = 100) -> list[CatalogueEntry]:
    """Published courses, newest first, with fields resolved in `lang` (English fallback)."""
    rows = session.execute(
        select(
            Course.slug,
            Course.title_en,
            Course.title_fr,
            Course.description_en,
            Course.description_fr,
            Course.thumbnail_url,
        )
        .where(Course.status == LessonStatus.PUBLISHED)
        .order_by(Course.published_at.desc().nulls_last(), Course.id)
        .limit(limit)
    ).all()
    entries = []
    for row in rows:
        title = resolve(lang, en=row.title_en, fr=row.title_fr)
        description = resolve(lang, en=row.description_en, fr=row.description_fr)
        entries.append(
            CatalogueEntry(
                slug=row.slug,
                title=title.value,
                description=description.value,
                thumbnail_url=row.thumbnail_url,
                fell_back=title.fell_back or description.fell_back,
            )
        )
    return entries


# --------------------------------------------------------------------------- reads


def term(kind: str, value: str | None, lang: str) -> TermRead | None:
    found = vocabulary.term(kind, value)
    if found is None:
        return None if value is None else TermRead(value=value, label=value)  # a legacy free value
    return TermRead(value=found.value, label=found.label(lang))


def summary(course: Course, lang: str) -> CourseSummary:
    text = localize(lang, course, COURSE_FIELDS)
    return CourseSummary(
        id=course.id,
        slug=course.slug,
        status=course.status,
        title=text.values["title"],
        description=text.values["description"],
        fallback=text.fallback,
        category=term("category", course.category, lang),
        difficulty=term("difficulty", course.difficulty, lang),
        tags=list(course.tags),
        estimated_hours=course.estimated_hours,
        thumbnail_url=course.thumbnail_url,
        published_at=course.published_at,
    )


def catalogue(
    session: Session,
    *,
    lang: str,
    params: PageParams,
    category: str | None = None,
    difficulty: str | None = None,
    tag: str | None = None,
) -> Page[CourseSummary]:
    """Published courses, newest first; archived and draft ones are not listed."""
    statement = select(Course).where(Course.status == LessonStatus.PUBLISHED)
    if category is not None:
        statement = statement.where(Course.category == category)
    if difficulty is not None:
        statement = statement.where(Course.difficulty == difficulty)
    if tag is not None:
        statement = statement.where(Course.tags.contains([tag]))
    statement = statement.order_by(Course.published_at.desc().nulls_last(), Course.id)
    rows, total = paginate(session, statement, params)
    return Page.of([summary(course, lang) for course in rows], total, params)


def managed(
    session: Session, *, actor: Actor, lang: str, params: PageParams, status: LessonStatus | None = None
) -> Page[CourseSummary]:
    """The courses the actor authors, in every status (admins: every course), newest change first."""
    user_id = require_teacher(actor)
    statement: Select[Any] = select(Course)
    if not actor.is_admin:
        statement = statement.where(Course.teacher_id == user_id)
    if status is not None:
        statement = statement.where(Course.status == status)
    statement = statement.order_by(Course.updated_at.desc(), Course.id)
    rows, total = paginate(session, statement, params)
    return Page.of([summary(course, lang) for course in rows], total, params)


def _lessons(session: Session, course_id: str) -> Sequence[Lesson]:
    return session.scalars(
        select(Lesson).where(Lesson.course_id == course_id).order_by(Lesson.lesson_order, Lesson.id)
    ).all()


def outline(lessons: Sequence[Lesson], *, actor: Actor, facts: CourseFacts, lang: str) -> list[LessonOutline]:
    """The lessons the actor may see, in order; positions count only those (0-based)."""
    visible = [lesson for lesson in lessons if can_view_lesson(actor, facts, lesson.status)]
    entries = []
    for position, lesson in enumerate(visible):
        text = localize(lang, lesson, LESSON_FIELDS)
        entries.append(
            LessonOutline(
                id=lesson.id,
                slug=lesson.slug,
                position=position,
                status=lesson.status,
                title=text.values["title"],
                description=text.values["description"],
                estimated_minutes=lesson.estimated_minutes,
                fallback=text.fallback,
            )
        )
    return entries


def read(session: Session, *, actor: Actor, course_id: str, lang: str) -> CourseRead:
    """A course and its lesson outline as the actor may see them, in `lang` (2 queries)."""
    course, facts = access.viewable(session, actor, course_id)
    lessons = _lessons(session, course.id)
    return CourseRead(
        **summary(course, lang).model_dump(),
        lang=lang,
        cover_image_url=course.cover_image_url,
        teacher_id=course.teacher_id,
        enrolled=facts.actor_enrolled,
        read_only=course.status == LessonStatus.ARCHIVED,
        lessons=outline(lessons, actor=actor, facts=facts, lang=lang),
    )


def read_authoring(session: Session, *, actor: Actor, course_id: str) -> CourseAuthoring:
    """Both languages of the course and of every lesson, for its teacher and admins (2 queries)."""
    course = access.manageable(session, actor, course_id)
    lessons = [
        LessonAuthoringOutline(
            position=position,
            **{
                name: getattr(lesson, name)
                for name in LessonAuthoringOutline.model_fields
                if name != "position"
            },
        )
        for position, lesson in enumerate(_lessons(session, course.id))
    ]
    return CourseAuthoring.build(course, lessons)


# --------------------------------------------------------------------------- writes


def create(
    session: Session,
    *,
    actor: Actor,
    data: CourseCreate,
    slug: str | None = None,
    request: Request | None = None,
) -> Course:
    """A draft course owned by the actor, its slug made from the English title, or `slug` (an
    already validated schemas.Slug, the new-course page's choice; refused when taken)."""
    teacher_id = require_teacher(actor)
    values = data.model_dump()
    ensure_english_first(values, COURSE_FIELDS)
    wanted = slug
    slug = slugs.allocate(session, Course.slug, wanted or slugs.slugify(data.title_en))
    if wanted is not None and slug != wanted:
        message = f"another course already uses this address; {slug!r} is free"
        raise Conflict(f"slug: {message}", fields=[{"field": "slug", "message": message}])
    course = Course(slug=slug, teacher_id=teacher_id, status=LessonStatus.DRAFT, **values)
    session.add(course)
    session.flush()
    translations.record_changes(session, entity_type="course", entity_id=course.id, before=None, after=values)
    audit.log(
        session, actor=actor, verb="CREATE", entity="course", entity_id=course.id, request=request, slug=slug
    )
    invalidate(session, course_ids=[course.id])
    return course


def update(
    session: Session, *, actor: Actor, course_id: str, data: CourseUpdate, request: Request | None = None
) -> Course:
    """Change what was sent; nothing else (slug, owner, status) moves."""
    course = access.writable(session, actor, course_id)
    changes = {name: value for name, value in data.changes().items() if getattr(course, name) != value}
    if not changes:
        return course
    before = translations.snapshot("course", course)
    ensure_english_first(changes, COURSE_FIELDS, stored=before)
    for name, value in changes.items():
        setattr(course, name, value)
    session.flush()
    translations.record_changes(
        session, entity_type="course", entity_id=course.id, before=before, after=changes
    )
    audit.log(
        session,
        actor=actor,
        verb="UPDATE",
        entity="course",
        entity_id=course.id,
        request=request,
        fields=sorted(changes),
    )
    invalidate(session, course_ids=[course.id])
    return course


def assign_teacher(
    session: Session, *, actor: Actor, course_id: str, teacher_id: str, request: Request | None = None
) -> Course:
    """Admins only: hand a course (in any status) to another teacher or admin."""
    require_admin(actor)
    course = access.manageable(session, actor, course_id, lock=True)
    role = session.scalar(select(User.role).where(User.id == teacher_id))
    if role not in (UserRole.TEACHER, UserRole.ADMIN):
        message = "no teacher or admin with this id"
        raise Invalid(f"teacher_id: {message}", fields=[{"field": "teacher_id", "message": message}])
    if course.teacher_id != teacher_id:
        previous = course.teacher_id
        course.teacher_id = teacher_id
        session.flush()
        audit.log(
            session,
            actor=actor,
            verb="UPDATE",
            entity="course",
            entity_id=course.id,
            request=request,
            fields=["teacher_id"],
            previous_teacher_id=previous,
            teacher_id=teacher_id,
        )
        access.invalidate_course_and_lessons(session, course.id)
    return course
