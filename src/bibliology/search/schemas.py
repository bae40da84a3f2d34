from __future__ import annotations

from pydantic import BaseModel


class SearchHit(BaseModel):
    kind: str  # "course" or "lesson"
    id: str
    slug: str
    course_id: str
    course_slug: str
    course_title: str
    title: str
    status: str
    snippet: str
    snippet_html: str  # escaped text, matches in <mark>
    untranslated: bool  # shown in English: no French version yet
    rank: float
    passages: list[str]  # OSIS of the lesson's VERSE blocks overlapping the searched reference


class SearchPage(BaseModel):
    query: str
    lang: str
    reference: str | None  # the reference found in the query (OSIS)
    items: list[SearchHit]
    total: int
    page: int
    page_size: int
