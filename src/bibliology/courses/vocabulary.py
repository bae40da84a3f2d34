"""Controlled vocabulary for course category and difficulty, with English and French labels.

The stored value is the design's own English wording (`"Theology"`, `"Beginner"`), so rows read
well in the design's client; readers get a label in their language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Term:
    value: str
    label_en: str
    label_fr: str

    def label(self, lang: str) -> str:
        return self.label_fr if lang == "fr" else self.label_en


CATEGORIES: Final = (
    Term("Theology", "Theology", "Théologie"),
    Term("Biblical Studies", "Biblical Studies", "Études bibliques"),
    Term("Old Testament", "Old Testament", "Ancien Testament"),
    Term("New Testament", "New Testament", "Nouveau Testament"),
    Term("Biblical Languages", "Biblical Languages", "Langues bibliques"),
    Term("Church History", "Church History", "Histoire de l’Église"),
    Term("Spiritual Formation", "Spiritual Formation", "Formation spirituelle"),
    Term("Apologetics", "Apologetics", "Apologétique"),
    Term("Ministry", "Ministry", "Ministère"),
)

DIFFICULTIES: Final = (
    Term("Beginner", "Beginner", "Débutant"),
    Term("Intermediate", "Intermediate", "Intermédiaire"),
    Term("Advanced", "Advanced", "Avancé"),
)

_BY_VALUE: Final = {
    "category": {term.value: term for term in CATEGORIES},
    "difficulty": {term.value: term for term in DIFFICULTIES},
}


def term(kind: str, value: str | None) -> Term | None:
    """The term for a stored value (None for NULL or a value outside the vocabulary)."""
    return None if value is None else _BY_VALUE[kind].get(value)


def check(kind: str, value: str) -> str:
    """A value of the vocabulary, else ValueError listing the allowed ones (for schema validators)."""
    if value not in _BY_VALUE[kind]:
        allowed = ", ".join(repr(v) for v in _BY_VALUE[kind])
        raise ValueError(f"unknown {kind} {value!r}; expected one of {allowed}")
    return value
