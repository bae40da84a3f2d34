"""`bibliology users create` (the first admin) as an operator runs it."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

from bibliology.accounts.passwords import verify_password
from bibliology.schema_check import libpq_url


def run(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bibliology.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


@pytest.mark.committed
def test_users_create_makes_an_admin_from_a_script(scratch_url: str) -> None:
    env = {"DATABASE_URL": scratch_url}
    args = (
        "users",
        "create",
        "--email",
        "root@example.org",
        "--name",
        "Root",
        "--role",
        "admin",
        "--password-stdin",
    )
    result = run(*args, env=env, stdin="an admin passphrase\n")
    assert result.returncode == 0, result.stderr
    assert "created ADMIN root@example.org" in result.stderr
    with psycopg.connect(libpq_url(scratch_url)) as conn:
        row = conn.execute(
            "SELECT u.role::text, u.password_hash, v.email FROM users u "
            "LEFT JOIN email_verifications v ON v.user_id = u.id WHERE u.email = 'root@example.org'"
        ).fetchone()
    assert row is not None
    role, password_hash, verified = row
    assert role == "ADMIN"
    assert verify_password(password_hash, "an admin passphrase")  # the trailing newline is not part of it
    assert verified == "root@example.org"

    again = run(*args, env=env, stdin="an admin passphrase\n")
    assert again.returncode == 1
    assert again.stderr.strip().startswith("error: an account with this e-mail address already exists")
    assert len(again.stderr.strip().splitlines()) == 1


@pytest.mark.committed
def test_users_create_refuses_bad_input_in_one_line(scratch_url: str) -> None:
    env = {"DATABASE_URL": scratch_url}
    base = ("users", "create", "--email", "x@example.org", "--name", "X", "--password-stdin")
    role = run(*base, "--role", "wizard", env=env, stdin="an admin passphrase")
    assert (role.returncode, role.stderr.strip()) == (
        1,
        "error: unknown role 'wizard': use STUDENT, TEACHER or ADMIN",
    )
    short = run(*base, "--language", "de", env=env, stdin="short")
    assert short.returncode == 1
    assert "password: String should have at least 8 characters" in short.stderr
    assert "language_pref" in short.stderr
    assert len(short.stderr.strip().splitlines()) == 1
    weak = run(*base, env=env, stdin="password123")
    assert weak.returncode == 1
    assert "common breached" in weak.stderr
