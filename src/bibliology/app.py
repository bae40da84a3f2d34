"""create_app(): the ASGI application with its routers, error handlers and shared resources."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.engine import Engine

from bibliology import __version__
from bibliology.cache import Cache, make_cache
from bibliology.config import Settings, get_settings
from bibliology.db import make_engine, session_factory
from bibliology.errors import DomainError, Throttled
from bibliology.web import TEMPLATES, wants_html


def create_app(
    database_url: str,
    *,
    settings: Settings | None = None,
    engine: Engine | None = None,
    cache: Cache | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Bibliology",
        version=__version__,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(database_url, pool_size=settings.db_pool_size)
    app.state.sessions = session_factory(app.state.engine)
    app.state.cache = cache or make_cache(settings.redis_url, settings.redis_timeout_seconds)

    app.add_exception_handler(DomainError, _domain_error_handler)  # type: ignore[arg-type]

    from bibliology.courses.views import router as course_pages
    from bibliology.health import router as health

    app.include_router(health)
    app.include_router(course_pages)
    return app


async def _domain_error_handler(request: Request, exc: DomainError) -> Response:
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, Throttled) else {}
    if wants_html(request):
        return TEMPLATES.TemplateResponse(
            request, "error.html", {"error": exc}, status_code=exc.status, headers=headers
        )
    return JSONResponse(
        exc.problem(instance=request.url.path),
        status_code=exc.status,
        media_type="application/problem+json",
        headers=headers,
    )
