"""Account pages (HTML forms): log in/out, register, password reset, e-mail confirmation, account.

They call the same services as the API. A refused form is shown again with the reason (and the
status of the matching problem), so these handlers catch domain errors; entries kept for the audit
(failed logins) are then written in the request's own transaction.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, BackgroundTasks, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from bibliology import mail
from bibliology.accounts import cookies, mails, privacy, service, sessions, throttles
from bibliology.accounts.auth_api import authenticate, send_verification, settings_of, start_session
from bibliology.accounts.deps import Auth, ReauthThrottle, current_auth
from bibliology.accounts.schemas import PasswordChangeIn, ProfileUpdate, RegisterIn
from bibliology.activity import actions
from bibliology.activity.service import record, write_pending
from bibliology.deps import SessionDep
from bibliology.errors import DomainError, Throttled
from bibliology.http import SESSION_COOKIE, csrf_exempt, csrf_token_for
from bibliology.pages import domain_field_errors, field_errors
from bibliology.web import gettext, html, page_language, ui_language

router = APIRouter(prefix="/account", include_in_schema=False)

FormText = Annotated[str, Form(max_length=1024)]
LinkToken = Annotated[str, Query(max_length=256)]
MaybeAuth = Annotated[Auth | None, Depends(current_auth)]


def safe_next(target: str | None, default: str = "/account") -> str:
    """A same-site path to go to after signing in; anything else (another host, a scheme, `//x`,
    a backslash trick) is replaced by `default`, so `?next=` cannot become an open redirect."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith("//")
        or any(ch in target for ch in "\\\r\n\t")
        or len(target) > 2048
    ):
        return default
    return target


def _page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """In the page's language (bibliology.web.page_language: `?lang=`, the signed-in user's
    preference, the `lang` cookie, Accept-Language)."""
    return html(request, template, {"lang": page_language(request), **context}, status_code=status_code)


def _refused(
    request: Request, session: Session, template: str, error: DomainError, **context: Any
) -> HTMLResponse:
    write_pending(session, request)
    response = _page(request, template, error.status, error=error.detail, **context)
    if isinstance(error, Throttled):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def _message(request: Request, title: str, message: str) -> HTMLResponse:
    """A page that only says something; callers translate inside `_in_page_language`."""
    return _page(request, "accounts/message.html", title=title, message=message)


def _in_page_language(request: Request) -> AbstractContextManager[None]:
    return ui_language(page_language(request))


@router.get("", response_class=HTMLResponse)
def account(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    done: Annotated[Literal["profile", "password"] | None, Query()] = None,
) -> Response:
    if auth is None:
        return RedirectResponse("/account/login", status_code=303)
    return _account_page(request, session, auth, done=done)


def _account_page(
    request: Request, session: Session, auth: Auth, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """The profile, password, export and deletion forms; `errors` (field → message) and `form`
    (what was typed, passwords excepted) put a refused form back as it was sent."""
    token = request.cookies.get(SESSION_COOKIE, "")
    return _page(
        request,
        "accounts/account.html",
        status_code,
        user=service.read(session, auth.user),
        csrf_token=csrf_token_for(token) if auth.via == "session" else "",
        **{"errors": {}, "form": {}, "section": None, **context},
    )


@router.post("/profile", response_class=HTMLResponse)
def profile_form(
    request: Request, session: SessionDep, auth: MaybeAuth, name: FormText, language_pref: FormText
) -> Response:
    """The same change as PATCH /api/v1/me, with the same model."""
    if auth is None:
        return RedirectResponse("/account/login", status_code=303)
    typed = {"name": name.strip(), "language_pref": language_pref}
    try:
        changes = ProfileUpdate.model_validate(typed).model_dump(exclude_unset=True)
        service.update_profile(session, user=auth.user, changes=changes, request=request)
    except ValidationError as invalid:
        return _account_page(
            request, session, auth, 422, errors=field_errors(invalid), form=typed, section="profile"
        )
    except DomainError as error:
        errors = domain_field_errors(error)
        return _account_page(
            request, session, auth, error.status, errors=errors, form=typed, section="profile"
        )
    return RedirectResponse("/account?done=profile", status_code=303)


@router.post("/password", response_class=HTMLResponse)
def password_form(
    _throttle: ReauthThrottle,
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    current_password: FormText,
    new_password: FormText,
) -> Response:
    """As POST /api/v1/auth/password: every session ends, and this browser gets a new one."""
    if auth is None:
        return RedirectResponse("/account/login", status_code=303)
    try:
        body = PasswordChangeIn(current_password=current_password, new_password=new_password)
        service.change_password(
            session,
            user=auth.user,
            current_password=body.current_password,
            new_password=body.new_password,
            request=request,
        )
    except ValidationError as invalid:
        return _account_page(request, session, auth, 422, errors=field_errors(invalid), section="password")
    except DomainError as error:
        write_pending(session, request)
        errors = domain_field_errors(error)
        return _account_page(request, session, auth, error.status, errors=errors, section="password")
    response = RedirectResponse("/account?done=password", status_code=303)
    start_session(session, request, response, auth.user)
    return response


@router.post("/delete", response_class=HTMLResponse)
def delete_form(
    _throttle: ReauthThrottle,
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    password: FormText,
    confirm: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """As DELETE /api/v1/me: the password again, and a box ticked, because nothing brings it back."""
    if auth is None:
        return RedirectResponse("/account/login", status_code=303)
    if confirm != "yes":
        with _in_page_language(request):
            errors = {"confirm": gettext("Tick the box to confirm that you want your account deleted.")}
        return _account_page(request, session, auth, 422, errors=errors, section="delete")
    try:
        privacy.delete_account(session, user=auth.user, password=password, request=request)
    except DomainError as error:
        write_pending(session, request)
        return _account_page(
            request, session, auth, error.status, errors=domain_field_errors(error), section="delete"
        )
    with _in_page_language(request):
        response = _message(
            request,
            gettext("Account deleted"),
            gettext(
                "Your personal data is erased. Certificates stay verifiable by number, without your name."
            ),
        )
    cookies.clear_session(response, request, settings_of(request))
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: Annotated[str, Query(max_length=2048)] = "") -> HTMLResponse:
    return _page(request, "accounts/login.html", next=safe_next(next))


@router.post("/login", response_class=HTMLResponse)
@csrf_exempt
def login_form(
    request: Request,
    session: SessionDep,
    email: FormText,
    password: FormText,
    next: Annotated[str, Form(max_length=2048)] = "",
) -> Response:
    target = safe_next(next)
    try:
        user = authenticate(session, request, email=email, password=password, method="form")
    except DomainError as error:
        return _refused(request, session, "accounts/login.html", error, email=email, next=target)
    response = RedirectResponse(target, status_code=303)
    start_session(session, request, response, user)
    record(session, action=actions.LOGIN, user_id=user.id, request=request, metadata={"method": "form"})
    return response


@router.post("/logout")
def logout_form(request: Request, session: SessionDep, auth: MaybeAuth) -> Response:
    """The form carries csrf_token, which the app-wide CSRF check reads."""
    response = RedirectResponse("/", status_code=303)
    if auth is not None and auth.via == "session":
        sessions.revoke(session, token=request.cookies.get(SESSION_COOKIE, ""))
        record(
            session, action=actions.LOGOUT, user_id=auth.user.id, request=request, metadata={"via": "form"}
        )
    cookies.clear_session(response, request, settings_of(request))
    return response


@router.get("/register", response_class=HTMLResponse)
def register_page(request: Request, next: Annotated[str, Query(max_length=2048)] = "") -> HTMLResponse:
    return _page(request, "accounts/register.html", next=safe_next(next, ""))


@router.post("/register", response_class=HTMLResponse)
@csrf_exempt
def register_form(
    request: Request,
    session: SessionDep,
    background: BackgroundTasks,
    email: FormText,
    password: FormText,
    name: FormText,
    language_pref: Annotated[str, Form(max_length=2)] = "en",
    next: Annotated[str, Form(max_length=2048)] = "",
) -> Response:
    kept = {"email": email, "name": name, "next": safe_next(next, "")}
    try:
        # Form text, validated as data (language_pref is checked against the model's Literal).
        body = RegisterIn.model_validate(
            {"email": email, "password": password, "name": name, "language_pref": language_pref}
        )
    except ValidationError as invalid:
        messages = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in invalid.errors()]
        return _page(request, "accounts/register.html", 422, errors=messages, **kept)
    try:
        throttles.register(request)
        user = service.register(
            session,
            email=body.email,
            password=body.password,
            name=body.name,
            language_pref=body.language_pref,
            request=request,
        )
    except DomainError as error:
        return _refused(request, session, "accounts/register.html", error, **kept)
    response = RedirectResponse(safe_next(next), status_code=303)
    start_session(session, request, response, user)
    send_verification(session, request, background, user)
    return response


@router.get("/password-reset", response_class=HTMLResponse)
def password_reset_page(request: Request) -> HTMLResponse:
    return _page(request, "accounts/password_reset.html")


@router.post("/password-reset", response_class=HTMLResponse)
@csrf_exempt
def password_reset_form(
    request: Request, session: SessionDep, background: BackgroundTasks, email: FormText
) -> HTMLResponse:
    try:
        throttles.password_reset(request, email=email)
    except DomainError as error:
        return _refused(request, session, "accounts/password_reset.html", error)
    found = service.request_password_reset(session, email=email, request=request)
    if found is not None:
        user, token = found
        settings = settings_of(request)
        background.add_task(
            mail.send, settings, mails.password_reset(settings, request, user=user, token=token)
        )
    with _in_page_language(request):
        return _message(
            request,
            gettext("Check your e-mail"),
            gettext("If an account uses this address, a reset link is on its way. It is valid for one hour."),
        )


@router.get("/password-reset/confirm", response_class=HTMLResponse)
def password_reset_confirm_page(request: Request, token: LinkToken = "") -> HTMLResponse:
    return _page(request, "accounts/password_reset_confirm.html", token=token)


@router.post("/password-reset/confirm", response_class=HTMLResponse)
@csrf_exempt
def password_reset_confirm_form(
    request: Request, session: SessionDep, token: FormText, new_password: FormText
) -> Response:
    try:
        throttles.token_confirmation(request)
        service.confirm_password_reset(session, token=token, new_password=new_password, request=request)
    except DomainError as error:
        return _refused(request, session, "accounts/password_reset_confirm.html", error, token=token)
    with _in_page_language(request):
        response = _message(request, gettext("Password changed"), gettext("Sign in with your new password."))
    cookies.clear_session(response, request, settings_of(request))
    return response


@router.get("/verify-email", response_class=HTMLResponse)
def verify_email_page(request: Request, token: LinkToken = "") -> HTMLResponse:
    return _page(request, "accounts/verify_email.html", token=token)


@router.post("/verify-email", response_class=HTMLResponse)
@csrf_exempt
def verify_email_form(request: Request, session: SessionDep, token: FormText) -> HTMLResponse:
    try:
        throttles.token_confirmation(request)
        service.confirm_verification(session, token=token, request=request)
    except DomainError as error:
        return _refused(request, session, "accounts/verify_email.html", error, token=token)
    with _in_page_language(request):
        return _message(
            request, gettext("Address confirmed"), gettext("Thank you: your e-mail address is confirmed.")
        )
