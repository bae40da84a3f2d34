"""/admin pages: accounts (search, role change), the activity log (filters) and the job queue
(failed jobs and their errors, retry). They call the services the admin API calls."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import select

from bibliology.accounts import service as accounts
from bibliology.accounts.models import User
from bibliology.accounts.schemas import Deactivation
from bibliology.activity import service as activity
from bibliology.admin import jobs
from bibliology.deps import SessionDep
from bibliology.enums import UserRole
from bibliology.errors import Invalid
from bibliology.pages import MaybeAuth, page_actor, see_other
from bibliology.pagination import Pagination
from bibliology.web import html

router = APIRouter(prefix="/admin", include_in_schema=False)

Text = Annotated[str | None, Query(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]


@router.get("", response_class=HTMLResponse)
def overview(request: Request, session: SessionDep, auth: MaybeAuth) -> Response:
    actor = page_actor(request, auth, admin=True)
    if isinstance(actor, Response):
        return actor
    return html(request, "admin/overview.html", {"jobs": jobs.counts(session, actor=actor)})


@router.get("/users", response_class=HTMLResponse)
def users(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    pages: Pagination,
    q: Text = None,
    role: Annotated[UserRole | Literal[""] | None, Query()] = None,  # "": the filter's "All roles"
    done: Annotated[Literal["role", "deactivate", "reactivate"] | None, Query()] = None,
) -> Response:
    actor = page_actor(request, auth, admin=True)
    if isinstance(actor, Response):
        return actor
    role = role or None
    rows, total = accounts.list_users(session, params=pages, q=q, role=role)
    context = {"rows": rows, "total": total, "pages": pages, "q": q or "", "role": role, "done": done}
    return html(request, "admin/users.html", {**context, "roles": list(UserRole), "me": actor.user_id})


@router.post("/users/{user_id}/role")
def change_role(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    user_id: str,
    role: Annotated[UserRole, Form()],
) -> Response:
    actor = page_actor(request, auth, admin=True)
    if isinstance(actor, Response):
        return actor
    accounts.change_role(session, actor=actor, user_id=user_id, role=role, request=request)
    return see_other("/admin/users", done="role")


@router.post("/users/{user_id}/{change}")
def set_active(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    user_id: str,
    change: Literal["deactivate", "reactivate"],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    actor = page_actor(request, auth, admin=True)
    if isinstance(actor, Response):
        return actor
    try:
        body = Deactivation(reason=reason.strip())
    except ValidationError:  # the API's model, so the page and the API refuse the same reasons
        raise Invalid(
            "reason: say why in 3 to 500 characters (it is kept in the activity log)",
            fields=[{"field": "reason", "message": "3 to 500 characters"}],
        ) from None
    accounts.set_active(
        session,
        actor=actor,
        user_id=user_id,
        active=change == "reactivate",
        reason=body.reason,
        request=request,
    )
    return see_other("/admin/users", done=change)


def _day(value: str | None, field: str) -> dt.datetime | None:
    """A YYYY-MM-DD form value as the UTC instant the day starts."""
    if not value:
        return None
    try:
        return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), tzinfo=dt.UTC)
    except ValueError:
        raise Invalid(
            f"{field}: expected a date like 2026-12-03", fields=[{"field": field, "message": "not a date"}]
        ) from None


@router.get("/activity", response_class=HTMLResponse)
def activity_log(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    pages: Pagination,
    user: Text = None,
    action: Text = None,
    entity_type: Text = None,
    entity_id: Text = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    actor = page_actor(request, auth, admin=True)
    if isinstance(actor, Response):
        return actor
    # The user filter takes an e-mail address (what an admin knows) or an account id.
    user_id = None
    if user:
        found = accounts.find_by_email(session, user) if "@" in user else None
        user_id = found.id if found is not None else user
    first, last = _day(since, "since"), _day(until, "until")
    rows, total = activity.list_(
        session,
        params=pages,
        user_id=user_id,
        action=action or None,
        since=first,
        until=last + dt.timedelta(days=1) if last else None,  # the "until" day is included
        entity_type=entity_type or None,
        entity_id=entity_id or None,
    )
    filters = {
        "user": user or "", "action": action or "", "entity_type": entity_type or "",
        "entity_id": entity_id or "", "since": since or "", "until": until or "",
    }  # fmt: skip
    # Who each entry is about, by e-mail (one query for the page's users).
    ids = {row.user_id for row in rows if row.user_id}
    emails: dict[str, str] = {}
    for person in session.execute(select(User.id, User.email).where(User.id.in_(ids))) if ids else ():
        emails[person.id] = person.email
    context = {"rows": rows, "total": total, "pages": pages, "filters": filters, "emails": emails}
    return html(request, "admin/activity.html", context)


@router.get("/jobs", response_class=HTMLResponse)
def job_queue(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    pages: Pagination,
    status: Annotated[str | None, Query(pattern=f"^({'|'.join(jobs.STATUSES)})$")] = None,
    done: Annotated[Literal["retry"] | None, Query()] = None,
) -> Response:
    actor = page_actor(request, auth, admin=True)
    if isinstance(actor, Response):
        return actor
    rows, total = jobs.list_jobs(session, actor=actor, params=pages, status=status)
    context = {"rows": rows, "total": total, "pages": pages, "status": status, "done": done}
    return html(request, "admin/jobs.html", {**context, "counts": jobs.counts(session, actor=actor)})


@router.post("/jobs/{job_id}/retry")
def retry_job(request: Request, session: SessionDep, auth: MaybeAuth, job_id: int) -> Response:
    actor = page_actor(request, auth, admin=True)
    if isinstance(actor, Response):
        return actor
    jobs.retry(session, actor=actor, job_id=job_id)
    return see_other("/admin/jobs", done="retry")
