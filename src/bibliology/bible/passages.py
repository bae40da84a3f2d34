"""A passage's text from the imported translations: for `GET /api/v1/bible/passages` and for VERSE
blocks that give only a reference (the lesson tree adds `passage_text` and `passage_translation`).

The translation is the reader's language's largest one (most verses, then code), else any other
language's, flagged `fallback`. A passage is bounded to MAX_VERSES verses (`truncated`).
"""

# SQL text is assembled from constant fragments; every value is bound.
# ruff: noqa: S608

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.bible.ordinals import multirange, position, ranges
from bibliology.bible.references import InvalidReference, parse_reference
from bibliology.errors import Invalid, NotFound

__all__ = ["MAX_VERSES", "PassageText", "VerseText", "read_passage", "tree_passage_join"]

MAX_VERSES = 200

_TRANSLATION = """
SELECT code, name, lang FROM bible_translations
WHERE CAST(:code AS text) IS NULL OR code = :code
ORDER BY (lang = :lang) DESC, verse_count DESC, code LIMIT 1
"""
_VERSES = """
SELECT v.ordinal, v.text FROM unnest(CAST(:ranges AS int4multirange)) AS r(range)
JOIN bible_verses v ON v.translation_code = :code AND v.ordinal >= lower(r.range) AND v.ordinal < upper(r.range)
ORDER BY v.ordinal LIMIT :limit
"""


@dataclass(frozen=True)
class VerseText:
    book: str
    chapter: int
    verse: int
    text: str


@dataclass(frozen=True)
class PassageText:
    reference: str  # OSIS
    display: str  # "Romans 8:28-39" / "Romains 8.28-39"
    lang: str  # the reader's language asked for
    translation_code: str
    translation_name: str
    translation_lang: str
    fallback: bool  # no translation in the reader's language: another language's
    truncated: bool
    verses: list[VerseText]

    @property
    def text(self) -> str:
        return " ".join(v.text for v in self.verses)


def read_passage(session: Session, *, ref: str, lang: str, translation: str | None = None) -> PassageText:
    """Invalid for a reference that does not parse; NotFound when no translation is imported."""
    if not ref.strip() or len(ref) > 300:
        raise Invalid(
            "ref: give a Bible reference of at most 300 characters", [{"field": "ref", "message": "1-300"}]
        )
    try:
        reference = parse_reference(ref)
    except InvalidReference as exc:
        raise Invalid(f"ref: {exc}", [{"field": "ref", "message": str(exc)}]) from exc
    chosen = session.execute(text(_TRANSLATION), {"code": translation, "lang": lang}).one_or_none()
    if chosen is None:
        raise NotFound(
            "no Bible translation is imported" if translation is None else f"no translation {translation!r}"
        )
    size = sum(high - low + 1 for low, high in ranges(reference))
    rows = session.execute(
        text(_VERSES), {"ranges": multirange(reference), "code": chosen.code, "limit": MAX_VERSES}
    ).all()
    verses = [VerseText(*position(row.ordinal), text=row.text) for row in rows]
    return PassageText(
        reference=reference.osis,
        display=reference.format(lang),
        lang=lang,
        translation_code=chosen.code,
        translation_name=chosen.name,
        translation_lang=chosen.lang,
        fallback=chosen.lang != lang,
        truncated=size > MAX_VERSES,
        verses=verses,
    )


def tree_passage_join(lang: str, content: str, block: str = "b") -> str:
    """A LEFT JOIN LATERAL giving `pt.text` and `pt.translation` for a VERSE block (`block` its alias)
    whose content in the reader's language (the SQL expression `content`) has no text of its own,
    from its search_passages ranges, for the lesson tree. `lang` is a whitelisted literal."""
    if lang not in ("en", "fr"):
        raise ValueError(lang)
    return f"""LEFT JOIN LATERAL (
        SELECT string_agg(v.text, ' ' ORDER BY v.ordinal) AS text, min(t.name) AS translation
        FROM (SELECT code, name FROM bible_translations
              ORDER BY (lang = '{lang}') DESC, verse_count DESC, code LIMIT 1) t
        JOIN search_passages p ON p.block_id = {block}.id
        JOIN bible_verses v ON v.translation_code = t.code AND v.ordinal >= lower(p.verses)
             AND v.ordinal < least(upper(p.verses), lower(p.verses) + {MAX_VERSES})
        WHERE {block}.block_type = 'VERSE' AND NULLIF(btrim(({content})->>'text'), '') IS NULL) pt ON true"""
