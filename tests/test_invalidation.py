"""Cache keys are deleted after commit, never on rollback — in production sessions and in the
savepoint-joined sessions tests use alike."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bibliology.cache import MemoryCache
from bibliology.invalidation import attach_cache, course_outline_key, invalidate, lesson_tree_key


@pytest.fixture
def cache(session: Session) -> MemoryCache:
    cache = MemoryCache()
    for key in (
        course_outline_key("c1", "en"),
        course_outline_key("c1", "fr"),
        lesson_tree_key("l1", "fr", "student"),
    ):
        cache.set(key, b"cached", 60)
    return cache


def test_keys_are_deleted_only_after_commit(session: Session, cache: MemoryCache) -> None:
    work = session.info["factory"]()
    attach_cache(work, cache)
    invalidate(work, course_ids=["c1"], lesson_ids=["l1"])
    assert cache.get(course_outline_key("c1", "en")) == b"cached"
    work.commit()
    assert cache.get(course_outline_key("c1", "en")) is None
    assert cache.get(course_outline_key("c1", "fr")) is None
    assert cache.get(lesson_tree_key("l1", "fr", "student")) is None


def test_a_rolled_back_write_invalidates_nothing(session: Session, cache: MemoryCache) -> None:
    work = session.info["factory"]()
    attach_cache(work, cache)
    invalidate(work, course_ids=["c1"])
    work.rollback()
    work.commit()
    assert cache.get(course_outline_key("c1", "en")) == b"cached"


def test_a_rolled_back_savepoint_keeps_earlier_invalidations(session: Session, cache: MemoryCache) -> None:
    work = session.info["factory"]()
    attach_cache(work, cache)
    invalidate(work, course_ids=["c1"])
    savepoint = work.begin_nested()
    savepoint.rollback()
    work.commit()
    assert cache.get(course_outline_key("c1", "en")) is None


def test_a_released_savepoint_does_not_invalidate_before_the_commit(
    session: Session, cache: MemoryCache
) -> None:
    work = session.info["factory"]()
    attach_cache(work, cache)
    with work.begin_nested():
        invalidate(work, course_ids=["c1"])
    assert cache.get(course_outline_key("c1", "en")) == b"cached"
    work.commit()
    assert cache.get(course_outline_key("c1", "en")) is None
