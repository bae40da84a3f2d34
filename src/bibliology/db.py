"""Declarative base, column types shared by every domain, engine and the unit of work.

Names follow Prisma's conventions (users_pkey, users_email_key, courses_teacher_id_fkey, …) so the
design's own client and its migrations would recognise every object in our database.
"""

from __future__ import annotations

import datetime as dt
import select
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from psycopg.pq import ConnStatus
from sqlalchemy import MetaData, Text, TypeDecorator, create_engine, event, text
from sqlalchemy.dialects.postgresql import JSONB, TIMESTAMP
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from bibliology.ids import new_id

NAMING_CONVENTION = {
    "pk": "%(table_name)s_pkey",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "ix": "%(table_name)s_%(column_0_N_name)s_idx",
    "fk": "%(table_name)s_%(column_0_name)s_fkey",
    "ck": "%(table_name)s_%(constraint_name)s_check",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Prisma's DateTime (timestamp(3) without time zone) holding UTC; aware datetimes in Python."""

    impl = TIMESTAMP(timezone=False, precision=3)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given: pass an aware datetime (UTC is stored)")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        str: Text,
        dt.datetime: UTCDateTime,
        dict[str, Any]: JSONB,
        list[Any]: JSONB,
    }


# For nullable JSON columns: Python None is SQL NULL (not the JSON value null), so "missing" reads
# the same in SQL (`IS NULL`) as in Python.
NULLABLE_JSONB = JSONB(none_as_null=True)


def id_column() -> Mapped[str]:
    return mapped_column(primary_key=True, default=new_id)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def make_engine(url: str, *, pool_size: int = 10, echo: bool = False, read_only: bool = False) -> Engine:
    """An engine whose sessions run in UTC, so CURRENT_TIMESTAMP defaults store UTC.

    `read_only`: autocommit connections on which PostgreSQL refuses every write
    (default_transaction_read_only), for requests that only read: each statement is its own
    snapshot, without the BEGIN and COMMIT round trips of a transaction.

    Pooled connections are checked without a round trip (`_discard_if_dead`) rather than with
    SQLAlchemy's pre-ping, which costs one per request; connections older than an hour are replaced
    (a peer that vanished without closing its socket is caught there, or by the first statement)."""
    options = "-c timezone=UTC" + (" -c default_transaction_read_only=on" if read_only else "")
    engine = create_engine(
        sqlalchemy_url(url),
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_recycle=3600,
        pool_use_lifo=True,  # a few hot connections; the rest can age out
        echo=echo,
        connect_args={"options": options},
        **({"isolation_level": "AUTOCOMMIT"} if read_only else {}),
    )
    event.listen(engine, "checkout", _discard_if_dead)
    return engine


def _discard_if_dead(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    """An idle pooled connection has nothing to read: if its socket is readable, or closed, the
    server ended it (restart, pg_terminate_backend, idle timeout) or sent something we never asked
    for. DisconnectionError makes the pool open a fresh connection in its place."""
    pgconn = dbapi_connection.pgconn
    if dbapi_connection.closed or pgconn.status != ConnStatus.OK:
        raise DisconnectionError("connection closed")
    try:
        readable, _, _ = select.select([pgconn.socket], [], [], 0)
    except (OSError, ValueError) as exc:
        raise DisconnectionError("connection socket unusable") from exc
    if readable:
        raise DisconnectionError("the server sent data to an idle connection (it was probably ended)")


def sqlalchemy_url(url: str) -> str:
    """Accept plain libpq URLs (postgres://, postgresql://) and select the psycopg 3 driver."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise ValueError(f"unsupported database URL scheme in {url.split('://')[0]!r}: use postgresql://")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: committed when the block succeeds, rolled back when it raises."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def set_statement_timeout(session: Session, milliseconds: int) -> None:
    session.execute(text("SELECT set_config('statement_timeout', :ms, true)"), {"ms": str(milliseconds)})


# Server defaults in UTC whatever the connecting client's TimeZone setting (Prisma's client, psql …).
UTC_NOW = text("timezone('utc', now())")


def created_at_column() -> Mapped[dt.datetime]:
    return mapped_column(default=utcnow, server_default=UTC_NOW)


def updated_at_column() -> Mapped[dt.datetime]:
    # A trigger (set_updated_at) also stamps it, so raw-SQL updates keep it right too.
    return mapped_column(default=utcnow, onupdate=utcnow, server_default=UTC_NOW)
