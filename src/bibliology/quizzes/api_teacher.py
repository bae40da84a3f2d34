"""Teacher routes: statistics, gradebook, extra attempts, resets and grade overrides."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from bibliology.accounts.deps import LoggedIn
from bibliology.deps import SessionDep
from bibliology.pagination import Page, Pagination
from bibliology.quizzes import gradebook, interventions, review, stats
from bibliology.quizzes.attempts import server_now
from bibliology.quizzes.models import QuizSubmission
from bibliology.quizzes.schemas import (
    AllowanceRead,
    GradebookRow,
    GrantCreate,
    OverrideSet,
    QuizStats,
    StudentGradebook,
    TeacherAttempt,
)

router = APIRouter(prefix="/api/v1", tags=["quizzes"])


@router.get("/quizzes/{quiz_id}/stats")
def quiz_stats(session: SessionDep, actor: LoggedIn, quiz_id: str) -> QuizStats:
    """Attempts, average, pass rate; per question the share correct and the most chosen wrong answer."""
    return stats.quiz_stats(session, actor=actor, quiz_id=quiz_id)


@router.get("/quizzes/{quiz_id}/gradebook")
def list_gradebook(
    session: SessionDep, actor: LoggedIn, quiz_id: str, pages: Pagination
) -> Page[GradebookRow]:
    """Every student of the course (and anyone who attempted the quiz), by name."""
    return gradebook.list_students(session, actor=actor, quiz_id=quiz_id, params=pages)


@router.get("/quizzes/{quiz_id}/gradebook/{student_id}")
def read_gradebook_student(
    session: SessionDep, actor: LoggedIn, quiz_id: str, student_id: str
) -> StudentGradebook:
    """One student's attempts with every answer, the correct answers and overrides."""
    return gradebook.student_detail(session, actor=actor, quiz_id=quiz_id, student_id=student_id)


@router.post("/quizzes/{quiz_id}/students/{student_id}/grants", status_code=status.HTTP_201_CREATED)
def grant_attempts(
    session: SessionDep,
    actor: LoggedIn,
    quiz_id: str,
    student_id: str,
    data: GrantCreate,
    request: Request,
) -> AllowanceRead:
    return interventions.grant_attempts(
        session,
        actor=actor,
        quiz_id=quiz_id,
        student_id=student_id,
        extra_attempts=data.extra_attempts,
        reason=data.reason,
        request=request,
    )


@router.post("/quizzes/{quiz_id}/students/{student_id}/reset")
def reset_attempts(
    session: SessionDep, actor: LoggedIn, quiz_id: str, student_id: str, request: Request
) -> AllowanceRead:
    """The student's graded attempts stop counting (they stay on record)."""
    return interventions.reset_attempts(
        session,
        actor=actor,
        quiz_id=quiz_id,
        student_id=student_id,
        now=server_now(),
        request=request,
    )


def _attempt(session: SessionDep, attempt_id: str) -> TeacherAttempt:
    submission = session.get_one(QuizSubmission, attempt_id)
    return review.teacher_attempt(submission, review.graded_answers(session, [attempt_id])[attempt_id])


@router.put("/attempts/{attempt_id}/answers/{question_id}/override")
def override_grade(
    session: SessionDep,
    actor: LoggedIn,
    attempt_id: str,
    question_id: str,
    data: OverrideSet,
    request: Request,
) -> TeacherAttempt:
    """Replace the grader's points for one answer, with a comment the student sees in review."""
    interventions.override_grade(
        session,
        actor=actor,
        submission_id=attempt_id,
        question_id=question_id,
        points=data.points,
        comment=data.comment,
        now=server_now(),
        request=request,
    )
    return _attempt(session, attempt_id)


@router.delete("/attempts/{attempt_id}/answers/{question_id}/override")
def remove_override(
    session: SessionDep, actor: LoggedIn, attempt_id: str, question_id: str, request: Request
) -> TeacherAttempt:
    interventions.override_grade(
        session,
        actor=actor,
        submission_id=attempt_id,
        question_id=question_id,
        points=None,
        comment=None,
        now=server_now(),
        request=request,
    )
    return _attempt(session, attempt_id)
