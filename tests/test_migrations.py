"""Migrations on their own databases: the round trip, and the lock_timeout that keeps a migration
from queueing behind live traffic."""

from __future__ import annotations

import threading

import psycopg
import pytest
from alembic.util import CommandError
from sqlalchemy.exc import OperationalError

from bibliology import migrate, schema_check


def test_upgrade_downgrade_to_base_upgrade_round_trip(empty_url: str) -> None:
    migrate.upgrade(empty_url)
    assert migrate.current(empty_url) == migrate.heads()
    assert schema_check.check(empty_url) == []

    migrate.downgrade(empty_url, "base")
    assert migrate.current(empty_url) == []
    leftovers = {key for key in schema_check.snapshot(empty_url) if key[0] != "column"}
    assert leftovers == set(), "downgrade to base must remove every table, type, trigger and function"

    migrate.upgrade(empty_url)
    assert schema_check.check(empty_url) == []


def test_migrations_give_up_on_a_held_lock(scratch_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIBLIOLOGY_MIGRATION_LOCK_TIMEOUT", "200ms")
    locked, release = threading.Event(), threading.Event()

    def hold_lock() -> None:
        with psycopg.connect(schema_check.libpq_url(scratch_url)) as conn:
            # Every table, so the head migration's downgrade (whatever it touches) is the one that fails.
            tables = conn.execute("SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'")
            conn.execute(f"LOCK TABLE {', '.join(row[0] for row in tables)} IN ACCESS SHARE MODE")
            locked.set()
            release.wait(30)

    holder = threading.Thread(target=hold_lock)
    holder.start()
    try:
        assert locked.wait(10)
        with pytest.raises((OperationalError, CommandError)) as info:
            migrate.downgrade(scratch_url, "base")
        assert "lock timeout" in str(info.value)
    finally:
        release.set()
        holder.join()
    assert migrate.current(scratch_url) == migrate.heads(), "a failed migration changes nothing"
