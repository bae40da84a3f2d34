"""A quiz as its reader sees it before starting: the scoring rules in words, the questions' count
and points (never the questions), and for a logged-in student their attempts and what is left."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.enums import EnrollmentStatus, LessonStatus
from bibliology.policy import Actor
from bibliology.quizzes import access, allowances, attempts, review
from bibliology.quizzes.models import Question, Quiz, QuizSubmission
from bibliology.quizzes.schemas import QuizOverview, ScoringRules
from bibliology.translations.localize import localize

_TEXT = {
    "en": {
        "pass": "You need {p}% to pass.",
        "time": "You have {n} minutes from the moment you start; answers are accepted {g} seconds longer.",
        "no_time": "There is no time limit.",
        "attempts": "You may make {n} attempt(s).",
        "unlimited": "You may make as many attempts as you like.",
        "all_or_nothing": "A question earns its points only when it is entirely right.",
        "partial": "Questions with several parts (blanks, pairs, several right options) earn credit for each part right.",
        "none": "Ticking a wrong option costs nothing.",
        "balanced": "Each wrong option you tick costs its share: ticking every option earns nothing.",
        "strict": "Each wrong option you tick cancels one right option.",
        "review_full": "After submitting you will see your answers, the correct answers and explanations.",
        "review": "After submitting you will see your answers and which were right.",
        "score_only": "After submitting you will see your score only.",
    },
    "fr": {
        "pass": "Il faut {p} % pour réussir.",
        "time": "Vous disposez de {n} minutes dès le début ; les réponses sont acceptées {g} secondes de plus.",
        "no_time": "Il n’y a pas de limite de temps.",
        "attempts": "Vous pouvez faire {n} tentative(s).",
        "unlimited": "Vous pouvez faire autant de tentatives que vous le souhaitez.",
        "all_or_nothing": "Une question ne rapporte ses points que si elle est entièrement juste.",
        "partial": "Les questions en plusieurs parties (trous, paires, plusieurs bonnes options) rapportent des points pour chaque partie juste.",
        "none": "Cocher une mauvaise option ne coûte rien.",
        "balanced": "Chaque mauvaise option cochée coûte sa part : tout cocher ne rapporte rien.",
        "strict": "Chaque mauvaise option cochée annule une bonne option.",
        "review_full": "Après l’envoi, vous verrez vos réponses, les bonnes réponses et les explications.",
        "review": "Après l’envoi, vous verrez vos réponses et lesquelles étaient justes.",
        "score_only": "Après l’envoi, vous ne verrez que votre score.",
    },
}


def rules(quiz: Quiz, lang: str) -> ScoringRules:
    words = _TEXT.get(lang, _TEXT["en"])
    grace = int(attempts.GRACE.total_seconds())
    summary = [words["pass"].format(p=quiz.passing_score_percentage)]
    if quiz.time_limit_minutes:
        summary.append(words["time"].format(n=quiz.time_limit_minutes, g=grace))
    else:
        summary.append(words["no_time"])
    summary.append(words["attempts"].format(n=quiz.max_attempts) if quiz.max_attempts else words["unlimited"])
    summary.append(words[quiz.partial_credit_policy])
    if quiz.partial_credit_policy == "partial":
        summary.append(words[quiz.wrong_pick_penalty])
    if not quiz.allow_review:
        summary.append(words["score_only"])
    else:
        summary.append(words["review_full" if quiz.show_correct_answers else "review"])
    return ScoringRules(
        passing_score_percentage=quiz.passing_score_percentage,
        time_limit_minutes=quiz.time_limit_minutes,
        grace_seconds=grace,
        max_attempts=quiz.max_attempts,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_options=quiz.shuffle_options,
        allow_review=quiz.allow_review,
        show_correct_answers=quiz.show_correct_answers,
        partial_credit_policy=quiz.partial_credit_policy,
        wrong_pick_penalty=quiz.wrong_pick_penalty,
        summary=summary,
    )


def quiz_overview(
    session: Session, *, actor: Actor, quiz_id: str, lang: str, now: dt.datetime
) -> QuizOverview:
    context = access.quiz(session, actor, quiz_id)
    quiz = context.quiz
    count, points = session.execute(
        select(func.count(), func.coalesce(func.sum(Question.points), 0)).where(
            Question.quiz_id == quiz_id, Question.retired_at.is_(None)
        )
    ).one()
    mine: list[QuizSubmission] = []
    allowance = allowances.Allowance(0, quiz.max_attempts)
    enrolled = False
    if actor.user_id is not None:
        for submission in _mine(session, quiz_id=quiz_id, student_id=actor.user_id):
            if attempts.overdue(submission, now):  # closed on this access, like any other
                attempts.view_attempt(session, actor=actor, submission_id=submission.id, now=now)
        mine = _mine(session, quiz_id=quiz_id, student_id=actor.user_id)
        allowance = allowances.allowance(session, quiz=quiz, student_id=actor.user_id)
        enrollment = access.enrollment_of(session, student_id=actor.user_id, course_id=context.course.id)
        enrolled = enrollment is not None and enrollment.status != EnrollmentStatus.DROPPED
    open_id = next((s.id for s in mine if s.status == "open"), None)
    published = LessonStatus.PUBLISHED == context.course.status == context.lesson.status
    title = localize(lang, quiz, ("title",))
    return QuizOverview(
        id=quiz.id,
        lesson_id=quiz.lesson_id,
        slide_id=quiz.slide_id,
        title=title.values["title"],
        lang=lang,
        fell_back=bool(title.fallback),
        question_count=count,
        total_points=points,
        rules=rules(quiz, lang),
        attempts=[review.summary(s) for s in mine],
        attempts_used=allowance.used,
        attempts_allowed=allowance.allowed,
        attempts_left=allowance.left,
        open_attempt_id=open_id,
        can_start=enrolled and published and count > 0 and (open_id is not None or not allowance.exhausted),
    )


def _mine(session: Session, *, quiz_id: str, student_id: str) -> list[QuizSubmission]:
    return list(
        session.scalars(
            select(QuizSubmission)
            .where(QuizSubmission.quiz_id == quiz_id, QuizSubmission.student_id == student_id)
            .order_by(QuizSubmission.started_at, QuizSubmission.id)
        )
    )
