"""`bibliology …`: serve, db, seed, users, activity, version. Errors print as one line and exit
non-zero."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bibliology import __version__
from bibliology.bench.web_command import bench_web
from bibliology.bible.command import bible_app
from bibliology.certificates.command import certificates_app
from bibliology.config import get_settings
from bibliology.embedded import EmbeddedServerError, database_url
from bibliology.errors import DomainError
from bibliology.media.command import media_app
from bibliology.ops.command import backup_app, bench_backup
from bibliology.ops.command import restore as restore_command
from bibliology.search.bench_command import bench_search

app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Bibliology: bilingual Bible-study courses.",
)
db_app = typer.Typer(
    rich_markup_mode=None, no_args_is_help=True, help="Database migrations and schema checks."
)
app.add_typer(db_app, name="db")
users_app = typer.Typer(rich_markup_mode=None, no_args_is_help=True, help="User accounts.")
app.add_typer(users_app, name="users")
activity_app = typer.Typer(rich_markup_mode=None, no_args_is_help=True, help="The activity log.")
app.add_typer(activity_app, name="activity")
app.add_typer(media_app, name="media")
app.add_typer(certificates_app, name="certificates")
app.add_typer(bible_app, name="bible")  # Bible texts: docs/bible-texts.md
app.command("bench-search")(bench_search)  # search vs query 5: search/bench.py
app.add_typer(backup_app, name="backup")  # backups and restores: docs/backups.md
app.command("restore")(restore_command)
app.command("bench-backup")(bench_backup)
app.command("bench-web")(bench_web)  # lesson page vs lesson tree, static weight: bench/web.py

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
    backup: Annotated[
        bool, typer.Option(help="In production, back up before applying migrations (docs/backups.md)")
    ] = True,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (more than 1 needs REDIS_URL)")
    ] = 1,
    graceful_timeout: Annotated[
        float, typer.Option(min=1, help="Seconds in-flight requests get to finish on SIGTERM")
    ] = 30.0,
) -> None:
    """Run the web server (on the embedded PostgreSQL when DATABASE_URL is unset): migrate once,
    then serve in one process or --workers N (docs/operations.md)."""
    from bibliology.ops.workers import ServeOptions
    from bibliology.ops.workers import serve as run_server

    settings = get_settings()
    options = ServeOptions(
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        graceful_timeout=graceful_timeout,
        migrate=migrate,
        backup=backup,
    )
    run_server(settings, options)


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
    texts: dict[str, int] = {}  # Bible verses imported, apart from the demo's rows
    with database_url(get_settings()) as url:
        migrate.upgrade(url)
        if scale is None:
            from bibliology.bible.demo import seed_bible_texts
            from bibliology.seed.demo import seed_demo

            engine = make_engine(url, pool_size=1)
            try:
                with progress_bar() as progress, unit_of_work(session_factory(engine)) as session:
                    counts = seed_demo(session, progress=progress)
                    texts = seed_bible_texts(session, progress=progress)  # docs/bible-texts.md
            finally:
                engine.dispose()
            title = "demo data (rows created)"
        else:
            from bibliology.seed.scale import seed_scale

            with progress_bar() as progress:
                counts = seed_scale(url, scale=scale, progress=progress)
            title = f"benchmark data at scale {scale} (rows loaded)"
    console.print(summary_table(title, counts, time.monotonic() - started))
    for name, verses in texts.items():
        console.print(f"{name}: {verses:,} imported", highlight=False)


@db_app.command("upgrade")
def db_upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision")] = "heads",
    backup: Annotated[
        bool, typer.Option(help="In production, back up first when migrations are pending (docs/backups.md)")
    ] = True,
) -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    from bibliology import migrate
    from bibliology.ops.command import backup_before_upgrade

    settings = get_settings()
    with database_url(settings) as url:
        if backup:
            backup_before_upgrade(url, settings)
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


@users_app.command("create")
def users_create(
    email: Annotated[str, typer.Option(help="The account's e-mail address (its login)")],
    name: Annotated[str, typer.Option(help="Display name")],
    role: Annotated[str, typer.Option(help="STUDENT, TEACHER or ADMIN")] = "STUDENT",
    language: Annotated[str, typer.Option(help="Preferred language: en or fr")] = "en",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input (scripts)")
    ] = False,
) -> None:
    """Create an account (e.g. the first admin); the password is asked twice unless --password-stdin."""
    if role.upper() not in ("STUDENT", "TEACHER", "ADMIN"):
        raise CommandFailed(f"unknown role {role!r}: use STUDENT, TEACHER or ADMIN")
    from pydantic import ValidationError

    import bibliology.models  # noqa: F401  (every mapper configured)
    from bibliology import migrate
    from bibliology.accounts import service
    from bibliology.accounts.schemas import RegisterIn
    from bibliology.db import make_engine, session_factory, unit_of_work
    from bibliology.enums import UserRole

    if password_stdin:
        password = sys.stdin.read().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        account = RegisterIn.model_validate(
            {"email": email, "password": password, "name": name, "language_pref": language}
        )
    except ValidationError as invalid:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in invalid.errors())
        raise CommandFailed(problems) from None
    with database_url(get_settings()) as url:
        migrate.upgrade(url)
        engine = make_engine(url, pool_size=1)
        try:
            with unit_of_work(session_factory(engine)) as session:
                user = service.register(
                    session,
                    email=account.email,
                    password=account.password,
                    name=account.name,
                    language_pref=account.language_pref,
                    role=UserRole[role.upper()],
                )
                service.mark_verified(session, user)  # vouched for by whoever runs the server
        finally:
            engine.dispose()
    console.print(f"[green]✓[/green] created {user.role.value} {user.email} (id {user.id})", highlight=False)


@activity_app.command("purge")
def activity_purge(
    older_than: Annotated[
        str, typer.Option("--older-than", help="Age of the entries to strip: e.g. 180d, 26w, 12h")
    ] = "180d",
) -> None:
    """Forget the IP address and user agent of activity entries older than --older-than (the
    entries stay); also delete expired sessions, e-mailed tokens and throttle counters."""
    import datetime as dt

    import bibliology.models  # noqa: F401  (every mapper configured)
    from bibliology import throttle
    from bibliology.accounts import one_time, sessions
    from bibliology.activity.service import parse_duration, purge_addresses
    from bibliology.console import progress_bar, summary_table
    from bibliology.db import make_engine, session_factory, unit_of_work, utcnow

    age = parse_duration(older_than)
    started = time.monotonic()
    with database_url(get_settings()) as url:
        engine = make_engine(url, pool_size=1)
        try:
            with progress_bar() as progress, unit_of_work(session_factory(engine)) as session:
                counts = {
                    "activity_logs (addresses forgotten)": purge_addresses(
                        session, before=utcnow() - age, progress=progress
                    ),
                    "user_sessions (expired)": sessions.delete_expired(session),
                    "account_tokens (expired)": one_time.delete_expired(session),
                    "throttle_counters (expired)": throttle.purge_expired(session, keep=dt.timedelta(days=1)),
                }
        finally:
            engine.dispose()
    console.print(
        summary_table(f"activity purge, older than {older_than}", counts, time.monotonic() - started)
    )


@app.command()
def worker(
    queue: Annotated[
        list[str] | None, typer.Option("--queue", help="Only this queue (repeatable; default: every queue)")
    ] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=32, help="Jobs run at once by this worker")] = 1,
    stalled_after: Annotated[
        float, typer.Option(min=1, help="Seconds without a heartbeat after which a worker's jobs run again")
    ] = 60.0,
    heartbeat: Annotated[
        float, typer.Option(min=0.1, help="Seconds between this worker's heartbeats")
    ] = 10.0,
    migrate: Annotated[bool, typer.Option(help="Apply pending migrations first")] = True,
    backup: Annotated[
        bool, typer.Option(help="In production, back up before applying migrations (docs/backups.md)")
    ] = True,
    once: Annotated[bool, typer.Option("--once", help="Stop when the queue is empty")] = False,
) -> None:
    """Run background jobs (imports, scheduled jobs) until SIGTERM/SIGINT; any number of workers,
    on any machines, share the queue in the database (the embedded PostgreSQL too)."""
    import asyncio
    import os

    from bibliology.jobs.worker import WorkerOptions, run
    from bibliology.ops.command import upgrade_schema

    if heartbeat >= stalled_after:
        raise CommandFailed("--heartbeat must be shorter than --stalled-after")
    settings = get_settings()
    options = WorkerOptions(
        queues=tuple(queue) if queue else None,
        concurrency=concurrency,
        stalled_after_seconds=stalled_after,
        heartbeat_seconds=heartbeat,
        wait=not once,
    )
    with database_url(settings) as url:
        if migrate:
            upgrade_schema(url, settings, backup=backup)
        console.print(f"worker started (pid {os.getpid()}); stop it with SIGTERM or Ctrl-C")
        asyncio.run(run(url, settings=settings, options=options))
    console.print("worker stopped")


@app.command("import-pptx")
def import_pptx(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="The .pptx deck")],
    course: Annotated[str, typer.Option(help="Slug of the course the lesson belongs to")],
    lesson: Annotated[
        str | None,
        typer.Option(help="Slug of an existing lesson: a draft to replace, or the one to translate"),
    ] = None,
    lang: Annotated[str, typer.Option(help="The deck's language: en (a new or draft lesson) or fr")] = "en",
) -> None:
    """Import a PowerPoint deck into a draft lesson (English), or into a lesson's French side."""
    from rich.markup import escape

    from bibliology import migrate
    from bibliology.cache import make_cache
    from bibliology.console import progress_bar
    from bibliology.db import make_engine, session_factory
    from bibliology.imports.command import import_file, report_table, summary
    from bibliology.imports.runner import ImportFailed
    from bibliology.jobs.runtime import JobResources

    settings = get_settings()
    with database_url(settings) as url:
        migrate.upgrade(url)
        engine = make_engine(url, pool_size=2)
        resources = JobResources(
            engine,
            session_factory(engine),
            make_cache(settings.redis_url, settings.redis_timeout_seconds),
            settings,
        )
        try:
            with progress_bar() as progress:
                imported = import_file(
                    resources,
                    path=file,
                    course_slug=course,
                    lesson_slug=lesson,
                    language=lang,
                    progress=progress,
                )
        except ImportFailed as failed:
            if failed.outcome.report:
                console.print(report_table(failed.outcome.report))
                for problem in failed.outcome.report.get("problems", []):
                    console.print(f"[red]✗[/red] {problem}", highlight=False)
            raise CommandFailed(f"import failed: {failed.detail}") from None
        finally:
            engine.dispose()
    report = imported.outcome.report or {}
    console.print(report_table(report))
    for line in summary(imported, settings=settings):
        console.print(escape(line).replace("✓", "[green]✓[/green]", 1), highlight=False)


# --- the learning loop (issue 6) -------------------------------------------------------------------

progress_app = typer.Typer(rich_markup_mode=None, no_args_is_help=True, help="Students' progress.")
app.add_typer(progress_app, name="progress")


@progress_app.command("reconcile")
def progress_reconcile(
    fix: Annotated[bool, typer.Option("--fix", help="Repair the fields that drifted")] = False,
) -> None:
    """Recompute every denormalised progress field (enrollment counters, slides seen, slide
    positions) from its source rows and report drift; exits 1 on drift unless --fix."""
    from bibliology.console import progress_bar
    from bibliology.db import make_engine, session_factory
    from bibliology.progress.reconcile import run, summary

    started = time.monotonic()
    with database_url(get_settings()) as url:
        engine = make_engine(url, pool_size=1)
        try:
            with progress_bar() as progress:
                report = run(session_factory(engine), fix=fix, progress=progress)
        finally:
            engine.dispose()
    console.print(summary(report, time.monotonic() - started))
    if report.drifted and not fix:
        raise CommandFailed(f"{report.drifted} drifted value(s): run with --fix to repair them")
    console.print("[green]✓[/green] " + ("repaired" if report.drifted else "no drift"), highlight=False)


@app.command()
def bench(
    iterations: Annotated[int, typer.Option(min=1, help="Calls per measurement")] = 300,
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Concurrent clients for the rate")] = 8,
    pattern: Annotated[
        list[str] | None, typer.Option("--pattern", help="1, 1v, 2s, 2t, 3 or 4 (repeatable; default all)")
    ] = None,
    prisma: Annotated[bool, typer.Option(help="Also run the design's Prisma client")] = True,
    json_path: Annotated[Path, typer.Option("--json", help="Where to write the results")] = Path(
        "var/bench/results.json"
    ),
    markdown_path: Annotated[
        Path | None, typer.Option("--markdown", help="Also write the tables as Markdown here")
    ] = None,
) -> None:
    """Time the design's query patterns 1-4 (services uncached and cached, the best hand-written
    SQL, the design's Prisma client) on the database's rows, e.g. after `seed --scale 10`."""
    import json

    from bibliology.bench import report, run
    from bibliology.console import progress_bar

    chosen = tuple(pattern or run.PATTERNS)
    if unknown := [p for p in chosen if p not in run.PATTERNS]:
        raise CommandFailed(f"unknown pattern(s) {', '.join(unknown)}: use {', '.join(run.PATTERNS)}")
    settings = get_settings()
    with database_url(settings) as url, progress_bar() as progress:
        result = run.run(
            url,
            iterations=iterations,
            concurrency=concurrency,
            redis_url=settings.redis_url,
            prisma=prisma,
            patterns=chosen,
            progress=progress,
        )
    ratios = report.ratios(result)
    console.print(report.results_table(result))
    console.print(report.ratios_table(ratios))
    for note in result.notes:
        console.print(f"[yellow]![/yellow] {note}", highlight=False)
    body = result.as_json() | {"ratios": [vars(r) for r in ratios]}
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(body, indent=2) + "\n")
    if markdown_path is not None:
        markdown_path.write_text(report.markdown(result, ratios))
    targets = [r for r in ratios if not r.what.endswith("(floor)")]
    met = sum(r.met for r in targets)
    console.print(f"{met}/{len(targets)} targets met; results written to {json_path}", highlight=False)


@app.command("bench-quiz")
def bench_quiz(
    submissions: Annotated[
        int, typer.Option(min=1, help="Submissions through the services, and as many by hand-written SQL")
    ] = 500,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the results here")] = None,
) -> None:
    """Quiz submissions per second through the services beside hand-written SQL writing the same rows,
    every row checked (docs/quizzes.md). It WRITES submissions: run it on a copy of a seeded database."""
    from bibliology import migrate
    from bibliology.console import progress_bar
    from bibliology.quizzes.bench import bench_quiz_submit, report_json, report_table

    with database_url(get_settings()) as url:
        migrate.upgrade(url)
        with progress_bar() as progress:
            result = bench_quiz_submit(url, submissions=submissions, progress=progress)
    console.print(report_table(result))
    if json_path is not None:
        json_path.write_text(report_json(result))
    if not result.met:
        raise CommandFailed("quiz-submission benchmark: target not met or rows missing (see the table)")


@app.command()
def loadtest(
    base_url: Annotated[
        str | None,
        typer.Option(help="The server, on this machine (default http://127.0.0.1:BIBLIOLOGY_PORT)"),
    ] = None,
    mix: Annotated[
        str, typer.Option(help="realistic (browse, study, quizzes) or patterns (1-4 in turn)")
    ] = "realistic",
    duration: Annotated[
        float, typer.Option(min=1, max=600, help="Seconds of load (patterns: shared)")
    ] = 30.0,
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Concurrent clients")] = 8,
    processes: Annotated[int, typer.Option(min=1, max=16, help="Client processes sharing them")] = 2,
    users: Annotated[int, typer.Option(min=1, max=1000, help="Students acting (realistic mix)")] = 50,
    prisma: Annotated[
        bool, typer.Option(help="patterns: also run the design's Prisma client and print the ratios")
    ] = False,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the figures here")] = None,
) -> None:
    """Load a running `bibliology serve` on this machine with a bounded, realistic mix (or the
    query patterns 1-4); API tokens for the acting users are made in the database and deleted after.
    Exits 1 when any request failed (5xx or a broken connection)."""
    import json
    from dataclasses import asdict

    from bibliology.console import progress_bar
    from bibliology.ops import loadtest as load

    if mix not in ("realistic", "patterns"):
        raise CommandFailed(f"unknown mix {mix!r}: use realistic or patterns")
    settings = get_settings()
    target = base_url or f"http://127.0.0.1:{settings.port}"
    load.check_target(target)
    label = load.new_label()
    results: dict[str, list[load.StepReport]] = {}
    with database_url(settings) as url:
        try:
            if mix == "realistic":
                groups = {"realistic mix": load.realistic_users(url, users, label)}
            else:
                groups = {
                    f"pattern {p}: {load.PATTERN_NAMES[p]}": [u]
                    for p, u in load.pattern_users(url, label).items()
                }
            for title, acting in groups.items():
                with progress_bar() as progress:
                    outcome, elapsed = load.run_load(
                        target,
                        acting,
                        duration=duration / len(groups),
                        concurrency=concurrency,
                        processes=processes,
                        progress=progress,
                    )
                results[title] = load.report(outcome, elapsed)
                console.print(load.table(results[title], f"{title}, {concurrency} clients, {elapsed:.1f} s"))
        finally:
            load.revoke_tokens(url, label)
        rates = {}
        if prisma and mix == "patterns":
            rates = load.prisma_rates(url, iterations=300, concurrency=concurrency)
            for title, rows in results.items():
                pattern = title.split(":")[0].removeprefix("pattern ")
                if pattern in rates and rows:
                    console.print(
                        f"pattern {pattern}: {rows[0].per_s:,.1f} requests/s over HTTP, Prisma client "
                        f"{rates[pattern]:,.1f} calls/s in-process: {rows[0].per_s / rates[pattern]:.2f}×",
                        highlight=False,
                    )
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        body: dict[str, object] = {title: [asdict(row) for row in rows] for title, rows in results.items()}
        body["prisma_per_s"] = rates
        json_path.write_text(json.dumps(body, indent=2) + "\n")
    errors = sum(row.errors for rows in results.values() for row in rows)
    if errors:
        raise CommandFailed(f"{errors} request(s) failed under load")
    console.print("[green]✓[/green] no request failed", highlight=False)


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
