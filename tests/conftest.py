"""Test harness: a real PostgreSQL (TEST_DATABASE_URL, else an embedded cluster), migrated once per
run into a template database; each test runs in a transaction rolled back at the end; tests that
need committed data get a scratch database cloned from the template."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bibliology import migrate
from bibliology.accounts import sessions
from bibliology.accounts.models import User
from bibliology.app import create_app
from bibliology.cache import MemoryCache
from bibliology.config import Settings
from bibliology.db import make_engine, sqlalchemy_url
from bibliology.embedded import embedded_server
from bibliology.http import CSRF_HEADER, SESSION_COOKIE, csrf_token_for
from bibliology.schema_check import libpq_url, scratch_database
from tests.support import REPO, missing

# Per process, so per pytest-xdist worker too: each worker migrates its own template database.
RUN_ID = f"{os.getpid()}"
# "gw0", "gw1"... under pytest-xdist (`make test`), empty in a serial run.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


# Under pytest-xdist (`make test`: --dist loadgroup) these modules run whole on one worker, in file
# order: their module-scoped fixtures (a job worker process, a seeded world) are then built once, and a
# browser file's tests keep sharing the state they build up in the worker's live database.
WHOLE_MODULES = ("tests/browser/", "tests/seed/test_scale.py")
# Modules that open 12 to 50 connections at once share one group, so they never run at the same
# time on several workers: together they would pass the server's max_connections (100).
MANY_CONNECTIONS = (
    "tests/quizzes/test_concurrency.py",
    "tests/certificates/test_concurrency.py",
    "tests/progress/test_concurrency.py",
    "tests/lessons/test_concurrency.py",
    "tests/courses/test_slug_concurrency.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = Path(item.path).relative_to(REPO).as_posix()
        if module.startswith(WHOLE_MODULES):
            item.add_marker(pytest.mark.xdist_group(module))
        elif module in MANY_CONNECTIONS:
            item.add_marker(pytest.mark.xdist_group("many-connections"))


def _database(url: str, name: str) -> str:
    return make_url(sqlalchemy_url(url)).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A URL on a server where tests may create databases."""
    if url := os.environ.get("TEST_DATABASE_URL"):
        yield url
        return
    data_dir = Path(os.environ.get("BIBLIOLOGY_TEST_DATA_DIR", REPO / "var" / "test-pg"))
    if WORKER:
        data_dir /= WORKER  # one embedded cluster per worker: they start and stop independently
    with embedded_server(data_dir, database="postgres") as url:
        yield url


@pytest.fixture(scope="session")
def template_db(server_url: str) -> Iterator[str]:
    """A database migrated with the real migrations; clone source for every other test database."""
    name = f"bibliology_tpl_{RUN_ID}"
    admin = libpq_url(_database(server_url, "postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    migrate.upgrade(_database(server_url, name))
    yield name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def database_url(server_url: str, template_db: str) -> Iterator[str]:
    with scratch_database(server_url, template=template_db) as url:
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url, pool_size=5)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test, whatever it committed."""
    with engine.connect() as connection:
        transaction = connection.begin()
        factory = sessionmaker(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        session = factory()
        session.info["factory"] = factory
        try:
            yield session
        finally:
            session.close()
            transaction.rollback()


@pytest.fixture
def scratch_url(server_url: str, template_db: str) -> Iterator[str]:
    """A migrated database of the test's own, for committed data (concurrency, migrations, backups)."""
    with scratch_database(server_url, template=template_db) as url:
        yield url


@pytest.fixture
def empty_url(server_url: str) -> Iterator[str]:
    """An empty database (no migrations applied)."""
    with scratch_database(server_url) as url:
        yield url


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(BIBLIOLOGY_ENV="test", BIBLIOLOGY_DATA_DIR=tmp_path, DATABASE_URL=None, REDIS_URL=None)


@pytest.fixture
def app(session: Session, database_url: str, engine: Engine, settings: Settings) -> FastAPI:
    """The application with every request in the test's rolled-back transaction."""
    application = create_app(database_url, settings=settings, engine=engine, cache=MemoryCache())
    application.state.sessions = session.info["factory"]
    # Read-only requests too (tests/test_read_only.py runs them on the real read-only pool).
    application.state.read_sessions = session.info["factory"]
    return application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        missing("REDIS_URL is not set: tests of the Redis cache need a real Redis server")
    return url


# --- accounts (issue 4) ------------------------------------------------------------------------------


@pytest.fixture
def login_as(session: Session, client: TestClient) -> Callable[[User], str]:
    """Log `client` in as a user without the login endpoint (no Argon2, no throttle): sets the
    session cookie and the X-CSRF-Token header every state-changing request needs. Returns the
    session's token."""

    def login(user: User) -> str:
        token, _ = sessions.create(session, user_id=user.id, lifetime=dt.timedelta(hours=1))
        client.cookies.delete(SESSION_COOKIE)
        client.cookies.set(SESSION_COOKIE, token, domain="testserver.local")  # where httpx files them
        client.headers[CSRF_HEADER] = csrf_token_for(token)
        return token

    return login


@pytest.fixture
def outbox(settings: Settings) -> Callable[[], list[EmailMessage]]:
    """The e-mails written to the outbox so far (no SMTP in tests), oldest first."""

    def read() -> list[EmailMessage]:
        if not settings.outbox_dir.exists():
            return []
        parser = BytesParser(policy=default_policy)
        messages = []
        for path in sorted(settings.outbox_dir.glob("*.eml")):
            message = parser.parsebytes(path.read_bytes())
            assert isinstance(message, EmailMessage)
            messages.append(message)
        return messages

    return read


@pytest.fixture(autouse=True)
def _media_in_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes media into the real per-user data directory."""
    monkeypatch.setenv("BIBLIOLOGY_MEDIA_DIR", str(tmp_path_factory.mktemp("media")))
