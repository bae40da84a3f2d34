"""The activity log: `record` for every domain's actions, the admin listing, the address purge, and
the audit of failed requests (permission denials, failed logins) that their rollback must not undo."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from fastapi import Request
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bibliology.activity import actions
from bibliology.activity.models import ActivityLog
from bibliology.console import NullProgress, Progress
from bibliology.db import unit_of_work
from bibliology.errors import DomainError, Forbidden
from bibliology.pagination import AnySelect, PageParams, paginate
from bibliology.policy import Actor, Denied

log = logging.getLogger(__name__)

USER_AGENT_MAX = 512
_PENDING = "activity_on_failure"


def client_address(request: Request | None) -> str | None:
    return request.client.host if request is not None and request.client else None


def record(
    session: Session,
    *,
    action: str,
    actor: Actor | None = None,
    user_id: str | None = None,
    entity_type: str | None = None,
    entity_id: str | None = None,
    request: Request | None = None,
    metadata: dict[str, Any] | None = None,
) -> ActivityLog:
    """Append one entry in the caller's transaction. `user_id` defaults to the actor's."""
    entry = ActivityLog(
        user_id=user_id if user_id is not None else (actor.user_id if actor else None),
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        ip_address=client_address(request),
        user_agent=_user_agent(request),
        metadata_=metadata,
    )
    session.add(entry)
    session.flush()
    return entry


def record_on_failure(
    request: Request,
    *,
    action: str,
    user_id: str | None = None,
    entity_type: str | None = None,
    entity_id: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> None:
    """Remember an entry to write if the request ends in a domain error (its transaction is then
    rolled back, so `record` would be undone): e.g. LOGIN_FAILED just before raising."""
    pending: list[dict[str, Any]] | None = getattr(request.state, _PENDING, None)
    if pending is None:
        pending = []
        setattr(request.state, _PENDING, pending)
    pending.append(
        {
            "action": action,
            "user_id": user_id,
            "entity_type": entity_type,
            "entity_id": entity_id,
            "metadata": metadata,
        }
    )


def write_pending(session: Session, request: Request) -> int:
    """For handlers that catch a domain error and answer normally (HTML forms re-rendered with the
    message): write the entries `record_on_failure` kept, in the request's own transaction."""
    entries: list[dict[str, Any]] = list(getattr(request.state, _PENDING, None) or [])
    setattr(request.state, _PENDING, [])
    for entry in entries:
        record(session, request=request, **entry)
    return len(entries)


def audit_error(request: Request, error: DomainError) -> None:
    """The app's error hook: writes the pending entries and a PERMISSION_DENIED for refusals, in a
    transaction of their own. An audit failure is logged; it never changes the answer."""
    entries: list[dict[str, Any]] = list(getattr(request.state, _PENDING, None) or [])
    setattr(request.state, _PENDING, [])
    if isinstance(error, Forbidden | Denied):
        actor = getattr(request.state, "actor", None)
        entries.append(
            {
                "action": actions.PERMISSION_DENIED,
                "user_id": actor.user_id if isinstance(actor, Actor) else None,
                "entity_type": None,
                "entity_id": None,
                "metadata": {
                    "method": request.method,
                    "path": request.url.path,
                    "status": error.status,
                    "problem": error.type_uri,
                    "detail": error.detail,
                },
            }
        )
    if not entries:
        return
    try:
        with unit_of_work(request.app.state.sessions) as session:
            for entry in entries:
                record(session, request=request, **entry)
    except SQLAlchemyError as exc:
        log.warning("could not audit %s on %s: %s", type(error).__name__, request.url.path, exc)


def list_(
    session: Session,
    *,
    params: PageParams,
    user_id: str | None = None,
    action: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    entity_type: str | None = None,
    entity_id: str | None = None,
) -> tuple[list[ActivityLog], int]:
    """Newest first, filtered by user, action (exact, case-insensitive), entity and [since, until)."""
    statement: AnySelect = select(ActivityLog)
    if entity_type is not None:
        statement = statement.where(ActivityLog.entity_type == entity_type)
    if entity_id is not None:
        statement = statement.where(ActivityLog.entity_id == entity_id)
    if user_id is not None:
        statement = statement.where(ActivityLog.user_id == user_id)
    if action is not None:
        statement = statement.where(ActivityLog.action == action.upper())
    if since is not None:
        statement = statement.where(ActivityLog.created_at >= since)
    if until is not None:
        statement = statement.where(ActivityLog.created_at < until)
    statement = statement.order_by(ActivityLog.created_at.desc(), ActivityLog.id.desc())
    return paginate(session, statement, params)


def purge_addresses(
    session: Session, *, before: dt.datetime, progress: Progress | None = None, batch_size: int = 5_000
) -> int:
    """Null ip_address and user_agent on entries older than `before`; the entries themselves stay."""
    progress = progress or NullProgress()
    older = and_(
        ActivityLog.created_at < before,
        or_(ActivityLog.ip_address.is_not(None), ActivityLog.user_agent.is_not(None)),
    )
    total = session.scalar(select(func.count()).select_from(ActivityLog).where(older)) or 0
    progress.start("activity log addresses", total)
    done = 0
    while done < total:
        batch = select(ActivityLog.id).where(older).limit(batch_size).scalar_subquery()
        result = session.execute(
            update(ActivityLog).where(ActivityLog.id.in_(batch)).values(ip_address=None, user_agent=None)
        )
        changed = int(result.rowcount or 0)  # type: ignore[attr-defined]
        if changed == 0:
            break
        done += changed
        progress.advance(changed)
    return done


_DURATION = re.compile(r"^\s*(\d{1,6})\s*([wdhm])\s*$")
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}


def parse_duration(text: str) -> dt.timedelta:
    """'180d', '26w', '12h', '30m' → timedelta; ValueError (one line) for anything else."""
    match = _DURATION.match(text.lower())
    if match is None or int(match.group(1)) == 0:
        raise ValueError(
            f"invalid duration {text!r}: use a positive whole number followed by w, d, h or m (e.g. 180d)"
        )
    return dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def forget_addresses_of(session: Session, *, user_id: str) -> int:
    """Account deletion: the user's entries stay (the trail), without where they came from."""
    result = session.execute(
        update(ActivityLog).where(ActivityLog.user_id == user_id).values(ip_address=None, user_agent=None)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _user_agent(request: Request | None) -> str | None:
    if request is None:
        return None
    agent = request.headers.get("user-agent")
    return agent[:USER_AGENT_MAX] if agent else None
