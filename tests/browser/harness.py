"""Real-browser harness: Debian's Chromium driven by Playwright, the app served by uvicorn in a
thread, axe-core injected from the vendored copy. No `playwright install`: the browser is the
system package, so CI installs it with apt like any other tool."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from playwright.sync_api import BrowserContext, Page
from sqlalchemy.orm import Session

from bibliology.accounts import sessions
from bibliology.http import CSRF_COOKIE, SESSION_COOKIE, csrf_token_for
from tests.support import missing

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
]
VENDOR = Path(__file__).parent / "vendor"
AXE_JS = VENDOR / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def require_chromium(path: Path = CHROMIUM) -> Path:
    """The browser, or a skip naming the package (a failure under BIBLIOLOGY_STRICT_SKIPS=1)."""
    if not path.exists():
        missing(f"Debian's chromium not found at {path}: apt-get install chromium")
    return path


class LiveServer:
    """The app on a loopback port, served by uvicorn in a daemon thread (no signal handlers there)."""

    def __init__(self, app: FastAPI) -> None:
        # The socket is bound here and handed to uvicorn, not a port number probed then re-bound:
        # parallel test workers would race for a port between the probe and the bind.
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.port: int = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_config=None, access_log=False, ws="none", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, name="live-server", daemon=True
        )

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the live server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.socket.close()


def sign_in(context: BrowserContext, server: LiveServer, db: Session, user_id: str) -> None:
    """Sign the browser context in as `user_id` without the login form (no Argon2): a session row
    and its cookie, as a successful login would leave them."""
    token, _ = sessions.create(db, user_id=user_id, lifetime=dt.timedelta(hours=2))
    db.commit()
    context.add_cookies(
        [
            {"name": SESSION_COOKIE, "value": token, "url": server.url},
            {
                "name": CSRF_COOKIE,
                "value": csrf_token_for(token),
                "url": server.url,
            },  # what page scripts send
        ]
    )


# --- axe-core ------------------------------------------------------------------------------------

BLOCKING = ("serious", "critical")


@dataclass
class AxeReport:
    url: str
    violations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def blocking(self) -> list[dict[str, Any]]:
        return [v for v in self.violations if v.get("impact") in BLOCKING]

    def describe(self, violations: list[dict[str, Any]] | None = None) -> str:
        """One paragraph per rule: impact, id, help, then each offending node's selector and why."""
        lines = [f"axe on {self.url}:"]
        for violation in self.violations if violations is None else violations:
            lines.append(
                f"  [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
            )
            for node in violation["nodes"][:8]:
                target = " ".join(str(t) for t in node.get("target", []))
                summary = (node.get("failureSummary") or "").replace("\n", " ")
                lines.append(f"      {target}: {summary[:300]}")
                lines.append(f"        {node.get('html', '')[:200]}")
        return "\n".join(lines)


def run_axe(page: Page) -> AxeReport:
    """axe-core on the page as it stands (WCAG 2.x A/AA rules and best practices). Evaluated over the
    DevTools protocol, which the page's CSP does not govern, so the page keeps its real CSP."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return JSON.stringify(r.violations);
        }"""
    )
    return AxeReport(url=page.url, violations=json.loads(result))


def assert_accessible(page: Page) -> AxeReport:
    report = run_axe(page)
    if report.violations:
        print(report.describe())  # minor/moderate ones too, for whoever reads the log
    assert not report.blocking, report.describe(report.blocking)
    return report


# --- screenshots ---------------------------------------------------------------------------------


def screenshot(page: Page, name: str) -> Path:
    """docs/screenshots/<name>-<width>.png of the whole page (overwritten on every run)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    path = SCREENSHOTS / f"{name}-{width}.png"
    # Written aside then renamed: parallel test workers never leave (or read) a half-written file.
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(page.screenshot(full_page=True))
    partial.replace(path)
    return path


@contextmanager
def viewport(page: Page, size: dict[str, int]) -> Iterator[Page]:
    previous = page.viewport_size
    page.set_viewport_size(size)  # type: ignore[arg-type]
    try:
        yield page
    finally:
        if previous:
            page.set_viewport_size(previous)


def assert_fits_width(page: Page) -> None:
    """Nothing makes the page scroll sideways (wide tables scroll inside their own box)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport_width = page.viewport_size["width"] if page.viewport_size else 0
    assert width <= viewport_width, f"{page.url} is {width} px wide in a {viewport_width} px viewport"
