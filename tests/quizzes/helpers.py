"""Shared test helpers: actors of users, a fixed clock."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.lessons.models import Lesson
from bibliology.policy import Actor
from bibliology.quizzes.models import Quiz

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def actor(user: User) -> Actor:
    return Actor(user.id, user.role)


def later(**delta: float) -> dt.datetime:
    return NOW + dt.timedelta(**delta)


# Right answers to the factories' QUESTION_SAMPLES, in each language.
RIGHT = {
    "en": {
        "MULTIPLE_CHOICE": {"selected": ["b"]},
        "TRUE_FALSE": {"value": True},
        "SHORT_ANSWER": {"text": "peter"},
        "FILL_BLANK": {"blanks": {"1": "world", "2": "Son"}},
        "MATCHING": {"pairs": {"l1": "r1", "l2": "r2"}},
    },
    "fr": {
        "MULTIPLE_CHOICE": {"selected": ["b"]},
        "TRUE_FALSE": {"value": True},
        "SHORT_ANSWER": {"text": "Simon Pierre"},
        "FILL_BLANK": {"blanks": {"1": "monde", "2": "Fils"}},
        "MATCHING": {"pairs": {"l1": "r1", "l2": "r2"}},
    },
}


def course_of(session: Session, quiz: Quiz) -> Course:
    return session.scalars(
        select(Course).join(Lesson, Lesson.course_id == Course.id).where(Lesson.id == quiz.lesson_id)
    ).one()


def quiz_teacher(session: Session, quiz_id: str) -> User:
    return session.scalars(
        select(User)
        .join(Course, Course.teacher_id == User.id)
        .join(Lesson, Lesson.course_id == Course.id)
        .join(Quiz, Quiz.lesson_id == Lesson.id)
        .where(Quiz.id == quiz_id)
    ).one()
