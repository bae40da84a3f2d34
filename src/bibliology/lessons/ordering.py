"""Dense sibling orders (0..n-1) for lessons in a course, slides in a lesson, blocks in a slide.

Every change locks the parent row first (FOR NO KEY UPDATE: writers of one parent's order queue up,
foreign-key checks of unrelated inserts do not), reads the siblings in order, computes the final dense
order and writes it in two statements: the rows that change go to an offset range above every current
order, then to their final values. The design's (parent, order) unique constraints are checked row by
row and are not deferrable, so no intermediate state may hold a duplicate: the offset range is empty,
and every final value is free once the rows that held it have left for the offset range.
Positions are 0-based.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Text, column, select, update, values
from sqlalchemy.orm import InstrumentedAttribute, Session

from bibliology.courses.models import Course
from bibliology.db import Base
from bibliology.errors import Invalid, NotFound
from bibliology.lessons.models import ContentBlock, Lesson, Slide


@dataclass(frozen=True)
class Siblings:
    """An ordered set: rows of `model` under one parent row of `parent_model`."""

    model: type[Base]
    id: InstrumentedAttribute[str]
    parent: InstrumentedAttribute[str]
    order: InstrumentedAttribute[int]
    parent_model: type[Base]
    parent_id: InstrumentedAttribute[str]
    what: str  # "lesson", "slide", "block": for error messages


LESSONS = Siblings(Lesson, Lesson.id, Lesson.course_id, Lesson.lesson_order, Course, Course.id, "lesson")
SLIDES = Siblings(Slide, Slide.id, Slide.lesson_id, Slide.slide_order, Lesson, Lesson.id, "slide")
BLOCKS = Siblings(
    ContentBlock, ContentBlock.id, ContentBlock.slide_id, ContentBlock.block_order, Slide, Slide.id, "block"
)

Children = dict[str, int]  # id → current order, in order


def lock(session: Session, spec: Siblings, parent_id: str) -> Children:
    """Lock the parent, then read its children (after the lock, so the latest committed state)."""
    session.flush()
    locked = session.scalar(
        select(spec.parent_id).where(spec.parent_id == parent_id).with_for_update(key_share=True)
    )
    if locked is None:
        raise NotFound(f"no such {spec.what}")
    return _children(session, spec, parent_id)


def open_slot(session: Session, spec: Siblings, parent_id: str, position: int | None) -> int:
    """Make room at `position` (None: at the end) for a new child; returns the order to give it."""
    current = lock(session, spec, parent_id)
    ids = list(current)
    slot = len(ids) if position is None else position
    if not 0 <= slot <= len(ids):
        raise _bad_position(spec, len(ids))
    _write(session, spec, current, [*ids[:slot], None, *ids[slot:]])
    return slot


def move(session: Session, spec: Siblings, parent_id: str, item_id: str, position: int) -> int:
    """Move a child to `position` among its siblings; returns its previous position."""
    current = lock(session, spec, parent_id)
    ids = list(current)
    if item_id not in current:
        raise NotFound(f"no such {spec.what}")
    if not 0 <= position < len(ids):
        raise _bad_position(spec, len(ids) - 1)
    previous = ids.index(item_id)
    ids.remove(item_id)
    ids.insert(position, item_id)
    _write(session, spec, current, ids)
    return previous


def close_gaps(session: Session, spec: Siblings, parent_id: str) -> None:
    """Renumber the children 0..n-1 after a delete (the caller locked the parent before deleting)."""
    session.flush()
    current = _children(session, spec, parent_id)
    _write(session, spec, current, list(current))


def _children(session: Session, spec: Siblings, parent_id: str) -> Children:
    rows = session.execute(
        select(spec.id, spec.order).where(spec.parent == parent_id).order_by(spec.order, spec.id)
    ).all()
    return dict(rows)


def _bad_position(spec: Siblings, last: int) -> Invalid:
    message = f"must be between 0 and {last}" if last >= 0 else "there is nothing to move"
    return Invalid(f"position: {message}", fields=[{"field": "position", "message": message}])


def _write(session: Session, spec: Siblings, current: Children, wanted: Sequence[str | None]) -> None:
    """Give each id its index in `wanted` (None marks a slot left free), in two statements."""
    changes = [
        (item, index) for index, item in enumerate(wanted) if item is not None and current[item] != index
    ]
    if not changes:
        return
    ids = [item for item, _ in changes]
    # Above every current order and every final position (an inserted slot makes the last one n).
    offset = max([*current.values(), len(wanted)]) + 1
    order_column: Any = spec.order  # the Core column behind the attribute
    session.execute(
        update(spec.model).where(spec.id.in_(ids)).values({order_column: spec.order + offset}),
        execution_options={"synchronize_session": False},
    )
    final = values(column("id", Text), column("position", Integer), name="final").data(changes)
    session.execute(
        update(spec.model).where(spec.id == final.c.id).values({order_column: final.c.position}),
        execution_options={"synchronize_session": False},
    )
    _expire_orders(session, spec, set(ids))


def _expire_orders(session: Session, spec: Siblings, ids: set[str]) -> None:
    """Objects already in the session reload their order on next access instead of showing the old one."""
    for instance in list(session.identity_map.values()):
        if isinstance(instance, spec.model) and getattr(instance, spec.id.key) in ids:
            session.expire(instance, [spec.order.key])
