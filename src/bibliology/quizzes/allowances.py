"""How many attempts a student has: the quiz's max_attempts plus a teacher's grants, minus the
attempts that count (every attempt, open or graded, that no reset voided).

Starting an attempt and changing allowances take a transaction-level advisory lock on the
(student, quiz) pair, so concurrent requests see each other's attempts: max_attempts holds under
any number of simultaneous starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bibliology.quizzes.models import AttemptGrant, Quiz, QuizSubmission

# First key of the two-key advisory lock: keeps our pair locks apart from other users of advisory
# locks (the second key is a hash of the pair; a collision only makes two pairs queue together).
LOCK_NAMESPACE = 0x51_55_49_5A  # "QUIZ"


def lock_pair(session: Session, *, student_id: str, quiz_id: str) -> None:
    """Held until the transaction ends (access.quiz_for_attempt takes the same lock)."""
    session.execute(
        text(
            "SELECT pg_advisory_xact_lock(:ns, hashtext(concat(CAST(:student AS text), '/', CAST(:quiz AS text))))"
        ),
        {"ns": LOCK_NAMESPACE, "student": student_id, "quiz": quiz_id},
    )


@dataclass(frozen=True)
class Allowance:
    used: int
    allowed: int | None  # None: unlimited

    @classmethod
    def of(cls, quiz: Quiz, *, used: int, extra: int) -> Allowance:
        return cls(used, None if quiz.max_attempts is None else quiz.max_attempts + extra)

    @property
    def left(self) -> int | None:
        return None if self.allowed is None else max(0, self.allowed - self.used)

    @property
    def exhausted(self) -> bool:
        return self.allowed is not None and self.used >= self.allowed


def used_attempts(quiz_id: Any, student_id: Any) -> Any:
    return (
        select(func.count())
        .where(
            QuizSubmission.quiz_id == quiz_id,
            QuizSubmission.student_id == student_id,
            QuizSubmission.voided_at.is_(None),
        )
        .scalar_subquery()
    )


def extra_attempts(quiz_id: Any, student_id: Any) -> Any:
    return (
        select(func.coalesce(func.sum(AttemptGrant.extra_attempts), 0))
        .where(AttemptGrant.quiz_id == quiz_id, AttemptGrant.student_id == student_id)
        .scalar_subquery()
    )


def allowance(session: Session, *, quiz: Quiz, student_id: str) -> Allowance:
    used, extra = session.execute(
        select(used_attempts(quiz.id, student_id), extra_attempts(quiz.id, student_id))
    ).one()
    return Allowance.of(quiz, used=int(used), extra=int(extra))
