"""The quiz editor's pages (issue 14, part 5) in the permission matrix. The quiz is on a draft
lesson of "teacher"'s published course, with a true/false and a multiple-choice question whose text
is the teacher's secret (only the course's teacher and admins may read it). Anonymous visitors are
sent to sign in (303), students refused (403), another teacher gets what the services say for a
course not theirs (403/404), the teacher and admins succeed (200, or 303 after a form)."""

from __future__ import annotations

from dataclasses import dataclass

from bibliology.enums import LessonStatus, QuestionType
from tests import factories as f
from tests.permissions.matrix import Endpoint, Expect, Role, World, expect

SEES: frozenset[Role] = frozenset({"admin"})  # the teacher's own secret is not a leak to them
NOT_THEIRS = frozenset({403, 404})


def pages(status: int) -> Expect:
    return expect(403, anonymous=303, teacher=status, other_teacher=NOT_THEIRS, admin=status)


@dataclass(frozen=True)
class Editor:
    lesson_id: str
    quiz_id: str
    true_false_id: str
    choice_id: str


def editor(w: World) -> Editor:
    def build(w: World) -> Editor:
        course = w.course("teacher")
        lesson = f.make_lesson(w.session, course=course, status=LessonStatus.DRAFT)
        quiz = f.make_quiz(w.session, lesson=lesson)
        secret = w.secret("teacher", f"secret question of {w.users['teacher'].name}")
        tf = f.make_typed_question(
            w.session,
            quiz=quiz,
            question_type=QuestionType.TRUE_FALSE,
            question_order=0,
            question_text_en={"text": secret},
        )
        mc = f.make_typed_question(
            w.session, quiz=quiz, question_type=QuestionType.MULTIPLE_CHOICE, question_order=1
        )
        return Editor(lesson.id, quiz.id, tf.id, mc.id)

    return w.remember("teach-quiz-editor", build)


def _lesson(w: World, role: Role) -> dict[str, str]:
    return {"lesson_id": editor(w).lesson_id}


def _quiz(w: World, role: Role) -> dict[str, str]:
    return {"quiz_id": editor(w).quiz_id}


def _question(w: World, role: Role) -> dict[str, str]:
    e = editor(w)
    return {"quiz_id": e.quiz_id, "question_id": e.true_false_id}


def _quiz_form(w: World, role: Role) -> dict[str, str]:
    return {
        "title_en": "A quiz from a form",
        "passing_score_percentage": "70",
        "partial_credit_policy": "partial",
        "wrong_pick_penalty": "balanced",
        "allow_review": "on",
    }


def _true_false_form(w: World, role: Role) -> dict[str, str]:
    return {
        "question_type": "TRUE_FALSE",
        "text_en": "Jonah was swallowed by a fish.",
        "value": "true",
        "points": "1",
    }


def _preview_form(w: World, role: Role) -> dict[str, str]:
    e = editor(w)
    return {"seed": "7", "questions": e.true_false_id, f"q.{e.true_false_id}": "true"}


ENTRIES = [
    Endpoint("GET", "/teach/lessons/{lesson_id}/quizzes/new", pages(200), params=_lesson),
    Endpoint("POST", "/teach/lessons/{lesson_id}/quizzes/new", pages(303), params=_lesson, form=_quiz_form),
    Endpoint("GET", "/teach/quizzes/{quiz_id}", pages(200), params=_quiz, sees=SEES),
    Endpoint("POST", "/teach/quizzes/{quiz_id}", pages(303), params=_quiz, form=_quiz_form),
    Endpoint("GET", "/teach/quizzes/{quiz_id}/questions/new", pages(200), params=_quiz),
    Endpoint("POST", "/teach/quizzes/{quiz_id}/questions", pages(303), params=_quiz, form=_true_false_form),
    Endpoint(
        "GET", "/teach/quizzes/{quiz_id}/questions/{question_id}", pages(200), params=_question, sees=SEES
    ),
    Endpoint(
        "POST",
        "/teach/quizzes/{quiz_id}/questions/{question_id}",
        pages(303),
        params=_question,
        form=_true_false_form,
    ),
    Endpoint(
        "GET",
        "/teach/quizzes/{quiz_id}/questions/{question_id}/delete",
        pages(200),
        params=_question,
        sees=SEES,
    ),
    Endpoint(
        "POST",
        "/teach/quizzes/{quiz_id}/questions/{question_id}/delete",
        pages(303),
        params=_question,
        form=lambda w, r: {},
    ),
    Endpoint(
        "POST",
        "/teach/quizzes/{quiz_id}/questions/{question_id}/move",
        pages(303),
        params=_question,
        form=lambda w, r: {"position": "1"},
    ),
    Endpoint("GET", "/teach/quizzes/{quiz_id}/delete", pages(200), params=_quiz),
    Endpoint("POST", "/teach/quizzes/{quiz_id}/delete", pages(303), params=_quiz, form=lambda w, r: {}),
    Endpoint("GET", "/teach/quizzes/{quiz_id}/preview", pages(200), params=_quiz, sees=SEES),
    Endpoint(
        "POST", "/teach/quizzes/{quiz_id}/preview", pages(200), params=_quiz, form=_preview_form, sees=SEES
    ),
]
