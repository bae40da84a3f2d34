from __future__ import annotations

from pydantic import BaseModel


class VerseRead(BaseModel):
    book: str
    chapter: int
    verse: int
    text: str


class TranslationRead(BaseModel):
    code: str
    name: str
    lang: str


class PassageRead(BaseModel):
    reference: str  # OSIS
    display: str  # the reference in the reader's language
    lang: str
    translation: TranslationRead
    fallback: bool  # no translation in the reader's language was imported: another language's
    truncated: bool  # longer than the bound: the first verses only
    text: str
    verses: list[VerseRead]
