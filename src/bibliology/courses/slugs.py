"""URL slugs: ASCII, lower case, unique, generated from English titles.

Uniqueness is decided under a transaction-scoped advisory lock on the base slug (without its numeric
suffixes), so two requests creating "Introduction" at once get `introduction` and `introduction-2`
instead of one failing on the unique index.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

MAX_LENGTH = 80
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NUMBER_SUFFIX = re.compile(r"(-[0-9]+)+$")
# Letters NFKD does not decompose into ASCII; typographic apostrophes separate words as ' does.
_EXTRA = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ı": "i", "’": "-", "ʼ": "-"}
)


def slugify(text: str, *, max_length: int = MAX_LENGTH, fallback: str = "untitled") -> str:
    """`"L’Évangile selon Jean"` → `"l-evangile-selon-jean"`; text without ASCII letters → `fallback`."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_EXTRA))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    slug = _NON_ALNUM.sub("-", ascii_text).strip("-")
    return slug[:max_length].rstrip("-") or fallback


def allocate(session: Session, column: InstrumentedAttribute[str], base: str) -> str:
    """`base`, or `base-2`, `base-3`… — the first not yet taken in `column`."""
    # One lock per family: "grace-2" (a title ending in 2) and "grace" (whose next suffix is -2)
    # must not be allocated concurrently.
    key = f"slug:{column}:{_NUMBER_SUFFIX.sub('', base)}"
    session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))
    taken = set(session.scalars(select(column).where(or_(column == base, column.like(f"{base}-%")))))
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"
