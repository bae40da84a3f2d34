"""`bibliology db check`: does the migrated schema match the models, object for object?

Alembic's autogenerate compares tables, columns and indexes but not CHECK constraints, triggers,
functions or enum values. We instead build a reference schema from the models in a scratch
database and compare the two catalogs, so any drift between migrations and models is named.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from bibliology.db import sqlalchemy_url

# Each query yields (kind, name, definition) rows for the public schema.
CATALOG_QUERIES = {
    "column": """
        SELECT c.relname || '.' || a.attname,
               format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
               || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relname <> 'alembic_version'""",
    "constraint": """
        SELECT c.relname || '.' || con.conname, pg_get_constraintdef(con.oid)
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname <> 'alembic_version'""",
    "index": """
        SELECT tablename || '.' || indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> 'alembic_version'""",
    "enum": """
        SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
        FROM pg_type t
        JOIN pg_enum e ON e.enumtypid = t.oid
        JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname""",
    "trigger": """
        SELECT c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)
        FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND NOT t.tgisinternal""",
    "function": """
        SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
               regexp_replace(p.prosrc, '\\s+', ' ', 'g')
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public'""",
}

Catalog = dict[tuple[str, str], str]


def libpq_url(url: str) -> str:
    """psycopg wants a plain libpq URL; ours may carry SQLAlchemy's driver suffix."""
    return make_url(sqlalchemy_url(url)).set(drivername="postgresql").render_as_string(hide_password=False)


def snapshot(url: str) -> Catalog:
    catalog: Catalog = {}
    with psycopg.connect(libpq_url(url)) as conn:
        for kind, query in CATALOG_QUERIES.items():
            for name, definition in conn.execute(query):
                catalog[(kind, name)] = definition
    return catalog


def diff(expected: Catalog, actual: Catalog) -> list[str]:
    """Human-readable differences, 'models' being the expectation."""
    problems = []
    for key in sorted(expected.keys() | actual.keys()):
        kind, name = key
        if key not in actual:
            problems.append(f"missing from the database: {kind} {name}: {expected[key]}")
        elif key not in expected:
            problems.append(f"not in the models: {kind} {name}: {actual[key]}")
        elif expected[key] != actual[key]:
            problems.append(f"differs: {kind} {name}: models {expected[key]!r}, database {actual[key]!r}")
    return problems


@contextmanager
def scratch_database(url: str, *, template: str | None = None) -> Iterator[str]:
    """A temporary database on the same server as `url`, dropped afterwards."""
    base = make_url(sqlalchemy_url(url))
    name = f"bibliology_scratch_{secrets.token_hex(6)}"
    admin = libpq_url(base.set(database="postgres").render_as_string(hide_password=False))
    with psycopg.connect(admin, autocommit=True) as conn:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        conn.execute(statement)
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def create_from_models(url: str) -> None:
    """The reference schema: our models, plus the job queue's own schema as the installed
    procrastinate ships it (so a library upgrade without its migration shows up as drift)."""
    from procrastinate.schema import SchemaManager

    from bibliology.models import Base

    engine = create_engine(sqlalchemy_url(url))
    try:
        with engine.begin() as connection:
            # Dollar-quoted bodies and literal '%': one simple query on the driver connection.
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute(SchemaManager.get_schema())
        Base.metadata.create_all(engine)
    finally:
        engine.dispose()


def check(url: str) -> list[str]:
    """Differences between the database at `url` and the models (empty when they agree)."""
    from bibliology import migrate

    problems = []
    current, heads = migrate.current(url), migrate.heads()
    if sorted(current) != sorted(heads):
        problems.append(f"database is at revision {current or 'base'}, the migrations' head is {heads}")
    with scratch_database(url) as reference:
        create_from_models(reference)
        expected = snapshot(reference)
    return problems + diff(expected, snapshot(url))
