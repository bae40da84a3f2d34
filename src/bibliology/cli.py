"""`bibliology …`: serve, db, version. Errors print as one line and exit non-zero."""

from __future__ import annotations

import logging
import sys
import time
from typing import Annotated

import typer
from rich.console import Console

from bibliology import __version__
from bibliology.config import get_settings
from bibliology.embedded import EmbeddedServerError, database_url
from bibliology.errors import DomainError

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Bibliology: bilingual Bible-study courses.",
)
db_app = typer.Typer(no_args_is_help=True, help="Database migrations and schema checks.")
app.add_typer(db_app, name="db")

console = Console(stderr=True, soft_wrap=True)


class CommandFailed(Exception):
    """A failure already explained to the user in one line."""


@app.command()
def version() -> None:
    """Print the version."""
    print(__version__)


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Interface to bind (default BIBLIOLOGY_HOST or 127.0.0.1)")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default BIBLIOLOGY_PORT or 8000)")] = None,
    migrate: Annotated[bool, typer.Option(help="Apply pending migrations first")] = True,
) -> None:
    """Run the web server (on the embedded PostgreSQL when DATABASE_URL is unset)."""
    import uvicorn

    from bibliology import migrate as migrations
    from bibliology.app import create_app

    settings = get_settings()
    started = time.monotonic()
    with database_url(settings) as url:
        if migrate:
            migrations.upgrade(url)
        where = "embedded PostgreSQL" if not settings.database_url else "DATABASE_URL"
        console.print(f"database ready on {where} in {time.monotonic() - started:.1f}s")
        application = create_app(url, settings=settings)
        uvicorn.run(application, host=host or settings.host, port=port or settings.port, log_level="info")


@app.command()
def seed(
    scale: Annotated[
        int | None,
        typer.Option(
            min=1, max=500, help="Load deterministic benchmark data of this scale (50 ≈ 50k students)"
        ),
    ] = None,
) -> None:
    """Load the bilingual demo (idempotent), or with --scale N bulk benchmark data."""
    from bibliology import migrate
    from bibliology.console import progress_bar, summary_table
    from bibliology.db import make_engine, session_factory, unit_of_work

    started = time.monotonic()
    with database_url(get_settings()) as url:
        migrate.upgrade(url)
        if scale is None:
            from bibliology.seed.demo import seed_demo

            engine = make_engine(url, pool_size=1)
            try:
                with progress_bar() as progress, unit_of_work(session_factory(engine)) as session:
                    counts = seed_demo(session, progress=progress)
            finally:
                engine.dispose()
            title = "demo data (rows created)"
        else:
            from bibliology.seed.scale import seed_scale

            with progress_bar() as progress:
                counts = seed_scale(url, scale=scale, progress=progress)
            title = f"benchmark data at scale {scale} (rows loaded)"
    console.print(summary_table(title, counts, time.monotonic() - started))


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision")] = "heads") -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    from bibliology import migrate

    with database_url(get_settings()) as url:
        migrate.upgrade(url, revision)
        console.print(f"database at {', '.join(migrate.current(url)) or 'base'}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="Target revision, e.g. -1 or base")]) -> None:
    """Revert migrations down to REVISION."""
    from bibliology import migrate

    with database_url(get_settings()) as url:
        migrate.downgrade(url, revision)
        console.print(f"database at {', '.join(migrate.current(url)) or 'base'}")


@db_app.command("current")
def db_current() -> None:
    """Print the database's revision and the migrations' head."""
    from bibliology import migrate

    with database_url(get_settings()) as url:
        print(f"current: {', '.join(migrate.current(url)) or 'base'}")
        print(f"head:    {', '.join(migrate.heads())}")


@db_app.command("check")
def db_check() -> None:
    """Fail when the migrated schema and the models disagree (columns, constraints, indexes,
    enum values, triggers, functions)."""
    from bibliology import schema_check

    with database_url(get_settings()) as url:
        problems = schema_check.check(url)
    if problems:
        for problem in problems:
            console.print(f"[red]✗[/red] {problem}", highlight=False)
        raise CommandFailed(f"schema check failed: {len(problems)} difference(s)")
    console.print("[green]✓[/green] the database schema matches the models")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()  # click reports usage errors itself and exits
    except Exception as exc:
        sys.exit(_one_line_error(exc))


def _one_line_error(exc: Exception) -> int:
    import psycopg
    import sqlalchemy.exc
    from alembic.util import CommandError

    known = (
        CommandFailed,
        DomainError,
        EmbeddedServerError,
        CommandError,
        ValueError,
        OSError,
        psycopg.Error,
    )
    if isinstance(exc, sqlalchemy.exc.DBAPIError):
        message = _one_line(str(exc.orig) if exc.orig else str(exc))
    elif isinstance(exc, (sqlalchemy.exc.SQLAlchemyError, *known)):
        message = _one_line(str(exc)) or type(exc).__name__
    else:
        raise exc
    console.print(f"[red]error:[/red] {message}", highlight=False)
    return 1


def _one_line(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


if __name__ == "__main__":
    main()
