"""The translation workspace pages: a course's or a lesson's French that is missing or stale, with
the English beside it, a form per field (saved through the entity's authoring service) and "Mark
reviewed" for French still right after its English changed (translations.service.mark_reviewed,
as POST /api/v1/translations/reviewed does)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from bibliology.content.blocks import RICH_TEXT_MAX
from bibliology.deps import SessionDep
from bibliology.errors import DomainError
from bibliology.pages import FieldErrors, MaybeAuth, domain_field_errors, field_errors, page_actor, see_other
from bibliology.policy import Actor
from bibliology.translations import service, workspace
from bibliology.web import html

router = APIRouter(include_in_schema=False)

Scope = Literal["course", "lesson"]
EntityType = Literal["course", "lesson", "slide", "content_block"]
Done = Annotated[Literal["saved", "reviewed"] | None, Query()]


def _page(
    request: Request,
    session: Session,
    actor: Actor,
    scope: str,
    scope_id: str,
    *,
    done: str | None = None,
    failed: tuple[str, FieldErrors, dict[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    if scope == "course":
        found = workspace.for_course(session, actor=actor, course_id=scope_id)
    else:
        found = workspace.for_lesson(session, actor=actor, lesson_id=scope_id)
    general = None
    if failed is not None:
        key, errors, typed = failed
        item = found.item(key)
        if item is None:  # the field is no longer listed (saved meanwhile): say why at the top
            general = errors.get("__all__") or next(iter(errors.values()), None)
        else:
            item.errors, item.typed = errors, typed
    context = {"ws": found, "done": done, "general_error": general}
    return html(request, "translations/workspace.html", context, status_code=status_code)


@router.get("/teach/courses/{course_id}/translations", response_class=HTMLResponse)
def course_translations(
    request: Request, session: SessionDep, auth: MaybeAuth, course_id: str, done: Done = None
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    return _page(request, session, actor, "course", course_id, done=done)


@router.get("/teach/lessons/{lesson_id}/translations", response_class=HTMLResponse)
def lesson_translations(
    request: Request, session: SessionDep, auth: MaybeAuth, lesson_id: str, done: Done = None
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    return _page(request, session, actor, "lesson", lesson_id, done=done)


def _back(scope: str, scope_id: str) -> str:
    return f"/teach/{'courses' if scope == 'course' else 'lessons'}/{scope_id}/translations"


async def typed_texts(request: Request) -> dict[str, str]:
    """The form's texts: `value`, or the `content.…` inputs of a block (their names are paths)."""
    form = await request.form()
    return {
        name: value[: RICH_TEXT_MAX + 1]
        for name, value in form.items()
        if isinstance(value, str) and (name == workspace.PLAIN or name.startswith("content"))
    }


@router.post("/teach/translations/{entity_type}/{entity_id}/{field}")
def save_translation(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    entity_type: EntityType,
    entity_id: str,
    field: str,
    scope: Annotated[Scope, Form()],
    scope_id: Annotated[str, Form(max_length=64)],
    typed: Annotated[dict[str, str], Depends(typed_texts)],
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    try:
        workspace.save(
            session,
            actor=actor,
            entity_type=entity_type,
            entity_id=entity_id,
            path=field,
            typed=typed,
            request=request,
        )
    except (DomainError, ValidationError) as error:
        if isinstance(error, DomainError) and error.status != 422:
            raise
        if isinstance(error, ValidationError):  # a title or notes the API's model refuses
            errors = {workspace.PLAIN: next(iter(field_errors(error).values()))}
        else:
            errors = domain_field_errors(error)
        failed = (f"{entity_type}/{entity_id}/{field}", errors, typed)
        return _page(request, session, actor, scope, scope_id, failed=failed, status_code=422)
    return see_other(_back(scope, scope_id), done="saved")


@router.post("/teach/translations/{entity_type}/{entity_id}/{field}/reviewed")
def mark_reviewed(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    entity_type: EntityType,
    entity_id: str,
    field: str,
    scope: Annotated[Scope, Form()],
    scope_id: Annotated[str, Form(max_length=64)],
) -> Response:
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    service.mark_reviewed(
        session, actor=actor, entity_type=entity_type, entity_id=entity_id, field=field, request=request
    )
    return see_other(_back(scope, scope_id), done="reviewed")
