"""Reads of trees take a fixed number of queries whatever their size (relationships are lazy="raise",
so an N+1 would fail loudly; this counts statements to be sure)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from bibliology.courses import service as courses
from bibliology.enums import LessonStatus, UserRole
from bibliology.lessons import tree
from bibliology.policy import Actor
from bibliology.queries import lesson_tree
from bibliology.translations import reports
from tests import factories as f


@contextmanager
def counted(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", record)


def _course(session: Session, *, lessons: int, slides: int, blocks: int) -> tuple[Actor, str, str]:
    teacher = f.make_teacher(session)
    course = f.make_course(session, teacher=teacher, status=LessonStatus.PUBLISHED)
    first = ""
    for i in range(lessons):
        lesson = f.make_lesson(session, course=course, lesson_order=i, status=LessonStatus.PUBLISHED)
        first = first or lesson.id
        f.make_quiz(session, lesson=lesson)
        for j in range(slides):
            slide = f.make_slide(session, lesson=lesson, slide_order=j)
            for k in range(blocks):
                f.make_block(session, slide=slide, block_order=k)
    session.expunge_all()
    return Actor(teacher.id, UserRole.TEACHER), course.id, first


def _queries(session: Session, read: Callable[[], object]) -> int:
    with counted(session) as statements:
        read()
    session.expunge_all()
    return len(statements)


def _costs(session: Session, student: Actor, lessons: int, slides: int, blocks: int) -> tuple[int, ...]:
    teacher, course_id, lesson_id = _course(session, lessons=lessons, slides=slides, blocks=blocks)
    reads: list[Callable[[], object]] = [
        lambda: lesson_tree.lesson_tree(session, actor=student, lesson_id=lesson_id, lang="fr"),
        lambda: tree.read_authoring(session, actor=teacher, lesson_id=lesson_id),
        lambda: courses.read(session, actor=student, course_id=course_id, lang="fr"),
        lambda: courses.read_authoring(session, actor=teacher, course_id=course_id),
        lambda: reports.for_course(session, actor=teacher, course_id=course_id),
        lambda: reports.for_lesson(session, actor=teacher, lesson_id=lesson_id),
    ]
    return tuple(_queries(session, read) for read in reads)


def test_reads_cost_the_same_for_small_and_large_trees(session: Session) -> None:
    student = Actor(f.make_user(session).id, UserRole.STUDENT)
    small = _costs(session, student, 1, 1, 1)
    large = _costs(session, student, 4, 6, 5)
    assert small == large
    assert small == (1, 4, 2, 2, 5, 4)
