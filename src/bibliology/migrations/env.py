"""Alembic environment: online migrations only, each run under a lock_timeout so a migration
never queues behind (and blocks) live traffic for long; it fails and can be retried instead."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine, pool, text

from bibliology.db import sqlalchemy_url
from bibliology.models import Base

LOCK_TIMEOUT = os.environ.get("BIBLIOLOGY_MIGRATION_LOCK_TIMEOUT", "5s")


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or sqlalchemy_url(os.environ["DATABASE_URL"])
    engine = create_engine(url, poolclass=pool.NullPool, connect_args={"options": "-c timezone=UTC"})
    with engine.connect() as connection:
        connection.execute(text("SELECT set_config('lock_timeout', :t, false)"), {"t": LOCK_TIMEOUT})
        connection.commit()
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            compare_type=True,
            compare_server_default=True,
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported: run them against a database")
run_migrations_online()
