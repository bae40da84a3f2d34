"""Which fields of which entities are translated, and how a language's value is stored.

The design stores English and French in sibling columns (`title_en`, `title_fr`). Everything that
resolves, records or reports translations goes through these names, keyed as translation_revisions
rows are (entity_type, entity_id, field, language): a third language would be read from the
design's phase-2 `translations` table under the same key instead of from a column.
"""

from __future__ import annotations

from typing import Final

from bibliology.i18n import DEFAULT, SUPPORTED

# entity_type → translatable fields (each stored as <field>_en / <field>_fr).
TRANSLATABLE: Final[dict[str, tuple[str, ...]]] = {
    "course": ("title", "description"),
    "lesson": ("title", "description"),
    "slide": ("title", "notes"),
    "content_block": ("content",),
}

# Languages stored in columns of the entity's own table; any other would come from a lookup table.
COLUMN_LANGUAGES: Final = ("en", "fr")
SOURCE_LANGUAGE: Final = DEFAULT
TARGET_LANGUAGES: Final = tuple(lang for lang in SUPPORTED if lang != DEFAULT)


def column(field: str, lang: str) -> str:
    """The column holding `field` in `lang` (`title`, `fr` → `title_fr`)."""
    if lang not in COLUMN_LANGUAGES:
        raise ValueError(f"{lang!r} has no column: read it from a translations table")
    return f"{field}_{lang}"
