"""Imported Bible texts. Verses are keyed by their ordinal in the KJV versification (Gen 1:1 is 1,
Rev 22:21 is 31,102), the same numbers `search_passages` stores, so a passage is one range scan."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from bibliology.db import Base, created_at_column


class BibleChapter(Base):
    """KJV versification: 1,189 rows written by the migration, read by bible_osis_ranges()."""

    __tablename__ = "bible_chapters"
    __table_args__ = (CheckConstraint("verse_count > 0", name="verse_count"),)

    book: Mapped[str] = mapped_column(primary_key=True)  # OSIS id
    chapter: Mapped[int] = mapped_column(primary_key=True)
    book_order: Mapped[int]
    first_ordinal: Mapped[int] = mapped_column(unique=True)
    verse_count: Mapped[int]


class BibleTranslation(Base):
    __tablename__ = "bible_translations"
    __table_args__ = (CheckConstraint("lang IN ('en', 'fr')", name="lang"),)

    code: Mapped[str] = mapped_column(primary_key=True)  # "KJV", "SYN1921"
    lang: Mapped[str]
    name: Mapped[str]
    verse_count: Mapped[int] = mapped_column(default=0, server_default="0")
    imported_at: Mapped[dt.datetime] = created_at_column()


class BibleVerse(Base):
    __tablename__ = "bible_verses"

    translation_code: Mapped[str] = mapped_column(
        ForeignKey("bible_translations.code", ondelete="CASCADE", onupdate="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]
