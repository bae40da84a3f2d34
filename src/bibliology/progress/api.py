"""The learning loop over JSON (docs/learning.md): enrolment, progress events, notes, the design's
query patterns 1–4 and the teacher's views. The pattern reads are JSON documents PostgreSQL builds;
they are returned as they are (their shapes are the *Read models in progress/schemas.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import JSONResponse

from bibliology.accounts.deps import CurrentActor, LoggedIn
from bibliology.cache import Cache
from bibliology.deps import SessionDep, read_only
from bibliology.enums import EnrollmentStatus
from bibliology.pagination import Page, Pagination
from bibliology.progress import enrollment, events, notes
from bibliology.progress.schemas import (
    CourseOutlineRead,
    DashboardRead,
    EnrollmentRead,
    NoteCreate,
    NoteRead,
    NoteUpdate,
    ProgressEventCreate,
    ProgressEventResult,
    QuizResultPage,
    RosterPage,
    StudentLessonTree,
    StudentProgressPage,
    TeacherLessonTree,
)
from bibliology.queries import course_outline, dashboard, lesson_tree, quiz_results, roster
from bibliology.translations.deps import ReaderLanguage

router = APIRouter(prefix="/api/v1", tags=["learning"])


async def app_cache(request: Request) -> Cache:
    cache: Cache = request.app.state.cache
    return cache


AppCache = Annotated[Cache, Depends(app_cache)]
RosterSort = Annotated[
    str,
    Query(
        max_length=20,
        description="name, email, progress, last_accessed, enrolled, status; '-' for descending",
    ),
]
LessonSort = Annotated[
    str, Query(max_length=20, description="order, status, time_spent, completed; '-' for descending")
]


def _document(body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body)


def _json(document: bytes) -> Response:
    """A document PostgreSQL (or the cache) wrote as JSON, sent without parsing it again."""
    return Response(document, media_type="application/json")


# ---------------------------------------------------------------------------------- enrolment


@router.post("/courses/{course_id}/enrollment", responses={201: {"model": EnrollmentRead}})
def enrol(session: SessionDep, actor: LoggedIn, course_id: str, response: Response) -> EnrollmentRead:
    """Join a published course (201), or come back after leaving it (201); 200 when already enrolled.
    Progress made before leaving is kept."""
    read, changed = enrollment.enrol(session, actor=actor, course_id=course_id)
    response.status_code = status.HTTP_201_CREATED if changed else status.HTTP_200_OK
    return read


@router.get("/courses/{course_id}/enrollment")
def read_enrollment(session: SessionDep, actor: LoggedIn, course_id: str) -> EnrollmentRead:
    return enrollment.get_own(session, actor=actor, course_id=course_id)


@router.delete("/courses/{course_id}/enrollment")
def drop(session: SessionDep, actor: LoggedIn, course_id: str) -> EnrollmentRead:
    """Leave the course (status DROPPED); your progress is kept for a later re-enrolment."""
    return enrollment.drop(session, actor=actor, course_id=course_id)


# ------------------------------------------------------------------------------------ progress


@router.post("/progress/events")
def record_progress(session: SessionDep, actor: LoggedIn, data: ProgressEventCreate) -> ProgressEventResult:
    """You are on `slide_id` and spent `seconds` since the last event (at most 300 are counted).
    Sending the same `client_event_id` again changes nothing (`replayed` is then true)."""
    return events.record_event(
        session,
        actor=actor,
        lesson_id=data.lesson_id,
        slide_id=data.slide_id,
        seconds=data.seconds,
        client_event_id=data.client_event_id,
    )


# --------------------------------------------------------------------------------------- notes


@router.get("/lessons/{lesson_id}/notes")
def list_notes(session: SessionDep, actor: LoggedIn, lesson_id: str, pages: Pagination) -> Page[NoteRead]:
    """Your notes on the lesson, in slide order."""
    return notes.list_for_lesson(session, actor=actor, lesson_id=lesson_id, pages=pages)


@router.post("/lessons/{lesson_id}/notes", status_code=status.HTTP_201_CREATED)
def create_note(session: SessionDep, actor: LoggedIn, lesson_id: str, data: NoteCreate) -> NoteRead:
    return notes.create(
        session, actor=actor, lesson_id=lesson_id, slide_id=data.slide_id, note_text=data.note_text
    )


@router.patch("/notes/{note_id}")
def update_note(session: SessionDep, actor: LoggedIn, note_id: str, data: NoteUpdate) -> NoteRead:
    changes = data.model_dump(exclude_unset=True)
    return notes.update(
        session,
        actor=actor,
        note_id=note_id,
        note_text=changes.get("note_text"),
        slide_id=changes.get("slide_id"),
    )


@router.delete("/notes/{note_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_note(session: SessionDep, actor: LoggedIn, note_id: str) -> Response:
    notes.delete(session, actor=actor, note_id=note_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------------- the design's patterns 1–4


@router.get("/courses/{course_id}/outline", responses={200: {"model": CourseOutlineRead}})
@read_only
def read_outline(
    session: SessionDep, actor: CurrentActor, lang: ReaderLanguage, cache: AppCache, course_id: str
) -> Response:
    """The course and its published lessons in order, with your enrollment and progress on each."""
    return _json(
        course_outline.course_outline_json(session, actor=actor, course_id=course_id, lang=lang, cache=cache)
    )


@router.get(
    "/lessons/{lesson_id}/tree",
    responses={200: {"model": StudentLessonTree | TeacherLessonTree}},
)
@read_only
def read_tree(
    session: SessionDep, actor: CurrentActor, lang: ReaderLanguage, cache: AppCache, lesson_id: str
) -> Response:
    """Slides, blocks and quizzes in order. Students get quiz summaries (questions come with an
    attempt); the course's teacher gets the questions in full and the speaker notes."""
    return _json(
        lesson_tree.lesson_tree_json(session, actor=actor, lesson_id=lesson_id, lang=lang, cache=cache)
    )


@router.get("/me/dashboard", responses={200: {"model": DashboardRead}})
@read_only
def read_dashboard(session: SessionDep, actor: LoggedIn, lang: ReaderLanguage) -> Response:
    """Your active courses by last access (with the lesson to resume), last certificates and quiz
    results."""
    assert actor.user_id is not None
    return _json(dashboard.student_dashboard_json(session, actor=actor, student_id=actor.user_id, lang=lang))


@router.get("/me/quiz-results", responses={200: {"model": QuizResultPage}})
@read_only
def read_my_results(
    session: SessionDep, actor: LoggedIn, lang: ReaderLanguage, pages: Pagination
) -> Response:
    """Your submitted quiz results, newest first, with your answers where the quiz allows review."""
    assert actor.user_id is not None
    return _json(
        quiz_results.quiz_results_json(session, actor=actor, student_id=actor.user_id, lang=lang, pages=pages)
    )


# --------------------------------------------------------------------------------- teacher views


@router.get("/courses/{course_id}/roster", responses={200: {"model": RosterPage}})
@read_only
def read_roster(
    session: SessionDep,
    actor: LoggedIn,
    course_id: str,
    pages: Pagination,
    sort: RosterSort = "name",
    enrollment_status: Annotated[EnrollmentStatus | None, Query(alias="status")] = None,
    q: Annotated[str | None, Query(max_length=100, description="part of a student's name or e-mail")] = None,
) -> JSONResponse:
    """The course's students with their progress, last access and quiz results (its teacher, admins)."""
    return _document(
        roster.course_roster(
            session, actor=actor, course_id=course_id, pages=pages, sort=sort, status=enrollment_status, q=q
        )
    )


@router.get(
    "/courses/{course_id}/students/{student_id}/progress", responses={200: {"model": StudentProgressPage}}
)
@read_only
def read_student_progress(
    session: SessionDep,
    actor: LoggedIn,
    lang: ReaderLanguage,
    course_id: str,
    student_id: str,
    pages: Pagination,
    sort: LessonSort = "order",
) -> JSONResponse:
    """One student's progress lesson by lesson, with their quiz results per lesson."""
    return _document(
        roster.student_progress(
            session,
            actor=actor,
            course_id=course_id,
            student_id=student_id,
            lang=lang,
            pages=pages,
            sort=sort,
        )
    )


@router.get(
    "/courses/{course_id}/students/{student_id}/quiz-results", responses={200: {"model": QuizResultPage}}
)
@read_only
def read_student_results(
    session: SessionDep,
    actor: LoggedIn,
    lang: ReaderLanguage,
    course_id: str,
    student_id: str,
    pages: Pagination,
) -> Response:
    """A student's submitted results on this course's quizzes, with their answers."""
    return _json(
        quiz_results.quiz_results_json(
            session, actor=actor, student_id=student_id, lang=lang, pages=pages, course_id=course_id
        )
    )
