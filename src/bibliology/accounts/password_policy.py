"""What a new password must be: 8–128 characters (all of them count: Argon2 does not truncate) and
not one of the 10,000 commonest breached passwords (src/bibliology/data/common-passwords.txt)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from bibliology.errors import Invalid

MIN_LENGTH = 8
MAX_LENGTH = 128
_LIST_MARKER = "--- list ---"


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files("bibliology").joinpath("data/common-passwords.txt").read_text("utf-8")
    _header, _marker, body = text.partition(f"\n{_LIST_MARKER}\n")
    return frozenset(line for line in body.splitlines() if line)


def problems(password: str, *, email: str | None = None) -> list[str]:
    """Every reason `password` is refused, in words a user can act on; empty when acceptable."""
    found = []
    if len(password) < MIN_LENGTH:
        found.append(f"use at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        found.append(f"use at most {MAX_LENGTH} characters")
    lowered = password.lower()
    if lowered in common_passwords():
        found.append("this password is among the most common breached passwords: choose another")
    elif email and lowered in (email.lower(), email.lower().split("@")[0]):
        found.append("do not use your e-mail address as your password")
    return found


def check(password: str, *, email: str | None = None, field: str = "password") -> None:
    """Raise Invalid naming `field` when the password is not acceptable."""
    if found := problems(password, email=email):
        raise Invalid(f"{field}: {'; '.join(found)}", fields=[{"field": field, "message": m} for m in found])
