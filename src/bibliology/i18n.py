"""Language choice and English fallback, shared by every domain.

The design stores English in *_en (required) and French in *_fr (optional). `resolve` is the one
place that decides what a reader sees, so a third language can plug in here later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

SUPPORTED = ("en", "fr")
DEFAULT = "en"

T = TypeVar("T")


@dataclass(frozen=True)
class Resolved(Generic[T]):
    value: T
    lang: str
    fell_back: bool


def resolve(lang: str, *, en: T, fr: T | None) -> Resolved[T]:
    """The field in `lang`, or English (flagged) when that translation is missing or blank."""
    if lang == "fr":
        if fr is not None and fr != "":
            return Resolved(fr, "fr", False)
        return Resolved(en, "en", True)
    return Resolved(en, "en", False)


def choose(query: str | None, preference: str | None, accept_language: str | None) -> str:
    """Query parameter, else the user's preference, else the first supported Accept-Language."""
    for candidate in (query, preference):
        if candidate in SUPPORTED:
            return candidate
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in SUPPORTED:
            return tag
    return DEFAULT
