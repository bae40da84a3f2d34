"""What a student sees of a graded attempt, as the quiz's settings allow, and everything the teacher
sees of it.

- allow_review off: the score and pass/fail only.
- allow_review on: each answer given, its points and whether it was right (per blank, pair or pick
  too), a teacher's comment on an override, and whether a typo was forgiven.
- show_correct_answers on as well: the correct answers (in the attempt's language) and the
  explanations. Without review there is nothing per question to show them on, so it needs
  allow_review.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.content import AcceptedAnswers
from bibliology.enums import QuestionType
from bibliology.quizzes.grading.short_answer import accepted_for
from bibliology.quizzes.marking import stored_credit
from bibliology.quizzes.models import Question, QuestionAnswer, Quiz, QuizSubmission
from bibliology.quizzes.schemas import (
    AttemptResult,
    AttemptSummary,
    ReviewItem,
    TeacherAnswer,
    TeacherAttempt,
)
from bibliology.quizzes.scoring import TOTAL_PLACES, earned_points, to_decimal
from bibliology.translations.localize import localize


def graded_answers(
    session: Session, submission_ids: Sequence[str]
) -> dict[str, list[tuple[QuestionAnswer, Question]]]:
    """Answers of the submissions with their questions, in one query."""
    out: dict[str, list[tuple[QuestionAnswer, Question]]] = {sid: [] for sid in submission_ids}
    rows = session.execute(
        select(QuestionAnswer, Question)
        .join(Question, Question.id == QuestionAnswer.question_id)
        .where(QuestionAnswer.submission_id.in_(list(submission_ids)))
    )
    for answer, question in rows:
        out[answer.submission_id].append((answer, question))
    return out


def positions(
    submission: QuizSubmission, answers: Sequence[tuple[QuestionAnswer, Question]]
) -> dict[str, int]:
    """Each question's place in the attempt (its stored order for attempts made by other clients)."""
    order = submission.question_ids or [q.id for _, q in sorted(answers, key=lambda p: p[1].question_order)]
    return {question_id: index for index, question_id in enumerate(order)}


def correct_answer(question: Question, lang: str) -> Any:
    """The right answer in the student's language (accepted lists of that language only)."""
    correct = question.correct_answers if isinstance(question.correct_answers, dict) else {}
    try:
        match question.question_type:
            case QuestionType.SHORT_ANSWER:
                return {"accepted": accepted_for(AcceptedAnswers.model_validate(correct["accepted"]), lang)}
            case QuestionType.FILL_BLANK:
                return {
                    "blanks": {
                        blank["id"]: accepted_for(AcceptedAnswers.model_validate(blank["accepted"]), lang)
                        for blank in correct["blanks"]
                    }
                }
            case QuestionType.MULTIPLE_CHOICE:
                return {"selected": correct["correct"]}
            case QuestionType.TRUE_FALSE:
                return {"value": correct["value"]}
            case QuestionType.MATCHING:
                return {"pairs": {pair[0]: pair[1] for pair in correct["pairs"]}}
    except (KeyError, TypeError, ValueError):
        return None
    return None


def _without_matches(detail: Any) -> Any:
    """The grader's detail minus the accepted answers it matched (they would give the answer away)."""
    if isinstance(detail, dict):
        return {k: _without_matches(v) for k, v in detail.items() if k != "matched"}
    return detail


def earned(answer: QuestionAnswer, question: Question) -> Decimal:
    exact = earned_points(question.points, stored_credit(answer, question.points), answer.override_points)
    return to_decimal(exact, TOTAL_PLACES)


def _review_item(
    answer: QuestionAnswer, question: Question, position: int, *, lang: str, show: bool
) -> ReviewItem:
    item = ReviewItem(
        question_id=question.id,
        position=position,
        answer_given=answer.answer_given,
        points_earned=earned(answer, question),
        points=question.points,
        is_correct=answer.is_correct,
        detail=answer.detail if show else _without_matches(answer.detail),
        teacher_comment=answer.override_comment,
    )
    if show:
        item.correct_answer = correct_answer(question, lang)
        item.explanation = localize(lang, question, ("explanation",)).values["explanation"]
    return item


def _exact(value: Decimal | None, fallback: int) -> Decimal:
    return value if value is not None else Decimal(fallback)


def student_result(
    submission: QuizSubmission, quiz: Quiz, answers: Sequence[tuple[QuestionAnswer, Question]]
) -> AttemptResult:
    review = None
    if quiz.allow_review:
        places = positions(submission, answers)
        show = quiz.show_correct_answers
        review = sorted(
            (
                _review_item(a, q, places.get(q.id, len(places)), lang=submission.language, show=show)
                for a, q in answers
            ),
            key=lambda item: item.position,
        )
    return AttemptResult(
        score_percentage=submission.score_percentage,
        score_exact=_exact(submission.score_exact, submission.score_percentage),
        points_earned=submission.points_earned,
        points_exact=_exact(submission.points_exact, submission.points_earned),
        total_points=submission.total_points,
        passed=submission.passed,
        passing_score_percentage=quiz.passing_score_percentage,
        closed_by=submission.closed_by,
        review=review,
    )


def summary(submission: QuizSubmission) -> AttemptSummary:
    graded = submission.status == "graded"
    return AttemptSummary(
        id=submission.id,
        status="graded" if graded else "open",
        started_at=submission.started_at,
        deadline_at=submission.deadline_at,
        submitted_at=submission.submitted_at,
        closed_by=submission.closed_by,
        score_percentage=submission.score_percentage if graded else None,
        points_earned=submission.points_earned if graded else None,
        total_points=submission.total_points if graded else None,
        passed=submission.passed if graded else None,
        voided=submission.voided_at is not None,
    )


def teacher_attempt(
    submission: QuizSubmission, answers: Sequence[tuple[QuestionAnswer, Question]]
) -> TeacherAttempt:
    places = positions(submission, answers)
    items = [
        TeacherAnswer(
            question_id=q.id,
            question_type=q.question_type,
            position=places.get(q.id, len(places)),
            points=q.points,
            question_text=localize(submission.language, q, ("question_text",)).values["question_text"],
            answer_given=a.answer_given,
            points_earned=earned(a, q),
            is_correct=a.is_correct,
            detail=a.detail,
            correct_answers=q.correct_answers,
            override_points=a.override_points,
            override_comment=a.override_comment,
            overridden_by=a.overridden_by,
            overridden_at=a.overridden_at,
        )
        for a, q in answers
    ]
    return TeacherAttempt(
        summary=summary(submission),
        language=submission.language,
        points_exact=submission.points_exact,
        score_exact=submission.score_exact,
        answers=sorted(items, key=lambda item: item.position),
    )
