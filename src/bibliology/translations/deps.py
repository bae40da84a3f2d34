"""The reader's language for every read: `?lang=`, else the user's language_pref, else the `lang`
cookie, else Accept-Language (bibliology.i18n.choose), else English."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query, Request

from bibliology.accounts.deps import Auth, current_auth
from bibliology.i18n import choose
from bibliology.web import LANG_COOKIE


async def reader_language(
    request: Request,
    auth: Annotated[Auth | None, Depends(current_auth)],
    lang: Annotated[
        Literal["en", "fr"] | None, Query(description="en or fr; default: your preference")
    ] = None,
) -> str:
    preference = auth.user.language_pref if auth is not None else None
    # The web app's `lang` cookie (an anonymous reader's EN/FR switch) counts as a preference.
    return choose(
        lang, preference or request.cookies.get(LANG_COOKIE), request.headers.get("accept-language")
    )


ReaderLanguage = Annotated[str, Depends(reader_language)]
