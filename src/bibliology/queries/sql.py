"""SQL fragments shared by the query patterns: PostgreSQL builds each response as one JSON document.

Language resolution happens in SQL with the rule of `bibliology.translations.localize` (the
reader's language unless it is missing or blank, else English, flagged), so only the columns a
reader sees are read: an English query never touches a `*_fr` column. Each object lists, in
`fallback`, the fields shown in English (tests/queries check this against `localize`).
"""

from __future__ import annotations

from collections.abc import Callable

from bibliology.errors import Invalid
from bibliology.i18n import DEFAULT, SUPPORTED


def language(lang: str) -> str:
    if lang not in SUPPORTED:
        raise Invalid(f"unsupported language {lang!r}", fields=[{"field": "lang", "message": "en or fr"}])
    return lang


# A value "is there" when it has a non-space character: blank translations fall back, as in
# bibliology.translations.localize.
_PRESENT = "~ '[^[:space:]]'"


def text_in(lang: str, column: str) -> str:
    """`column` is "alias.field": alias.field_<lang> when present, else alias.field_en."""
    if lang == DEFAULT:
        return f"{column}_en"
    return f"CASE WHEN {column}_{lang} {_PRESENT} THEN {column}_{lang} ELSE {column}_en END"


def json_in(lang: str, column: str) -> str:
    """The JSONB twin of `text_in` (a JSON null counts as missing)."""
    if lang == DEFAULT:
        return f"{column}_en"
    return f"COALESCE(NULLIF({column}_{lang}, 'null'::jsonb), {column}_en)"


def fallback(
    lang: str, alias: str, text_fields: tuple[str, ...] = (), json_fields: tuple[str, ...] = ()
) -> str:
    """A JSON array naming the fields shown in English although `lang` was asked for. A field with
    no English either is not a fallback: there was nothing to fall back to."""
    if lang == DEFAULT:
        return "'[]'::json"
    cases = [
        f"CASE WHEN ({alias}.{name}_{lang} {_PRESENT}) IS NOT TRUE AND {alias}.{name}_en {_PRESENT}"
        f" THEN '{name}' END"
        for name in text_fields
    ] + [
        f"CASE WHEN NULLIF({alias}.{name}_{lang}, 'null'::jsonb) IS NULL"
        f" AND NULLIF({alias}.{name}_en, 'null'::jsonb) IS NOT NULL THEN '{name}' END"
        for name in json_fields
    ]
    return f"array_to_json(array_remove(ARRAY[{', '.join(cases)}]::text[], NULL))"


def columns(lang: str, alias: str, *fields: str) -> str:
    """The columns a reader in `lang` needs (for a subquery that `text_in` reads from)."""
    return ", ".join(f"{alias}.{name}_{code}" for name in fields for code in dict.fromkeys((DEFAULT, lang)))


def utc(column: str) -> str:
    """A timestamp column as ISO 8601 with its UTC offset (the columns hold UTC without a zone)."""
    return f"({column} AT TIME ZONE 'UTC')"


def per_language(build: Callable[[str], str]) -> dict[str, str]:
    """The statement for every supported language, built once at import."""
    return {lang: build(lang) for lang in SUPPORTED}
