"""HTTP conventions every route shares: security headers, request size limits, problem+json errors."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bibliology.errors import DomainError, Invalid, Throttled, TooLarge
from bibliology.web import TEMPLATES, wants_html

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
# The interactive API docs load their scripts from their own bundle; they need inline bootstrapping.
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline' https:; "
    "script-src 'self' 'unsafe-inline' https:; frame-ancestors 'none'"
)

DEFAULT_BODY_LIMIT = 1024 * 1024


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_docs = scope["path"].startswith("/api/docs")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if is_docs and name == "content-security-policy":
                        value = DOCS_CSP
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                if scope.get("scheme") == "https":
                    headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimitMiddleware:
    """Refuses request bodies over a limit (per path prefix), by Content-Length and while streaming,
    before any handler reads them into memory."""

    def __init__(
        self, app: ASGIApp, *, default: int = DEFAULT_BODY_LIMIT, limits: Mapping[str, int] | None = None
    ):
        self.app = app
        self.default = default
        self.limits = sorted((limits or {}).items(), key=lambda item: -len(item[0]))

    def limit_for(self, path: str) -> int:
        return next((limit for prefix, limit in self.limits if path.startswith(prefix)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _problem(TooLarge(f"request body over the limit of {limit} bytes"), scope, receive, send)
            return
        received = 0
        exceeded = False

        # Over the limit mid-stream: tell the app the client left (it stops reading), drop
        # whatever it answers, and answer 413 ourselves.
        async def limited_receive() -> Message:
            nonlocal received, exceeded
            if exceeded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not exceeded:
                await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
        if exceeded:
            await _problem(TooLarge(f"request body over the limit of {limit} bytes"), scope, receive, send)


async def _problem(error: DomainError, scope: Scope, receive: Receive, send: Send) -> None:
    response = JSONResponse(
        error.problem(scope["path"]), status_code=error.status, media_type="application/problem+json"
    )
    await response(scope, receive, send)


def error_response(request: Request, error: DomainError) -> Response:
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, Throttled) else {}
    return problem_response(request, error.problem(instance=request.url.path), headers=headers)


def problem_response(
    request: Request, body: dict[str, Any], *, headers: Mapping[str, str] | None = None
) -> Response:
    status = int(body["status"])
    if wants_html(request):
        return TEMPLATES.TemplateResponse(
            request, "error.html", {"error": body}, status_code=status, headers=headers
        )
    return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=headers)


async def domain_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    return error_response(request, exc)


async def validation_error_handler(request: Request, exc: Exception) -> Response:
    """FastAPI's request validation, reshaped as problem+json naming each offending field."""
    assert isinstance(exc, RequestValidationError)
    fields = [_field_error(error) for error in exc.errors()]
    summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields[:5])
    return error_response(request, Invalid(f"invalid request: {summary}", fields=fields))


async def http_error_handler(request: Request, exc: Exception) -> Response:
    """Routing errors (unknown path, wrong method…) in the same problem+json shape."""
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    detail = "no such resource" if status == 404 else str(exc.detail)
    body = {
        "type": f"/problems/http-{status}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    return problem_response(request, body, headers=exc.headers)


def _field_error(error: Mapping[str, Any]) -> dict[str, str]:
    location = [str(part) for part in error.get("loc", ())]
    if location and location[0] in ("body", "query", "path", "header", "cookie"):
        where, path = location[0], location[1:]
    else:
        where, path = "body", location
    return {"field": ".".join(path) or where, "in": where, "message": str(error.get("msg", "invalid"))}
