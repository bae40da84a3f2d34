"""Attempts: start, save answers, submit, and the closing of overdue attempts.

- Starting needs a student who can see the lesson and is enrolled in its course (access). Under the
  (student, quiz) advisory lock it returns the open attempt if there is one, else creates one if the
  allowance has room: at most one open attempt (a partial unique index backs it), max_attempts holds
  under concurrency.
- The deadline is the server's time at start + the time limit + GRACE. Answers after it are
  refused; the attempt is then closed and graded with what was saved before it — on its next
  access, or by the periodic sweep (`close_overdue_attempts`).
- Submitting locks the attempt row: the first submit grades, any repeated or concurrent one returns
  the stored result.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert
from sqlalchemy.orm import Session

from bibliology.db import utcnow
from bibliology.errors import Conflict, Invalid
from bibliology.lessons.models import Lesson
from bibliology.policy import Actor, require_login
from bibliology.progress.models import Enrollment
from bibliology.quizzes import access, allowances, answers, marking
from bibliology.quizzes.access import QuizContext
from bibliology.quizzes.models import AttemptAnswer, Question, Quiz, QuizSubmission

# Network latency and a client's auto-submit at zero: answers this long after the time limit still
# count. Documented in docs/quizzes.md and shown to students in the rules.
GRACE = dt.timedelta(seconds=30)


def server_now() -> dt.datetime:
    """The server's clock (UTC, NTP-synchronised like any server's: skew is far below GRACE), to the
    millisecond as the columns store it, so a fresh result equals the stored one."""
    now = utcnow()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def shuffled_order(question_ids: list[str], *, seed: int, shuffle: bool) -> list[str]:
    ordered = list(question_ids)
    if shuffle:
        random.Random(seed).shuffle(ordered)
    return ordered


def overdue(submission: QuizSubmission, now: dt.datetime) -> bool:
    return submission.status == "open" and submission.deadline_at is not None and now > submission.deadline_at


@dataclass(frozen=True)
class Outcome:
    """An attempt after a request. `refused`: answers came after the deadline and were not saved
    (the attempt was closed and graded instead: the caller answers 409 but commits)."""

    submission: QuizSubmission
    context: QuizContext
    refused: bool = False


def _close(
    session: Session,
    submission: QuizSubmission,
    context: QuizContext,
    now: dt.datetime,
    by: str,
    questions: dict[str, Question] | None = None,
    saved: dict[str, marking.Saved] | None = None,
) -> None:
    marking.grade_attempt(
        session,
        submission=submission,
        quiz=context.quiz,
        enrollment_id=context.enrollment.id if context.enrollment else None,
        now=now,
        closed_by=by,
        questions=questions,
        saved=saved,
    )


# Under the pair lock, in one statement: the open attempt's id, the attempts used, the extra ones
# granted, and the ids of the quiz's active questions in order.
_START_STATE = select(
    select(QuizSubmission.id)
    .where(
        QuizSubmission.quiz_id == bindparam("quiz_id"), QuizSubmission.student_id == bindparam("student_id")
    )
    .where(QuizSubmission.status == "open")
    .scalar_subquery(),
    allowances.used_attempts(bindparam("quiz_id"), bindparam("student_id")),
    allowances.extra_attempts(bindparam("quiz_id"), bindparam("student_id")),
    select(func.array_agg(aggregate_order_by(Question.id, Question.question_order, Question.id)))
    .where(Question.quiz_id == bindparam("quiz_id"), Question.retired_at.is_(None))
    .scalar_subquery(),
)


def _start_state(
    session: Session, *, quiz: Quiz, student_id: str
) -> tuple[str | None, allowances.Allowance, list[str]]:
    found, used, extra, ids = session.execute(
        _START_STATE, {"quiz_id": quiz.id, "student_id": student_id}
    ).one()
    return found, allowances.Allowance.of(quiz, used=int(used), extra=int(extra)), list(ids or [])


def start_attempt(
    session: Session, *, actor: Actor, quiz_id: str, lang: str, now: dt.datetime
) -> tuple[Outcome, bool]:
    """The student's open attempt, or a new one (second value: created)."""
    student_id = require_login(actor)
    context = access.quiz_for_attempt(session, actor, quiz_id)
    access.ensure_can_attempt(actor, context)
    open_id, allowance, question_ids = _start_state(session, quiz=context.quiz, student_id=student_id)
    if open_id is not None:
        current = session.scalars(
            select(QuizSubmission).where(QuizSubmission.id == open_id).with_for_update()
        ).one()
        if not overdue(current, now):
            return Outcome(current, context), False
        _close(session, current, context, now, "deadline")
        allowance = allowances.allowance(session, quiz=context.quiz, student_id=student_id)
    if allowance.exhausted:
        raise Conflict("no attempts left on this quiz")
    if not question_ids:
        raise Conflict("this quiz has no questions yet")
    seed = secrets.randbits(62)
    quiz = context.quiz
    submission = QuizSubmission(
        quiz_id=quiz_id,
        student_id=student_id,
        score_percentage=0,
        points_earned=0,
        total_points=0,
        passed=False,
        status="open",
        language=lang,
        shuffle_seed=seed,
        question_ids=shuffled_order(question_ids, seed=seed, shuffle=quiz.shuffle_questions),
        started_at=now,
        deadline_at=now + dt.timedelta(minutes=quiz.time_limit_minutes) + GRACE
        if quiz.time_limit_minutes
        else None,
    )
    session.add(submission)
    session.flush()
    return Outcome(submission, context), True


def view_attempt(session: Session, *, actor: Actor, submission_id: str, now: dt.datetime) -> Outcome:
    """The attempt; an overdue one is closed and graded first."""
    submission, context = access.own_attempt(session, actor, submission_id)
    if overdue(submission, now):
        submission, context = access.own_attempt(session, actor, submission_id, lock=True)
        if overdue(submission, now):
            _close(session, submission, context, now, "deadline")
    return Outcome(submission, context)


_QUESTIONS = select(Question).where(Question.id.in_(bindparam("ids", expanding=True)))


def attempt_questions(session: Session, submission: QuizSubmission) -> dict[str, Question]:
    """The attempt's questions still in the quiz, by id."""
    return {q.id: q for q in session.scalars(_QUESTIONS, {"ids": list(submission.question_ids or [])})}


_INSERT = insert(AttemptAnswer)
_UPSERT = _INSERT.on_conflict_do_update(
    index_elements=[AttemptAnswer.submission_id, AttemptAnswer.question_id],
    set_={"answer": _INSERT.excluded.answer, "saved_at": _INSERT.excluded.saved_at},
)


def _save(
    session: Session,
    submission: QuizSubmission,
    given: dict[str, Any],
    now: dt.datetime,
    questions: dict[str, Question],
) -> dict[str, marking.Saved]:
    """Save `given` (refusing malformed answers); returns what it saved."""
    ids = set(submission.question_ids or [])
    errors = []
    for question_id, answer in given.items():
        question = questions.get(question_id)
        if question_id not in ids or question is None:
            errors.append({"field": f"answers.{question_id}", "message": "no such question in this attempt"})
        elif answer is not None and (problem := answers.problem(question, answer)) is not None:
            errors.append({"field": f"answers.{question_id}", "message": problem})
    if errors:
        raise Invalid("; ".join(f"{e['field']}: {e['message']}" for e in errors), fields=errors)
    cleared = [qid for qid, answer in given.items() if answer is None]
    if cleared:
        session.execute(
            delete(AttemptAnswer).where(
                AttemptAnswer.submission_id == submission.id, AttemptAnswer.question_id.in_(cleared)
            )
        )
    rows = [
        {"submission_id": submission.id, "question_id": qid, "answer": answer, "saved_at": now}
        for qid, answer in given.items()
        if answer is not None
    ]
    if rows:
        # One cached statement run for every row (not a VALUES list compiled per call).
        session.connection().execute(_UPSERT, rows)
    return {row["question_id"]: marking.Saved(row["answer"], now) for row in rows}


def save_answers(
    session: Session, *, actor: Actor, submission_id: str, given: dict[str, Any], now: dt.datetime
) -> Outcome:
    """Save (replace) answers by question id; `null` clears one."""
    submission, context = access.own_attempt(session, actor, submission_id, lock=True)
    if submission.status != "open":
        raise Conflict("this attempt is already submitted")
    if overdue(submission, now):
        _close(session, submission, context, now, "deadline")
        return Outcome(submission, context, refused=True)
    _save(session, submission, given, now, attempt_questions(session, submission))
    return Outcome(submission, context)


def submit_attempt(
    session: Session,
    *,
    actor: Actor,
    submission_id: str,
    now: dt.datetime,
    given: dict[str, Any] | None = None,
) -> Outcome:
    """Grade the attempt once (with `given` saved first); a graded attempt is returned as stored."""
    submission, context = access.own_attempt(session, actor, submission_id, lock=True)
    if submission.status != "open":
        return Outcome(submission, context)
    if overdue(submission, now):
        _close(session, submission, context, now, "deadline")
        return Outcome(submission, context, refused=bool(given))
    questions = attempt_questions(session, submission)
    saved = _save(session, submission, given, now, questions) if given else {}
    # Every answer just sent: nothing else saved can count, no need to read them back.
    complete = saved.keys() >= set(submission.question_ids or [])
    _close(session, submission, context, now, "student", questions, saved if complete else None)
    return Outcome(submission, context)


def saved_answers(session: Session, *, submission_id: str) -> dict[str, Any]:
    rows = session.execute(
        select(AttemptAnswer.question_id, AttemptAnswer.answer).where(
            AttemptAnswer.submission_id == submission_id
        )
    )
    return dict(rows.all())


def close_overdue_attempts(session: Session, *, now: dt.datetime, limit: int = 500) -> int:
    """Close and grade up to `limit` overdue attempts (oldest deadline first); attempts a request is
    handling right now are skipped (SKIP LOCKED) and picked up next time. Returns how many."""
    rows = session.execute(
        select(QuizSubmission, Quiz, Enrollment.id)
        .join(Quiz, Quiz.id == QuizSubmission.quiz_id)
        .join(Lesson, Lesson.id == Quiz.lesson_id)
        .outerjoin(
            Enrollment,
            and_(
                Enrollment.course_id == Lesson.course_id, Enrollment.student_id == QuizSubmission.student_id
            ),
        )
        .where(QuizSubmission.status == "open", QuizSubmission.deadline_at < now)
        .order_by(QuizSubmission.deadline_at, QuizSubmission.id)
        .limit(limit)
        .with_for_update(of=QuizSubmission, skip_locked=True)
    )
    closed = 0
    for submission, quiz, enrollment_id in rows.all():
        marking.grade_attempt(
            session,
            submission=submission,
            quiz=quiz,
            enrollment_id=enrollment_id,
            now=now,
            closed_by="deadline",
        )
        closed += 1
    return closed
