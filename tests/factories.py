"""One factory per model: valid rows with sensible bilingual defaults; keyword overrides win.
Each factory adds and flushes, so database defaults and constraints apply immediately."""

from __future__ import annotations

import itertools
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.certificates.models import Certificate
from bibliology.courses.models import Course
from bibliology.enums import ContentBlockType, LessonStatus, QuestionType, UserRole
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.progress.models import Enrollment, LessonProgress, StudentNote
from bibliology.quizzes.models import Question, QuestionAnswer, Quiz, QuizSubmission

_seq = itertools.count(1)
RowT = TypeVar("RowT")


def _n() -> int:
    return next(_seq)


def _save(session: Session, row: RowT) -> RowT:
    session.add(row)
    session.flush()
    return row


def make_user(session: Session, **kw: Any) -> User:
    n = _n()
    values: dict[str, Any] = {
        "email": f"user{n}@example.org",
        "password_hash": "not-a-real-hash",
        "name": f"User {n}",
        "role": UserRole.STUDENT,
    }
    return _save(session, User(**(values | kw)))


def make_teacher(session: Session, **kw: Any) -> User:
    return make_user(session, **({"role": UserRole.TEACHER} | kw))


def make_course(session: Session, *, teacher: User | None = None, **kw: Any) -> Course:
    n = _n()
    teacher = teacher or make_teacher(session)
    values: dict[str, Any] = {
        "slug": f"course-{n}",
        "teacher_id": teacher.id,
        "title_en": f"Course {n}",
        "title_fr": f"Cours {n}",
        "description_en": "A course.",
        "description_fr": "Un cours.",
    }
    return _save(session, Course(**(values | kw)))


def make_lesson(session: Session, *, course: Course | None = None, **kw: Any) -> Lesson:
    n = _n()
    course = course or make_course(session)
    values: dict[str, Any] = {
        "slug": f"{course.slug}-lesson-{n}",
        "course_id": course.id,
        "title_en": f"Lesson {n}",
        "title_fr": f"Leçon {n}",
        "lesson_order": n,
        "status": LessonStatus.DRAFT,
    }
    return _save(session, Lesson(**(values | kw)))


def make_slide(session: Session, *, lesson: Lesson | None = None, **kw: Any) -> Slide:
    lesson = lesson or make_lesson(session)
    values: dict[str, Any] = {
        "lesson_id": lesson.id,
        "slide_order": _n(),
        "title_en": "Slide",
        "title_fr": "Diapo",
    }
    return _save(session, Slide(**(values | kw)))


def make_block(session: Session, *, slide: Slide | None = None, **kw: Any) -> ContentBlock:
    slide = slide or make_slide(session)
    values: dict[str, Any] = {
        "slide_id": slide.id,
        "block_order": _n(),
        "block_type": ContentBlockType.TEXT,
        "content_en": {"text": "In the beginning was the Word."},
        "content_fr": {"text": "Au commencement était la Parole."},
    }
    return _save(session, ContentBlock(**(values | kw)))


def make_quiz(session: Session, *, lesson: Lesson | None = None, **kw: Any) -> Quiz:
    lesson = lesson or make_lesson(session)
    values: dict[str, Any] = {"lesson_id": lesson.id, "title_en": "Check", "title_fr": "Vérification"}
    return _save(session, Quiz(**(values | kw)))


def make_question(session: Session, *, quiz: Quiz | None = None, **kw: Any) -> Question:
    quiz = quiz or make_quiz(session)
    values: dict[str, Any] = {
        "quiz_id": quiz.id,
        "question_order": _n(),
        "question_type": QuestionType.TRUE_FALSE,
        "question_text_en": {"text": "The Spirit is a person."},
        "question_text_fr": {"text": "L’Esprit est une personne."},
        "correct_answers": {"value": True},
    }
    return _save(session, Question(**(values | kw)))


def make_submission(
    session: Session, *, quiz: Quiz | None = None, student: User | None = None, **kw: Any
) -> QuizSubmission:
    quiz = quiz or make_quiz(session)
    student = student or make_user(session)
    values: dict[str, Any] = {
        "quiz_id": quiz.id,
        "student_id": student.id,
        "score_percentage": 100,
        "points_earned": 1,
        "total_points": 1,
        "passed": True,
    }
    return _save(session, QuizSubmission(**(values | kw)))


def make_answer(
    session: Session, *, submission: QuizSubmission | None = None, question: Question | None = None, **kw: Any
) -> QuestionAnswer:
    submission = submission or make_submission(session)
    question = question or make_question(session)
    values: dict[str, Any] = {
        "submission_id": submission.id,
        "question_id": question.id,
        "answer_given": {"value": True},
        "is_correct": True,
        "points_earned": 1,
    }
    return _save(session, QuestionAnswer(**(values | kw)))


def make_enrollment(
    session: Session, *, course: Course | None = None, student: User | None = None, **kw: Any
) -> Enrollment:
    course = course or make_course(session)
    student = student or make_user(session)
    values: dict[str, Any] = {"course_id": course.id, "student_id": student.id}
    return _save(session, Enrollment(**(values | kw)))


def make_lesson_progress(
    session: Session, *, enrollment: Enrollment | None = None, lesson: Lesson | None = None, **kw: Any
) -> LessonProgress:
    enrollment = enrollment or make_enrollment(session)
    if lesson is None:
        lesson = make_lesson(session, course=session.get_one(Course, enrollment.course_id))
    values: dict[str, Any] = {"enrollment_id": enrollment.id, "lesson_id": lesson.id}
    return _save(session, LessonProgress(**(values | kw)))


def make_note(
    session: Session, *, student: User | None = None, lesson: Lesson | None = None, **kw: Any
) -> StudentNote:
    student = student or make_user(session)
    lesson = lesson or make_lesson(session)
    values: dict[str, Any] = {
        "student_id": student.id,
        "lesson_id": lesson.id,
        "slide_index": 0,
        "note_text": "Note",
    }
    return _save(session, StudentNote(**(values | kw)))


def make_certificate(
    session: Session, *, user: User | None = None, course: Course | None = None, **kw: Any
) -> Certificate:
    user = user or make_user(session)
    n = _n()
    values: dict[str, Any] = {
        "user_id": user.id,
        "course_id": (course or make_course(session)).id if "lesson_id" not in kw else None,
        "certificate_url": f"/certificates/{n}.pdf",
        "certificate_number": f"BIB-TEST-{n:06d}",
    }
    return _save(session, Certificate(**(values | kw)))


def make_activity(session: Session, **kw: Any) -> ActivityLog:
    values: dict[str, Any] = {"action": "LOGIN", "ip_address": "127.0.0.1", "user_agent": "pytest"}
    return _save(session, ActivityLog(**(values | kw)))
