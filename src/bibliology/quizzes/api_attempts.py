"""Student routes: a quiz's rules and my attempts, starting, saving answers, submitting."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from bibliology.accounts.deps import CurrentActor, LoggedIn
from bibliology.deps import SessionDep
from bibliology.errors import Conflict
from bibliology.http import error_response
from bibliology.quizzes import attempts, overview
from bibliology.quizzes.attempts import Outcome, server_now
from bibliology.quizzes.presentation import attempt_view
from bibliology.quizzes.schemas import AnswersSave, AttemptSubmit, AttemptView, QuizOverview
from bibliology.translations.deps import ReaderLanguage

router = APIRouter(prefix="/api/v1", tags=["quizzes"])

LATE = "the time limit has passed: these answers were not saved, and the attempt was graded with the answers saved before it"


def _view(session: SessionDep, outcome: Outcome, request: Request) -> AttemptView | Response:
    now = server_now()
    if outcome.refused:
        # The closing and grading must commit, so the refusal is answered, not raised.
        return error_response(request, Conflict(LATE))
    return attempt_view(session, submission=outcome.submission, quiz=outcome.context.quiz, now=now)


@router.get("/quizzes/{quiz_id}")
def read_quiz(session: SessionDep, actor: CurrentActor, lang: ReaderLanguage, quiz_id: str) -> QuizOverview:
    """The scoring rules, the number of questions and points, and (logged in) your attempts and
    how many are left. Never the questions: they come with an attempt."""
    return overview.quiz_overview(session, actor=actor, quiz_id=quiz_id, lang=lang, now=server_now())


@router.post("/quizzes/{quiz_id}/attempts", response_model=AttemptView, status_code=status.HTTP_201_CREATED)
def start_attempt(
    session: SessionDep,
    actor: LoggedIn,
    lang: ReaderLanguage,
    quiz_id: str,
    response: Response,
    request: Request,
) -> AttemptView | Response:
    """Your open attempt (200), or a new one (201) in your language. 409 without attempts left."""
    outcome, created = attempts.start_attempt(
        session, actor=actor, quiz_id=quiz_id, lang=lang, now=server_now()
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return _view(session, outcome, request)


@router.get("/attempts/{attempt_id}", response_model=AttemptView)
def read_attempt(
    session: SessionDep, actor: LoggedIn, attempt_id: str, request: Request
) -> AttemptView | Response:
    """Open: questions in your order, saved answers, time left. Graded: the result and the review the
    quiz allows. An attempt past its deadline is graded on this read."""
    outcome = attempts.view_attempt(session, actor=actor, submission_id=attempt_id, now=server_now())
    return _view(session, outcome, request)


@router.put("/attempts/{attempt_id}/answers", response_model=AttemptView)
def save_answers(
    session: SessionDep, actor: LoggedIn, attempt_id: str, data: AnswersSave, request: Request
) -> AttemptView | Response:
    """Save answers by question id (`null` clears one). After the deadline: 409, and the attempt is
    graded with what was saved in time."""
    outcome = attempts.save_answers(
        session, actor=actor, submission_id=attempt_id, given=data.answers, now=server_now()
    )
    return _view(session, outcome, request)


@router.post("/attempts/{attempt_id}/submit", response_model=AttemptView)
def submit_attempt(
    session: SessionDep,
    actor: LoggedIn,
    attempt_id: str,
    request: Request,
    data: AttemptSubmit | None = None,
) -> AttemptView | Response:
    """Grade the attempt (with `answers` saved first, if sent). A repeated submit returns the stored
    result; answers sent after the deadline are refused (409) and the saved ones graded."""
    outcome = attempts.submit_attempt(
        session,
        actor=actor,
        submission_id=attempt_id,
        now=server_now(),
        given=data.answers if data is not None else None,
    )
    return _view(session, outcome, request)
