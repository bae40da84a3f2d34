"""Lessons over JSON: the lesson tree (the learning loop's, under the lesson's own URL), the authoring
read, writes, moves and life cycle.
Slides and blocks: lessons/content_api.py (included here). Positions are 0-based."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from bibliology.accounts.deps import CurrentActor
from bibliology.courses.lifecycle import Change
from bibliology.deps import SessionDep
from bibliology.lessons import lifecycle, service, tree
from bibliology.lessons.content_api import router as content_router
from bibliology.lessons.schemas import LessonAuthoring, LessonCreate, LessonUpdate, MoveTo
from bibliology.progress.api import read_tree
from bibliology.progress.schemas import StudentLessonTree, TeacherLessonTree

router = APIRouter(prefix="/api/v1", tags=["lessons"])


@router.post("/courses/{course_id}/lessons", status_code=status.HTTP_201_CREATED)
def create_lesson(
    session: SessionDep, actor: CurrentActor, course_id: str, data: LessonCreate, request: Request
) -> LessonAuthoring:
    """A draft lesson at `position` (default: last)."""
    lesson = service.create(session, actor=actor, course_id=course_id, data=data, request=request)
    return tree.read_authoring(session, actor=actor, lesson_id=lesson.id)


# The lesson's URL answers the lesson tree (`GET /lessons/{id}/tree`) itself: the same handler, so
# the same document per audience, cache and read-only pool (docs/api.md "Reading a lesson").
router.add_api_route(
    "/lessons/{lesson_id}",
    read_tree,
    methods=["GET"],
    name="read_lesson",
    responses={200: {"model": StudentLessonTree | TeacherLessonTree}},
    description="The lesson tree, exactly as `GET /api/v1/lessons/{lesson_id}/tree` answers it.",
)


@router.get("/lessons/{lesson_id}/authoring")
def read_lesson_authoring(session: SessionDep, actor: CurrentActor, lesson_id: str) -> LessonAuthoring:
    """Both languages of everything in the lesson, with teacher notes."""
    return tree.read_authoring(session, actor=actor, lesson_id=lesson_id)


@router.patch("/lessons/{lesson_id}")
def update_lesson(
    session: SessionDep, actor: CurrentActor, lesson_id: str, data: LessonUpdate, request: Request
) -> LessonAuthoring:
    service.update(session, actor=actor, lesson_id=lesson_id, data=data, request=request)
    return tree.read_authoring(session, actor=actor, lesson_id=lesson_id)


@router.post("/lessons/{lesson_id}/move")
def move_lesson(
    session: SessionDep, actor: CurrentActor, lesson_id: str, data: MoveTo, request: Request
) -> LessonAuthoring:
    service.move(session, actor=actor, lesson_id=lesson_id, position=data.position, request=request)
    return tree.read_authoring(session, actor=actor, lesson_id=lesson_id)


def _change(
    session: SessionDep, actor: CurrentActor, lesson_id: str, request: Request, change: Change
) -> LessonAuthoring:
    lifecycle.change_status(session, actor=actor, lesson_id=lesson_id, change=change, request=request)
    return tree.read_authoring(session, actor=actor, lesson_id=lesson_id)


@router.post("/lessons/{lesson_id}/publish")
def publish_lesson(
    session: SessionDep, actor: CurrentActor, lesson_id: str, request: Request
) -> LessonAuthoring:
    return _change(session, actor, lesson_id, request, "publish")


@router.post("/lessons/{lesson_id}/archive")
def archive_lesson(
    session: SessionDep, actor: CurrentActor, lesson_id: str, request: Request
) -> LessonAuthoring:
    return _change(session, actor, lesson_id, request, "archive")


@router.post("/lessons/{lesson_id}/restore")
def restore_lesson(
    session: SessionDep, actor: CurrentActor, lesson_id: str, request: Request
) -> LessonAuthoring:
    return _change(session, actor, lesson_id, request, "restore")


@router.delete("/lessons/{lesson_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_lesson(session: SessionDep, actor: CurrentActor, lesson_id: str, request: Request) -> Response:
    """Only a draft no student has records on; archive anything else."""
    lifecycle.delete(session, actor=actor, lesson_id=lesson_id, request=request)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


router.include_router(content_router)
