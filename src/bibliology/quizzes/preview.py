"""A quiz tried by its teacher as a student would: the same presentation, the same graders, the
same scoring and the same review rules — and nothing written. No submission, no answers, no
progress, no activity: the result is computed in memory from the answers of one form.

Drafts can be previewed (the course's teacher and admins only: `access.quiz(manage=True)`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.policy import Actor
from bibliology.quizzes import access, answers, review
from bibliology.quizzes.access import QuizContext
from bibliology.quizzes.attempts import shuffled_order
from bibliology.quizzes.marking import grade_question, policy_of
from bibliology.quizzes.models import Question, Quiz
from bibliology.quizzes.presentation import present
from bibliology.quizzes.schemas import AttemptResult, AttemptView, PresentedQuestion, ReviewItem
from bibliology.quizzes.scoring import TOTAL_PLACES, to_decimal, total
from bibliology.translations.localize import localize

PREVIEW_ID = "preview"


def preview_questions(session: Session, *, actor: Actor, quiz_id: str) -> tuple[QuizContext, list[Question]]:
    """The quiz and its active questions in order (what a new attempt would hold)."""
    context = access.quiz(session, actor, quiz_id, manage=True)
    questions = session.scalars(
        select(Question)
        .where(Question.quiz_id == quiz_id, Question.retired_at.is_(None))
        .order_by(Question.question_order, Question.id)
    ).all()
    return context, list(questions)


def presented(questions: Sequence[Question], *, quiz: Quiz, lang: str, seed: int) -> list[PresentedQuestion]:
    """The questions as an attempt with this shuffle seed shows them."""
    by_id = {q.id: q for q in questions}
    order = shuffled_order([q.id for q in questions], seed=seed, shuffle=quiz.shuffle_questions)
    return [
        present(by_id[qid], position=i, lang=lang, seed=seed, shuffle_options=quiz.shuffle_options)
        for i, qid in enumerate(order)
    ]


def grade(
    questions: Sequence[Question],
    shown: Sequence[PresentedQuestion],
    *,
    quiz: Quiz,
    lang: str,
    given: dict[str, Any],
) -> AttemptResult:
    """The result an attempt with these answers would get, with the review the quiz allows. An
    answer the API would refuse (answers.problem) is graded as unanswered."""
    by_id = {q.id: q for q in questions}
    policy = policy_of(quiz)
    items: list[tuple[int, Fraction]] = []
    reviewed: list[ReviewItem] = []
    show = quiz.show_correct_answers
    for item in shown:
        question = by_id[item.id]
        answer = given.get(item.id)
        if answer is None or answers.problem(question, answer) is not None:
            answer = {}
        result = grade_question(question, answer, lang=lang, policy=policy)
        earned = result.credit * question.points
        items.append((question.points, earned))
        if not quiz.allow_review:
            continue
        row = ReviewItem(
            question_id=question.id,
            position=item.position,
            answer_given=answer,
            points_earned=to_decimal(earned, TOTAL_PLACES),
            points=question.points,
            is_correct=result.is_correct,
            detail=result.detail if show else review._without_matches(result.detail),
        )
        if show:
            row.correct_answer = review.correct_answer(question, lang)
            row.explanation = localize(lang, question, ("explanation",)).values["explanation"]
        reviewed.append(row)
    score = total(items, passing_score_percentage=quiz.passing_score_percentage)
    return AttemptResult(
        score_percentage=score.score_percentage,
        score_exact=to_decimal(score.percentage, TOTAL_PLACES),
        points_earned=score.points_earned,
        points_exact=to_decimal(score.points_exact, TOTAL_PLACES),
        total_points=score.total_points,
        passed=score.passed,
        passing_score_percentage=quiz.passing_score_percentage,
        closed_by="student",
        review=reviewed if quiz.allow_review else None,
    )


def view(
    quiz: Quiz,
    shown: list[PresentedQuestion],
    *,
    lang: str,
    now: dt.datetime,
    saved: dict[str, Any] | None = None,
    result: AttemptResult | None = None,
) -> AttemptView:
    """The AttemptView the student's templates draw: open (the form) or graded (the result)."""
    return AttemptView(
        id=PREVIEW_ID,
        quiz_id=quiz.id,
        status="graded" if result is not None else "open",
        lang=lang,
        started_at=now,
        ends_at=None,
        accepts_answers_until=None,
        seconds_left=None,
        submitted_at=now if result is not None else None,
        questions=shown,
        answers=saved or {},
        result=result,
    )
