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
from bibliology.web import N_, LazyText, login_redirect

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
    """A Pydantic model's refusal as one message per form field, in the page's language. The field
    is the error's location joined with dots (`title_en`, `content.items.0.term`), which is how the
    forms name their inputs; `prefix` is dropped from the front (the model's name for a nested body)."""
    found: FieldErrors = {}
    for item in error.errors():
        location = ".".join(str(part) for part in item["loc"])
        if prefix and location.startswith(prefix + "."):
            location = location[len(prefix) + 1 :]
        found.setdefault(location or "__all__", _message(item["type"], item.get("ctx") or {}, item["msg"]))
    return found


def domain_field_errors(error: DomainError) -> FieldErrors:
    """A service's refusal (Invalid, Conflict…) as form errors: its per-field details when it has
    them, else its message for the whole form."""
    found: FieldErrors = {}
    for item in error.fields:
        if item.get("field"):
            found.setdefault(item["field"], LazyText(item.get("message") or str(error)))
    return found or {"__all__": LazyText(str(error))}


# Pydantic's error types that forms meet, in words the catalogue translates ({ctx} fills them).
_PYDANTIC = {
    "missing": N_("Required."),
    "string_too_short": N_("At least %(min_length)s characters."),
    "string_too_long": N_("At most %(max_length)s characters."),
    "string_pattern_mismatch": N_("Not in the expected form."),
    "too_short": N_("At least %(min_length)s items."),
    "too_long": N_("At most %(max_length)s items."),
    "int_parsing": N_("A whole number, please."),
    "int_type": N_("A whole number, please."),
    "int_from_float": N_("A whole number, please."),
    "float_parsing": N_("A number, please."),
    "decimal_parsing": N_("A number, please."),
    "greater_than_equal": N_("At least %(ge)s."),
    "less_than_equal": N_("At most %(le)s."),
    "greater_than": N_("More than %(gt)s."),
    "less_than": N_("Less than %(lt)s."),
    "bool_parsing": N_("Yes or no, please."),
    "literal_error": N_("Choose one of: %(expected)s."),
    "enum": N_("Choose one of: %(expected)s."),
    "url_parsing": N_("A web address (https://…), please."),
    "url_scheme": N_("A web address (https://…), please."),
}


def _message(kind: str, ctx: dict[str, object], english: str) -> str:
    template = _PYDANTIC.get(kind)
    if template is not None:
        try:
            return LazyText(template, **{key: ctx[key] for key in ctx if f"%({key})s" in template})
        except (KeyError, TypeError):
            pass
    # A custom validator's own sentence (Pydantic prefixes it with "Value error, "): the catalogue
    # translates it when it has it.
    return LazyText(english.removeprefix("Value error, "))
