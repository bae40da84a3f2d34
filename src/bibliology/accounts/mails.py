"""The e-mails accounts send, in the user's language. Links point at the HTML pages, which POST
the token back (nothing changes state on GET: mail scanners that follow links change nothing)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request

from bibliology.accounts.models import User
from bibliology.accounts.one_time import LIFETIMES
from bibliology.config import Settings
from bibliology.mail import Message

RESET_PATH = "/account/password-reset/confirm"
VERIFY_PATH = "/account/verify-email"

_TEXTS = {
    "en": {
        "reset_subject": "Reset your Bibliology password",
        "reset_body": (
            "Hello {name},\n\nSomeone (hopefully you) asked to reset the password of your Bibliology "
            "account. Open this link within {hours} hour(s) to choose a new one:\n\n{link}\n\n"
            "If it was not you, ignore this message: your password stays as it is.\n"
        ),
        "verify_subject": "Confirm your e-mail address for Bibliology",
        "verify_body": (
            "Hello {name},\n\nPlease confirm that this address belongs to you by opening this link "
            "within {hours} hours:\n\n{link}\n\nIf you did not create a Bibliology account, ignore "
            "this message.\n"
        ),
    },
    "fr": {
        "reset_subject": "Réinitialisez votre mot de passe Bibliology",
        "reset_body": (
            "Bonjour {name},\n\nQuelqu’un (vous, espérons-le) a demandé à réinitialiser le mot de passe "
            "de votre compte Bibliology. Ouvrez ce lien dans les {hours} heure(s) pour en choisir un "
            "nouveau :\n\n{link}\n\nSi ce n’était pas vous, ignorez ce message : votre mot de passe "
            "ne change pas.\n"
        ),
        "verify_subject": "Confirmez votre adresse e-mail pour Bibliology",
        "verify_body": (
            "Bonjour {name},\n\nConfirmez que cette adresse vous appartient en ouvrant ce lien dans "
            "les {hours} heures :\n\n{link}\n\nSi vous n’avez pas créé de compte Bibliology, ignorez "
            "ce message.\n"
        ),
    },
}


def base_url(settings: Settings, request: Request) -> str:
    return (settings.base_url or str(request.base_url)).rstrip("/")


def _link(settings: Settings, request: Request, path: str, token: str) -> str:
    return f"{base_url(settings, request)}{path}?{urlencode({'token': token})}"


def password_reset(settings: Settings, request: Request, *, user: User, token: str) -> Message:
    texts = _TEXTS.get(user.language_pref, _TEXTS["en"])
    hours = int(LIFETIMES["password_reset"].total_seconds() // 3600)
    link = _link(settings, request, RESET_PATH, token)
    return Message(
        to=user.email,
        subject=texts["reset_subject"],
        text=texts["reset_body"].format(name=user.name, hours=hours, link=link),
    )


def email_verification(settings: Settings, request: Request, *, user: User, token: str) -> Message:
    texts = _TEXTS.get(user.language_pref, _TEXTS["en"])
    hours = int(LIFETIMES["email_verification"].total_seconds() // 3600)
    link = _link(settings, request, VERIFY_PATH, token)
    return Message(
        to=user.email,
        subject=texts["verify_subject"],
        text=texts["verify_body"].format(name=user.name, hours=hours, link=link),
    )
