"""What every page router needs besides rendering (bibliology.web): who is asking, the 303 after a
form, and a form's validation errors beside its fields.

    @router.get("/teach/courses/{course_id}")
    def course_page(request: Request, session: SessionDep, auth: MaybeAuth, course_id: str) -> Response:
        actor = page_actor(request, auth, teacher=True)
        if isinstance(actor, Response):
            return actor  # the sign-in page, back here afterwards
        ...
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from bibliology.accounts.deps import Auth, current_auth
from bibliology.errors import DomainError
from bibliology.policy import Actor, require_admin, require_teacher
from bibliology.web import login_redirect

MaybeAuth = Annotated[Auth | None, Depends(current_auth)]

FieldErrors = dict[str, str]  # form field name → what is wrong with it


def page_actor(
    request: Request, auth: Auth | None, *, teacher: bool = False, admin: bool = False
) -> Actor | Response:
    """The signed-in user asking, or the sign-in page (303, back to this page) for an anonymous
    visitor. `teacher`/`admin` also require that role: others get the 403 page. Per-object checks
    stay in the services, as for the API."""
    if auth is None:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return login_redirect(here)
    actor = Actor(auth.user.id, auth.user.role)
    if admin:
        require_admin(actor)
    elif teacher:
        require_teacher(actor)
    return actor


def see_other(path: str, **query: str) -> RedirectResponse:
    """The 303 that ends a POST (post/redirect/get); `query` usually says what was done (?done=…)."""
    return RedirectResponse(f"{path}?{urlencode(query)}" if query else path, status_code=303)


def field_errors(error: ValidationError, *, prefix: str = "") -> FieldErrors:
    """A Pydantic model's refusal as one message per form field. The field is the error's location
    joined with dots (`title_en`, `content.items.0.term`), which is how the forms name their inputs;
    `prefix` is dropped from the front (the model's name for a nested body)."""
    found: FieldErrors = {}
    for item in error.errors():
        location = ".".join(str(part) for part in item["loc"])
        if prefix and location.startswith(prefix + "."):
            location = location[len(prefix) + 1 :]
        found.setdefault(location or "__all__", _message(item["msg"]))
    return found


def domain_field_errors(error: DomainError) -> FieldErrors:
    """A service's refusal (Invalid, Conflict…) as form errors: its per-field details when it has
    them, else its message for the whole form."""
    found: FieldErrors = {}
    for item in error.fields:
        if item.get("field"):
            found.setdefault(item["field"], item.get("message") or str(error))
    return found or {"__all__": str(error)}


def _message(text: str) -> str:
    # Pydantic prefixes the reasons of custom validators with "Value error, ".
    return text.removeprefix("Value error, ")
