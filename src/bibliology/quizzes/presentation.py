"""Questions as a student sees them inside an attempt: text and options in the attempt's language
and order, and nothing that tells the answer (no correct answers, correctness or explanations).

The order is a pure function of the attempt's shuffle seed and the question id, so a reload shows
the same order. Matching targets are always shuffled (in the stored order the right column would
often line up with the left); other options only when the quiz shuffles options.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.content import blank_ids
from bibliology.enums import QuestionType
from bibliology.quizzes import review
from bibliology.quizzes.attempts import GRACE, saved_answers
from bibliology.quizzes.models import Question, Quiz, QuizSubmission
from bibliology.quizzes.schemas import AttemptView, PresentedQuestion
from bibliology.translations.localize import localize


def _rng(seed: int, question_id: str, stream: str) -> random.Random:
    # A string seed is hashed with SHA-512 by `random`: the same order in every process.
    return random.Random(f"{seed}:{question_id}:{stream}")


def _clean(options: Any) -> list[dict[str, Any]]:
    """Only id and text reach the student, whatever else a stored option holds."""
    if not isinstance(options, list):
        return []
    return [{"id": o.get("id"), "text": o.get("text")} for o in options if isinstance(o, dict)]


def _shuffled(options: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    rng.shuffle(options)
    return options


def present(
    question: Question, *, position: int, lang: str, seed: int, shuffle_options: bool
) -> PresentedQuestion:
    localized = localize(lang, question, ("question_text",))
    in_french = lang == "fr" and not localized.fallback and question.options_fr is not None
    options = question.options_fr if in_french else question.options_en
    text = localized.values["question_text"]
    presented = PresentedQuestion(
        id=question.id,
        position=position,
        question_type=question.question_type,
        points=question.points,
        text=text,
        fell_back=bool(localized.fallback),
    )
    kind = question.question_type
    if kind == QuestionType.MULTIPLE_CHOICE:
        choices = _clean(options)
        presented.options = (
            _shuffled(choices, _rng(seed, question.id, "options")) if shuffle_options else choices
        )
        correct = question.correct_answers
        presented.multiple = bool(correct.get("multiple")) if isinstance(correct, dict) else False
    elif kind == QuestionType.MATCHING:
        sides = options if isinstance(options, dict) else {}
        left = _clean(sides.get("left"))
        presented.options = {
            "left": _shuffled(left, _rng(seed, question.id, "left")) if shuffle_options else left,
            "right": _shuffled(_clean(sides.get("right")), _rng(seed, question.id, "right")),
        }
    elif kind == QuestionType.FILL_BLANK:
        presented.blanks = blank_ids(text.get("text", "")) if isinstance(text, dict) else []
    return presented


def attempt_view(
    session: Session, *, submission: QuizSubmission, quiz: Quiz, now: dt.datetime
) -> AttemptView:
    """The attempt for its student: questions in order and saved answers while open; after grading,
    the result and the review its quiz allows (no questions at all without review)."""
    graded = submission.status == "graded"
    ids = list(submission.question_ids or [])
    questions: dict[str, Question] = {}
    if ids and (not graded or quiz.allow_review):
        questions = {q.id: q for q in session.scalars(select(Question).where(Question.id.in_(ids)))}
    seed = submission.shuffle_seed or 0
    presented = [
        present(
            questions[qid],
            position=i,
            lang=submission.language,
            seed=seed,
            shuffle_options=quiz.shuffle_options,
        )
        for i, qid in enumerate(ids)
        if qid in questions
    ]
    ends_at = submission.deadline_at - GRACE if submission.deadline_at else None
    seconds_left = None
    if ends_at is not None and not graded:
        seconds_left = max(0, int((ends_at - now).total_seconds()))
    result = None
    if graded:
        result = review.student_result(
            submission, quiz, review.graded_answers(session, [submission.id])[submission.id]
        )
    return AttemptView(
        id=submission.id,
        quiz_id=submission.quiz_id,
        status="graded" if graded else "open",
        lang=submission.language,
        started_at=submission.started_at,
        ends_at=ends_at,
        accepts_answers_until=submission.deadline_at,
        seconds_left=seconds_left,
        submitted_at=submission.submitted_at,
        questions=presented,
        answers={} if graded else saved_answers(session, submission_id=submission.id),
        result=result,
    )
