"""Writes the demo courses: course → lessons → slides → blocks, quizzes → questions.

Every block goes through `validate_block_pair` and `validate_style_config`, every question through
`validate_question`, so the database only ever holds normalised content (VERSE references in OSIS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from bibliology.content import (
    ValidatedQuestion,
    validate_block_pair,
    validate_question,
    validate_style_config,
)
from bibliology.enums import ContentBlockType, LessonStatus
from bibliology.ids import new_id
from bibliology.models import ContentBlock, Course, Lesson, Question, Quiz, Slide
from bibliology.seed.demo_content.artwork import store_course_artwork
from bibliology.seed.demo_content.illustrations import with_illustration
from bibliology.seed.demo_content.model import CourseSpec, LessonSpec, QuizSpec, SlideSpec
from bibliology.seed.demo_content.rows import Rows, at, json_or_null


@dataclass
class SeededQuiz:
    id: str
    spec: QuizSpec
    questions: list[tuple[str, ValidatedQuestion]] = field(default_factory=list)


@dataclass(frozen=True)
class SeededLesson:
    id: str
    slide_ids: Sequence[str]  # in slide order
    quizzes: Sequence[SeededQuiz]

    @property
    def slide_count(self) -> int:
        return len(self.slide_ids)


@dataclass(frozen=True)
class SeededCourse:
    id: str
    spec: CourseSpec
    published_lessons: Sequence[SeededLesson]  # in order: what enrolments count


def lesson_slug(course: CourseSpec, lesson: LessonSpec) -> str:
    """Lesson slugs are unique across all courses (docs/decisions.md): prefixed by the course's."""
    return f"{course.slug}-{lesson.slug}"


def missing_courses(rows: Rows, courses: Sequence[CourseSpec]) -> list[CourseSpec]:
    """The courses whose slug and lesson slugs are all free (two queries, whatever the count)."""
    slugs = [course.slug for course in courses]
    lesson_slugs = [lesson_slug(course, lesson) for course in courses for lesson in course.lessons]
    taken = set(rows.session.scalars(select(Course.slug).where(Course.slug.in_(slugs))))
    taken |= set(rows.session.scalars(select(Lesson.slug).where(Lesson.slug.in_(lesson_slugs))))
    return [
        course
        for course in courses
        if course.slug not in taken and not any(lesson_slug(course, x) in taken for x in course.lessons)
    ]


def seed_course(rows: Rows, spec: CourseSpec, *, teacher_id: str) -> SeededCourse:
    artwork = store_course_artwork(rows.session, spec, owner_id=teacher_id)
    published = None if spec.published_days_ago is None else at(spec.published_days_ago, hour=10)
    archived = None if spec.archived_days_ago is None else at(spec.archived_days_ago, hour=10)
    course = Course(
        id=new_id(),
        slug=spec.slug,
        teacher_id=teacher_id,
        title_en=spec.title_en,
        title_fr=spec.title_fr,
        description_en=spec.description_en,
        description_fr=spec.description_fr,
        thumbnail_url=artwork.thumbnail_url,
        cover_image_url=artwork.cover_image_url,
        status=spec.status,
        category=spec.category,
        tags=list(spec.tags),
        estimated_hours=spec.estimated_hours,
        difficulty=spec.difficulty,
        created_at=at(spec.created_days_ago),
        updated_at=archived or published or at(spec.created_days_ago),
        published_at=published,
    )
    rows.add(course)
    entity = ("course", course.id)
    rows.log(teacher_id, "CREATE_COURSE", course.created_at, entity, slug=spec.slug)
    if published is not None:
        rows.log(teacher_id, "PUBLISH_COURSE", published, entity, slug=spec.slug)
    if archived is not None:
        rows.log(teacher_id, "ARCHIVE_COURSE", archived, entity, slug=spec.slug)
    lessons = [
        _seed_lesson(rows, spec, lesson, course, order=order, published=published)
        for order, lesson in enumerate(spec.lessons)
    ]
    published_lessons = [
        lesson
        for lesson, lesson_spec in zip(lessons, spec.lessons, strict=True)
        if lesson_spec.status is LessonStatus.PUBLISHED
    ]
    return SeededCourse(course.id, spec, published_lessons)


def _seed_lesson(
    rows: Rows,
    course_spec: CourseSpec,
    spec: LessonSpec,
    course: Course,
    *,
    order: int,
    published: dt.datetime | None,
) -> SeededLesson:
    lesson_published = published if spec.status is LessonStatus.PUBLISHED else None
    created = course.created_at + dt.timedelta(days=1, hours=order)
    lesson = Lesson(
        id=new_id(),
        slug=lesson_slug(course_spec, spec),
        course_id=course.id,
        title_en=spec.title_en,
        title_fr=spec.title_fr,
        description_en=spec.description_en,
        description_fr=spec.description_fr,
        lesson_order=order,
        status=spec.status,
        estimated_minutes=spec.estimated_minutes,
        created_at=created,
        updated_at=lesson_published or created,
        published_at=lesson_published,
    )
    rows.add(lesson)
    slides = [_slide(lesson.id, index, slide, created) for index, slide in enumerate(spec.slides)]
    for slide_row in slides:
        rows.add(slide_row)
    quizzes = [_seed_quiz(rows, quiz, lesson.id, slides, created) for quiz in spec.quizzes]
    quiz_ids = {quiz.spec.key: quiz.id for quiz in quizzes}
    for slide_row, slide in zip(slides, spec.slides, strict=True):
        _seed_blocks(rows, slide, slide_row.id, quiz_ids, created, owner_id=course.teacher_id)
    return SeededLesson(lesson.id, [slide_row.id for slide_row in slides], quizzes)


def _slide(lesson_id: str, order: int, spec: SlideSpec, created: dt.datetime) -> Slide:
    return Slide(
        id=new_id(),
        lesson_id=lesson_id,
        slide_order=order,
        layout=spec.layout,
        title_en=spec.title_en,
        title_fr=spec.title_fr,
        notes_en=spec.notes_en,
        notes_fr=spec.notes_fr,
        created_at=created,
        updated_at=created,
    )


def _seed_blocks(
    rows: Rows,
    slide: SlideSpec,
    slide_id: str,
    quiz_ids: Mapping[str, str],
    created: dt.datetime,
    *,
    owner_id: str,
) -> None:
    for order, block in enumerate(slide.blocks):
        content_en, content_fr = block.en, block.fr
        if block.quiz_key is not None:  # a KeyError here: that quiz is not in this lesson
            content_en = content_fr = {"quiz_id": quiz_ids[block.quiz_key]}
        if block.type is ContentBlockType.IMAGE:  # the placeholder names a picture drawn at seed time
            content_en = with_illustration(rows.session, content_en, owner_id=owner_id)
            if content_fr is not None:
                content_fr = with_illustration(rows.session, content_fr, owner_id=owner_id)
        en, fr = validate_block_pair(block.type, content_en=content_en, content_fr=content_fr)
        rows.add(
            ContentBlock(
                slide_id=slide_id,
                block_order=order,
                block_type=block.type,
                content_en=en,
                content_fr=json_or_null(fr),
                style_config=json_or_null(validate_style_config(block.style)),
                created_at=created,
                updated_at=created,
            )
        )


def _seed_quiz(
    rows: Rows, spec: QuizSpec, lesson_id: str, slides: Sequence[Slide], created: dt.datetime
) -> SeededQuiz:
    quiz = SeededQuiz(new_id(), spec)
    rows.add(
        Quiz(
            id=quiz.id,
            lesson_id=lesson_id,
            slide_id=None if spec.on_slide is None else slides[spec.on_slide].id,
            title_en=spec.title_en,
            title_fr=spec.title_fr,
            passing_score_percentage=spec.passing_score_percentage,
            time_limit_minutes=spec.time_limit_minutes,
            shuffle_questions=spec.shuffle_questions,
            shuffle_options=spec.shuffle_options,
            allow_review=spec.allow_review,
            show_correct_answers=spec.show_correct_answers,
            max_attempts=spec.max_attempts,
            created_at=created,
            updated_at=created,
        )
    )
    for order, question in enumerate(spec.questions):
        validated = validate_question(
            question.type,
            text_en=question.text_en,
            text_fr=question.text_fr,
            options_en=question.options_en,
            options_fr=question.options_fr,
            correct_answers=question.correct_answers,
            explanation_en=question.explanation_en,
            explanation_fr=question.explanation_fr,
            points=question.points,
        )
        columns = {name: json_or_null(value) for name, value in validated.columns().items()}
        row = Question(
            id=new_id(),
            quiz_id=quiz.id,
            question_order=order,
            created_at=created,
            updated_at=created,
            **columns,
        )
        rows.add(row)
        quiz.questions.append((row.id, validated))
    return quiz
