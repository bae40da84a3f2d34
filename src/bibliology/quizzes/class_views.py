"""The teacher's pages on a quiz's results: the gradebook, one student's attempts (with the forms
that override an answer's points, grant extra attempts and reset attempts, each with a reason kept
in the activity log) and the statistics with their charts. They call the services of the JSON API
(quizzes.gradebook, interventions, stats), which check who asks."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from bibliology.content.questions import BLANK
from bibliology.deps import SessionDep
from bibliology.enums import QuestionType
from bibliology.errors import DomainError, NotFound
from bibliology.pages import FieldErrors, MaybeAuth, domain_field_errors, field_errors, page_actor, see_other
from bibliology.pagination import Pagination
from bibliology.policy import Actor
from bibliology.quizzes import access, charts, gradebook, interventions, stats
from bibliology.quizzes.access import QuizContext
from bibliology.quizzes.attempts import server_now
from bibliology.quizzes.models import Question
from bibliology.quizzes.presentation import present
from bibliology.quizzes.review import correct_answer
from bibliology.quizzes.schemas import Comment, GrantCreate, OverrideSet, PresentedQuestion, StudentGradebook
from bibliology.quizzes.webforms import rich
from bibliology.quizzes.webreview import describe
from bibliology.translations.localize import localize
from bibliology.web import N_, LazyText, gettext, html, page_language, ui_language

router = APIRouter(prefix="/teach/quizzes/{quiz_id}", include_in_schema=False)

Reason = Annotated[str, Form(max_length=4000)]
Done = Annotated[Literal["grant", "reset", "override", "remove"] | None, Query()]
_REASON: TypeAdapter[str] = TypeAdapter(Comment)  # the API's comment/reason type: 1–2000 characters


# --------------------------------------------------------------------------------- page heads


def _heading(context: QuizContext, lang: str) -> dict[str, Any]:
    """The quiz and its course's titles in the page's language, with their fallback flags."""
    quiz = localize(lang, context.quiz, ("title",))
    course = localize(lang, context.course, ("title",))
    return {
        "id": context.quiz.id,
        "title": quiz.values["title"],
        "fallback": "title" in quiz.fallback,
        "course_id": context.course.id,
        "course_title": course.values["title"],
        "course_fallback": "title" in course.fallback,
        "max_attempts": context.quiz.max_attempts,
        "passing": context.quiz.passing_score_percentage,
    }


def _question_html(question: PresentedQuestion) -> Markup:
    """A question's text as the student read it, a fill-in-the-blank's gaps numbered as in review."""
    html_text = str(rich(question.text))
    if question.question_type != QuestionType.FILL_BLANK:
        return Markup(html_text)  # noqa: S704 - render_html's output
    return Markup(  # noqa: S704 - render_html's output; the gap's number is escaped
        BLANK.sub(lambda m: f'<span class="quiz-gap">({escape(m.group(1))}) ____</span>', html_text)
    )


def _presented(questions: list[Question], lang: str) -> dict[str, PresentedQuestion]:
    return {
        q.id: present(q, position=i, lang=lang, seed=0, shuffle_options=False)
        for i, q in enumerate(questions)
    }


# ----------------------------------------------------------------------------------- gradebook


@router.get("/gradebook", response_class=HTMLResponse)
def gradebook_page(
    request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: str, pages: Pagination
) -> Response:
    """Every student of the course (and anyone who attempted the quiz): attempts, best and last
    score, passed."""
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    lang = page_language(request)
    book = gradebook.list_students(session, actor=actor, quiz_id=quiz_id, params=pages)
    head = _heading(access.quiz(session, actor, quiz_id, manage=True), lang)
    context = {"quiz": head, "book": book, "pages": pages, "lang": lang}
    return html(request, "quizzes/class/gradebook.html", context)


@dataclass(frozen=True)
class AnswerRow:
    question_id: str
    number: int
    text_html: Markup
    points: int
    points_earned: str
    is_correct: bool
    given: list[str]
    correct: list[str]
    override_points: str | None
    override_comment: str | None


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _answer_rows(book: StudentGradebook, questions: list[Question], lang: str) -> dict[str, list[AnswerRow]]:
    """Each attempt's answers in words (the student's, the correct one) in the attempt's order."""
    by_id = {q.id: q for q in questions}
    shown: dict[str, dict[str, PresentedQuestion]] = {}
    rows: dict[str, list[AnswerRow]] = {}
    for attempt in book.attempts:
        presented = shown.setdefault(attempt.language, _presented(questions, attempt.language))
        rows[attempt.summary.id] = [
            AnswerRow(
                question_id=a.question_id,
                number=a.position + 1,
                text_html=_question_html(presented[a.question_id]),
                points=a.points,
                points_earned=_number(a.points_earned),
                is_correct=a.is_correct,
                given=describe(presented[a.question_id], a.answer_given) if a.answer_given else [],
                correct=describe(
                    presented[a.question_id],
                    correct_answer(by_id[a.question_id], attempt.language),
                    accepted=True,
                ),
                override_points=None if a.override_points is None else _number(a.override_points),
                override_comment=a.override_comment,
            )
            for a in attempt.answers
            if a.question_id in presented
        ]
    return rows


def _student_page(
    request: Request,
    session: Session,
    actor: Actor,
    quiz_id: str,
    student_id: str,
    *,
    done: str | None = None,
    failed: str | None = None,
    errors: FieldErrors | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    lang = page_language(request)
    book = gradebook.student_detail(session, actor=actor, quiz_id=quiz_id, student_id=student_id)
    head = _heading(access.quiz(session, actor, quiz_id, manage=True), lang)
    questions = gradebook.questions_of(session, actor=actor, quiz_id=quiz_id)
    with ui_language(lang):  # answers in words ("True", "Blank 1: …") in the page's language
        answers = _answer_rows(book, questions, lang)
    context = {
        "quiz": head, "book": book, "answers": answers, "done": done,
        "failed": failed, "errors": errors or {}, "values": values or {}, "lang": lang,
        "graded": sum(1 for a in book.attempts if a.summary.status == "graded" and not a.summary.voided),
    }  # fmt: skip
    return html(request, "quizzes/class/student.html", context, status_code=422 if errors else 200)


@router.get("/gradebook/{student_id}", response_class=HTMLResponse)
def student_gradebook_page(
    request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: str, student_id: str, done: Done = None
) -> Response:
    """One student's attempts with every answer, and the teacher's forms."""
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    return _student_page(request, session, actor, quiz_id, student_id, done=done)


def _reason(value: str) -> str | None:
    try:
        return _REASON.validate_python(value)
    except ValidationError:
        return None


REASON_MISSING = N_("Say why (1 to 2,000 characters): it is kept in the activity log.")


@router.post("/gradebook/{student_id}/grants")
def grant_form(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    quiz_id: str,
    student_id: str,
    reason: Reason = "",
    extra_attempts: Annotated[str, Form(max_length=10)] = "1",
) -> Response:
    """More attempts for one student, with the reason."""
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    values = {"reason": reason, "extra_attempts": extra_attempts}
    amount = extra_attempts.strip()
    try:  # a form's text becomes a number only when it is one; the API's model refuses the rest
        body = GrantCreate.model_validate(
            {"extra_attempts": int(amount) if amount.isdigit() else amount, "reason": reason}
        )
    except ValidationError as error:
        errors = field_errors(error)
        if "extra_attempts" in errors:
            errors["extra_attempts"] = LazyText(N_("A whole number from 1 to 100."))
        if "reason" in errors:
            errors["reason"] = LazyText(REASON_MISSING)
        return _student_page(
            request, session, actor, quiz_id, student_id, failed="grant", errors=errors, values=values
        )
    interventions.grant_attempts(
        session,
        actor=actor,
        quiz_id=quiz_id,
        student_id=student_id,
        extra_attempts=body.extra_attempts,
        reason=body.reason,
        request=request,
    )
    return see_other(f"/teach/quizzes/{quiz_id}/gradebook/{student_id}", done="grant")


@router.post("/gradebook/{student_id}/reset")
def reset_form(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    quiz_id: str,
    student_id: str,
    reason: Reason = "",
    confirm: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Void the student's graded attempts (they stay on record), once the teacher confirmed it."""
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    checked = _reason(reason)
    errors: FieldErrors = {}
    if checked is None:
        errors["reason"] = LazyText(REASON_MISSING)
    if confirm != "yes":
        errors["confirm"] = LazyText(N_("Tick this box to confirm the reset."))
    if errors:
        return _student_page(
            request,
            session,
            actor,
            quiz_id,
            student_id,
            failed="reset",
            errors=errors,
            values={"reason": reason},
        )
    interventions.reset_attempts(
        session,
        actor=actor,
        quiz_id=quiz_id,
        student_id=student_id,
        now=server_now(),
        reason=checked,
        request=request,
    )
    return see_other(f"/teach/quizzes/{quiz_id}/gradebook/{student_id}", done="reset")


def _points(value: str) -> Decimal | str:
    """A form's points ("1.5" or "1,5") as a number for the API's model; else the text as typed,
    which the model refuses."""
    try:
        return Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        return value


@router.post("/gradebook/{student_id}/attempts/{attempt_id}/answers/{question_id}/override")
def override_form(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    quiz_id: str,
    student_id: str,
    attempt_id: str,
    question_id: str,
    points: Annotated[str, Form(max_length=20)] = "",
    comment: Reason = "",
) -> Response:
    """Replace the grader's points for one answer; the comment is the reason (the student sees it)."""
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    key = f"override-{attempt_id}-{question_id}"
    values = {"points": points, "comment": comment}
    try:
        body = OverrideSet.model_validate({"points": _points(points), "comment": comment})
    except ValidationError as error:
        errors = field_errors(error)
        if "comment" in errors:
            errors["comment"] = LazyText(REASON_MISSING)
        if "points" in errors:
            errors["points"] = LazyText(N_("A number of points from 0, such as 1 or 0.5."))
        return _student_page(
            request, session, actor, quiz_id, student_id, failed=key, errors=errors, values=values
        )
    _ensure_attempt_of(session, actor, quiz_id, student_id, attempt_id)
    try:
        interventions.override_grade(
            session,
            actor=actor,
            submission_id=attempt_id,
            question_id=question_id,
            points=body.points,
            comment=body.comment,
            now=server_now(),
            request=request,
        )
    except DomainError as error:
        if error.status != 422:
            raise
        return _student_page(
            request,
            session,
            actor,
            quiz_id,
            student_id,
            failed=key,
            errors=domain_field_errors(error),
            values=values,
        )
    return see_other(f"/teach/quizzes/{quiz_id}/gradebook/{student_id}", done="override")


@router.post("/gradebook/{student_id}/attempts/{attempt_id}/answers/{question_id}/override/delete")
def remove_override_form(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    quiz_id: str,
    student_id: str,
    attempt_id: str,
    question_id: str,
    reason: Reason = "",
) -> Response:
    """Back to the grader's own points, with the reason for the activity log."""
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    checked = _reason(reason)
    if checked is None:
        return _student_page(
            request,
            session,
            actor,
            quiz_id,
            student_id,
            failed=f"remove-{attempt_id}-{question_id}",
            errors={"reason": LazyText(REASON_MISSING)},
            values={"reason": reason},
        )
    _ensure_attempt_of(session, actor, quiz_id, student_id, attempt_id)
    interventions.override_grade(
        session,
        actor=actor,
        submission_id=attempt_id,
        question_id=question_id,
        points=None,
        comment=None,
        now=server_now(),
        reason=checked,
        request=request,
    )
    return see_other(f"/teach/quizzes/{quiz_id}/gradebook/{student_id}", done="remove")


def _ensure_attempt_of(
    session: Session, actor: Actor, quiz_id: str, student_id: str, attempt_id: str
) -> None:
    """The page's URL names the quiz and the student: the attempt must be theirs (else 404), so a
    form cannot change an attempt the page does not show."""
    book = gradebook.student_detail(session, actor=actor, quiz_id=quiz_id, student_id=student_id)
    if attempt_id not in {a.summary.id for a in book.attempts}:
        raise NotFound("no such attempt of this student on this quiz")


# ---------------------------------------------------------------------------------- statistics


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _signed(value: float) -> str:
    return f"{value:+.2f}".replace("+0.00", "0.00")


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request, session: SessionDep, auth: MaybeAuth, quiz_id: str) -> Response:
    """Attempts, average, pass rate; the score histogram; per question its difficulty (share
    correct), discrimination and most chosen wrong answers — each chart with its table."""
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    lang = page_language(request)
    report = stats.quiz_report(session, actor=actor, quiz_id=quiz_id)
    head = _heading(access.quiz(session, actor, quiz_id, manage=True), lang)
    questions = gradebook.questions_of(session, actor=actor, quiz_id=quiz_id)
    presented = _presented(questions, lang)
    with ui_language(lang):  # the charts' words, written here, in the page's language
        bands = [f"{10 * i}–{10 * i + 9}" for i in range(stats.BANDS - 1)] + ["90–100"]
        numbers = {
            q.question_id: gettext("Q%(n)s") % {"n": q.question_order + 1} for q in report.stats.questions
        }
        histogram = charts.histogram(
            "chart-scores",
            title=gettext("Score distribution"),
            desc=gettext("Graded attempts per band of 10 points: %(bands)s.")
            % {"bands": "; ".join(f"{b}: {n}" for b, n in zip(bands, report.distribution, strict=True))},
            counts=report.distribution,
            labels=bands,
            x_label=gettext("Score (%)"),
            y_label=gettext("Attempts"),
        )
        difficulty = charts.bars(
            "chart-difficulty",
            title=gettext("Difficulty: share of answers correct, per question"),
            desc="; ".join(
                f"{numbers[q.question_id]}: "
                + (gettext("no answer") if q.share_correct is None else _percent(q.share_correct))
                for q in report.stats.questions
            ),
            rows=[charts.Bar(numbers[q.question_id], q.share_correct) for q in report.stats.questions],
            low=0.0,
            high=1.0,
            ticks=[0.0, 0.25, 0.5, 0.75, 1.0],
            value_text=_percent,
            missing=gettext("no answer"),
            x_label=gettext("Answers correct (%)"),
        )
        discrimination = charts.bars(
            "chart-discrimination",
            title=gettext("Discrimination per question"),
            desc="; ".join(
                f"{numbers[q.question_id]}: "
                + (
                    gettext("too few answers")
                    if report.discrimination.get(q.question_id) is None
                    else _signed(report.discrimination[q.question_id] or 0.0)
                )
                for q in report.stats.questions
            ),
            rows=[
                charts.Bar(numbers[q.question_id], report.discrimination.get(q.question_id))
                for q in report.stats.questions
            ],
            low=-1.0,
            high=1.0,
            ticks=[-1.0, -0.5, 0.0, 0.5, 1.0],
            value_text=_signed,
            missing=gettext("too few answers"),
            x_label=gettext("Correlation with the rest of the quiz (−1 to 1)"),
        )
        wrong = {
            qid: [(", ".join(describe(presented[qid], w.answer)) or "—", w.count) for w in found]
            for qid, found in report.wrong.items()
            if qid in presented
        }
    context = {
        "quiz": head, "report": report, "bands": bands, "numbers": numbers, "presented": presented,
        "wrong": wrong, "histogram": histogram, "difficulty": difficulty, "discrimination": discrimination,
        "signed": _signed, "percent": _percent, "min_answers": stats.MIN_FOR_DISCRIMINATION, "lang": lang,
        "texts": {qid: _question_html(p) for qid, p in presented.items()},
    }  # fmt: skip
    return html(request, "quizzes/class/stats.html", context)
