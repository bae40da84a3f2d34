"""The `bibliology` command as a user runs it: a real process, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys

from bibliology import __version__, migrate


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bibliology.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_version() -> None:
    result = run("version")
    assert result.returncode == 0
    assert result.stdout.strip() == __version__


def test_db_current_and_check_on_a_migrated_database(database_url: str) -> None:
    env = {"DATABASE_URL": database_url}
    current = run("db", "current", env=env)
    assert current.returncode == 0, current.stderr
    assert f"current: {migrate.heads()[0]}" in current.stdout
    check = run("db", "check", env=env)
    assert check.returncode == 0, check.stderr
    assert "matches the models" in check.stderr


def test_db_upgrade_on_an_empty_database_then_check(empty_url: str) -> None:
    env = {"DATABASE_URL": empty_url}
    assert run("db", "upgrade", env=env).returncode == 0
    assert run("db", "check", env=env).returncode == 0
    down = run("db", "downgrade", "base", env=env)
    assert down.returncode == 0
    assert "database at base" in down.stderr
    failing = run("db", "check", env=env)
    assert failing.returncode == 1
    assert "schema check failed" in failing.stderr


def test_errors_are_one_line_not_a_traceback() -> None:
    result = run("db", "current", env={"DATABASE_URL": "mysql://nobody@localhost/x"})
    assert result.returncode == 1
    assert result.stderr.strip() == "error: unsupported database URL scheme in 'mysql': use postgresql://"
    unreachable = run("db", "current", env={"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"})
    assert unreachable.returncode == 1
    assert "Traceback" not in unreachable.stderr
    assert len(unreachable.stderr.strip().splitlines()) == 1


def _command_paths() -> list[tuple[str, ...]]:
    """Every command and sub-command of `bibliology`, as the words a user types."""
    import typer.main

    from bibliology.cli import app

    paths: list[tuple[str, ...]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        paths.append(path)
        # Typer ships its own copy of click, so a group is recognised by its sub-commands.
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return paths


def test_help_shows_no_type_labels_on_flags() -> None:
    """`--help <bool>` and `--migrate <bool>` were noise: a flag takes no value."""
    from typer.testing import CliRunner

    from bibliology.cli import app

    runner = CliRunner()
    paths = _command_paths()
    assert len(paths) > 10  # every command is walked, not just the top
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "<bool>" not in result.output, (path, result.output)
        assert "--help" in result.output
