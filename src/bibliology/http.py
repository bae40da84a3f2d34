"""HTTP conventions every route shares: security headers, request size limits, problem+json errors,
CSRF protection."""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any, TypeVar
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bibliology import web
from bibliology.errors import DomainError, Forbidden, Invalid, Throttled, TooLarge

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
        """The limit of the longest matching prefix; a key with `*` is a whole-path pattern
        (`/teach/courses/*/import`: `*` is one path segment)."""
        for key, limit in self.limits:
            if "*" in key:
                if fnmatch.fnmatchcase(path, key) and path.count("/") == key.count("/"):
                    return limit
            elif path.startswith(key):
                return limit
        return self.default

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
    if web.wants_html(request):
        return web.html(request, "error.html", {"error": body}, status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=headers)


async def server_error_handler(request: Request, exc: Exception) -> Response:
    """An unhandled exception: a 500 in the request's format, the error page in the reader's
    language for a browser. Starlette still logs the exception once this has answered. This runs
    outside every middleware, so the security headers are set here."""
    body = {
        "type": "/problems/internal",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "an unexpected error stopped this request",
        "instance": request.url.path,
    }
    try:
        return problem_response(request, body, headers=SECURITY_HEADERS)
    except Exception:  # the page itself failed: answer plainly rather than not at all
        return JSONResponse(
            body, status_code=500, media_type="application/problem+json", headers=SECURITY_HEADERS
        )


# app.state.on_domain_error(request, error), when set, runs (in a thread) before the error is
# answered, after the request's own transaction was rolled back: auditing lives there.
ERROR_HOOK = "on_domain_error"


async def domain_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    hook = getattr(request.app.state, ERROR_HOOK, None)
    if hook is not None:
        await run_in_threadpool(hook, request, exc)
    return error_response(request, exc)


async def validation_error_handler(request: Request, exc: Exception) -> Response:
    """FastAPI's request validation, reshaped as problem+json naming each offending field."""
    assert isinstance(exc, RequestValidationError)
    fields = [_field_error(error) for error in exc.errors()]
    summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields[:5])
    return error_response(request, Invalid(f"invalid request: {summary}", fields=fields))


async def data_error_handler(request: Request, exc: Exception) -> Response:
    """Values PostgreSQL refuses as data (NUL bytes in text, numbers out of range) are the
    client's input: a 422, not a server error."""
    original = getattr(exc, "orig", None) or exc
    reason = str(original).strip().splitlines()[0] if str(original).strip() else "invalid value"
    return error_response(request, Invalid(f"invalid value: {reason}"))


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
    if web.wants_html(request):
        await run_in_threadpool(_identify_reader, request)
    return problem_response(request, body, headers=exc.headers)


def _identify_reader(request: Request) -> None:
    """A path no route matched ran no dependency, so nobody looked up who is signed in: without
    this, the error page's header would offer "Sign in" to a signed-in reader. Best effort."""
    token = request.cookies.get(SESSION_COOKIE)
    if hasattr(request.state, "viewer") or not token:
        return
    from bibliology.accounts import sessions  # accounts imports this module
    from bibliology.accounts.deps import Viewer

    try:
        with request.app.state.read_sessions() as session:
            found = sessions.lookup(session, token=token, touch=False)
            request.state.viewer = Viewer.of(found.user) if found else None
    except Exception:  # the page must render anyway, as a visitor's
        request.state.viewer = None


def _field_error(error: Mapping[str, Any]) -> dict[str, str]:
    location = [str(part) for part in error.get("loc", ())]
    if location and location[0] in ("body", "query", "path", "header", "cookie"):
        where, path = location[0], location[1:]
    else:
        where, path = "body", location
    message = str(error.get("msg", "invalid"))
    if error.get("type") == "extra_forbidden":
        message = "this field cannot be set here (unknown or read-only)"
    elif error.get("type") in _JSON_TYPES and where == "body":
        # Strict JSON bodies (bibliology.inputs): say which JSON type came instead.
        message = f"{_JSON_TYPES[str(error['type'])]}, not {_json_type(error.get('input'))}"
    return {"field": ".".join(path) or where, "in": where, "message": message}


_JSON_TYPES = {
    "int_type": "must be an integer",
    "float_type": "must be a number",
    "decimal_type": "must be a number",
    "bool_type": "must be true or false",
    "string_type": "must be a string",
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number with a decimal point" if isinstance(value, float) else "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


# --- CSRF ------------------------------------------------------------------------------------------
# A request authenticated by the session cookie must prove it was made by our own pages: it carries
# the session's CSRF token in the X-CSRF-Token header (scripts, which read it from the csrftoken
# cookie) or in the csrf_token form field (HTML forms). The token is an HMAC of the session's own
# secret token, so it needs no storage, survives restarts, and a token planted by another site or
# subdomain is worthless without the victim's session. Requests without the session cookie (bearer
# tokens, anonymous) carry no ambient authority and are not checked; a cross-site Origin or
# Sec-Fetch-Site is refused on every state-changing request, which also stops login CSRF.

SESSION_COOKIE = "bibliology_session"
CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
_EXEMPT = "__csrf_exempt__"

F = TypeVar("F", bound=Callable[..., Any])


class CsrfRefused(Forbidden):
    slug = "csrf"
    title = "CSRF check failed"


def csrf_token_for(session_token: str) -> str:
    return hmac.new(session_token.encode(), b"bibliology csrf v1", hashlib.sha256).hexdigest()


def csrf_exempt(endpoint: F) -> F:
    """For endpoints that authenticate by credentials in the body (login, register, password reset
    confirmation): a stale session cookie must not block them. The Origin check still applies."""
    setattr(endpoint, _EXEMPT, True)
    return endpoint


async def csrf_protect(request: Request) -> None:
    """App-wide dependency: every route of the app is protected without opting in."""
    if request.method in SAFE_METHODS:
        return
    _refuse_cross_site(request)
    if getattr(request.scope.get("endpoint"), _EXEMPT, False):
        return
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return  # the bearer token, not the cookie, authenticates this request
    session_token = request.cookies.get(SESSION_COOKIE)
    if not session_token:
        return
    presented = request.headers.get(CSRF_HEADER)
    if presented is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        field = (await request.form()).get(CSRF_FIELD)
        presented = field if isinstance(field, str) else None
    if not presented or not hmac.compare_digest(presented.encode(), csrf_token_for(session_token).encode()):
        raise CsrfRefused(
            f"missing or wrong CSRF token: send the {CSRF_COOKIE} cookie's value in the X-CSRF-Token "
            f"header (or the {CSRF_FIELD} form field)"
        )


def _refuse_cross_site(request: Request) -> None:
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise CsrfRefused("cross-site request refused")
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc not in _own_hosts(request):
        raise CsrfRefused("request from another origin refused")


def _own_hosts(request: Request) -> set[str]:
    """The Host the request came to, and the public one (a proxy may pass another Host)."""
    hosts = {request.headers.get("host", "")}
    settings = getattr(request.app.state, "settings", None)
    if base_url := getattr(settings, "base_url", None):
        hosts.add(urlsplit(base_url).netloc)
    return hosts
