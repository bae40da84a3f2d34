"""A slide's version, for editors that must not overwrite each other: a hash of everything an editor
can change on the slide (layout, titles, notes, and its blocks' ids and content), not of positions,
so reordering in one tab does not stale the other forms of the same tab.

An editing page carries the version it showed; a save first locks the slide row and compares
(`ensure`), so of two saves made from the same version, the second is refused with StaleVersion."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.errors import Conflict, NotFound
from bibliology.lessons.models import ContentBlock, Slide
from bibliology.web import N_

STALE_MESSAGE = N_(
    "This slide was changed in another tab or by someone else since you opened it: "
    "reload to see the changes; your text is kept below."
)


class StaleVersion(Conflict):
    """The slide changed since the form was rendered."""


def current(session: Session, slide_id: str, *, lock: bool = False) -> str:
    """The slide's version now (`lock`: FOR UPDATE first, so it stays so until commit)."""
    query = select(Slide).where(Slide.id == slide_id)
    slide = session.scalars(query.with_for_update() if lock else query).one_or_none()
    if slide is None:
        raise NotFound("no such slide")
    blocks = session.execute(
        select(ContentBlock.id, ContentBlock.content_en, ContentBlock.content_fr, ContentBlock.style_config)
        .where(ContentBlock.slide_id == slide_id)
        .order_by(ContentBlock.id)
    ).all()
    state = [
        [slide.layout.value, slide.title_en, slide.title_fr, slide.notes_en, slide.notes_fr],
        [list(row) for row in blocks],
    ]
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()[:20]


def ensure(session: Session, slide_id: str, expected: str | None) -> None:
    """StaleVersion unless the slide is still at `expected` (None: the caller does not check)."""
    if expected is None:
        return
    if current(session, slide_id, lock=True) != expected:
        raise StaleVersion(STALE_MESSAGE)
