from __future__ import annotations

from typing import Any

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
