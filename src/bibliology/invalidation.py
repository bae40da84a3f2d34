"""The one cache-invalidation API. Every write that changes a cached view calls `invalidate(...)`
inside its transaction; the keys are deleted only after that transaction commits (a rolled-back
write invalidates nothing, and no reader can re-cache the old rows between delete and commit)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from bibliology.cache import Cache
from bibliology.i18n import SUPPORTED

AUDIENCES = ("student", "teacher")
_PENDING = "cache_invalidations"
_CACHE = "cache"


def course_outline_key(course_id: str, lang: str) -> str:
    return f"course:{course_id}:outline:{lang}"


def lesson_tree_key(lesson_id: str, lang: str, audience: str) -> str:
    return f"lesson:{lesson_id}:tree:{audience}:{lang}"


def lesson_facts_key(lesson_id: str) -> str:
    """The policy's facts about a published lesson (its course, teacher and both statuses)."""
    return f"lesson:{lesson_id}:facts"


def keys_for(*, course_ids: Iterable[str] = (), lesson_ids: Iterable[str] = ()) -> set[str]:
    keys = {course_outline_key(course_id, lang) for course_id in course_ids for lang in SUPPORTED}
    keys |= {lesson_facts_key(lesson_id) for lesson_id in lesson_ids}
    keys |= {
        lesson_tree_key(lesson_id, lang, audience)
        for lesson_id in lesson_ids
        for lang in SUPPORTED
        for audience in AUDIENCES
    }
    return keys


def attach_cache(session: Session, cache: Cache) -> None:
    """Tell a session which cache its committed writes invalidate (requests, commands, jobs)."""
    session.info[_CACHE] = cache


def invalidate(session: Session, *, course_ids: Iterable[str] = (), lesson_ids: Iterable[str] = ()) -> None:
    session.connection()  # the keys belong to this transaction: make sure it has begun
    session.info.setdefault(_PENDING, set()).update(keys_for(course_ids=course_ids, lesson_ids=lesson_ids))


def has_pending(session: Session) -> bool:
    """Whether this transaction has invalidated anything (its commit will delete keys)."""
    return bool(session.info.get(_PENDING))


def pending(session: Session, *keys: str) -> bool:
    """Whether this transaction has invalidated any of `keys`: it changed what they hold, so it must
    read its own writes from the database, not the cache."""
    invalidated: set[str] = session.info.get(_PENDING, set())
    return not invalidated.isdisjoint(keys)


@event.listens_for(Session, "after_commit")
def _delete_after_commit(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return  # a released savepoint: the transaction is still open, its writes still invisible
    keys = session.info.pop(_PENDING, None)
    cache: Cache | None = session.info.get(_CACHE)
    if keys and cache is not None:
        cache.delete(*sorted(keys))


@event.listens_for(Session, "after_soft_rollback")
def _forget_on_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    # Only the outermost rollback discards: a rolled-back savepoint leaves earlier writes standing.
    if previous_transaction.parent is None:
        session.info.pop(_PENDING, None)
