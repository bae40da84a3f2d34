"""Structured logs: one JSON object a line, each carrying the request id of the request it belongs to.

The request id comes from the client's X-Request-ID when it is sane (a proxy's or a load balancer's
id ties their logs to ours), else a fresh one; it is echoed in the response's X-Request-ID. What is
logged is chosen, never dumped: a request line holds the method, the route template (not the path,
whose segments and query string may carry tokens), the status and the duration; exceptions lose
SQLAlchemy's "[parameters: …]" (bound values: password hashes, answers) before they are written.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import secrets
import sys
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "x-request-id"
_SANE_ID = re.compile(r"[A-Za-z0-9._:/+=-]{8,128}")
# SQLAlchemy appends the statement's bound values to its exceptions' text.
_PARAMETERS = re.compile(r"\[parameters: .*?\]$", re.MULTILINE | re.DOTALL)
# Anything that looks like a credential in free text (a header or a URL someone logged).
_SECRETS = re.compile(
    r"(?i)(password|passwd|secret|token|authorization|cookie|bibliology_session)([\"']?\s*[:=]\s*[\"']?(?:bearer\s+|basic\s+)?)([^\s,;&\"']+)"
)
_URL_PASSWORD = re.compile(r"(?i)(\w+://[^:/@\s]+:)([^@\s]+)(@)")

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
access_log = logging.getLogger("bibliology.access")

# LogRecord attributes that are not "extra" fields.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


def redact(text: str) -> str:
    text = _PARAMETERS.sub("[parameters: redacted]", text)
    text = _URL_PASSWORD.sub(r"\1***\3", text)
    return _SECRETS.sub(r"\1\2***", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        body: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "pid": record.process,
            "msg": redact(record.getMessage()),
        }
        if (request_id := request_id_var.get()) is not None:
            body["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _STANDARD and key != "color_message" and not key.startswith("_"):
                body[key] = (
                    value if isinstance(value, int | float | bool) or value is None else redact(str(value))
                )
        if record.exc_info:
            body["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(body, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = redact(super().format(record))
        request_id = request_id_var.get()
        return f"{line} [{request_id}]" if request_id else line


def configure(log_format: str = "json", level: int = logging.INFO) -> None:
    """Every log record (ours, uvicorn's, SQLAlchemy's) through one handler on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # uvicorn's access log prints the path with its query string: ours replaces it.
    logging.getLogger("uvicorn.access").disabled = True


def incoming_request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER.encode():
            candidate: str = value.decode("latin-1")
            if _SANE_ID.fullmatch(candidate):
                return candidate
            break
    return secrets.token_hex(16)


class RequestLogMiddleware:
    """Sets the request id for everything logged during the request, echoes it, and writes one
    access line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = incoming_request_id(scope)
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((REQUEST_ID_HEADER.encode(), request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            access_log.info(
                "%s %s %d",
                scope["method"],
                route_template(scope),
                status,
                extra={
                    "method": scope["method"],
                    "route": route_template(scope),
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
            request_id_var.reset(token)


def route_template(scope: Scope) -> str:
    """The matched route's path template (/api/v1/courses/{course_id}); unmatched paths collapse
    into one value (their segments are the client's, and unbounded)."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "<unmatched>"
