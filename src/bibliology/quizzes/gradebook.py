"""The teacher's gradebook of a quiz: one row per student of the course (or who attempted it), and
one student's attempts with every answer, correct answers and overrides."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, and_, case, func, select, type_coerce, union
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.errors import NotFound
from bibliology.pagination import Page, PageParams, paginate
from bibliology.policy import Actor
from bibliology.progress.models import Enrollment
from bibliology.quizzes import access, review
from bibliology.quizzes.interventions import allowance_read
from bibliology.quizzes.models import AttemptGrant, Question, QuizSubmission
from bibliology.quizzes.schemas import GradebookRow, StudentGradebook


def _rows_statement(quiz_id: str, course_id: str) -> Any:
    people = union(
        select(Enrollment.student_id.label("student_id")).where(Enrollment.course_id == course_id),
        select(QuizSubmission.student_id).where(QuizSubmission.quiz_id == quiz_id),
    ).subquery("people")
    graded = QuizSubmission.status == "graded"
    attempts = (
        select(
            QuizSubmission.student_id,
            func.count().filter(QuizSubmission.voided_at.is_(None)).label("used"),
            func.max(QuizSubmission.score_percentage).filter(graded).label("best"),
            type_coerce(
                func.array_agg(
                    aggregate_order_by(
                        QuizSubmission.score_percentage,
                        QuizSubmission.submitted_at.desc(),
                        QuizSubmission.id.desc(),
                    )
                ).filter(graded),
                ARRAY(Integer),
            )[1].label("last"),
            func.bool_or(and_(graded, QuizSubmission.passed)).label("passed"),
            func.max(case((QuizSubmission.status == "open", QuizSubmission.id))).label("open_id"),
        )
        .where(QuizSubmission.quiz_id == quiz_id)
        .group_by(QuizSubmission.student_id)
        .subquery("attempts")
    )
    grants = (
        select(AttemptGrant.student_id, func.sum(AttemptGrant.extra_attempts).label("extra"))
        .where(AttemptGrant.quiz_id == quiz_id)
        .group_by(AttemptGrant.student_id)
        .subquery("grants")
    )
    return (
        select(
            User.id,
            User.name,
            User.email,
            func.coalesce(attempts.c.used, 0).label("used"),
            attempts.c.best,
            attempts.c.last,
            func.coalesce(attempts.c.passed, False).label("passed"),
            attempts.c.open_id,
            func.coalesce(grants.c.extra, 0).label("extra"),
        )
        .select_from(people)
        .join(User, User.id == people.c.student_id)
        .outerjoin(attempts, attempts.c.student_id == people.c.student_id)
        .outerjoin(grants, grants.c.student_id == people.c.student_id)
        .order_by(User.name, User.id)
    )


def list_students(session: Session, *, actor: Actor, quiz_id: str, params: PageParams) -> Page[GradebookRow]:
    context = access.quiz(session, actor, quiz_id, manage=True)
    rows, total = paginate(session, _rows_statement(quiz_id, context.course.id), params)
    max_attempts = context.quiz.max_attempts
    items = [
        GradebookRow(
            student_id=row.id,
            name=row.name,
            email=row.email,
            attempts_used=row.used,
            attempts_left=None if max_attempts is None else max(0, max_attempts + int(row.extra) - row.used),
            best_score_percentage=row.best,
            last_score_percentage=row.last,
            passed=bool(row.passed),
            open_attempt_id=row.open_id,
        )
        for row in rows
    ]
    return Page.of(items, total, params)


def student_detail(session: Session, *, actor: Actor, quiz_id: str, student_id: str) -> StudentGradebook:
    context = access.quiz(session, actor, quiz_id, manage=True)
    student = session.get(User, student_id)
    submissions = session.scalars(
        select(QuizSubmission)
        .where(QuizSubmission.quiz_id == quiz_id, QuizSubmission.student_id == student_id)
        .order_by(QuizSubmission.started_at, QuizSubmission.id)
    ).all()
    enrolled = access.enrollment_of(session, student_id=student_id, course_id=context.course.id)
    if student is None or (enrolled is None and not submissions):
        raise NotFound("no such student in this course")
    answers = review.graded_answers(session, [s.id for s in submissions])
    return StudentGradebook(
        quiz_id=quiz_id,
        student_id=student_id,
        name=student.name,
        allowance=allowance_read(session, context, student_id),
        attempts=[review.teacher_attempt(s, answers[s.id]) for s in submissions],
    )


def questions_of(session: Session, *, actor: Actor, quiz_id: str) -> list[Question]:
    """The quiz's questions in order, retired ones too (attempts and statistics still name them)."""
    access.quiz(session, actor, quiz_id, manage=True)
    return list(
        session.scalars(
            select(Question).where(Question.quiz_id == quiz_id).order_by(Question.question_order, Question.id)
        )
    )
