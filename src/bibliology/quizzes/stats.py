"""Per-quiz statistics for its teacher, over graded attempts (voided ones included: a reset changes
allowances, not what happened): attempts, students, average score, pass rate, and per question the
share answered right, the average credit and the most chosen wrong answer. Three queries.
`quiz_report` adds what the statistics page draws: the score histogram, each question's
discrimination and its most chosen wrong answers (three more)."""

from __future__ import annotations

from dataclasses import dataclass
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


# --- what the statistics page draws -------------------------------------------------------------

# Score bands of the histogram: 0–9 … 80–89, then 90–100 (a perfect score is in the last band).
BANDS = 10

_DISTRIBUTION = text(
    """
    SELECT LEAST(score_percentage / 10, 9) AS band, count(*) AS n
    FROM quiz_submissions WHERE quiz_id = :quiz_id AND status = 'graded'
    GROUP BY 1 ORDER BY 1
    """
)

# Corrected item-total correlation: per question, Pearson's r between the share of its points an
# attempt earned and that attempt's points on the OTHER questions. Near 1: the students who do well
# overall get it right; near 0 or below: it does not tell strong students from weak ones.
_DISCRIMINATION = text(
    """
    SELECT a.question_id,
           corr(a.points_earned::float8 / q.points, (s.points_earned - a.points_earned)::float8) AS r,
           count(*) AS n
    FROM question_answers a
    JOIN quiz_submissions s ON s.id = a.submission_id AND s.status = 'graded'
    JOIN questions q ON q.id = a.question_id AND q.points > 0
    WHERE q.quiz_id = :quiz_id
    GROUP BY a.question_id
    """
)

# The `limit` most chosen wrong answers per question, grouped as in _WRONG.
_WRONG_TOP = text(
    """
    SELECT question_id, answer, n FROM (
      SELECT question_id, answer, n,
             row_number() OVER (PARTITION BY question_id ORDER BY n DESC, answer::text) AS rank
      FROM (
        SELECT a.question_id,
               CASE WHEN jsonb_typeof(a.answer_given -> 'text') = 'string'
                    THEN jsonb_build_object('text', lower(btrim(a.answer_given ->> 'text')))
                    ELSE a.answer_given END AS answer,
               count(*) AS n
        FROM question_answers a
        JOIN quiz_submissions s ON s.id = a.submission_id AND s.status = 'graded'
        JOIN questions q ON q.id = a.question_id
        WHERE q.quiz_id = :quiz_id AND NOT a.is_correct AND a.answer_given <> '{}'::jsonb
        GROUP BY 1, 2) wrong) ranked
    WHERE rank <= :limit
    ORDER BY question_id, rank
    """
)

# Fewer graded answers than this and a correlation says nothing: it is not reported.
MIN_FOR_DISCRIMINATION = 5


@dataclass(frozen=True)
class QuizReport:
    """The API's statistics plus what the page's charts need: the score histogram (attempts per
    band of 10 points), each question's discrimination, and its most chosen wrong answers."""

    stats: QuizStats
    distribution: list[int]  # BANDS counts: 0–9, 10–19, …, 90–100
    discrimination: dict[str, float | None]  # question id → r, None when too few answers or no spread
    wrong: dict[str, list[WrongAnswer]]


def quiz_report(session: Session, *, actor: Actor, quiz_id: str, wrong_per_question: int = 3) -> QuizReport:
    summary = quiz_stats(session, actor=actor, quiz_id=quiz_id)  # the policy check is there
    params = {"quiz_id": quiz_id}
    distribution = [0] * BANDS
    for row in session.execute(_DISTRIBUTION, params):
        distribution[int(row.band)] = int(row.n)
    discrimination: dict[str, float | None] = {
        row.question_id: None if row.r is None or row.n < MIN_FOR_DISCRIMINATION else round(float(row.r), 2)
        for row in session.execute(_DISCRIMINATION, params)
    }
    wrong: dict[str, list[WrongAnswer]] = {}
    for row in session.execute(_WRONG_TOP, {**params, "limit": wrong_per_question}):
        wrong.setdefault(row.question_id, []).append(WrongAnswer(answer=row.answer, count=row.n))
    return QuizReport(summary, distribution, discrimination, wrong)
