"""The best hand-written SQL for each pattern's result: one statement returning the same JSON
document as the service (tests/queries checks they agree), run without ORM session, policy or cache
— on a connection of the application's read-only pool, as a read-only request runs its SQL ("sql"),
and alone on a bare psycopg connection, the floor ("sql-raw").

The services' main statements are already the one LATERAL/json_agg query we would write by hand, so
these are those statements without the policy's facts, the cache, the ORM session or any Python.
"""

# SQL text is assembled from constant fragments; every value is bound.

from __future__ import annotations

from typing import Any

from psycopg import Connection
from sqlalchemy import Engine, TextClause, text
from sqlalchemy.dialects import postgresql

from bibliology.queries import course_outline, dashboard, lesson_tree, quiz_results

_DIALECT = postgresql.dialect(paramstyle="pyformat")  # type: ignore[no-untyped-call]


def _psycopg(statement: TextClause) -> str:
    """A SQLAlchemy text() statement with psycopg's %(name)s placeholders."""
    return str(statement.compile(dialect=_DIALECT))


def _outline(lang: str) -> str:
    # The service's fragments, without the policy's facts.
    return f"SELECT {course_outline.outline_json(lang)}::text {course_outline.READER}"


def statements(lang: str) -> dict[str, str]:
    return {
        "1": _psycopg(text(_outline(lang))),
        "1v": _psycopg(text(_outline(lang))),
        "2s": _psycopg(lesson_tree.TREE[(lang, "student")]),
        "2t": _psycopg(lesson_tree.TREE[(lang, "teacher")]),
        "3": _psycopg(dashboard.DASHBOARD[lang]),
        "4": _psycopg(quiz_results.RESULTS[lang]),
    }


def run(conn: Connection[Any], sql: str, params: dict[str, Any]) -> Any:
    """One statement on a psycopg connection: the document as JSON text, which is what the API
    sends (the services hand it over unparsed too)."""
    row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]


def run_pooled(engine: Engine, sql: str, params: dict[str, Any]) -> Any:
    """The same on a connection of `engine`'s pool, as a request runs its statements."""
    with engine.connect() as conn:
        return conn.exec_driver_sql(sql, params).scalar()
