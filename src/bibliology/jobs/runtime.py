"""What a running job may use: its own engine, session factory and cache, never a request's.

The worker configures them once at start-up (`configure`); tasks read them with `resources()` and
open one unit of work per step (`unit_of_work(resources().sessions)` + `attach_cache`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bibliology.cache import Cache, make_cache
from bibliology.config import Settings
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.invalidation import attach_cache


@dataclass(frozen=True)
class JobResources:
    engine: Engine
    sessions: sessionmaker[Session]
    cache: Cache
    settings: Settings

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction whose committed writes invalidate this worker's cache."""
        with unit_of_work(self.sessions) as session:
            attach_cache(session, self.cache)
            yield session


_current: JobResources | None = None


def configure(
    url: str, settings: Settings, *, pool_size: int = 4, cache: Cache | None = None
) -> JobResources:
    global _current
    import bibliology.models  # noqa: F401  # every mapper, before a job's first query

    close()
    engine = make_engine(url, pool_size=pool_size)
    _current = JobResources(
        engine=engine,
        sessions=session_factory(engine),
        cache=cache or make_cache(settings.redis_url, settings.redis_timeout_seconds),
        settings=settings,
    )
    return _current


def resources() -> JobResources:
    if _current is None:
        raise RuntimeError("job resources are not configured: jobs run inside `bibliology worker`")
    return _current


def close() -> None:
    global _current
    if _current is not None:
        _current.engine.dispose()
        _current = None
