"""The teacher's pages that follow a class, in the permission matrix: the roster (and its CSV), a
student's page, a quiz's gradebook, one student's attempts with the override / grant / reset forms,
and the statistics. The world is the quiz matrix's (entries_quizzes.world): "teacher"'s published
course with "student" and "other_student" enrolled, other_student's graded attempt whose typed
answer is their secret. Only the course's teacher and admins see these pages (and so the students'
names and answers); anonymous visitors are sent to sign in, others get the 403 page. (A refused
form's 422 page shows the student too — to its teacher only; tests/quizzes covers those.)"""

from __future__ import annotations

from bibliology.lessons.models import Lesson
from tests.permissions.entries_quizzes import attempt_question, of_other_student, quiz_id, world
from tests.permissions.matrix import Endpoint, Expect, Role, World, expect

MANAGERS: frozenset[Role] = frozenset({"teacher", "admin"})


def pages(status: int) -> Expect:
    return expect(403, anonymous=303, teacher=status, admin=status)


def course(w: World, role: Role) -> dict[str, str]:
    lesson = w.session.get_one(Lesson, world(w).quiz.lesson_id)
    return {"course_id": lesson.course_id}


def course_student(w: World, role: Role) -> dict[str, str]:
    return {**course(w, role), "student_id": w.users["other_student"].id}


def answer_of_other_student(w: World, role: Role) -> dict[str, str]:
    return {**of_other_student(w, role), **attempt_question(w, role)}


GRADEBOOK = "/teach/quizzes/{quiz_id}/gradebook/{student_id}"
ANSWER = GRADEBOOK + "/attempts/{attempt_id}/answers/{question_id}/override"

ENTRIES: list[Endpoint] = [
    Endpoint("GET", "/teach/courses/{course_id}/roster", pages(200), params=course, sees=MANAGERS),
    Endpoint(
        "GET",
        "/teach/courses/{course_id}/roster",
        pages(200),
        note="filtered",
        params=course,
        query=lambda w, r: {"q": "matrix", "sort": "-last_accessed"},
        sees=MANAGERS,
    ),
    Endpoint("GET", "/teach/courses/{course_id}/roster.csv", pages(200), params=course, sees=MANAGERS),
    Endpoint(
        "GET",
        "/teach/courses/{course_id}/students/{student_id}",
        pages(200),
        params=course_student,
        sees=MANAGERS,
    ),
    Endpoint("GET", "/teach/quizzes/{quiz_id}/gradebook", pages(200), params=quiz_id, sees=MANAGERS),
    Endpoint("GET", GRADEBOOK, pages(200), params=of_other_student, sees=MANAGERS),
    Endpoint("GET", "/teach/quizzes/{quiz_id}/stats", pages(200), params=quiz_id, sees=MANAGERS),
    Endpoint(
        "POST",
        GRADEBOOK + "/grants",
        pages(303),
        params=of_other_student,
        form=lambda w, r: {"extra_attempts": "1", "reason": "was ill"},
    ),
    Endpoint(
        "POST",
        GRADEBOOK + "/reset",
        pages(303),
        params=of_other_student,
        form=lambda w, r: {"reason": "fresh start", "confirm": "yes"},
    ),
    Endpoint(
        "POST",
        ANSWER,
        pages(303),
        params=answer_of_other_student,
        form=lambda w, r: {"points": "0.5", "comment": "half right"},
    ),
    Endpoint(
        "POST",
        ANSWER + "/delete",
        pages(303),
        params=answer_of_other_student,
        form=lambda w, r: {"reason": "regraded by hand"},
    ),
]
