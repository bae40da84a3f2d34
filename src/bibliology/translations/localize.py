"""The one place where an entity's fields are resolved in a reader's language.

A reader asks for a language; each translatable field comes back in that language when it has a
non-blank value, else in English, and the names of the fields that fell back are listed so a page can
say "not yet translated". Values for languages without columns (a future third language) are passed
in `extra`, loaded in one query by (entity_id, field) from a translations table keyed like
translation_revisions: no domain changes when a language is added.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bibliology.i18n import DEFAULT, resolve
from bibliology.translations.fields import COLUMN_LANGUAGES, column


@dataclass
class Localized:
    values: dict[str, Any] = field(default_factory=dict)
    fallback: list[str] = field(default_factory=list)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def translated_value(row: object, name: str, lang: str, extra: Mapping[str, Any] | None = None) -> Any:
    """`name` in `lang` as stored (None when missing), from the row's column or from `extra`."""
    if lang in COLUMN_LANGUAGES:
        return getattr(row, column(name, lang))
    return (extra or {}).get(name)


def localize(
    lang: str, row: object, fields: Sequence[str], *, extra: Mapping[str, Any] | None = None
) -> Localized:
    """`fields` of `row` in `lang`, English where the translation is missing or blank (flagged only
    when there was English to fall back to)."""
    out = Localized()
    for name in fields:
        english = getattr(row, column(name, DEFAULT))
        if lang == DEFAULT:
            out.values[name] = english
            continue
        translation = translated_value(row, name, lang, extra)
        # i18n.resolve holds the fallback rule (a third language: its `fr` branch becomes "any
        # language but English").
        chosen = resolve(lang, en=english, fr=None if is_blank(translation) else translation)
        out.values[name] = chosen.value
        if chosen.fell_back and not is_blank(english):
            out.fallback.append(name)
    return out


def both_languages(row: object, fields: Sequence[str]) -> dict[str, Any]:
    """Authoring reads: every stored language of `fields`, as `<field>_<lang>`."""
    return {
        column(name, lang): getattr(row, column(name, lang)) for name in fields for lang in COLUMN_LANGUAGES
    }
