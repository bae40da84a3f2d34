"""Typed answers compared fairly: the per-question `match` options (docs/content-model.md) applied
to both sides, and a bounded Damerau-Levenshtein distance for the optional typo tolerance."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from bibliology.content import MatchOptions

# Apostrophes and primes students type for "'" (French keyboards give ’, phones ʼ).
_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼ′´`‛", "'"))
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
# Anything longer than this is not an answer to a one-line question: it is compared as is, never
# fed to the edit-distance loop.
MAX_COMPARED = 1000
# One forgiven edit per this many characters of the accepted answer, so "Noé" must be exact and
# "Paul" tolerates one typo only when the teacher allowed it.
CHARS_PER_EDIT = 4


def normalise(text: str, match: MatchOptions) -> str:
    value = unicodedata.normalize("NFC", text)
    if match.normalize_apostrophes:
        value = value.translate(_APOSTROPHES)
    if match.normalize_ligatures:
        value = value.translate(_LIGATURES)
    if match.ignore_case:
        value = value.casefold()
    if match.ignore_accents:
        decomposed = unicodedata.normalize("NFD", value)
        value = unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
    if match.collapse_whitespace_punctuation:
        value = "".join(" " if c.isspace() or unicodedata.category(c).startswith("P") else c for c in value)
    return " ".join(value.split())


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours is one edit), or limit + 1 when it is
    larger than `limit` (the loop stops early)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[len(b)], limit + 1)


@dataclass(frozen=True)
class TypedMatch:
    """The accepted answer a typed answer matched (None: no match) and the edits forgiven."""

    accepted: str | None
    edits: int = 0

    @property
    def correct(self) -> bool:
        return self.accepted is not None

    def as_detail(self) -> dict[str, object]:
        return {
            "is_correct": self.correct,
            "matched": self.accepted,
            "typo": self.edits > 0,
            "edits": self.edits,
        }


def match_typed(answer: str, accepted: Sequence[str], match: MatchOptions) -> TypedMatch:
    """Exact (after normalisation) beats a typo match; among typo matches the closest wins."""
    if not answer.strip() or len(answer) > MAX_COMPARED:
        return TypedMatch(None)
    given = normalise(answer, match)
    candidates = [(normalise(option, match), option) for option in accepted]
    for normal, option in candidates:
        if normal == given:
            return TypedMatch(option)
    best = TypedMatch(None)
    for normal, option in candidates:
        allowed = min(match.typo_tolerance, len(normal) // CHARS_PER_EDIT)
        if allowed == 0:
            continue
        edits = edit_distance(given, normal, allowed)
        if edits <= allowed and (best.accepted is None or edits < best.edits):
            best = TypedMatch(option, edits)
    return best
