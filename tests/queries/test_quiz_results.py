"""Pattern 4: a student's submitted quiz results with answers and question text."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from bibliology.db import utcnow
from bibliology.errors import Forbidden, NotFound
from bibliology.pagination import PageParams
from bibliology.progress.schemas import QuizResultPage
from bibliology.queries.quiz_results import quiz_results
from tests import factories as f
from tests.queries.support import actor


def test_results_come_newest_first_with_answers_in_question_order(session: Session) -> None:
    student = f.make_user(session)
    quiz = f.make_quiz(session)
    second = f.make_question(session, quiz=quiz, question_order=2, question_text_fr=None)
    first = f.make_question(session, quiz=quiz, question_order=1)
    now = utcnow()
    old = f.make_submission(session, quiz=quiz, student=student, submitted_at=now - dt.timedelta(days=1))
    new = f.make_submission(
        session, quiz=quiz, student=student, submitted_at=now, passed=False, score_percentage=50
    )
    f.make_answer(
        session,
        submission=new,
        question=second,
        answer_given={"value": False},
        is_correct=False,
        points_earned=0,
    )
    f.make_answer(session, submission=new, question=first)
    f.make_submission(session, quiz=quiz, student=student)  # not submitted: not a result
    f.make_submission(session, quiz=quiz)  # someone else's

    page = quiz_results(session, actor=actor(student), student_id=student.id, lang="fr", pages=PageParams())
    QuizResultPage.model_validate(page)
    assert page["total"] == 2
    assert [r["id"] for r in page["items"]] == [new.id, old.id]
    answers = page["items"][0]["answers"]
    assert [a["question_id"] for a in answers] == [first.id, second.id]
    assert answers[0]["question_text"] == {"text": "L’Esprit est une personne."}
    assert answers[1]["question_text"] == {"text": "The Spirit is a person."}
    assert answers[1]["fallback"] == ["question_text"]
    assert (answers[1]["answer_given"], answers[1]["is_correct"]) == ({"value": False}, False)
    assert "correct_answers" not in answers[0]


def test_a_quiz_without_review_shows_the_score_but_not_the_answers(session: Session) -> None:
    student = f.make_user(session)
    quiz = f.make_quiz(session, allow_review=False)
    submission = f.make_submission(session, quiz=quiz, student=student, submitted_at=utcnow())
    f.make_answer(session, submission=submission, question=f.make_question(session, quiz=quiz))
    (result,) = quiz_results(
        session, actor=actor(student), student_id=student.id, lang="en", pages=PageParams()
    )["items"]
    assert (result["review"], result["answers"], result["score_percentage"]) == (False, [], 100)


def test_results_are_paginated(session: Session) -> None:
    student = f.make_user(session)
    quiz = f.make_quiz(session)
    now = utcnow()
    made = [
        f.make_submission(session, quiz=quiz, student=student, submitted_at=now - dt.timedelta(minutes=n))
        for n in range(5)
    ]
    pages = [
        quiz_results(
            session, actor=actor(student), student_id=student.id, lang="en", pages=PageParams(page, 2)
        )
        for page in (1, 2, 3)
    ]
    assert [len(p["items"]) for p in pages] == [2, 2, 1]
    assert [r["id"] for p in pages for r in p["items"]] == [s.id for s in made]
    assert {(p["total"], p["page_size"]) for p in pages} == {(5, 2)}


def test_a_teacher_sees_a_students_results_on_their_course_only(session: Session) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=0)
    mine = f.make_quiz(session, lesson=f.make_published_lesson(session, course=course))
    student = f.make_user(session)
    f.make_enrollment(session, course=course, student=student)
    f.make_submission(session, quiz=mine, student=student, submitted_at=utcnow())
    f.make_submission(
        session, quiz=f.make_quiz(session), student=student, submitted_at=utcnow()
    )  # another course
    page = quiz_results(
        session,
        actor=actor(teacher),
        student_id=student.id,
        lang="en",
        pages=PageParams(),
        course_id=course.id,
    )
    assert [r["quiz_id"] for r in page["items"]] == [mine.id]
    with pytest.raises(NotFound):  # not through their course, not at all
        quiz_results(session, actor=actor(teacher), student_id=student.id, lang="en", pages=PageParams())
    with pytest.raises(NotFound):  # not a student who is not in their course
        quiz_results(
            session,
            actor=actor(teacher),
            student_id=f.make_user(session).id,
            lang="en",
            pages=PageParams(),
            course_id=course.id,
        )
    with pytest.raises(NotFound):
        quiz_results(
            session, actor=actor(f.make_user(session)), student_id=student.id, lang="en", pages=PageParams()
        )
    with pytest.raises(Forbidden):  # another teacher, through a course that is not theirs
        quiz_results(
            session,
            actor=actor(f.make_teacher(session)),
            student_id=student.id,
            lang="en",
            pages=PageParams(),
            course_id=course.id,
        )
