"""Authoring quizzes and their questions (the course's teacher or an admin).

Every change invalidates the lesson's cached trees and outline, and is logged as a change of the
quiz. A question that has answers (graded, or saved in an attempt) is retired instead of deleted:
past attempts keep it, new attempts leave it out. Changing a question's correct answers or points
does not touch past grades until the teacher asks for the regrade (`marking.regrade_question`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import Request
from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.orm import Session

from bibliology.content import ContentInvalid, ValidatedQuestion, validate_question
from bibliology.db import utcnow
from bibliology.enums import ContentBlockType
from bibliology.errors import Conflict, Invalid
from bibliology.invalidation import invalidate
from bibliology.lessons import access as lessons
from bibliology.lessons import ordering
from bibliology.lessons.models import ContentBlock, Slide
from bibliology.policy import Actor
from bibliology.quizzes import access, audit
from bibliology.quizzes.access import QuizContext
from bibliology.quizzes.models import AttemptAnswer, Question, QuestionAnswer, Quiz, QuizSubmission
from bibliology.quizzes.schemas import QuestionCreate, QuestionUpdate, QuizCreate, QuizUpdate

QUESTIONS = ordering.Siblings(
    model=Question,
    id=Question.id,
    parent=Question.quiz_id,
    order=Question.question_order,
    parent_model=Quiz,
    parent_id=Quiz.id,
    what="question",
)
# validate_question's parameter → the column it fills.
_COLUMNS = {
    "text_en": "question_text_en",
    "text_fr": "question_text_fr",
    "options_en": "options_en",
    "options_fr": "options_fr",
    "correct_answers": "correct_answers",
    "explanation_en": "explanation_en",
    "explanation_fr": "explanation_fr",
    "points": "points",
}


def _changed(
    session: Session, context: QuizContext, *, actor: Actor, request: Request | None, **what: Any
) -> None:
    invalidate(session, course_ids=[context.course.id], lesson_ids=[context.lesson.id])
    audit.log(
        session,
        action=audit.UPDATE_QUIZ,
        actor=actor,
        entity_type="quiz",
        entity_id=context.quiz.id,
        request=request,
        **what,
    )


def _check_slide(session: Session, *, slide_id: str | None, lesson_id: str) -> None:
    if slide_id is None:
        return
    if session.scalar(select(Slide.lesson_id).where(Slide.id == slide_id)) != lesson_id:
        message = "no such slide in this quiz's lesson"
        raise Invalid(f"slide_id: {message}", fields=[{"field": "slide_id", "message": message}])


# --------------------------------------------------------------------------- quizzes


def get_quiz(session: Session, *, actor: Actor, quiz_id: str) -> Quiz:
    return access.quiz(session, actor, quiz_id, manage=True).quiz


def create_quiz(
    session: Session, *, actor: Actor, lesson_id: str, data: QuizCreate, request: Request | None = None
) -> Quiz:
    context = lessons.lesson(session, actor, lesson_id, write=True)
    _check_slide(session, slide_id=data.slide_id, lesson_id=lesson_id)
    quiz = Quiz(lesson_id=lesson_id, **data.model_dump())
    session.add(quiz)
    session.flush()
    invalidate(session, course_ids=[context.course.id], lesson_ids=[lesson_id])
    audit.log(
        session, action=audit.CREATE_QUIZ, actor=actor, entity_type="quiz", entity_id=quiz.id, request=request
    )
    return quiz


def update_quiz(
    session: Session, *, actor: Actor, quiz_id: str, data: QuizUpdate, request: Request | None = None
) -> Quiz:
    context = access.quiz(session, actor, quiz_id, write=True)
    changes = data.changes()
    if "slide_id" in changes:
        _check_slide(session, slide_id=changes["slide_id"], lesson_id=context.lesson.id)
    for name, value in changes.items():
        setattr(context.quiz, name, value)
    session.flush()
    _changed(session, context, actor=actor, request=request, fields=sorted(changes))
    return context.quiz


def delete_quiz(session: Session, *, actor: Actor, quiz_id: str, request: Request | None = None) -> None:
    """Only a quiz nobody has attempted, and that no quiz block shows: grades are never lost."""
    context = access.quiz(session, actor, quiz_id, write=True, lock=True)
    if session.scalar(select(exists().where(QuizSubmission.quiz_id == quiz_id))):
        raise Conflict("students have attempted this quiz: it cannot be deleted (its grades would be lost)")
    shown = exists().where(
        ContentBlock.block_type == ContentBlockType.QUIZ,
        or_(
            ContentBlock.content_en["quiz_id"].astext == quiz_id,
            ContentBlock.content_fr["quiz_id"].astext == quiz_id,
        ),
    )
    if session.scalar(select(shown)):
        raise Conflict("a quiz block shows this quiz: remove the block first")
    session.delete(context.quiz)
    session.flush()
    invalidate(session, course_ids=[context.course.id], lesson_ids=[context.lesson.id])
    audit.log(
        session, action=audit.DELETE_QUIZ, actor=actor, entity_type="quiz", entity_id=quiz_id, request=request
    )


# --------------------------------------------------------------------------- questions


def list_questions(session: Session, *, actor: Actor, quiz_id: str) -> Sequence[Question]:
    """Every question in order, retired ones included (flagged by retired_at)."""
    access.quiz(session, actor, quiz_id, manage=True)
    return session.scalars(
        select(Question).where(Question.quiz_id == quiz_id).order_by(Question.question_order, Question.id)
    ).all()


def _validated(kind: Any, values: dict[str, Any]) -> ValidatedQuestion:
    try:
        return validate_question(kind, **values)
    except ContentInvalid as exc:
        raise Invalid(str(exc), fields=exc.as_fields()) from None


def add_question(
    session: Session, *, actor: Actor, quiz_id: str, data: QuestionCreate, request: Request | None = None
) -> Question:
    context = access.quiz(session, actor, quiz_id, write=True)
    values = data.model_dump(exclude={"question_type", "position"})
    valid = _validated(data.question_type, values)
    # Appended, then moved: a move among dense orders never needs an order above the current ones
    # (ordering.open_slot's shift can, and its offset range may then collide).
    order = ordering.open_slot(session, QUESTIONS, quiz_id, None)
    question = Question(quiz_id=quiz_id, question_order=order, **valid.columns())
    session.add(question)
    session.flush()
    if data.position is not None and data.position != order:
        ordering.move(session, QUESTIONS, quiz_id, question.id, data.position)
        session.refresh(question, ["question_order"])
    _changed(session, context, actor=actor, request=request, question_id=question.id, change="added")
    return question


def graded_answer_count(session: Session, *, question_id: str) -> int:
    return session.scalar(select(func.count()).where(QuestionAnswer.question_id == question_id)) or 0


def has_answers(session: Session, *, question_id: str) -> bool:
    """Graded answers, or answers saved in an attempt still open."""
    return bool(
        session.scalar(
            select(
                or_(
                    exists().where(QuestionAnswer.question_id == question_id),
                    exists().where(AttemptAnswer.question_id == question_id),
                )
            )
        )
    )


def update_question(
    session: Session, *, actor: Actor, question_id: str, data: QuestionUpdate, request: Request | None = None
) -> tuple[Question, int]:
    """The changed question and, when its correct answers or points changed, how many graded answers
    a regrade would recompute (0: nothing to offer)."""
    question, context = access.question(session, actor, question_id)
    changes = data.changes()
    kind = changes.pop("question_type", question.question_type)
    if str(kind).upper() != question.question_type and has_answers(session, question_id=question_id):
        raise Conflict("this question has answers: its type cannot change (add a new question instead)")
    stored = {name: getattr(question, column) for name, column in _COLUMNS.items()}
    valid = _validated(kind, stored | changes)
    columns = valid.columns()
    scoring_changed = (columns["correct_answers"], columns["points"]) != (
        question.correct_answers,
        question.points,
    )
    for name, value in columns.items():
        setattr(question, name, value)
    session.flush()
    _changed(session, context, actor=actor, request=request, question_id=question.id, change="updated")
    graded = graded_answer_count(session, question_id=question_id) if scoring_changed else 0
    return question, graded


def remove_question(
    session: Session, *, actor: Actor, question_id: str, request: Request | None = None
) -> str:
    """'deleted', or 'retired' when it has answers (a retired question stays retired)."""
    question, context = access.question(session, actor, question_id)
    ordering.lock(session, QUESTIONS, context.quiz.id)
    if has_answers(session, question_id=question_id):
        if question.retired_at is None:
            question.retired_at = utcnow()
            session.flush()
        outcome = "retired"
    else:
        session.execute(delete(Question).where(Question.id == question_id))
        session.expunge(question)
        ordering.close_gaps(session, QUESTIONS, context.quiz.id)
        outcome = "deleted"
    _changed(session, context, actor=actor, request=request, question_id=question_id, change=outcome)
    return outcome


def reorder_questions(
    session: Session,
    *,
    actor: Actor,
    quiz_id: str,
    question_ids: Sequence[str],
    request: Request | None = None,
) -> Sequence[Question]:
    """Give the quiz's questions (all of them, retired included) the order listed, atomically."""
    context = access.quiz(session, actor, quiz_id, write=True)
    current = list(ordering.lock(session, QUESTIONS, quiz_id))
    if sorted(current) != sorted(question_ids) or len(set(question_ids)) != len(question_ids):
        message = "must list every question of the quiz exactly once"
        raise Invalid(f"question_ids: {message}", fields=[{"field": "question_ids", "message": message}])
    for position, question_id in enumerate(question_ids):
        if current.index(question_id) != position:
            ordering.move(session, QUESTIONS, quiz_id, question_id, position)
            current.remove(question_id)
            current.insert(position, question_id)
    _changed(session, context, actor=actor, request=request, change="reordered")
    return list_questions(session, actor=actor, quiz_id=quiz_id)
