"""Bible passages over JSON: `GET /api/v1/bible/passages?ref=…&lang=…` (docs/bible-texts.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from bibliology.bible.passages import read_passage
from bibliology.bible.schemas import PassageRead, TranslationRead, VerseRead
from bibliology.deps import SessionDep, read_only
from bibliology.translations.deps import ReaderLanguage

router = APIRouter(prefix="/api/v1", tags=["bible"])


@router.get("/bible/passages")
@read_only
def get_passage(
    session: SessionDep,
    lang: ReaderLanguage,
    ref: Annotated[
        str, Query(max_length=300, description='A reference: "Jean 3,16", "Rom 8:28-39", "Ps 23"')
    ],
    translation: Annotated[
        str | None,
        Query(max_length=20, pattern=r"^[A-Za-z0-9_-]+$", description="a translation code, e.g. KJV"),
    ] = None,
) -> PassageRead:
    """The passage's verses from an imported translation in the reader's language (else another
    language's, flagged `fallback`); at most 200 verses (MAX_VERSES) (`truncated`). 422 for a reference
    that does not parse, 404 when no translation is imported."""
    passage = read_passage(session, ref=ref, lang=lang, translation=translation)
    return PassageRead(
        reference=passage.reference,
        display=passage.display,
        lang=passage.lang,
        translation=TranslationRead(
            code=passage.translation_code, name=passage.translation_name, lang=passage.translation_lang
        ),
        fallback=passage.fallback,
        truncated=passage.truncated,
        text=passage.text,
        verses=[
            VerseRead(book=v.book, chapter=v.chapter, verse=v.verse, text=v.text) for v in passage.verses
        ],
    )
