"""Concurrent creations with colliding titles all succeed with distinct slugs (committed data)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from bibliology.courses import service
from bibliology.courses.models import Course
from bibliology.courses.schemas import CourseCreate
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.enums import UserRole
from bibliology.policy import Actor
from tests import factories as f

pytestmark = pytest.mark.committed


def test_colliding_titles_get_distinct_slugs(scratch_url: str) -> None:
    engine = make_engine(scratch_url, pool_size=12)
    factory = session_factory(engine)
    try:
        with unit_of_work(factory) as session:
            actor = Actor(f.make_teacher(session).id, UserRole.TEACHER)
        titles = ["Grace"] * 8 + ["Grace 2"] * 4

        def create(title: str) -> str:
            with unit_of_work(factory) as session:
                data = CourseCreate(title_en=title, description_en="About grace.")
                return service.create(session, actor=actor, data=data).slug

        with ThreadPoolExecutor(max_workers=len(titles)) as pool:
            slugs = list(pool.map(create, titles))
        assert len(set(slugs)) == len(titles)
        assert "grace" in slugs
        assert "grace-2" in slugs
        with unit_of_work(factory) as session:
            stored = session.scalars(select(Course.slug)).all()
        assert sorted(stored) == sorted(slugs)
    finally:
        engine.dispose()
