"""Helpers for tests that act as a logged-in browser."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bibliology.http import CSRF_HEADER, SESSION_COOKIE, csrf_token_for

# httpx files TestClient's cookies under this domain (a host without a dot gets ".local").
COOKIE_DOMAIN = "testserver.local"


def set_session_cookie(client: TestClient, token: str, *, with_csrf_header: bool = True) -> None:
    """Act as the browser holding `token` (replacing any session cookie it had)."""
    client.cookies.delete(SESSION_COOKIE)
    client.cookies.set(SESSION_COOKIE, token, domain=COOKIE_DOMAIN)
    if with_csrf_header:
        client.headers[CSRF_HEADER] = csrf_token_for(token)
