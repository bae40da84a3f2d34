"""Reads the course pages need beyond what the JSON API returns: a course's id from its slug (page
URLs name courses by slug) and which languages each listed course is written in."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.errors import NotFound

_PRESENT = "[^[:space:]]"  # a translation counts when it has a non-space character (as the queries do)


def course_id(session: Session, slug: str) -> str:
    """The id of the course with this slug; 404 when there is none (visibility is the policy's,
    checked by the read that follows)."""
    found = session.scalar(select(Course.id).where(Course.slug == slug))
    if found is None:
        raise NotFound("no such course")
    return found


def languages(session: Session, course_ids: Sequence[str]) -> dict[str, list[str]]:
    """Course id → the languages its catalogue text is in: English always, French when both the
    title and the description are translated (one query for the whole page)."""
    if not course_ids:
        return {}
    rows = session.execute(
        select(
            Course.id,
            Course.title_fr.regexp_match(_PRESENT) & Course.description_fr.regexp_match(_PRESENT),
        ).where(Course.id.in_(course_ids))
    ).all()
    return {row[0]: ["en", "fr"] if row[1] else ["en"] for row in rows}
