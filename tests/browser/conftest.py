"""Browser fixtures: one scratch database seeded with the demo (committed data: the journeys commit),
one live server and one Chromium per session; a fresh context and page per test."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, Playwright, sync_playwright
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bibliology.app import create_app
from bibliology.config import Settings
from bibliology.db import make_engine
from bibliology.media.storage import MEDIA_DIR_ENV
from bibliology.schema_check import scratch_database
from bibliology.seed.demo import seed_demo
from tests.browser.harness import CHROMIUM_ARGS, DESKTOP, LiveServer, require_chromium, sign_in


@pytest.fixture(scope="session")
def chromium() -> Path:
    return require_chromium()


@pytest.fixture(scope="session")
def browser_media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser-media")


@pytest.fixture(autouse=True)
def _media_in_tmp(browser_media_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Overrides the suite's per-test media folder: the seeded artwork must outlive one test."""
    monkeypatch.setenv(MEDIA_DIR_ENV, str(browser_media_dir))


@pytest.fixture(scope="session")
def live_url(chromium: Path, server_url: str, template_db: str, browser_media_dir: Path) -> Iterator[str]:
    """A scratch database with the demo committed in it."""
    with scratch_database(server_url, template=template_db) as url, pytest.MonkeyPatch.context() as mp:
        mp.setenv(MEDIA_DIR_ENV, str(browser_media_dir))
        engine = make_engine(url, pool_size=1)
        try:
            with Session(engine) as db, db.begin():
                seed_demo(db)
        finally:
            engine.dispose()
        yield url


@pytest.fixture(scope="session")
def live_engine(live_url: str) -> Iterator[Engine]:
    engine = make_engine(live_url, pool_size=2)
    yield engine
    engine.dispose()


@pytest.fixture
def live_db(live_engine: Engine) -> Iterator[Session]:
    """A session on the live database: what it commits, the server sees (nothing is rolled back)."""
    with sessionmaker(bind=live_engine, expire_on_commit=False)() as db:
        yield db


@pytest.fixture(scope="session")
def live_server(live_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(
        BIBLIOLOGY_ENV="test",
        BIBLIOLOGY_DATA_DIR=tmp_path_factory.mktemp("browser-data"),
        DATABASE_URL=live_url,
        REDIS_URL=os.environ.get("REDIS_URL") or None,
    )
    engine = make_engine(live_url, pool_size=settings.db_pool_size)  # ours to dispose (the app's own is not)
    server = LiveServer(create_app(live_url, settings=settings, engine=engine))
    server.start()
    yield server
    server.stop()
    engine.dispose()


# Package-scoped, not session-scoped: Playwright's sync API keeps an asyncio loop running in the
# main thread while it is started, and tests after this package call asyncio.run() (the job worker).
@pytest.fixture(scope="package")
def playwright_driver(chromium: Path) -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright_driver: Playwright, chromium: Path) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, live_server: LiveServer) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="en-GB")  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Every alert/confirm/prompt a page opened (the hostile-content test wants none)."""
    return []


@pytest.fixture
def page(context: BrowserContext, dialogs: list[str]) -> Page:
    page = context.new_page()

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        # A confirm() is the quiz's "submit?" question: say yes, as the student would.
        dialog.accept() if dialog.type == "confirm" else dialog.dismiss()

    page.on("dialog", on_dialog)
    return page


@pytest.fixture
def signed_in(context: BrowserContext, live_server: LiveServer, live_db: Session) -> Callable[[str], None]:
    """Sign the test's browser context in as a user id."""

    def sign(user_id: str) -> None:
        sign_in(context, live_server, live_db, user_id)

    return sign
