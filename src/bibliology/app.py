"""create_app(): the ASGI application with its routers, error handlers and shared resources."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI
from fastapi.exceptions import RequestValidationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from bibliology import __version__, http, routing, web
from bibliology.cache import Cache, make_cache
from bibliology.config import Settings, get_settings
from bibliology.db import make_engine, session_factory
from bibliology.errors import DomainError
from bibliology.imports import api as imports_api
from bibliology.media import api as media_api

# Bodies larger than the 1 MiB default, by path prefix: the upload endpoints.
UPLOAD_LIMITS: dict[str, int] = {
    "/api/v1/media": media_api.UPLOAD_LIMIT,
    "/api/v1/imports": imports_api.UPLOAD_LIMIT,
    # The import pages' forms (imports/teach_views.py): the importer refuses an oversized deck itself.
    "/teach/courses/*/import": imports_api.PAGE_UPLOAD_LIMIT,
    "/teach/lessons/*/import": imports_api.PAGE_UPLOAD_LIMIT,
    "/teach/uploads/": media_api.UPLOAD_LIMIT,  # courses/teach_views.py: course images, as /api/v1/media
}


def create_app(
    database_url: str,
    *,
    settings: Settings | None = None,
    engine: Engine | None = None,
    cache: Cache | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="Bibliology",
        version=__version__,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        # Every route, including those of routers added later, refuses cookie-authenticated
        # state-changing requests without the CSRF token (bibliology.http).
        dependencies=[Depends(http.csrf_protect)],
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(database_url, pool_size=settings.db_pool_size)
    app.state.sessions = session_factory(app.state.engine)
    app.state.read_engine = make_engine(database_url, pool_size=settings.db_pool_size, read_only=True)
    app.state.read_sessions = session_factory(app.state.read_engine)
    app.state.cache = cache or make_cache(settings.redis_url, settings.redis_timeout_seconds)

    app.add_exception_handler(DomainError, http.domain_error_handler)
    app.add_exception_handler(RequestValidationError, http.validation_error_handler)
    app.add_exception_handler(StarletteHTTPException, http.http_error_handler)
    app.add_exception_handler(DataError, http.data_error_handler)
    app.add_exception_handler(Exception, http.server_error_handler)  # 500: HTML page or problem+json
    # Refusals and failed logins are audited after their request's transaction is rolled back.
    from bibliology.activity.service import audit_error

    setattr(app.state, http.ERROR_HOOK, audit_error)
    app.add_middleware(http.BodyLimitMiddleware, default=http.DEFAULT_BODY_LIMIT, limits=UPLOAD_LIMITS)
    app.add_middleware(http.SecurityHeadersMiddleware)

    for router in discover_routers():
        app.include_router(router)
    # Operations (docs/operations.md): the replica, /metrics, request ids and JSON access logs.
    from bibliology.ops import logging as ops_logging
    from bibliology.ops import metrics, replica, storage_errors

    replica.install(app, settings)
    storage_errors.install(app)
    metrics.install(app)
    app.add_middleware(ops_logging.RequestLogMiddleware)  # outermost: its id covers everything
    app.mount("/static", web.VersionedStatic(directory=web.STATIC_DIR), name="static")
    routing.install(app)  # last: every router included
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.read_engine.dispose()  # the app's own (the main engine may be the caller's)


# Each domain exposes `router` in api.py (JSON under /api/v1) and/or views.py and *_views.py (HTML
# pages: the student's in views.py, the teacher's in teach_views.py…); adding a domain's routes
# needs no edit here.
DOMAINS = (
    "health", "language", "accounts", "admin", "activity", "courses", "lessons", "media", "progress", "quizzes", "certificates",
    "imports", "jobs", "search", "bible", "translations", "ops",
)  # fmt: skip


def discover_routers() -> list[APIRouter]:
    routers: list[APIRouter] = []
    for domain in DOMAINS:
        for module_name in (f"bibliology.{domain}", f"bibliology.{domain}.api", *_page_modules(domain)):
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name is None or not (module_name + ".").startswith(exc.name + "."):
                    raise  # a real import error inside an existing module
                continue
            router = getattr(module, "router", None)
            if isinstance(router, APIRouter) and all(router is not seen for seen in routers):
                routers.append(router)
    return routers


def _page_modules(domain: str) -> list[str]:
    """bibliology.<domain>.views and .<anything>_views, in name order."""
    spec = importlib.util.find_spec(f"bibliology.{domain}")
    if spec is None or not spec.submodule_search_locations:
        return []
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(spec.submodule_search_locations)
        if info.name == "views" or info.name.endswith("_views")
    )
    return [f"bibliology.{domain}.{name}" for name in names]
