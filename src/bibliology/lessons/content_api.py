"""Slides and content blocks over JSON (authoring only: readers get them in the lesson tree)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from bibliology.accounts.deps import CurrentActor
from bibliology.deps import SessionDep
from bibliology.lessons import blocks, slides, tree
from bibliology.lessons.schemas import (
    BlockAuthoring,
    BlockCreate,
    BlockUpdate,
    MoveTo,
    SlideAuthoring,
    SlideCreate,
    SlideUpdate,
)

router = APIRouter()


@router.post("/lessons/{lesson_id}/slides", status_code=status.HTTP_201_CREATED)
def create_slide(
    session: SessionDep, actor: CurrentActor, lesson_id: str, data: SlideCreate, request: Request
) -> SlideAuthoring:
    """A slide at `position` (default: last); students on later slides stay on theirs."""
    slide = slides.create(session, actor=actor, lesson_id=lesson_id, data=data, request=request)
    return tree.slide_authoring(slide, [])


@router.patch("/slides/{slide_id}")
def update_slide(
    session: SessionDep, actor: CurrentActor, slide_id: str, data: SlideUpdate, request: Request
) -> SlideAuthoring:
    slide = slides.update(session, actor=actor, slide_id=slide_id, data=data, request=request)
    return tree.read_slide_authoring(session, slide)


@router.post("/slides/{slide_id}/move")
def move_slide(
    session: SessionDep, actor: CurrentActor, slide_id: str, data: MoveTo, request: Request
) -> SlideAuthoring:
    slide = slides.move(session, actor=actor, slide_id=slide_id, position=data.position, request=request)
    return tree.read_slide_authoring(session, slide)


@router.delete("/slides/{slide_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_slide(session: SessionDep, actor: CurrentActor, slide_id: str, request: Request) -> Response:
    """Students on it move to the slide that takes its place; their notes stay on the lesson."""
    slides.delete(session, actor=actor, slide_id=slide_id, request=request)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/slides/{slide_id}/blocks", status_code=status.HTTP_201_CREATED)
def create_block(
    session: SessionDep, actor: CurrentActor, slide_id: str, data: BlockCreate, request: Request
) -> BlockAuthoring:
    """A block at `position` (default: last); content as in docs/content-model.md."""
    block = blocks.create(session, actor=actor, slide_id=slide_id, data=data, request=request)
    return tree.block_authoring(block)


@router.patch("/blocks/{block_id}")
def update_block(
    session: SessionDep, actor: CurrentActor, block_id: str, data: BlockUpdate, request: Request
) -> BlockAuthoring:
    return tree.block_authoring(
        blocks.update(session, actor=actor, block_id=block_id, data=data, request=request)
    )


@router.post("/blocks/{block_id}/move")
def move_block(
    session: SessionDep, actor: CurrentActor, block_id: str, data: MoveTo, request: Request
) -> BlockAuthoring:
    block = blocks.move(session, actor=actor, block_id=block_id, position=data.position, request=request)
    return tree.block_authoring(block)


@router.delete("/blocks/{block_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_block(session: SessionDep, actor: CurrentActor, block_id: str, request: Request) -> Response:
    blocks.delete(session, actor=actor, block_id=block_id, request=request)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
