"""One shape for every paginated list of the API: {items, total, page, page_size}.

    @router.get("/things", response_model=Page[ThingRead])
    def list_things(session: SessionDep, pages: Pagination) -> Page[ThingRead]:
        rows, total = paginate(session, select(Thing).order_by(Thing.created_at.desc(), Thing.id), pages)
        return Page.of([ThingRead.model_validate(r) for r in rows], total, pages)

Order by a unique key last (e.g. the id), or rows can repeat or vanish between pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# Any SELECT, whatever its columns.
AnySelect = Select[*tuple[Any, ...]]
# Deep OFFSETs read and discard every earlier row; past this, filter instead of paging.
MAX_PAGE = 10_000


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int

    @classmethod
    def of(cls, items: Sequence[T], total: int, params: PageParams) -> Page[T]:
        return cls(items=list(items), total=total, page=params.page, page_size=params.page_size)


@dataclass(frozen=True)
class PageParams:
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


async def page_params(
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")] = 1,
    page_size: Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description="items per page")
    ] = DEFAULT_PAGE_SIZE,
) -> PageParams:
    return PageParams(page=page, page_size=page_size)


Pagination = Annotated[PageParams, Depends(page_params)]


def paginate(session: Session, statement: AnySelect, params: PageParams) -> tuple[list[Any], int]:
    """One page of `statement`'s rows (scalars when it selects one entity/column) and the total."""
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    page = statement.limit(params.page_size).offset(params.offset)
    if len(statement.column_descriptions) == 1:
        return list(session.scalars(page).all()), total
    return list(session.execute(page).all()), total
