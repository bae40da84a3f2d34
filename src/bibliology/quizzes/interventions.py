"""What a course's teacher (or an admin) can do to grades and attempts: regrade a question after
changing it, grant extra attempts, reset a student's attempts, override one answer's grade. Each is
logged; the grade-changing ones recompute the submissions and the lesson's completion."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fastapi import Request
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from bibliology.errors import Conflict, Invalid, NotFound
from bibliology.policy import Actor
from bibliology.progress.models import Enrollment
from bibliology.quizzes import access, allowances, audit, marking
from bibliology.quizzes.access import QuizContext
from bibliology.quizzes.models import AttemptGrant, Question, QuestionAnswer, QuizSubmission
from bibliology.quizzes.schemas import AllowanceRead, RegradeResult
from bibliology.quizzes.scoring import round_half_up


def regrade_question(
    session: Session, *, actor: Actor, question_id: str, request: Request | None = None
) -> RegradeResult:
    question, context = access.question(session, actor, question_id)
    regraded, changed, moved = marking.regrade_answers(session, question=question, quiz=context.quiz)
    audit.log(
        session,
        action=audit.REGRADE_QUESTION,
        actor=actor,
        entity_type="question",
        entity_id=question_id,
        request=request,
        quiz_id=context.quiz.id,
        answers_changed=changed,
        submissions_changed=moved,
    )
    return RegradeResult(
        question_id=question_id, answers_regraded=regraded, answers_changed=changed, submissions_changed=moved
    )


def _student_of(session: Session, context: QuizContext, student_id: str) -> None:
    """A student enrolled in the quiz's course, or who has attempted it: anyone else is not found."""
    known = session.scalar(
        select(
            or_(
                exists().where(
                    Enrollment.course_id == context.course.id, Enrollment.student_id == student_id
                ),
                exists().where(
                    QuizSubmission.quiz_id == context.quiz.id, QuizSubmission.student_id == student_id
                ),
            )
        )
    )
    if not known:
        raise NotFound("no such student in this course")


def allowance_read(session: Session, context: QuizContext, student_id: str) -> AllowanceRead:
    found = allowances.allowance(session, quiz=context.quiz, student_id=student_id)
    return AllowanceRead(
        quiz_id=context.quiz.id,
        student_id=student_id,
        attempts_used=found.used,
        attempts_allowed=found.allowed,
        attempts_left=found.left,
    )


def grant_attempts(
    session: Session,
    *,
    actor: Actor,
    quiz_id: str,
    student_id: str,
    extra_attempts: int,
    reason: str | None,
    request: Request | None = None,
) -> AllowanceRead:
    context = access.quiz(session, actor, quiz_id, manage=True)
    _student_of(session, context, student_id)
    allowances.lock_pair(session, student_id=student_id, quiz_id=quiz_id)
    session.add(
        AttemptGrant(
            quiz_id=quiz_id,
            student_id=student_id,
            extra_attempts=extra_attempts,
            reason=reason,
            granted_by=actor.user_id,
        )
    )
    session.flush()
    audit.log(
        session,
        action=audit.GRANT_ATTEMPTS,
        actor=actor,
        entity_type="quiz",
        entity_id=quiz_id,
        request=request,
        student_id=student_id,
        extra_attempts=extra_attempts,
        reason=reason,
    )
    return allowance_read(session, context, student_id)


def reset_attempts(
    session: Session,
    *,
    actor: Actor,
    quiz_id: str,
    student_id: str,
    now: dt.datetime,
    reason: str | None = None,
    request: Request | None = None,
) -> AllowanceRead:
    """Void the student's graded attempts: they stay on record (and keep any lesson completion they
    earned) but no longer count against max_attempts. An open attempt goes on."""
    context = access.quiz(session, actor, quiz_id, manage=True)
    _student_of(session, context, student_id)
    allowances.lock_pair(session, student_id=student_id, quiz_id=quiz_id)
    voided = session.scalars(
        select(QuizSubmission)
        .where(
            QuizSubmission.quiz_id == quiz_id,
            QuizSubmission.student_id == student_id,
            QuizSubmission.status == "graded",
            QuizSubmission.voided_at.is_(None),
        )
        .with_for_update()
    ).all()
    for submission in voided:
        submission.voided_at = now
    session.flush()
    audit.log(
        session,
        action=audit.RESET_ATTEMPTS,
        actor=actor,
        entity_type="quiz",
        entity_id=quiz_id,
        request=request,
        student_id=student_id,
        attempts_voided=len(voided),
        reason=reason,
    )
    return allowance_read(session, context, student_id)


def _graded_answer(
    session: Session, *, actor: Actor, submission_id: str, question_id: str
) -> tuple[QuestionAnswer, Question, QuizSubmission]:
    submission = session.scalars(
        select(QuizSubmission).where(QuizSubmission.id == submission_id).with_for_update()
    ).one_or_none()
    if submission is None:
        raise NotFound("no such attempt")
    access.quiz(session, actor, submission.quiz_id, manage=True)
    if submission.status != "graded":
        raise Conflict("this attempt is not submitted yet")
    row = session.execute(
        select(QuestionAnswer, Question)
        .join(Question, Question.id == QuestionAnswer.question_id)
        .where(QuestionAnswer.submission_id == submission_id, QuestionAnswer.question_id == question_id)
    ).one_or_none()
    if row is None:
        raise NotFound("no such answer in this attempt")
    return row[0], row[1], submission


def override_grade(
    session: Session,
    *,
    actor: Actor,
    submission_id: str,
    question_id: str,
    points: Decimal | None,
    comment: str | None,
    now: dt.datetime,
    reason: str | None = None,
    request: Request | None = None,
) -> QuizSubmission:
    """Replace the grader's points for one answer (None: remove the override), then recompute.
    The comment (which the student sees in review) is the reason of an override; removing one can
    give its own `reason` for the activity log."""
    answer, question, submission = _graded_answer(
        session, actor=actor, submission_id=submission_id, question_id=question_id
    )
    if points is not None and points > question.points:
        message = f"at most the question's {question.points} points"
        raise Invalid(f"points: {message}", fields=[{"field": "points", "message": message}])
    previous = answer.override_points
    answer.override_points = points
    answer.override_comment = comment if points is not None else None
    answer.overridden_by = actor.user_id if points is not None else None
    answer.overridden_at = now if points is not None else None
    if points is None:  # back to the grader's own verdict
        credit = marking.stored_credit(answer, question.points)
        answer.points_earned = round_half_up(credit * question.points)
        answer.is_correct = credit == 1
    session.flush()
    marking.recompute(session, submission_ids=[submission_id])
    audit.log(
        session,
        action=audit.OVERRIDE_GRADE,
        actor=actor,
        entity_type="quiz_submission",
        entity_id=submission_id,
        request=request,
        question_id=question_id,
        student_id=submission.student_id,
        points=None if points is None else str(points),
        previous=None if previous is None else str(previous),
        comment=comment,
        **({"reason": reason} if reason is not None else {}),
    )
    return submission
