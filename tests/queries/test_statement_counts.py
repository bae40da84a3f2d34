"""Every read pattern runs the same number of SQL statements whatever the size of what it returns."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bibliology.cache import MemoryCache
from bibliology.db import utcnow
from bibliology.pagination import PageParams
from bibliology.policy import Actor
from bibliology.queries import course_outline, dashboard, lesson_tree, quiz_results, roster
from tests import factories as f
from tests.queries.support import actor, counting


def _count(engine: Engine, call: Callable[[], object]) -> int:
    with counting(engine) as statements:
        call()
    return len(statements)


def test_the_lesson_tree_takes_one_statement_for_2_or_60_slides(session: Session, engine: Engine) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=0)
    small = f.make_published_lesson(session, course=course, slides=2, blocks_per_slide=1, quiz_questions=1)
    big = f.make_published_lesson(session, course=course, slides=60, blocks_per_slide=4, quiz_questions=12)
    for _ in range(5):  # quizzes at the lesson's end too
        f.make_question(session, quiz=f.make_quiz(session, lesson=big))
    for who in (actor(f.make_user(session)), actor(teacher)):
        for lang in ("en", "fr"):
            counts = [
                _count(
                    engine,
                    partial(lesson_tree.lesson_tree, session, actor=who, lesson_id=lesson.id, lang=lang),
                )
                for lesson in (small, big)
            ]
            assert counts == [1, 1], (who, lang)
    tree = lesson_tree.lesson_tree(session, actor=actor(teacher), lesson_id=big.id, lang="en")
    assert len(tree["slides"]) == 60
    assert sum(len(s["blocks"]) for s in tree["slides"]) == 240
    assert len(tree["quizzes"]) == 5


def test_the_course_outline_takes_one_statement(session: Session, engine: Engine) -> None:
    student = f.make_user(session)
    counts = []
    for lessons in (2, 30):
        course = f.make_published_course(session, lessons=lessons, slides=1)
        f.make_enrollment(session, course=course, student=student)
        for cache in (None, MemoryCache()):  # a student's outline is personal: never cached
            read = partial(
                course_outline.course_outline,
                session,
                actor=actor(student),
                course_id=course.id,
                lang="fr",
                cache=cache,
            )
            counts.append(_count(engine, read))
    assert counts == [1, 1, 1, 1]


def test_the_dashboard_and_quiz_results_take_one_statement_whatever_the_history(
    session: Session, engine: Engine
) -> None:
    dashboards, results = [], []
    for size in (1, 12):
        student = f.make_user(session)
        for _ in range(size):
            course = f.make_published_course(session, lessons=2, slides=1)
            f.make_enrollment(session, course=course, student=student)
            f.make_certificate(session, user=student, course=course)
            quiz = f.make_quiz(session, lesson=f.make_published_lesson(session, course=course))
            submission = f.make_submission(session, quiz=quiz, student=student, submitted_at=utcnow())
            for _ in range(3):
                f.make_answer(session, submission=submission, question=f.make_question(session, quiz=quiz))
        me = actor(student)
        board = partial(dashboard.student_dashboard, session, actor=me, student_id=student.id, lang="fr")
        dashboards.append(_count(engine, board))
        page = PageParams(1, 100)
        mine = partial(
            quiz_results.quiz_results, session, actor=me, student_id=student.id, lang="fr", pages=page
        )
        results.append(_count(engine, mine))
    assert dashboards == [1, 1]
    assert results == [1, 1]


def test_teacher_views_take_two_statements_whatever_the_class_size(session: Session, engine: Engine) -> None:
    teacher = f.make_teacher(session)
    who: Actor = actor(teacher)
    rosters, progress = [], []
    for size in (2, 25):
        course = f.make_published_course(session, teacher=teacher, lessons=size, slides=1)
        students = [f.make_user(session) for _ in range(size)]
        for student in students:
            f.make_enrollment(session, course=course, student=student)
        pages = PageParams(1, 100)
        rosters.append(
            _count(
                engine, partial(roster.course_roster, session, actor=who, course_id=course.id, pages=pages)
            )
        )
        one = partial(
            roster.student_progress,
            session,
            actor=who,
            course_id=course.id,
            student_id=students[0].id,
            lang="en",
            pages=pages,
        )
        progress.append(_count(engine, one))
    assert rosters == [2, 2]
    assert progress == [2, 2]
