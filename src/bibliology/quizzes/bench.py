"""`bibliology bench-quiz`: quiz submissions per second through the services, beside a baseline
that writes the same rows with hand-written SQL in the same run (docs/quizzes.md "Benchmark").

Each submission is what a student's client does: start an attempt (one transaction), then submit it
with its answers (another). The services run every check (visibility, enrollment, allowance under
the pair lock, answer shapes), grade, write the question_answers, update the submission, check the
lesson's completion and log SUBMIT_QUIZ. The baseline does the least correct SQL for the same rows:
the pair lock, the frozen question list and the open attempt; then the saved answers, the graded
answers, the scores, the activity entry, the lesson progress and the enrollment's counters. Both
sides grade with the same grader. The two alternate in chunks, so a warming cache favours neither.

It writes into the database it is given: run it on a copy of a seeded database.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from rich.table import Table
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from bibliology import models  # noqa: F401  (every mapper registered: the bench runs outside the app)
from bibliology.console import NullProgress, Progress
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.enums import QuestionType, UserRole
from bibliology.ids import new_id
from bibliology.policy import Actor
from bibliology.quizzes import attempts
from bibliology.quizzes.allowances import LOCK_NAMESPACE
from bibliology.quizzes.grading import GradableQuestion, Policy, grade
from bibliology.quizzes.scoring import CREDIT_PLACES, TOTAL_PLACES, round_half_up, to_decimal, total
from bibliology.schema_check import libpq_url

TARGET_RATIO = 0.3
CHUNK = 25
# Submissions per side made before the clock starts (connections, prepared statements, caches).
WARMUP = 10

_PICK = text(
    """
    SELECT e.id AS enrollment_id, e.student_id, u.role, q.id AS quiz_id, q.lesson_id
    FROM quizzes q
    JOIN lessons l ON l.id = q.lesson_id AND l.status = 'PUBLISHED'
    JOIN courses c ON c.id = l.course_id AND c.status = 'PUBLISHED'
    JOIN enrollments e ON e.course_id = c.id AND e.status <> 'DROPPED'
    JOIN users u ON u.id = e.student_id
    WHERE EXISTS (SELECT 1 FROM questions qn WHERE qn.quiz_id = q.id AND qn.retired_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM quiz_submissions s WHERE s.quiz_id = q.id AND s.student_id = e.student_id)
    ORDER BY md5(e.student_id || q.id)
    LIMIT :n
    """
)
_QUESTIONS = text(
    """
    SELECT id, quiz_id, question_type, correct_answers, options_en, points FROM questions
    WHERE quiz_id = ANY(:quiz_ids) AND retired_at IS NULL ORDER BY quiz_id, question_order, id
    """
)


@dataclass(frozen=True)
class Question:
    id: str
    question_type: QuestionType
    correct_answers: Any
    options_en: Any
    points: int


@dataclass(frozen=True)
class Work:
    """One submission to make: a student, a quiz of a course they are enrolled in, their answers."""

    enrollment_id: str
    student_id: str
    role: UserRole
    quiz_id: str
    lesson_id: str
    questions: tuple[Question, ...]
    answers: dict[str, Any]


@dataclass
class Side:
    name: str
    submissions: int = 0
    seconds: float = 0.0
    submission_ids: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.submissions / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class Check:
    """Rows found for one side's submissions, against the rows expected."""

    submissions: int
    graded: int
    question_answers: int
    expected_answers: int
    duplicate_answers: int
    saved_answers: int
    activity: int

    @property
    def ok(self) -> bool:
        return (
            self.graded == self.submissions
            and self.question_answers == self.saved_answers == self.expected_answers
            and self.duplicate_answers == 0
            and self.activity == self.submissions
        )


@dataclass(frozen=True)
class QuizBenchReport:
    services: Side
    baseline: Side
    service_check: Check
    baseline_check: Check

    @property
    def ratio(self) -> float:
        return self.services.per_second / self.baseline.per_second if self.baseline.per_second else 0.0

    @property
    def met(self) -> bool:
        return self.ratio >= TARGET_RATIO and self.service_check.ok and self.baseline_check.ok

    def as_json(self) -> dict[str, Any]:
        return {
            "services_per_second": round(self.services.per_second, 1),
            "baseline_per_second": round(self.baseline.per_second, 1),
            "ratio": round(self.ratio, 3),
            "target_ratio": TARGET_RATIO,
            "met": self.met,
            "submissions_each": self.services.submissions,
            "service_rows": vars(self.service_check) | {"ok": self.service_check.ok},
            "baseline_rows": vars(self.baseline_check) | {"ok": self.baseline_check.ok},
        }


def sample_answer(question: Question, *, right: bool) -> dict[str, Any]:
    """A right or a wrong answer in the shape the API takes (English accepted answers)."""
    correct = question.correct_answers
    match question.question_type:
        case QuestionType.MULTIPLE_CHOICE:
            ids = [o["id"] for o in question.options_en]
            wrong = [i for i in ids if i not in correct["correct"]][:1]
            return {"selected": correct["correct"] if right else wrong}
        case QuestionType.TRUE_FALSE:
            return {"value": correct["value"] if right else not correct["value"]}
        case QuestionType.SHORT_ANSWER:
            return {"text": correct["accepted"]["en"][0] if right else "nothing"}
        case QuestionType.FILL_BLANK:
            return {
                "blanks": {b["id"]: b["accepted"]["en"][0] if right else "nothing" for b in correct["blanks"]}
            }
        case QuestionType.MATCHING:
            pairs = dict(correct["pairs"])
            if not right:
                targets = list(pairs.values())
                pairs = dict(zip(pairs, targets[1:] + targets[:1], strict=True))
            return {"pairs": pairs}
    return {}


def pick(session: Session, *, count: int) -> list[Work]:
    rows = session.execute(_PICK, {"n": count}).all()
    by_quiz: dict[str, list[Question]] = {}
    for row in session.execute(_QUESTIONS, {"quiz_ids": list({r.quiz_id for r in rows})}):
        question = Question(
            row.id, QuestionType(row.question_type), row.correct_answers, row.options_en, row.points
        )
        by_quiz.setdefault(row.quiz_id, []).append(question)
    work = []
    for index, row in enumerate(rows):
        questions = tuple(by_quiz[row.quiz_id])
        # About two answers in three right, deterministically.
        answers = {q.id: sample_answer(q, right=(index + n) % 3 != 0) for n, q in enumerate(questions)}
        work.append(
            Work(
                row.enrollment_id,
                row.student_id,
                UserRole(row.role),
                row.quiz_id,
                row.lesson_id,
                questions,
                answers,
            )
        )
    return work


# --------------------------------------------------------------------------- the two sides


def through_services(sessions: sessionmaker[Session], item: Work) -> str:
    actor = Actor(item.student_id, item.role)
    with unit_of_work(sessions) as session:
        outcome, _ = attempts.start_attempt(
            session, actor=actor, quiz_id=item.quiz_id, lang="en", now=attempts.server_now()
        )
        submission_id = outcome.submission.id
    with unit_of_work(sessions) as session:
        attempts.submit_attempt(
            session,
            actor=actor,
            submission_id=submission_id,
            now=attempts.server_now(),
            given=item.answers,
        )
    return submission_id


_START = [
    "SELECT pg_advisory_xact_lock(%(ns)s, hashtext(concat(%(student)s::text, '/', %(quiz)s::text)))",
    """INSERT INTO quiz_submissions (id, quiz_id, student_id, score_percentage, points_earned, total_points,
         passed, status, language, shuffle_seed, question_ids, started_at, updated_at)
       SELECT %(id)s, %(quiz)s, %(student)s, 0, 0, 0, false, 'open', 'en', 0,
              COALESCE(jsonb_agg(qn.id ORDER BY qn.question_order, qn.id), '[]'::jsonb),
              timezone('utc', now()), timezone('utc', now())
       FROM questions qn WHERE qn.quiz_id = %(quiz)s AND qn.retired_at IS NULL""",
]
_SUBMIT = [
    "SELECT status FROM quiz_submissions WHERE id = %(id)s FOR UPDATE",
    """INSERT INTO attempt_answers (submission_id, question_id, answer, saved_at)
       SELECT %(id)s, a.question_id, a.answer, timezone('utc', now())
       FROM jsonb_to_recordset(%(saved)s) AS a(question_id text, answer jsonb)""",
    """INSERT INTO question_answers (id, submission_id, question_id, answer_given, is_correct, points_earned,
         credit, detail, answered_at)
       SELECT a.id, %(id)s, a.question_id, a.answer_given, a.is_correct, a.points_earned, a.credit, a.detail,
              timezone('utc', now())
       FROM jsonb_to_recordset(%(graded)s) AS a(id text, question_id text, answer_given jsonb,
            is_correct boolean, points_earned integer, credit numeric, detail jsonb)""",
    """UPDATE quiz_submissions SET status = 'graded', closed_by = 'student', submitted_at = timezone('utc', now()),
         score_percentage = %(score)s, score_exact = %(score_exact)s, points_earned = %(points)s,
         points_exact = %(points_exact)s, total_points = %(total)s, passed = %(passed)s,
         time_spent_seconds = GREATEST(0, EXTRACT(epoch FROM timezone('utc', now()) - started_at)::int)
       WHERE id = %(id)s""",
    """INSERT INTO activity_logs (id, user_id, action, entity_type, entity_id, metadata, created_at)
       VALUES (%(log_id)s, %(student)s, 'SUBMIT_QUIZ', 'quiz_submission', %(id)s, %(log)s, timezone('utc', now()))""",
    """INSERT INTO lesson_progress (id, enrollment_id, lesson_id, status, completed_at)
       VALUES (%(progress_id)s, %(enrollment)s, %(lesson)s,
               CASE WHEN %(passed)s THEN 'COMPLETED' ELSE 'IN_PROGRESS' END::"LessonProgressStatus",
               CASE WHEN %(passed)s THEN timezone('utc', now()) END)
       ON CONFLICT (enrollment_id, lesson_id) DO UPDATE SET
         status = CASE WHEN lesson_progress.status = 'COMPLETED' THEN lesson_progress.status ELSE EXCLUDED.status END,
         completed_at = COALESCE(lesson_progress.completed_at, EXCLUDED.completed_at)""",
    """UPDATE enrollments e SET last_accessed_at = timezone('utc', now()),
         lessons_completed = d.done,
         progress_percentage = CASE WHEN e.total_lessons = 0 THEN 0
                                    ELSE LEAST(100, 100 * d.done / e.total_lessons) END
       FROM (SELECT count(*)::int AS done FROM lesson_progress lp JOIN lessons l ON l.id = lp.lesson_id
             WHERE lp.enrollment_id = %(enrollment)s AND lp.status = 'COMPLETED' AND l.status = 'PUBLISHED') d
       WHERE e.id = %(enrollment)s""",
]


def by_hand(conn: psycopg.Connection[Any], item: Work) -> str:
    submission_id = new_id()
    params: dict[str, Any] = {
        "ns": LOCK_NAMESPACE,
        "id": submission_id,
        "quiz": item.quiz_id,
        "student": item.student_id,
    }
    with conn.transaction():
        for statement in _START:
            conn.execute(statement, params)
    graded = []
    items: list[tuple[int, Fraction]] = []
    for question in item.questions:
        answer = item.answers[question.id]
        gradable = GradableQuestion(question.question_type, question.correct_answers, question.options_en)
        result = grade(gradable, answer, lang="en", policy=Policy())
        earned = result.credit * question.points
        items.append((question.points, earned))
        graded.append(
            {
                "id": new_id(),
                "question_id": question.id,
                "answer_given": answer,
                "is_correct": result.is_correct,
                "points_earned": round_half_up(earned),
                "credit": str(to_decimal(result.credit, CREDIT_PLACES)),
                "detail": result.detail,
            }
        )
    score = total(items, passing_score_percentage=70)
    params |= {
        "saved": Jsonb([{"question_id": qid, "answer": answer} for qid, answer in item.answers.items()]),
        "graded": Jsonb(graded),
        "score": score.score_percentage,
        "score_exact": to_decimal(score.percentage, TOTAL_PLACES),
        "points": score.points_earned,
        "points_exact": to_decimal(score.points_exact, TOTAL_PLACES),
        "total": score.total_points,
        "passed": score.passed,
        "log_id": new_id(),
        "log": Jsonb(
            {"quiz_id": item.quiz_id, "score_percentage": score.score_percentage, "passed": score.passed}
        ),
        "progress_id": new_id(),
        "enrollment": item.enrollment_id,
        "lesson": item.lesson_id,
    }
    with conn.transaction():
        for statement in _SUBMIT:
            conn.execute(statement, params)
    return submission_id


# --------------------------------------------------------------------------- checks and the run

_CHECK = text(
    """
    SELECT count(*) AS submissions,
           count(*) FILTER (WHERE s.status = 'graded') AS graded,
           (SELECT count(*) FROM question_answers a WHERE a.submission_id = ANY(:ids)) AS question_answers,
           (SELECT count(*) - count(DISTINCT (a.submission_id, a.question_id))
              FROM question_answers a WHERE a.submission_id = ANY(:ids)) AS duplicate_answers,
           (SELECT count(*) FROM attempt_answers a WHERE a.submission_id = ANY(:ids)) AS saved_answers,
           (SELECT count(*) FROM activity_logs l WHERE l.action = 'SUBMIT_QUIZ' AND l.entity_id = ANY(:ids))
             AS activity
    FROM quiz_submissions s WHERE s.id = ANY(:ids)
    """
)


def check(session: Session, side: Side, expected_answers: int) -> Check:
    row = session.execute(_CHECK, {"ids": side.submission_ids}).one()
    return Check(
        submissions=row.submissions,
        graded=row.graded,
        question_answers=row.question_answers,
        expected_answers=expected_answers,
        duplicate_answers=row.duplicate_answers,
        saved_answers=row.saved_answers,
        activity=row.activity,
    )


def _timed(side: Side, call: Callable[[Work], str], chunk: Sequence[Work], progress: Progress) -> None:
    started = time.perf_counter()
    for item in chunk:
        side.submission_ids.append(call(item))
        progress.advance()
    side.seconds += time.perf_counter() - started
    side.submissions += len(chunk)


@contextmanager
def _resources(url: str) -> Iterator[tuple[sessionmaker[Session], psycopg.Connection[Any]]]:
    engine = make_engine(url, pool_size=2)
    try:
        with psycopg.connect(libpq_url(url), options="-c timezone=UTC") as conn:
            yield session_factory(engine), conn
    finally:
        engine.dispose()


def bench_quiz_submit(
    url: str, *, submissions: int = 500, warmup: int = WARMUP, progress: Progress | None = None
) -> QuizBenchReport:
    """Make `submissions` submissions through the services and as many by hand, on distinct
    (student, quiz) pairs of the database at `url`, and check every row they should have written."""
    progress = progress or NullProgress()
    with _resources(url) as (sessions, conn):
        with unit_of_work(sessions) as session:
            work = pick(session, count=2 * (submissions + warmup))
        if len(work) < 2 * (submissions + warmup):
            raise ValueError(
                f"only {len(work)} unattempted (student, quiz) pairs of published lessons: "
                f"ask for at most {max(0, len(work) // 2 - warmup)} submissions"
            )
        for item in work[: 2 * warmup : 2]:
            through_services(sessions, item)
        for item in work[1 : 2 * warmup : 2]:
            by_hand(conn, item)
        mine, theirs = work[2 * warmup :: 2], work[2 * warmup + 1 :: 2]
        services, baseline = Side("services"), Side("hand-written SQL")
        progress.start("quiz submissions", 2 * submissions)
        for start in range(0, submissions, CHUNK):
            _timed(
                services, lambda item: through_services(sessions, item), mine[start : start + CHUNK], progress
            )
            _timed(baseline, lambda item: by_hand(conn, item), theirs[start : start + CHUNK], progress)
        with unit_of_work(sessions) as session:
            service_check = check(session, services, sum(len(w.questions) for w in mine))
            baseline_check = check(session, baseline, sum(len(w.questions) for w in theirs))
    return QuizBenchReport(services, baseline, service_check, baseline_check)


def report_json(report: QuizBenchReport) -> str:
    return json.dumps(report.as_json(), indent=2) + "\n"


def report_table(report: QuizBenchReport) -> Table:
    table = Table(title="quiz submissions (start + submit with answers)", title_justify="left")
    for name in ("", "submissions", "per second", "rows written", "rows as expected"):
        table.add_column(name, justify="left" if not name else "right")
    for side, found in ((report.services, report.service_check), (report.baseline, report.baseline_check)):
        rows = found.submissions + found.question_answers + found.saved_answers + found.activity
        table.add_row(
            side.name,
            f"{side.submissions:,}",
            f"{side.per_second:,.1f}",
            f"{rows:,}",
            "yes" if found.ok else "NO",
        )
    verdict = "met" if report.met else "NOT met"
    table.caption = f"services / hand-written = {report.ratio:.2f} (target ≥ {TARGET_RATIO}: {verdict})"
    return table
