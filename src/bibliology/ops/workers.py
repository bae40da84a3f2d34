"""`bibliology serve --workers N`: uvicorn's process supervisor running N copies of the app.

The parent applies the migrations once, then starts the workers (spawned interpreters, each with its
own pools, sharing the listening socket); they never migrate. SIGTERM or Ctrl-C stops accepting
connections and lets each worker finish its in-flight requests for up to `graceful_timeout` seconds.

What stays correct across processes, and why:
- sessions, throttles, the job queue and the media rows live in PostgreSQL;
- the cache's invalidations, leases and epoch live in Redis (bibliology.cache) — but the in-process
  cache (REDIS_URL unset) is one private copy per process: a write invalidates its own process's
  copy and the others keep serving the old outline or lesson for up to the cache TTL (15 minutes).
  `serve --workers N` with N > 1 therefore refuses to start without REDIS_URL;
- single-flight is per process in front of a per-key Redis lease, so concurrent misses do one
  database read per key across every process.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass

from fastapi import FastAPI

from bibliology.config import Settings, get_settings

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"  # read by prometheus_client when it is first imported
log = logging.getLogger(__name__)


class WorkersRefused(ValueError):
    """A --workers value this configuration cannot serve correctly (one line, for the CLI)."""


@dataclass(frozen=True)
class ServeOptions:
    host: str
    port: int
    workers: int = 1
    graceful_timeout: float = 30.0
    migrate: bool = True
    backup: bool = True  # in production, before migrating (ops.command.upgrade_schema)


def check_workers(settings: Settings, workers: int) -> None:
    if workers > 1 and not settings.redis_url:
        raise WorkersRefused(
            f"--workers {workers} needs REDIS_URL: without Redis each process keeps its own cache, and a "
            "write seen by one process leaves the others serving stale outlines and lessons for up to "
            "15 minutes. Set REDIS_URL, or run one worker."
        )


def serve(settings: Settings, options: ServeOptions) -> None:
    """Migrate once, then serve in this process (1 worker) or under uvicorn's supervisor."""
    import uvicorn

    from bibliology.embedded import database_url
    from bibliology.ops import logging as ops_logging
    from bibliology.ops.command import upgrade_schema

    check_workers(settings, options.workers)
    ops_logging.configure(settings.log_format)
    metrics_dir = None
    if options.workers > 1:
        # Before anything imports prometheus_client: the workers inherit it with the environment.
        metrics_dir = tempfile.mkdtemp(prefix="bibliology-metrics-")
        os.environ[MULTIPROC_ENV] = metrics_dir
    try:
        with database_url(settings) as url:
            if options.migrate:
                upgrade_schema(url, settings, backup=options.backup)
            log.info("serving on http://%s:%d with %d worker(s)", options.host, options.port, options.workers)
            common = {
                "host": options.host,
                "port": options.port,
                "log_config": None,  # ours (ops.logging), set up in each process
                "access_log": False,  # ours has the route template, not the path and its query
                "timeout_graceful_shutdown": max(int(options.graceful_timeout), 1),
            }
            if options.workers == 1:
                from bibliology.app import create_app

                uvicorn.run(create_app(url, settings=settings), **common)  # type: ignore[arg-type]
            else:
                # The workers read the database from the environment: the embedded cluster's URL
                # when DATABASE_URL was unset (this process keeps that cluster running).
                os.environ["DATABASE_URL"] = url
                uvicorn.run(
                    "bibliology.ops.workers:worker_app",
                    factory=True,
                    workers=options.workers,
                    # A worker that takes longer to import the app is restarted by the supervisor:
                    # the default (5 s) is too short on a busy two-core machine.
                    timeout_worker_healthcheck=60,
                    **common,  # type: ignore[arg-type]
                )
    finally:
        if metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)
            os.environ.pop(MULTIPROC_ENV, None)


def worker_app() -> FastAPI:
    """The app of one worker process (uvicorn calls it after spawning the process)."""
    from bibliology.app import create_app
    from bibliology.ops import logging as ops_logging

    settings = get_settings()
    ops_logging.configure(settings.log_format)
    if not settings.database_url:
        raise RuntimeError("a worker process needs DATABASE_URL (set by `bibliology serve --workers`)")
    log.info("worker %d started", os.getpid())
    return create_app(settings.database_url, settings=settings)
