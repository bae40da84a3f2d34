"""Prometheus metrics at GET /metrics: request rate and latency per route template, connection
pool usage, cache hit ratio, job queue depth and failures.

Access: with BIBLIOLOGY_METRICS_TOKEN set, `Authorization: Bearer <token>` is required (from
anywhere); without it, only direct loopback clients are answered — a request that came through a
proxy (it carries X-Forwarded-For or Forwarded) is refused even from 127.0.0.1, since a reverse
proxy on the same machine would otherwise make every visitor look local.

Several worker processes (`serve --workers N`) write their samples to PROMETHEUS_MULTIPROC_DIR and
whichever process answers the scrape sums them (bibliology.ops.workers sets that directory up). The
queue figures are read from the database at scrape time, so they never depend on the process.
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bibliology.cache import Cache, SingleFlight
from bibliology.errors import Forbidden, Unauthorized
from bibliology.ops.logging import route_template

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
LOOPBACK = frozenset({"127.0.0.1", "::1"})

REQUESTS = Counter("bibliology_http_requests_total", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "bibliology_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
POOL_CHECKED_OUT = Gauge(
    "bibliology_db_pool_checked_out", "Connections in use", ["pool"], multiprocess_mode="livesum"
)
POOL_SIZE = Gauge(
    "bibliology_db_pool_size", "Connections the pool keeps", ["pool"], multiprocess_mode="livesum"
)
POOL_OVERFLOW = Gauge(
    "bibliology_db_pool_overflow",
    "Connections opened beyond the pool size",
    ["pool"],
    multiprocess_mode="livesum",
)
CACHE_LOOKUPS = Counter("bibliology_cache_lookups_total", "Cache reads by key", ["backend", "result"])

router = APIRouter(tags=["operations"], include_in_schema=False)


@router.get("/metrics")
def metrics(request: Request) -> Response:
    """The Prometheus text format (refused as problem+json, see the module's note on access)."""
    authorize(request)
    registry = scrape_registry(request.app.state.engine)
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


def authorize(request: Request) -> None:
    token: str | None = request.app.state.settings.metrics_token
    if token:
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
            raise Unauthorized("metrics need `Authorization: Bearer <BIBLIOLOGY_METRICS_TOKEN>`")
        return
    client = request.client.host if request.client else None
    proxied = "x-forwarded-for" in request.headers or "forwarded" in request.headers
    if client not in LOOPBACK or proxied:
        raise Forbidden("metrics are served to loopback clients only unless BIBLIOLOGY_METRICS_TOKEN is set")


def scrape_registry(engine: Engine) -> CollectorRegistry:
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = CollectorRegistry(auto_describe=True)
        registry.register(_Forward(REGISTRY))
    registry.register(QueueCollector(engine))
    return registry


class _Forward(Collector):
    """This process's default registry inside a per-scrape one."""

    def __init__(self, source: CollectorRegistry) -> None:
        self.source = source

    def collect(self) -> Iterable[Any]:
        return self.source.collect()


class QueueCollector(Collector):
    """Job queue depth and failures, read from the database when scraped."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        jobs = GaugeMetricFamily(
            "bibliology_jobs",
            "Queued jobs by queue and status (procrastinate_jobs)",
            labels=["queue", "status"],
        )
        tracked = GaugeMetricFamily(
            "bibliology_background_jobs", "Users' job records by status", labels=["status"]
        )
        up = GaugeMetricFamily("bibliology_database_up", "1 when the scrape could read the database")
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SET LOCAL statement_timeout = 2000"))
                for queue, status, count in conn.execute(
                    text("SELECT queue_name, status::text, count(*) FROM procrastinate_jobs GROUP BY 1, 2")
                ):
                    jobs.add_metric([queue, status], count)
                for status, count in conn.execute(
                    text("SELECT status, count(*) FROM background_jobs GROUP BY 1")
                ):
                    tracked.add_metric([status], count)
                conn.rollback()
            up.add_metric([], 1)
        except SQLAlchemyError:
            up.add_metric([], 0)
        yield jobs
        yield tracked
        yield up


class MetricsMiddleware:
    """Counts and times every HTTP request by its route template, and samples the pools after it."""

    def __init__(self, app: ASGIApp, *, pools: dict[str, Engine]) -> None:
        self.app = app
        self.pools = pools

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route = route_template(scope)
            REQUESTS.labels(scope["method"], route, str(status)).inc()
            LATENCY.labels(scope["method"], route).observe(time.perf_counter() - started)
            for name, engine in self.pools.items():
                sample_pool(name, engine)


def sample_pool(name: str, engine: Engine) -> None:
    pool: Any = engine.pool
    if hasattr(pool, "checkedout"):
        POOL_CHECKED_OUT.labels(name).set(pool.checkedout())
        POOL_SIZE.labels(name).set(pool.size())
        POOL_OVERFLOW.labels(name).set(max(pool.overflow(), 0))


class CountingCache:
    """The app's cache, counting hits and misses of every key read."""

    def __init__(self, inner: Cache) -> None:
        self.inner = inner
        self.backend = inner.backend
        self.flights: SingleFlight = inner.flights
        self._hit = CACHE_LOOKUPS.labels(inner.backend, "hit")
        self._miss = CACHE_LOOKUPS.labels(inner.backend, "miss")

    def get(self, key: str) -> bytes | None:
        value = self.inner.get(key)
        (self._miss if value is None else self._hit).inc()
        return value

    def get_many(self, *keys: str) -> list[bytes | None]:
        values = self.inner.get_many(*keys)
        hits = sum(value is not None for value in values)
        self._hit.inc(hits)
        self._miss.inc(len(values) - hits)
        return values

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        self.inner.set(key, value, ttl_seconds)

    def delete(self, *keys: str) -> None:
        self.inner.delete(*keys)

    def status(self) -> str:
        return self.inner.status()

    def lease(self, key: str, ttl_ms: int) -> str | None:
        return self.inner.lease(key, ttl_ms)

    def fill(self, key: str, token: str, value: bytes, ttl_seconds: int) -> bool:
        return self.inner.fill(key, token, value, ttl_seconds)

    def release(self, key: str, token: str) -> None:
        self.inner.release(key, token)

    def __getattr__(self, name: str) -> Any:  # backend-specific helpers (e.g. RedisCache's)
        return getattr(self.inner, name)


def install(app: FastAPI) -> None:
    if not isinstance(app.state.cache, CountingCache):
        app.state.cache = CountingCache(app.state.cache)
    app.include_router(router)
    app.add_middleware(MetricsMiddleware, pools={"primary": app.state.engine, "read": app.state.read_engine})
