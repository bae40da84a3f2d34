"""The quiz engine in the permission matrix (issue 8). The course belongs to "teacher" and is
published; "student" and "other_student" are enrolled; other_student has a graded attempt whose
typed answer is their secret. Attempts are their student's alone (admins read them through the
gradebook), authoring and teachers' tools are the course's teacher's and admins'."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bibliology.enums import LessonStatus, QuestionType
from bibliology.lessons.models import Lesson
from bibliology.policy import Actor
from bibliology.quizzes import attempts
from bibliology.quizzes.models import Quiz
from tests import factories as f
from tests.permissions.matrix import Endpoint, Expect, Owner, Role, World, anyone, expect

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
MANAGERS: frozenset[Role] = frozenset({"teacher", "admin"})


def managers(status: int) -> Expect:
    """The course's teacher and admins; other users are refused, anonymous asked to log in."""
    return expect(403, anonymous=401, teacher=status, admin=status)


@dataclass(frozen=True)
class QuizWorld:
    quiz: Quiz
    short_id: str
    true_false_id: str
    graded_attempt_id: str  # other_student's


def world(w: World) -> QuizWorld:
    def build(w: World) -> QuizWorld:
        course = w.course("teacher")
        lesson = f.make_lesson(w.session, course=course, status=LessonStatus.PUBLISHED)
        quiz = f.make_quiz(w.session, lesson=lesson)
        short = f.make_typed_question(
            w.session, quiz=quiz, question_type=QuestionType.SHORT_ANSWER, question_order=0
        )
        tf = f.make_typed_question(
            w.session, quiz=quiz, question_type=QuestionType.TRUE_FALSE, question_order=1
        )
        owners: tuple[Owner, ...] = ("student", "other_student")
        for owner in owners:
            f.make_enrollment(w.session, course=course, student=w.users[owner])
        other = w.users["other_student"]
        outcome, _ = attempts.start_attempt(
            w.session, actor=Actor(other.id, other.role), quiz_id=quiz.id, lang="en", now=NOW
        )
        answer = {short.id: {"text": w.secret("other_student", f"answer of {other.name}")}}
        attempts.submit_attempt(
            w.session,
            actor=Actor(other.id, other.role),
            submission_id=outcome.submission.id,
            given=answer,
            now=NOW,
        )
        return QuizWorld(quiz, short.id, tf.id, outcome.submission.id)

    return w.remember("quiz-world", build)


def own_attempt(w: World, role: Role) -> str:
    """The student's open attempt; other roles act on it too (it is not theirs)."""
    quiz = world(w).quiz
    student = w.users["student"]

    def build(w: World) -> str:
        outcome, _ = attempts.start_attempt(
            w.session, actor=Actor(student.id, student.role), quiz_id=quiz.id, lang="en", now=NOW
        )
        return outcome.submission.id

    return w.remember("own-attempt", build)


def quiz_id(w: World, role: Role) -> dict[str, str]:
    return {"quiz_id": world(w).quiz.id}


def empty_quiz_id(w: World, role: Role) -> dict[str, str]:
    lesson = w.session.get_one(Lesson, world(w).quiz.lesson_id)
    return {"quiz_id": f.make_quiz(w.session, lesson=lesson).id}


def attempt_question(w: World, role: Role) -> dict[str, str]:
    return {"attempt_id": world(w).graded_attempt_id, "question_id": world(w).short_id}


def of_other_student(w: World, role: Role) -> dict[str, str]:
    return {"quiz_id": world(w).quiz.id, "student_id": w.users["other_student"].id}


ENTRIES: list[Endpoint] = [
    # --- authoring
    Endpoint(
        "POST",
        "/api/v1/lessons/{lesson_id}/quizzes",
        managers(201),
        params=lambda w, r: {"lesson_id": world(w).quiz.lesson_id},
        json=lambda w, r: {"title_en": "Matrix quiz"},
    ),
    Endpoint("GET", "/api/v1/quizzes/{quiz_id}/authoring", managers(200), params=quiz_id),
    Endpoint(
        "PATCH",
        "/api/v1/quizzes/{quiz_id}",
        managers(200),
        params=quiz_id,
        json=lambda w, r: {"max_attempts": 3},
    ),
    Endpoint(
        "DELETE", "/api/v1/quizzes/{quiz_id}", managers(204), note="never attempted", params=empty_quiz_id
    ),
    Endpoint(
        "DELETE",
        "/api/v1/quizzes/{quiz_id}",
        expect(403, anonymous=401, teacher=409, admin=409),
        note="attempted",
        params=quiz_id,
    ),
    Endpoint(
        "POST",
        "/api/v1/quizzes/{quiz_id}/questions",
        managers(201),
        params=quiz_id,
        json=lambda w, r: {
            "question_type": "TRUE_FALSE",
            "text_en": "Q",
            "correct_answers": {"value": False},
        },
    ),
    Endpoint(
        "PATCH",
        "/api/v1/questions/{question_id}",
        managers(200),
        params=lambda w, r: {"question_id": world(w).true_false_id},
        json=lambda w, r: {"points": 2},
    ),
    Endpoint(
        "DELETE",
        "/api/v1/questions/{question_id}",
        managers(200),
        note="answered: retired",
        params=lambda w, r: {"question_id": world(w).short_id},
    ),
    Endpoint(
        "PUT",
        "/api/v1/quizzes/{quiz_id}/question-order",
        managers(200),
        params=quiz_id,
        json=lambda w, r: {"question_ids": [world(w).true_false_id, world(w).short_id]},
    ),
    Endpoint(
        "POST",
        "/api/v1/questions/{question_id}/regrade",
        managers(200),
        params=lambda w, r: {"question_id": world(w).short_id},
    ),
    # --- students
    Endpoint("GET", "/api/v1/quizzes/{quiz_id}", anyone(200), note="published", params=quiz_id),
    Endpoint(
        "POST",
        "/api/v1/quizzes/{quiz_id}/attempts",
        expect(403, anonymous=401, student=201),
        note="only enrolled students",
        params=quiz_id,
    ),
    Endpoint(
        "GET",
        "/api/v1/attempts/{attempt_id}",
        expect(404, anonymous=401, student=200),
        note="the student's",
        params=lambda w, r: {"attempt_id": own_attempt(w, r)},
    ),
    Endpoint(
        "GET",
        "/api/v1/attempts/{attempt_id}",
        expect(404, anonymous=401),
        note="another student's",
        params=lambda w, r: {"attempt_id": world(w).graded_attempt_id},
    ),
    Endpoint(
        "PUT",
        "/api/v1/attempts/{attempt_id}/answers",
        expect(404, anonymous=401, student=200),
        note="the student's",
        params=lambda w, r: {"attempt_id": own_attempt(w, r)},
        json=lambda w, r: {"answers": {world(w).true_false_id: {"value": True}}},
    ),
    Endpoint(
        "PUT",
        "/api/v1/attempts/{attempt_id}/answers",
        expect(404, anonymous=401),
        note="another student's",
        params=lambda w, r: {"attempt_id": world(w).graded_attempt_id},
        json=lambda w, r: {"answers": {}},
    ),
    Endpoint(
        "POST",
        "/api/v1/attempts/{attempt_id}/submit",
        expect(404, anonymous=401, student=200),
        note="the student's",
        params=lambda w, r: {"attempt_id": own_attempt(w, r)},
    ),
    Endpoint(
        "POST",
        "/api/v1/attempts/{attempt_id}/submit",
        expect(404, anonymous=401),
        note="another student's",
        params=lambda w, r: {"attempt_id": world(w).graded_attempt_id},
    ),
    # --- teachers
    Endpoint("GET", "/api/v1/quizzes/{quiz_id}/stats", managers(200), params=quiz_id),
    Endpoint("GET", "/api/v1/quizzes/{quiz_id}/gradebook", managers(200), params=quiz_id, sees=MANAGERS),
    Endpoint(
        "GET",
        "/api/v1/quizzes/{quiz_id}/gradebook/{student_id}",
        managers(200),
        params=of_other_student,
        sees=MANAGERS,
    ),
    Endpoint(
        "POST",
        "/api/v1/quizzes/{quiz_id}/students/{student_id}/grants",
        managers(201),
        params=of_other_student,
        json=lambda w, r: {"extra_attempts": 1},
    ),
    Endpoint(
        "POST",
        "/api/v1/quizzes/{quiz_id}/students/{student_id}/reset",
        managers(200),
        params=of_other_student,
    ),
    Endpoint(
        "PUT",
        "/api/v1/attempts/{attempt_id}/answers/{question_id}/override",
        managers(200),
        params=attempt_question,
        json=lambda w, r: {"points": 0.5, "comment": "half"},
        sees=MANAGERS,
    ),
    Endpoint(
        "DELETE",
        "/api/v1/attempts/{attempt_id}/answers/{question_id}/override",
        managers(200),
        params=attempt_question,
        sees=MANAGERS,
    ),
]
