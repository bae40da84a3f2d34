from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.enums import LessonStatus
from bibliology.i18n import resolve


@dataclass(frozen=True)
class CatalogueEntry:
    slug: str
    title: str
    description: str
    thumbnail_url: str | None
    fell_back: bool


def list_published(session: Session, *, lang: str, limit: int = 100) -> list[CatalogueEntry]:
    """Published courses, newest first, with fields resolved in `lang` (English fallback)."""
    rows = session.execute(
        select(
            Course.slug,
            Course.title_en,
            Course.title_fr,
            Course.description_en,
            Course.description_fr,
            Course.thumbnail_url,
        )
        .where(Course.status == LessonStatus.PUBLISHED)
        .order_by(Course.published_at.desc().nulls_last(), Course.id)
        .limit(limit)
    ).all()
    entries = []
    for row in rows:
        title = resolve(lang, en=row.title_en, fr=row.title_fr)
        description = resolve(lang, en=row.description_en, fr=row.description_fr)
        entries.append(
            CatalogueEntry(
                slug=row.slug,
                title=title.value,
                description=description.value,
                thumbnail_url=row.thumbnail_url,
                fell_back=title.fell_back or description.fell_back,
            )
        )
    return entries
