"""Reads for the teacher's course pages: the courses a teacher manages with their counts, and one
course's lessons with slides, minutes and quizzes, each with its French completeness. Fixed number
of queries whatever the number of courses, lessons, slides or blocks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses import access
from bibliology.courses.models import Course
from bibliology.enums import EnrollmentStatus, LessonStatus
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.policy import Actor, require_teacher
from bibliology.progress.models import Enrollment
from bibliology.quizzes.models import Quiz
from bibliology.translations.fields import SOURCE_LANGUAGE, TARGET_LANGUAGES, TRANSLATABLE, column
from bibliology.translations.service import Entity, load_revisions, report

FRENCH = TARGET_LANGUAGES[0]


@dataclass(frozen=True)
class Completeness:
    """How much of the English that has text is translated (present, not stale) in French."""

    translated: int
    total: int

    @property
    def percent(self) -> int | None:
        return None if self.total == 0 else (100 * self.translated) // self.total


@dataclass(frozen=True)
class ManagedCourse:
    course: Course
    teacher_name: str
    enrolled: int
    lessons: int
    french: Completeness


@dataclass(frozen=True)
class QuizLink:
    id: str
    title: str


@dataclass
class ManagedLesson:
    lesson: Lesson
    slides: int
    french: Completeness
    quizzes: list[QuizLink] = field(default_factory=list)


def _has_text(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_has_text(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_text(item) for item in value)
    return False


def _completeness(entities: Sequence[Entity], revisions: Any) -> Completeness:
    """Per translatable field with English text: translated when French has every piece and is not
    older than its English (the translation report's rules, counted rather than listed)."""
    total = sum(
        1
        for entity in entities
        for name in TRANSLATABLE[entity.entity_type]
        if _has_text(getattr(entity.row, column(name, SOURCE_LANGUAGE)))
    )
    found = report(entities, revisions, language=FRENCH)
    gaps = {(gap.entity_id, gap.field.split(".")[0]) for gap in (*found.missing, *found.stale)}
    return Completeness(translated=total - len(gaps), total=total)


def _content(session: Session, course_ids: Iterable[str]) -> tuple[list[Lesson], list[Entity]]:
    """The lessons of the courses, and them, their slides and blocks as report entities (3 queries)."""
    ids = list(course_ids)
    lessons = list(
        session.scalars(
            select(Lesson).where(Lesson.course_id.in_(ids)).order_by(Lesson.lesson_order, Lesson.id)
        )
    )
    slides = session.scalars(
        select(Slide).join(Lesson, Lesson.id == Slide.lesson_id).where(Lesson.course_id.in_(ids))
    ).all()
    blocks = session.execute(
        select(ContentBlock, Slide.lesson_id)
        .join(Slide, Slide.id == ContentBlock.slide_id)
        .join(Lesson, Lesson.id == Slide.lesson_id)
        .where(Lesson.course_id.in_(ids))
    ).all()
    entities = [Entity("lesson", lesson, lesson_id=lesson.id) for lesson in lessons]
    entities += [Entity("slide", slide, lesson_id=slide.lesson_id, slide_id=slide.id) for slide in slides]
    entities += [
        Entity("content_block", block, lesson_id=lesson_id, slide_id=block.slide_id)
        for block, lesson_id in blocks
    ]
    return lessons, entities


def managed_courses(
    session: Session, *, actor: Actor, status: LessonStatus | None = None
) -> list[ManagedCourse]:
    """The courses the actor teaches (admins: all), newest change first, with enrolments (not
    dropped), lessons and French completeness (6 queries)."""
    user_id = require_teacher(actor)
    enrolled = (
        select(func.count())
        .where(Enrollment.course_id == Course.id, Enrollment.status != EnrollmentStatus.DROPPED)
        .correlate(Course)
        .scalar_subquery()
    )
    lesson_count = (
        select(func.count()).where(Lesson.course_id == Course.id).correlate(Course).scalar_subquery()
    )
    statement = select(Course, User.name, enrolled, lesson_count).join(User, User.id == Course.teacher_id)
    if not actor.is_admin:
        statement = statement.where(Course.teacher_id == user_id)
    if status is not None:
        statement = statement.where(Course.status == status)
    rows = session.execute(statement.order_by(Course.updated_at.desc(), Course.id)).all()
    if not rows:
        return []
    courses = [row[0] for row in rows]
    lessons, entities = _content(session, (course.id for course in courses))
    course_of = {lesson.id: lesson.course_id for lesson in lessons}
    by_course: dict[str, list[Entity]] = defaultdict(list)
    for course in courses:
        by_course[course.id].append(Entity("course", course))
    for entity in entities:
        assert entity.lesson_id is not None
        by_course[course_of[entity.lesson_id]].append(entity)
    revisions = load_revisions(session, [e.row.id for group in by_course.values() for e in group])
    return [
        ManagedCourse(
            course=course,
            teacher_name=name,
            enrolled=int(enrolled_count or 0),
            lessons=int(lessons_count or 0),
            french=_completeness(by_course[course.id], revisions),
        )
        for course, name, enrolled_count, lessons_count in rows
    ]


def course_lessons(session: Session, *, actor: Actor, course_id: str) -> tuple[Course, list[ManagedLesson]]:
    """A course the actor manages and its lessons in order, each with its slide count, quizzes and
    French completeness (7 queries)."""
    course = access.manageable(session, actor, course_id)
    lessons, entities = _content(session, [course.id])
    by_lesson: dict[str, list[Entity]] = defaultdict(list)
    slides: dict[str, int] = defaultdict(int)
    for entity in entities:
        assert entity.lesson_id is not None
        by_lesson[entity.lesson_id].append(entity)
        if entity.entity_type == "slide":
            slides[entity.lesson_id] += 1
    revisions = load_revisions(session, [entity.row.id for entity in entities])
    quizzes: dict[str, list[QuizLink]] = defaultdict(list)
    for quiz_id, lesson_id, title in session.execute(
        select(Quiz.id, Quiz.lesson_id, Quiz.title_en)
        .join(Lesson, Lesson.id == Quiz.lesson_id)
        .where(Lesson.course_id == course.id)
        .order_by(Quiz.created_at, Quiz.id)
    ):
        quizzes[lesson_id].append(QuizLink(id=quiz_id, title=title))
    return course, [
        ManagedLesson(
            lesson=lesson,
            slides=slides[lesson.id],
            french=_completeness(by_lesson[lesson.id], revisions),
            quizzes=quizzes[lesson.id],
        )
        for lesson in lessons
    ]
