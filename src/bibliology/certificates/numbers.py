"""Certificate numbers: `BIB-2026-7K3M-Q9XD-R` (docs/certificates.md).

The year of issue, eight characters from a CSPRNG (31^8 ≈ 8.5·10^11 per year) and a check
character. The alphabet has no look-alikes (no 0/O, 1/I/L) and 31 symbols: a prime, so the weighted
check below catches every single-character substitution (weights 1…13 are nonzero mod 31) and every
swap of two adjacent characters (adjacent weights differ by 1, also nonzero mod 31).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
MODULUS = len(ALPHABET)  # 31, prime
RANDOM_LENGTH = 8
PREFIX = "BIB"
_VALUES = {char: index for index, char in enumerate(ALPHABET)}
# After normalisation (upper case, no spaces or hyphens): BIB, 4 year digits, 8 random, 1 check.
_COMPACT = re.compile(r"BIB([0-9]{4})([0-9A-Z]{8})([0-9A-Z])")
assert MODULUS == 31


def _check_value(year: str, body: str) -> int:
    """The check character's value c such that sum(w_i * v_i) + w_c * c ≡ 0 (mod 31), with weights
    1, 2, … over the year digits (values 0–9), the random characters and the check itself."""
    values = [int(d) for d in year] + [_VALUES[c] for c in body]
    total = sum(weight * value for weight, value in enumerate(values, start=1))
    check_weight = len(values) + 1
    # c = -total / check_weight (mod 31); pow(x, -1, p) is the modular inverse.
    return (-total * pow(check_weight, -1, MODULUS)) % MODULUS


def check_character(year: str, body: str) -> str:
    return ALPHABET[_check_value(year, body)]


def format_number(year: int, body: str) -> str:
    text_year = f"{year:04d}"
    return f"{PREFIX}-{text_year}-{body[:4]}-{body[4:]}-{check_character(text_year, body)}"


def new_number(year: int) -> str:
    """A fresh random number for a certificate issued in `year`."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return format_number(year, body)


@dataclass(frozen=True)
class Parsed:
    """What a typed number turned out to be: `number` in canonical form when well-formed."""

    number: str | None
    mistyped: bool


def normalise(text: str) -> str:
    return re.sub(r"[\s\-‐‑–—]", "", text).upper()


def parse(text: str) -> Parsed:
    """Canonical form of a typed number (any case, spaces or hyphens anywhere), or mistyped: wrong
    shape, a character outside the alphabet, or a check character that does not match."""
    match = _COMPACT.fullmatch(normalise(text)[:40])
    if match is None:
        return Parsed(None, mistyped=True)
    year, body, check = match.groups()
    if any(c not in _VALUES for c in body + check) or check_character(year, body) != check:
        return Parsed(None, mistyped=True)
    return Parsed(format_number(int(year), body), mistyped=False)


def is_valid(text: str) -> bool:
    return not parse(text).mistyped
