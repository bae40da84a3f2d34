"""Courses over JSON: the catalogue, reads in the reader's language, authoring reads in both, and
the authoring writes (docs/authoring.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from bibliology.accounts.deps import CurrentActor
from bibliology.courses import lifecycle, service, vocabulary
from bibliology.courses.schemas import (
    Category,
    CourseAuthoring,
    CourseCreate,
    CourseRead,
    CourseSummary,
    CourseUpdate,
    Difficulty,
    TeacherAssign,
    VocabularyRead,
    VocabularyTerm,
)
from bibliology.deps import SessionDep
from bibliology.enums import LessonStatus
from bibliology.pagination import Page, Pagination
from bibliology.translations.deps import ReaderLanguage

router = APIRouter(prefix="/api/v1", tags=["courses"])


@router.get("/vocabulary")
def read_vocabulary(lang: ReaderLanguage) -> VocabularyRead:
    """Allowed course categories and difficulties, with labels in both languages."""

    def terms(kind: tuple[vocabulary.Term, ...]) -> list[VocabularyTerm]:
        return [
            VocabularyTerm(value=t.value, label=t.label(lang), label_en=t.label_en, label_fr=t.label_fr)
            for t in kind
        ]

    return VocabularyRead(
        lang=lang, categories=terms(vocabulary.CATEGORIES), difficulties=terms(vocabulary.DIFFICULTIES)
    )


@router.get("/courses")
def list_catalogue(
    session: SessionDep,
    lang: ReaderLanguage,
    pages: Pagination,
    category: Annotated[Category | None, Query()] = None,
    difficulty: Annotated[Difficulty | None, Query()] = None,
    tag: Annotated[str | None, Query(max_length=40)] = None,
) -> Page[CourseSummary]:
    """Published courses, newest first (archived courses have left the catalogue)."""
    return service.catalogue(
        session, lang=lang, params=pages, category=category, difficulty=difficulty, tag=tag
    )


@router.get("/courses/managed")
def list_managed(
    session: SessionDep,
    actor: CurrentActor,
    lang: ReaderLanguage,
    pages: Pagination,
    status: Annotated[LessonStatus | None, Query()] = None,
) -> Page[CourseSummary]:
    """The courses you teach, in every status (admins: all courses)."""
    return service.managed(session, actor=actor, lang=lang, params=pages, status=status)


@router.post("/courses", status_code=status.HTTP_201_CREATED)
def create_course(
    session: SessionDep, actor: CurrentActor, data: CourseCreate, request: Request
) -> CourseAuthoring:
    """A draft course owned by you; its slug is made from the English title."""
    course = service.create(session, actor=actor, data=data, request=request)
    return service.read_authoring(session, actor=actor, course_id=course.id)


@router.get("/courses/{course_id}")
def read_course(session: SessionDep, actor: CurrentActor, lang: ReaderLanguage, course_id: str) -> CourseRead:
    """The course and the lessons you may see, in your language (`fallback` names English stand-ins)."""
    return service.read(session, actor=actor, course_id=course_id, lang=lang)


@router.get("/courses/{course_id}/authoring")
def read_course_authoring(session: SessionDep, actor: CurrentActor, course_id: str) -> CourseAuthoring:
    """Both languages of the course and of all its lessons, for its teacher and admins."""
    return service.read_authoring(session, actor=actor, course_id=course_id)


@router.patch("/courses/{course_id}")
def update_course(
    session: SessionDep, actor: CurrentActor, course_id: str, data: CourseUpdate, request: Request
) -> CourseAuthoring:
    service.update(session, actor=actor, course_id=course_id, data=data, request=request)
    return service.read_authoring(session, actor=actor, course_id=course_id)


@router.put("/courses/{course_id}/teacher")
def assign_teacher(
    session: SessionDep, actor: CurrentActor, course_id: str, data: TeacherAssign, request: Request
) -> CourseAuthoring:
    """Admins: give the course to another teacher."""
    service.assign_teacher(
        session, actor=actor, course_id=course_id, teacher_id=data.teacher_id, request=request
    )
    return service.read_authoring(session, actor=actor, course_id=course_id)


def _change(
    session: SessionDep, actor: CurrentActor, course_id: str, request: Request, change: lifecycle.Change
) -> CourseAuthoring:
    lifecycle.change_status(session, actor=actor, course_id=course_id, change=change, request=request)
    return service.read_authoring(session, actor=actor, course_id=course_id)


@router.post("/courses/{course_id}/publish")
def publish_course(
    session: SessionDep, actor: CurrentActor, course_id: str, request: Request
) -> CourseAuthoring:
    """Into the catalogue; `published_at` is set the first time."""
    return _change(session, actor, course_id, request, "publish")


@router.post("/courses/{course_id}/archive")
def archive_course(
    session: SessionDep, actor: CurrentActor, course_id: str, request: Request
) -> CourseAuthoring:
    """Out of the catalogue and read-only; enrolled students keep reading it, with their progress."""
    return _change(session, actor, course_id, request, "archive")


@router.post("/courses/{course_id}/restore")
def restore_course(
    session: SessionDep, actor: CurrentActor, course_id: str, request: Request
) -> CourseAuthoring:
    """Back to published if it ever was, else to draft."""
    return _change(session, actor, course_id, request, "restore")


@router.delete("/courses/{course_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_course(session: SessionDep, actor: CurrentActor, course_id: str, request: Request) -> Response:
    """Only a draft nobody is enrolled in; archive anything else."""
    lifecycle.delete(session, actor=actor, course_id=course_id, request=request)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
