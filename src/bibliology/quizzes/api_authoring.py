"""Authoring routes: quizzes and their questions (the course's teacher and admins)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from bibliology.accounts.deps import LoggedIn
from bibliology.deps import SessionDep
from bibliology.quizzes import authoring, interventions
from bibliology.quizzes.schemas import (
    QuestionChange,
    QuestionCreate,
    QuestionOrder,
    QuestionRead,
    QuestionRemoval,
    QuestionUpdate,
    QuizAuthoring,
    QuizCreate,
    QuizRead,
    QuizUpdate,
    RegradeResult,
)

router = APIRouter(prefix="/api/v1", tags=["quizzes"])


def _authoring(session: SessionDep, actor: LoggedIn, quiz_id: str) -> QuizAuthoring:
    quiz = authoring.get_quiz(session, actor=actor, quiz_id=quiz_id)
    questions = authoring.list_questions(session, actor=actor, quiz_id=quiz_id)
    return QuizAuthoring(
        quiz=QuizRead.model_validate(quiz, from_attributes=True),
        questions=[QuestionRead.model_validate(q, from_attributes=True) for q in questions],
    )


@router.post("/lessons/{lesson_id}/quizzes", status_code=status.HTTP_201_CREATED)
def create_quiz(
    session: SessionDep, actor: LoggedIn, lesson_id: str, data: QuizCreate, request: Request
) -> QuizRead:
    """A quiz at the end of the lesson, or on one of its slides (`slide_id`)."""
    quiz = authoring.create_quiz(session, actor=actor, lesson_id=lesson_id, data=data, request=request)
    return QuizRead.model_validate(quiz, from_attributes=True)


@router.get("/quizzes/{quiz_id}/authoring")
def read_quiz_authoring(session: SessionDep, actor: LoggedIn, quiz_id: str) -> QuizAuthoring:
    """The quiz's settings and every question in full, correct answers included (retired flagged)."""
    return _authoring(session, actor, quiz_id)


@router.patch("/quizzes/{quiz_id}")
def update_quiz(
    session: SessionDep, actor: LoggedIn, quiz_id: str, data: QuizUpdate, request: Request
) -> QuizRead:
    quiz = authoring.update_quiz(session, actor=actor, quiz_id=quiz_id, data=data, request=request)
    return QuizRead.model_validate(quiz, from_attributes=True)


@router.delete("/quizzes/{quiz_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_quiz(session: SessionDep, actor: LoggedIn, quiz_id: str, request: Request) -> Response:
    """Only a quiz nobody attempted and no quiz block shows (409 otherwise)."""
    authoring.delete_quiz(session, actor=actor, quiz_id=quiz_id, request=request)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/quizzes/{quiz_id}/questions", status_code=status.HTTP_201_CREATED)
def add_question(
    session: SessionDep, actor: LoggedIn, quiz_id: str, data: QuestionCreate, request: Request
) -> QuestionRead:
    """A question at `position` (0-based; default: last). Shapes: docs/content-model.md."""
    question = authoring.add_question(session, actor=actor, quiz_id=quiz_id, data=data, request=request)
    return QuestionRead.model_validate(question, from_attributes=True)


@router.patch("/questions/{question_id}")
def update_question(
    session: SessionDep, actor: LoggedIn, question_id: str, data: QuestionUpdate, request: Request
) -> QuestionChange:
    """`regrade_suggested`: correct answers or points changed while graded answers exist; POST
    …/regrade applies the change to past submissions."""
    question, graded = authoring.update_question(
        session, actor=actor, question_id=question_id, data=data, request=request
    )
    return QuestionChange(
        question=QuestionRead.model_validate(question, from_attributes=True),
        regrade_suggested=graded > 0,
        graded_answers=graded,
    )


@router.delete("/questions/{question_id}")
def remove_question(
    session: SessionDep, actor: LoggedIn, question_id: str, request: Request
) -> QuestionRemoval:
    """Deleted, or retired when students have answered it (past attempts keep it)."""
    outcome = authoring.remove_question(session, actor=actor, question_id=question_id, request=request)
    return QuestionRemoval(question_id=question_id, outcome="retired" if outcome == "retired" else "deleted")


@router.put("/quizzes/{quiz_id}/question-order")
def reorder_questions(
    session: SessionDep, actor: LoggedIn, quiz_id: str, data: QuestionOrder, request: Request
) -> QuizAuthoring:
    """Every question id of the quiz, in the new order."""
    authoring.reorder_questions(
        session, actor=actor, quiz_id=quiz_id, question_ids=data.question_ids, request=request
    )
    return _authoring(session, actor, quiz_id)


@router.post("/questions/{question_id}/regrade")
def regrade_question(
    session: SessionDep, actor: LoggedIn, question_id: str, request: Request
) -> RegradeResult:
    """Grade past answers again with the question as it is now (overridden answers keep their
    grade), recomputing submissions and lesson progress."""
    return interventions.regrade_question(session, actor=actor, question_id=question_id, request=request)
