"""Bulk loading with PostgreSQL COPY: the empty-database guard; secondary indexes and foreign keys
set aside during the load and restored from their saved definitions; VACUUM ANALYZE afterwards.

Rows go in COPY's binary format, typed by the table's own column types: the server then parses no
text (timestamps above all), which roughly halves the load time of the big tables. A writer thread
sends them, so generating rows (CPU) and waiting on the server (I/O) overlap.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from psycopg.copy import QueuedLibpqWriter
from psycopg.types.enum import EnumInfo, register_enum
from psycopg.types.json import set_json_dumps

from bibliology.console import Progress
from bibliology.enums import ALL_ENUMS
from bibliology.errors import Conflict
from bibliology.schema_check import libpq_url

BATCH = 5_000  # rows between progress updates
LOCK_TIMEOUT = "10s"  # a running server holding locks on the tables makes the load fail, not hang
_ENCODER = json.JSONEncoder(ensure_ascii=False)


class JsonText(str):
    """A jsonb value already serialised (shared by many rows): written as is."""

    __slots__ = ()


def _json_dumps(value: object) -> str:
    return value if isinstance(value, JsonText) else _ENCODER.encode(value)


def json_text(value: object) -> JsonText:
    return JsonText(_ENCODER.encode(value))


def connect(url: str) -> psycopg.Connection[Any]:
    """A connection in UTC, like the application's, that can write our enums and jsonb values."""
    conn = psycopg.connect(libpq_url(url), options="-c timezone=UTC")
    for enum in ALL_ENUMS:
        info = EnumInfo.fetch(conn, sql.Identifier(enum.__name__))
        if info is None:
            conn.close()
            raise Conflict(f"the database has no {enum.__name__} type: migrate it first")
        register_enum(info, conn, enum)
    set_json_dumps(_json_dumps, conn)
    conn.commit()  # end the catalog reads' transaction: the load starts its own
    return conn


def lock_empty_tables(conn: psycopg.Connection[Any], tables: Sequence[str]) -> None:
    """Lock the tables for the transaction and refuse unless they are all empty.

    The lock comes before the check, so two loads cannot both see empty tables: the second one
    times out on the lock, or gets it after the first committed and is refused.
    """
    conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(LOCK_TIMEOUT)))
    names = sql.SQL(", ").join(sql.Identifier(table) for table in tables)
    conn.execute(sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(names))
    for table in tables:
        query = sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(table))
        row = conn.execute(query).fetchone()
        if row is not None and row[0]:
            what = "users" if table == "users" else f"rows in {table}"
            raise Conflict(f"the database already has {what}; seed --scale needs an empty, migrated database")


@dataclass(frozen=True)
class Saved:
    """An index or a constraint set aside for the load, with the statement that restores it."""

    table: str
    name: str
    restore: str


# Non-unique indexes: building them once after the load is much cheaper than updating them row by
# row (GIN indexes above all). Primary keys and unique indexes stay and keep enforcing uniqueness.
_SECONDARY_INDEXES = """
    SELECT t.relname, i.relname, pg_get_indexdef(i.oid)
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND t.relname = ANY(%s)
      AND NOT x.indisunique AND NOT x.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
    ORDER BY t.relname, i.relname
"""
# Foreign keys of the loaded tables: a per-row check (a lookup and a row lock on the parent) costs
# more than the insert itself; adding the constraint back validates every row in one join.
_FOREIGN_KEYS = """
    SELECT t.relname, c.conname,
           format('ALTER TABLE %%I ADD CONSTRAINT %%I %%s', t.relname, c.conname, pg_get_constraintdef(c.oid))
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND t.relname = ANY(%s) AND c.contype = 'f'
    ORDER BY t.relname, c.conname
"""


def set_aside(conn: psycopg.Connection[Any], tables: Sequence[str]) -> list[Saved]:
    """Drop the secondary indexes and foreign keys of `tables`, returning what restores them (in the
    order to restore). Transactional: a rollback brings them back by itself."""
    indexes = [Saved(*row) for row in conn.execute(_SECONDARY_INDEXES, (list(tables),))]
    foreign_keys = [Saved(*row) for row in conn.execute(_FOREIGN_KEYS, (list(tables),))]
    for fk in foreign_keys:
        statement = sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}")
        conn.execute(statement.format(sql.Identifier(fk.table), sql.Identifier(fk.name)))
    for index in indexes:
        conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(index.name)))
    return indexes + foreign_keys


def restore(conn: psycopg.Connection[Any], saved: Sequence[Saved], progress: Progress) -> None:
    progress.start("indexes and foreign keys", len(saved))
    for item in saved:
        conn.execute(item.restore.encode())
        progress.advance()


def copy_rows(
    conn: psycopg.Connection[Any],
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    total: int,
    progress: Progress,
) -> int:
    """Stream `rows` into `table` with a binary COPY; returns the number of rows written.
    Values are Python objects of the columns' types (naive UTC datetimes for the timestamp
    columns, dicts or `JsonText` for jsonb, our enums for enum columns)."""
    progress.start(table, total)
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(column) for column in columns)
    )
    types = dict(conn.execute(_COLUMN_TYPES, (table,)).fetchall())
    written = 0
    with conn.cursor() as cursor, cursor.copy(statement, writer=QueuedLibpqWriter(cursor)) as copy:
        copy.set_types([types[column] for column in columns])
        for row in rows:
            copy.write_row(row)
            written += 1
            if written % BATCH == 0:
                progress.advance(BATCH)
    progress.advance(written % BATCH)
    return written


_COLUMN_TYPES = """
    SELECT attname, atttypid::int FROM pg_attribute
    WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped
"""


def vacuum_analyze(conn: psycopg.Connection[Any], tables: Sequence[str], progress: Progress) -> None:
    """Set hint bits and the visibility map and gather statistics, so the first benchmark queries
    neither rewrite every page nor plan without statistics (autovacuum may be off or late)."""
    conn.autocommit = True
    progress.start("vacuum analyze", len(tables))
    for table in tables:
        conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
        progress.advance()
