"""One factory per model: valid rows with sensible bilingual defaults; keyword overrides win.
Each factory adds and flushes, so database defaults and constraints apply immediately."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from bibliology.accounts import api_tokens, sessions
from bibliology.accounts.auth_models import ApiToken, UserSession
from bibliology.accounts.models import User
from bibliology.accounts.passwords import hash_password
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


# --- accounts (issue 4) ------------------------------------------------------------------------------

TEST_PASSWORD = "correct horse battery staple"


@functools.cache
def test_password_hash() -> str:
    """A real Argon2id hash of TEST_PASSWORD, computed once per run."""
    return hash_password(TEST_PASSWORD)


def make_admin(session: Session, **kw: Any) -> User:
    return make_user(session, **({"role": UserRole.ADMIN} | kw))


def make_login_user(session: Session, **kw: Any) -> User:
    """A user who can log in with TEST_PASSWORD."""
    return make_user(session, **({"password_hash": test_password_hash()} | kw))


def make_user_session(
    session: Session, *, user: User | None = None, lifetime: dt.timedelta = dt.timedelta(hours=1)
) -> tuple[str, UserSession]:
    """A live session; returns the cookie's token and the row."""
    user = user or make_user(session)
    return sessions.create(session, user_id=user.id, lifetime=lifetime)


def make_api_token(
    session: Session, *, user: User | None = None, name: str = "test client", **kw: Any
) -> tuple[str, ApiToken]:
    user = user or make_user(session)
    return api_tokens.create(
        session, user_id=user.id, name=name, lifetime=kw.pop("lifetime", dt.timedelta(days=1))
    )


# --- the learning loop ------------------------------------------------------------------------


def make_published_lesson(
    session: Session,
    *,
    course: Course | None = None,
    slides: int = 2,
    blocks_per_slide: int = 2,
    quiz_questions: int = 0,
    **kw: Any,
) -> Lesson:
    """A published lesson with `slides` slides of `blocks_per_slide` blocks; with `quiz_questions`,
    a quiz on its last slide holding that many questions."""
    lesson = make_lesson(session, course=course, **({"status": LessonStatus.PUBLISHED} | kw))
    slide = None
    for _ in range(slides):
        slide = make_slide(session, lesson=lesson)
        for _ in range(blocks_per_slide):
            make_block(session, slide=slide)
    if quiz_questions:
        quiz = make_quiz(session, lesson=lesson, slide_id=slide.id if slide else None)
        for _ in range(quiz_questions):
            make_question(session, quiz=quiz)
    return lesson


def make_published_course(
    session: Session, *, teacher: User | None = None, lessons: int = 2, slides: int = 2, **kw: Any
) -> Course:
    """A published course with `lessons` published lessons of `slides` slides each."""
    course = make_course(session, teacher=teacher, **({"status": LessonStatus.PUBLISHED} | kw))
    for _ in range(lessons):
        make_published_lesson(session, course=course, slides=slides)
    return course


# --- quizzes ----------------------------------------------------------------------------------

# One valid question per type (the content model's French examples), as stored columns.
QUESTION_SAMPLES: dict[QuestionType, dict[str, Any]] = {
    QuestionType.MULTIPLE_CHOICE: {
        "question_text_en": {"text": "Who was the beloved disciple?"},
        "question_text_fr": {"text": "Qui était le disciple « bien-aimé » ?"},
        "options_en": [
            {"id": "a", "text": "Peter"},
            {"id": "b", "text": "John"},
            {"id": "c", "text": "Judas"},
        ],
        "options_fr": [
            {"id": "a", "text": "Pierre"},
            {"id": "b", "text": "Jean"},
            {"id": "c", "text": "Judas"},
        ],
        "correct_answers": {"multiple": False, "correct": ["b"]},
        "explanation_en": {"text": "See John 13:23."},
        "explanation_fr": {"text": "Voir Jean 13,23."},
    },
    QuestionType.TRUE_FALSE: {
        "question_text_en": {"text": "Paul wrote the letter to the Romans."},
        "question_text_fr": {"text": "Paul a écrit l’épître aux Romains."},
        "correct_answers": {"value": True},
    },
    QuestionType.SHORT_ANSWER: {
        "question_text_en": {"text": "Who denied Jesus three times?"},
        "question_text_fr": {"text": "Qui a renié Jésus trois fois ?"},
        "correct_answers": {
            "accepted": {"en": ["Peter", "Simon Peter"], "fr": ["Pierre", "Simon-Pierre"]},
            "match": {"typo_tolerance": 1},
        },
    },
    QuestionType.FILL_BLANK: {
        "question_text_en": {"text": "For God so loved the {{1}} that he gave his only {{2}}."},
        "question_text_fr": {"text": "Car Dieu a tant aimé le {{1}} qu’il a donné son {{2}} unique."},
        "correct_answers": {
            "blanks": [
                {"id": "1", "accepted": {"en": ["world"], "fr": ["monde"]}},
                {"id": "2", "accepted": {"en": ["Son"], "fr": ["Fils"]}},
            ]
        },
    },
    QuestionType.MATCHING: {
        "question_text_en": {"text": "Match each book with its event."},
        "question_text_fr": {"text": "Associez chaque livre à son événement."},
        "options_en": {
            "left": [{"id": "l1", "text": "Genesis"}, {"id": "l2", "text": "Exodus"}],
            "right": [
                {"id": "r1", "text": "Creation"},
                {"id": "r2", "text": "Red Sea crossing"},
                {"id": "r3", "text": "Exile"},
            ],
        },
        "options_fr": {
            "left": [{"id": "l1", "text": "Genèse"}, {"id": "l2", "text": "Exode"}],
            "right": [
                {"id": "r1", "text": "Création"},
                {"id": "r2", "text": "Passage de la mer Rouge"},
                {"id": "r3", "text": "Exil"},
            ],
        },
        "correct_answers": {"pairs": [["l1", "r1"], ["l2", "r2"]]},
    },
}


def make_typed_question(
    session: Session, *, quiz: Quiz, question_type: QuestionType = QuestionType.MULTIPLE_CHOICE, **kw: Any
) -> Question:
    """A valid question of `question_type` (QUESTION_SAMPLES), overrides winning."""
    return make_question(
        session, quiz=quiz, question_type=question_type, **(QUESTION_SAMPLES[question_type] | kw)
    )


def make_open_quiz(
    session: Session,
    *,
    student: User | None = None,
    teacher: User | None = None,
    question_types: tuple[QuestionType, ...] = tuple(QuestionType),
    **quiz_kw: Any,
) -> tuple[Quiz, User]:
    """A quiz students can take: on a published lesson of a published course, one question per
    type of `question_types`, and a student enrolled in the course."""
    course = make_course(session, teacher=teacher, status=LessonStatus.PUBLISHED)
    lesson = make_lesson(session, course=course, status=LessonStatus.PUBLISHED)
    quiz = make_quiz(session, lesson=lesson, **quiz_kw)
    for position, kind in enumerate(question_types):
        make_typed_question(session, quiz=quiz, question_type=kind, question_order=position)
    student = student or make_user(session)
    make_enrollment(session, course=course, student=student)
    return quiz, student
