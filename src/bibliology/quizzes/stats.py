"""Per-quiz statistics for its teacher, over graded attempts (voided ones included: a reset changes
allowances, not what happened): attempts, students, average score, pass rate, and per question the
share answered right, the average credit and the most chosen wrong answer. Three queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.policy import Actor
from bibliology.quizzes import access
from bibliology.quizzes.schemas import QuestionStats, QuizStats, WrongAnswer

_TOTALS = text(
    """
    SELECT count(*) FILTER (WHERE status = 'graded') AS attempts,
           count(DISTINCT student_id) FILTER (WHERE status = 'graded') AS students,
           avg(COALESCE(score_exact, score_percentage)) FILTER (WHERE status = 'graded') AS average,
           avg(CASE WHEN passed THEN 1.0 ELSE 0.0 END) FILTER (WHERE status = 'graded') AS pass_rate,
           count(*) FILTER (WHERE status = 'open') AS open_attempts
    FROM quiz_submissions WHERE quiz_id = :quiz_id
    """
)

_PER_QUESTION = text(
    """
    SELECT q.id, q.question_order, q.question_type, q.retired_at IS NOT NULL AS retired,
           count(a.id) AS answers,
           avg(CASE WHEN a.is_correct THEN 1.0 ELSE 0.0 END) AS share_correct,
           avg(COALESCE(a.credit, CASE WHEN q.points > 0 THEN LEAST(1.0, a.points_earned::numeric / q.points) END))
             AS average_credit
    FROM questions q
    LEFT JOIN (question_answers a JOIN quiz_submissions s ON s.id = a.submission_id AND s.status = 'graded')
      ON a.question_id = q.id
    WHERE q.quiz_id = :quiz_id
    GROUP BY q.id ORDER BY q.question_order
    """
)

# Typed answers are grouped case- and space-insensitively; other answers by their exact JSON.
_WRONG = text(
    """
    SELECT DISTINCT ON (question_id) question_id, answer, n FROM (
      SELECT a.question_id,
             CASE WHEN jsonb_typeof(a.answer_given -> 'text') = 'string'
                  THEN jsonb_build_object('text', lower(btrim(a.answer_given ->> 'text')))
                  ELSE a.answer_given END AS answer,
             count(*) AS n
      FROM question_answers a
      JOIN quiz_submissions s ON s.id = a.submission_id AND s.status = 'graded'
      JOIN questions q ON q.id = a.question_id
      WHERE q.quiz_id = :quiz_id AND NOT a.is_correct AND a.answer_given <> '{}'::jsonb
      GROUP BY 1, 2
    ) wrong
    ORDER BY question_id, n DESC, answer::text
    """
)


def _ratio(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def quiz_stats(session: Session, *, actor: Actor, quiz_id: str) -> QuizStats:
    access.quiz(session, actor, quiz_id, manage=True)
    params = {"quiz_id": quiz_id}
    totals = session.execute(_TOTALS, params).one()
    wrong = {
        row.question_id: WrongAnswer(answer=row.answer, count=row.n)
        for row in session.execute(_WRONG, params)
    }
    questions = [
        QuestionStats(
            question_id=row.id,
            question_order=row.question_order,
            question_type=row.question_type,
            retired=row.retired,
            answers=row.answers,
            share_correct=_ratio(row.share_correct),
            average_credit=_ratio(row.average_credit),
            most_common_wrong=wrong.get(row.id),
        )
        for row in session.execute(_PER_QUESTION, params)
    ]
    return QuizStats(
        quiz_id=quiz_id,
        attempts=totals.attempts,
        students=totals.students,
        average_score=None if totals.average is None else round(float(totals.average), 2),
        pass_rate=_ratio(totals.pass_rate),
        open_attempts=totals.open_attempts,
        questions=questions,
    )
