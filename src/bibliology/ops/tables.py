"""Row counts and content checksums of every table, the same SQL at backup and after a restore.

A table's checksum is order-independent (a restore writes rows in any order): the sums of the two
64-bit halves of each row's md5(row::text), with the session's output settings pinned so a row
prints the same text on any server."""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from psycopg import sql

from bibliology.schema_check import libpq_url

# Everything a row's text form depends on.
PINNED_SETTINGS = {
    "DateStyle": "ISO, YMD",
    "IntervalStyle": "postgres",
    "TimeZone": "UTC",
    "extra_float_digits": "1",
    "bytea_output": "hex",
}

TABLES = """
    SELECT n.nspname, c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    ORDER BY 1, 2"""

TableStats = dict[str, dict[str, int | str]]  # "schema.table" -> {"rows": n, "checksum": hex}


def pin_settings(conn: psycopg.Connection[tuple[object, ...]]) -> None:
    for name, value in PINNED_SETTINGS.items():
        conn.execute("SELECT set_config(%s, %s, false)", (name, value))


def table_names(conn: psycopg.Connection[tuple[object, ...]]) -> list[tuple[str, str]]:
    return [(str(schema), str(name)) for schema, name in conn.execute(TABLES)]


def table_stats(
    conn: psycopg.Connection[tuple[object, ...]], *, advance: Callable[[int], None] = lambda _: None
) -> TableStats:
    """Counts and checksums in the connection's current transaction (the backup's snapshot)."""
    pin_settings(conn)
    stats: TableStats = {}
    for schema, name in table_names(conn):
        query = sql.SQL(
            "SELECT count(*),"
            " COALESCE(sum(('x' || substr(h, 1, 16))::bit(64)::bigint::numeric), 0),"
            " COALESCE(sum(('x' || substr(h, 17, 16))::bit(64)::bigint::numeric), 0)"
            " FROM (SELECT md5(t::text) AS h FROM {} AS t) AS rows"
        ).format(sql.Identifier(schema, name))
        row = conn.execute(query).fetchone()
        assert row is not None
        rows, high, low = row
        stats[f"{schema}.{name}"] = {"rows": int(str(rows)), "checksum": f"{rows}:{high}:{low}"}
        advance(1)
    return stats


def stats_of(url: str, *, advance: Callable[[int], None] = lambda _: None) -> TableStats:
    with psycopg.connect(libpq_url(url)) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return table_stats(conn, advance=advance)


def differences(expected: TableStats, actual: TableStats, *, checksums: bool = True) -> list[str]:
    problems = []
    for table in sorted(expected.keys() | actual.keys()):
        want, got = expected.get(table), actual.get(table)
        if want is None:
            problems.append(f"{table}: not in the backup")
        elif got is None:
            problems.append(f"{table}: missing after the restore")
        elif want["rows"] != got["rows"]:
            problems.append(f"{table}: {want['rows']} rows in the backup, {got['rows']} restored")
        elif checksums and want["checksum"] != got["checksum"]:
            problems.append(f"{table}: content checksum differs")
    return problems
