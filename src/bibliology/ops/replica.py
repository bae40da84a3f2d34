"""DATABASE_REPLICA_URL: read-only requests on a streaming replica while it keeps up.

What runs where:
- a request to a `read_only` endpoint (deps.read_only) opens its session through `ReadRouter`:
  the replica while the replica is usable, else the primary's read-only pool;
- every other request — anything that writes — runs wholly on the primary, so a request always
  sees its own writes;
- a client that has just written (a 2xx/3xx answer to POST, PUT, PATCH or DELETE) carries a short
  cookie, and its reads stay on the primary for `STICKY_SECONDS`, so a page shown after a form
  never lacks what the form saved.

"Usable" is checked at most every `replica_check_seconds`, by the first request that finds the
last check stale (the others keep the last verdict, never wait): the replica answers, is in
recovery, and its replayed WAL is at most `replica_max_lag_bytes` behind the primary's current
WAL position. A replica connection that fails marks it unusable at once, until a check passes.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from dataclasses import dataclass

from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, ExceptionContext, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bibliology.config import Settings
from bibliology.db import make_engine, session_factory, sqlalchemy_url

log = logging.getLogger(__name__)

STICKY_COOKIE = "bibliology_wrote"
STICKY_SECONDS = 10
CONNECT_TIMEOUT_SECONDS = 2
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})

prefer_primary: contextvars.ContextVar[bool] = contextvars.ContextVar("prefer_primary", default=False)


@dataclass
class ReplicaState:
    usable: bool = False
    reason: str = "not checked yet"
    lag_bytes: int | None = None
    checked_at: float = 0.0


class ReadRouter:
    """Stands where the read-only session factory stood (`app.state.read_sessions`)."""

    def __init__(
        self,
        *,
        replica_url: str,
        primary_read: sessionmaker[Session],
        primary_engine: Engine,
        pool_size: int,
        max_lag_bytes: int,
        check_seconds: float,
    ) -> None:
        self.engine = make_engine(with_connect_timeout(replica_url), pool_size=pool_size, read_only=True)
        self.replica_sessions = session_factory(self.engine)
        self.primary_read = primary_read
        self.primary_engine = primary_engine
        self.max_lag_bytes = max_lag_bytes
        self.check_seconds = check_seconds
        self.state = ReplicaState()
        self._checking = threading.Lock()
        event.listen(self.engine, "handle_error", self._on_error)

    def __call__(self) -> Session:
        if not prefer_primary.get() and self.usable():
            return self.replica_sessions()
        return self.primary_read()

    def usable(self) -> bool:
        if time.monotonic() - self.state.checked_at >= self.check_seconds and self._checking.acquire(
            blocking=False
        ):
            try:
                self.check()
            finally:
                self._checking.release()
        return self.state.usable

    def check(self) -> ReplicaState:
        try:
            with self.primary_engine.connect() as primary:
                position = primary.execute(text("SELECT pg_current_wal_lsn()::text")).scalar_one()
            with self.engine.connect() as replica:
                recovering, lag = replica.execute(
                    text(
                        "SELECT pg_is_in_recovery(),"
                        " pg_wal_lsn_diff(CAST(:position AS pg_lsn), pg_last_wal_replay_lsn())::bigint"
                    ),
                    {"position": position},
                ).one()
        except SQLAlchemyError as exc:
            self._set(False, f"unreachable ({type(exc).__name__})", None)
            return self.state
        if not recovering:
            self._set(False, "not a standby (pg_is_in_recovery() is false)", None)
        elif lag is None:
            self._set(False, "no WAL replayed yet", None)
        else:
            lag = max(int(lag), 0)
            behind = lag > self.max_lag_bytes
            self._set(not behind, f"{lag} bytes behind" + (" (too far)" if behind else ""), lag)
        return self.state

    def _set(self, usable: bool, reason: str, lag: int | None) -> None:
        if usable != self.state.usable:
            log.warning("replica %s: %s", "in use" if usable else "not used", reason)
        self.state = ReplicaState(usable, reason, lag, time.monotonic())

    def _on_error(self, context: ExceptionContext) -> None:
        if context.is_disconnect or context.connection is None or context.is_pre_ping:
            self._set(False, f"connection failed ({type(context.original_exception).__name__})", None)

    def describe(self) -> dict[str, object]:
        return {"in_use": self.state.usable, "status": self.state.reason, "lag_bytes": self.state.lag_bytes}

    def dispose(self) -> None:
        self.engine.dispose()


def with_connect_timeout(url: str) -> str:
    """A dead replica costs seconds at most, never the operating system's TCP timeout."""
    parsed = make_url(sqlalchemy_url(url))
    if "connect_timeout" not in parsed.query:
        parsed = parsed.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)})
    return parsed.render_as_string(hide_password=False)


class StickyPrimaryMiddleware:
    """Keeps a client that has just written on the primary for its next reads."""

    def __init__(self, app: ASGIApp, *, seconds: int = STICKY_SECONDS) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = prefer_primary.set(_wrote_recently(scope))
        writing = scope["method"] in _WRITES

        async def send_with_cookie(message: Message) -> None:
            if writing and message["type"] == "http.response.start" and message["status"] < 400:
                until = int(time.time()) + self.seconds
                cookie = f"{STICKY_COOKIE}={until}; Max-Age={self.seconds}; Path=/; HttpOnly; SameSite=Lax"
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_cookie)
        finally:
            prefer_primary.reset(token)


def _wrote_recently(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, until = part.strip().partition("=")
                if key == STICKY_COOKIE and until.isdigit():
                    return int(until) > time.time()
    return False


def install(app: FastAPI, settings: Settings) -> None:
    if not settings.database_replica_url:
        return
    router = ReadRouter(
        replica_url=settings.database_replica_url,
        primary_read=app.state.read_sessions,
        primary_engine=app.state.read_engine,
        pool_size=settings.db_pool_size,
        max_lag_bytes=settings.replica_max_lag_bytes,
        check_seconds=settings.replica_check_seconds,
    )
    app.state.replica = router
    app.state.read_sessions = router
    app.add_middleware(StickyPrimaryMiddleware)
