from __future__ import annotations

from functools import lru_cache
from typing import Any

from alembic.runtime.migration import MigrationContext
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from bibliology import __version__

router = APIRouter(tags=["health"])


@router.get("/health")
def health(request: Request) -> JSONResponse:
    """Database and cache status; 503 when the database is unreachable (the cache is optional)."""
    body: dict[str, Any] = {"version": __version__}
    try:
        with request.app.state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        body["database"] = "ok"
    except SQLAlchemyError as exc:
        body["database"] = f"unavailable ({type(exc).__name__})"
    cache = request.app.state.cache
    body["cache"] = {"backend": cache.backend, "status": cache.status()}
    body["status"] = "ok" if body["database"] == "ok" else "degraded"
    return JSONResponse(body, status_code=200 if body["database"] == "ok" else 503)


@router.get("/health/live")
def live() -> JSONResponse:
    """The process answers (no dependency checked): a failing liveness probe means restart it."""
    return JSONResponse({"status": "ok", "version": __version__})


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    """The migrations' head(s): read from the scripts once, not at every probe."""
    from bibliology import migrate

    return frozenset(migrate.heads())


@router.get("/health/ready")
def ready(request: Request) -> JSONResponse:
    """Whether to send this process traffic: the database answers and its schema is at the
    migrations' head (503 naming the failing checks otherwise). Redis, when configured, and a
    replica are reported, never required: the cache degrades to misses and reads fall back."""
    checks: dict[str, str] = {}
    try:
        with request.app.state.engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
        checks["database"] = "ok"
        head = _heads()
        checks["migrations"] = (
            "ok" if current == head else f"at {sorted(current) or 'base'}, head {sorted(head)}"
        )
    except SQLAlchemyError as exc:
        checks["database"] = f"unavailable ({type(exc).__name__})"
        checks["migrations"] = "unknown"
    body: dict[str, Any] = {"status": "ok", "checks": checks, "version": __version__}
    cache = request.app.state.cache
    if cache.backend == "redis":
        # Reported, not required: a Redis outage costs speed, never correctness (bibliology.cache),
        # and every process shares the one Redis, so failing on it would take them all out at once.
        body["redis"] = cache.status()
    if (replica := getattr(request.app.state, "replica", None)) is not None:
        replica.usable()
        body["replica"] = replica.describe()
    failing = sorted(name for name, value in checks.items() if value != "ok")
    if failing:
        body["status"] = "unavailable"
        body["failing"] = failing
    return JSONResponse(body, status_code=503 if failing else 200)
