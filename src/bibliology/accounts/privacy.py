"""A user's data: export it all (JSON), or delete the account (docs/privacy.md).

Both follow the schema's own foreign keys, so tables added by later issues are covered without
edits here: a row "belongs" to a user when it references the user — or a row that belongs to the
user — through an ON DELETE CASCADE key (enrollments → lesson_progress → slide_views, submissions →
answers, notes, sessions …). Export lists every such row; deletion removes them as deleting the user
row would, except certificates, which stay verifiable by number on the anonymised account row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from sqlalchemy import ColumnElement, ForeignKey, Table, delete, or_, select, update
from sqlalchemy.orm import Session

from bibliology.accounts import service
from bibliology.accounts.models import User
from bibliology.accounts.service import DELETED_NAME, UNUSABLE_PASSWORD_HASH, deleted_email
from bibliology.activity import actions
from bibliology.activity.models import ActivityLog
from bibliology.activity.service import forget_addresses_of, record
from bibliology.courses.models import Course
from bibliology.db import Base, utcnow
from bibliology.enums import UserRole

EXPORT_FORMAT = "bibliology-export/1"
# Rows kept (re-pointed nowhere: they keep the anonymised account's id) when an account is deleted.
KEPT_ON_DELETION = frozenset({"certificates"})
# Never exported: secrets (even as digests) and bookkeeping that is nobody's data.
NOT_EXPORTED_TABLES = frozenset({"account_tokens", "throttle_counters"})
SECRET_COLUMNS = frozenset(
    {("users", "password_hash"), ("api_tokens", "token_hash"), ("user_sessions", "id")}
)


# --- the foreign-key graph --------------------------------------------------------------------------


def _tables() -> dict[str, Table]:
    import bibliology.models  # noqa: F401  (every table on the metadata)

    return dict(Base.metadata.tables)


def _references(table: Table, target: str) -> list[ForeignKey]:
    return [fk for fk in table.foreign_keys if fk.column.table.name == target]


def owned_tables() -> list[tuple[Table, list[ForeignKey]]]:
    """Tables whose rows belong to a user, parents before children, each with the cascading keys
    that tie it to `users` or to another owned table."""
    tables = _tables()
    owned: dict[str, list[ForeignKey]] = {}
    for table in Base.metadata.sorted_tables:  # dependency order: parents first
        keys = [
            fk
            for fk in table.foreign_keys
            if (fk.ondelete or "").upper() == "CASCADE"
            and (fk.column.table.name == "users" or fk.column.table.name in owned)
        ]
        if keys and table.name != "users":
            owned[table.name] = keys
    return [(tables[name], keys) for name, keys in owned.items()]


def owned_rows(user_id: str) -> dict[str, ColumnElement[bool]]:
    """For each owned table, the SQL condition selecting the user's rows (nested subqueries)."""
    conditions: dict[str, ColumnElement[bool]] = {}
    for table, keys in owned_tables():
        parts = []
        for fk in keys:
            parent = fk.column.table.name
            if parent == "users":
                parts.append(fk.parent == user_id)
            else:
                parts.append(fk.parent.in_(select(fk.column).where(conditions[parent])))
        conditions[table.name] = or_(*parts)
    return conditions


# --- export --------------------------------------------------------------------------------------


def export(session: Session, *, user: User, request: Request | None = None) -> dict[str, Any]:
    """Everything stored about the user, one list of rows per table (a fixed number of queries)."""
    data: dict[str, list[dict[str, Any]]] = {}
    for name, condition in owned_rows(user.id).items():
        if name in NOT_EXPORTED_TABLES:
            continue
        table = _tables()[name]
        data[name] = [_row(name, row) for row in session.execute(select(table).where(condition)).mappings()]
    activity = (
        select(ActivityLog.__table__).where(ActivityLog.user_id == user.id).order_by(ActivityLog.created_at)
    )
    data["activity_logs"] = [_row("activity_logs", row) for row in session.execute(activity).mappings()]
    courses = select(
        Course.id, Course.slug, Course.title_en, Course.title_fr, Course.status, Course.created_at
    )
    data["courses_taught"] = [
        dict(row) for row in session.execute(courses.where(Course.teacher_id == user.id)).mappings()
    ]
    profile = service.read(session, user).model_dump()
    record(session, action=actions.ACCOUNT_EXPORT, user_id=user.id, request=request)
    document: dict[str, Any] = jsonable_encoder(
        {"format": EXPORT_FORMAT, "exported_at": utcnow(), "profile": profile, "data": data}
    )
    return document


def _row(table: str, row: Any) -> dict[str, Any]:
    return {key: value for key, value in dict(row).items() if (table, key) not in SECRET_COLUMNS}


# --- deletion --------------------------------------------------------------------------------------


def delete_account(session: Session, *, user: User, password: str, request: Request | None = None) -> None:
    """Re-confirm the password, then erase the account's personal data (docs/privacy.md)."""
    service.verify_current_password(user, password, field="password")
    erase(session, user=user)
    record(session, action=actions.ACCOUNT_DELETED, user_id=user.id, entity_type="user", entity_id=user.id)


def erase(session: Session, *, user: User) -> dict[str, int]:
    """Delete what deleting the user row would delete (except certificates), null what it would
    null, keep what it would refuse to delete (courses), then anonymise the row itself."""
    from bibliology.certificates.service import forget_pdfs  # the PDFs name the person (issue 15)

    counts = {"certificate PDFs": forget_pdfs(session, user_id=user.id)}
    counts.update(_cascade(session, user_id=user.id))
    counts["activity_logs (addresses forgotten)"] = forget_addresses_of(session, user_id=user.id)
    session.flush()
    user.email = deleted_email(user.id)
    user.name = DELETED_NAME
    user.avatar_url = None
    user.password_hash = UNUSABLE_PASSWORD_HASH
    user.role = UserRole.STUDENT
    user.language_pref = "en"
    user.last_login = None
    session.flush()
    session.expire_all()  # relationships and rows removed behind the ORM's back
    return counts


def _cascade(session: Session, *, user_id: str) -> Iterator[tuple[str, int]]:
    for table in _tables().values():
        for fk in _references(table, "users"):
            rule = (fk.ondelete or "NO ACTION").upper()
            if rule == "CASCADE" and table.name not in KEPT_ON_DELETION:
                result = session.execute(delete(table).where(fk.parent == user_id))
            elif rule == "SET NULL":
                result = session.execute(
                    update(table).where(fk.parent == user_id).values({fk.parent.name: None})
                )
            else:
                continue
            yield table.name, int(result.rowcount or 0)  # type: ignore[attr-defined]
