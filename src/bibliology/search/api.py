"""Search over JSON: `GET /api/v1/search?q=…&lang=…&course=…&page=…` (docs/search.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from bibliology.accounts.deps import CurrentActor
from bibliology.deps import SessionDep, read_only
from bibliology.search import service
from bibliology.search.schemas import SearchHit, SearchPage
from bibliology.translations.deps import ReaderLanguage

router = APIRouter(prefix="/api/v1", tags=["search"])


@router.get("/search")
@read_only
def search(
    session: SessionDep,
    actor: CurrentActor,
    lang: ReaderLanguage,
    q: Annotated[
        str, Query(max_length=4096, description='words, "a phrase", a reference (Jean 3,16), or both')
    ],
    course: Annotated[str | None, Query(max_length=200, description="a course id or slug")] = None,
    page: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 1,
    drafts: Annotated[bool, Query(description="teachers: include your own drafts")] = False,
) -> SearchPage:
    """Published courses and lessons matching `q`, best first, with highlighted snippets in the
    reader's language (English results for untranslated content are flagged `untranslated`).
    422 (problem+json) for an empty query or one over 500 characters."""
    results = service.search(session, actor=actor, q=q, lang=lang, course=course, page=page, drafts=drafts)
    return SearchPage(
        query=results.query,
        lang=results.lang,
        reference=results.reference,
        total=results.total,
        page=results.page,
        page_size=results.page_size,
        items=[SearchHit(**vars(hit)) for hit in results.items],
    )
