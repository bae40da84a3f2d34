"""The search index: one document per course or lesson and reading language, its lexemes with their
scores, and the verse ranges of VERSE blocks. All are derived data, written only by the triggers of
search/schema.py."""

from __future__ import annotations

from typing import Any

from sqlalchemy import REAL, CheckConstraint, ForeignKey, Identity, Index, Text, text
from sqlalchemy.dialects.postgresql import INT4RANGE, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from bibliology.db import Base


class SearchDocument(Base):
    __tablename__ = "search_documents"
    __table_args__ = (
        CheckConstraint("kind IN ('course', 'lesson')", name="kind"),
        CheckConstraint("lang IN ('en', 'fr')", name="lang"),
        CheckConstraint("(kind = 'lesson') = (lesson_id IS NOT NULL)", name="lesson_kind"),
        # One index per reading language: a query names its language, and each index is half the size.
        Index("search_documents_en_idx", "document", postgresql_using="gin", postgresql_where="lang = 'en'"),
        Index("search_documents_fr_idx", "document", postgresql_using="gin", postgresql_where="lang = 'fr'"),
        Index(None, "course_id"),
        Index(None, "lesson_id"),
    )

    kind: Mapped[str] = mapped_column(primary_key=True)
    entity_id: Mapped[str] = mapped_column(primary_key=True)
    lang: Mapped[str] = mapped_column(primary_key=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE", onupdate="CASCADE"))
    lesson_id: Mapped[str | None] = mapped_column(
        ForeignKey("lessons.id", ondelete="CASCADE", onupdate="CASCADE")
    )
    # A French document built from English text (the lesson or course has no French title).
    fallback: Mapped[bool] = mapped_column(default=False, server_default="false")
    title: Mapped[str]
    body: Mapped[str | None]
    document: Mapped[Any] = mapped_column(TSVECTOR)
    # A short number for search_terms' rows, and the folded body, where snippets find the match.
    doc_id: Mapped[int] = mapped_column(Identity(), unique=True)
    folded: Mapped[str | None]
    # Anonymous visitors and students see it: a published lesson of a published course, or a
    # published course (the common case, answered without joining courses and lessons).
    public: Mapped[bool] = mapped_column(default=False, server_default="false")


class SearchTerm(Base):
    """One lexeme of one document with its score (search_term_score of its weights): postings read
    in score order, so a word's best documents come first without reading every matching document."""

    __tablename__ = "search_terms"
    __table_args__ = (
        Index(
            "search_terms_ranked_idx",
            "lang",
            "lexeme",
            text("score DESC"),
            "doc_id",
            postgresql_include=["public"],
        ),
    )

    doc_id: Mapped[int] = mapped_column(
        ForeignKey("search_documents.doc_id", ondelete="CASCADE"), primary_key=True
    )
    # Byte order, so a prefix is a range of the index.
    lexeme: Mapped[str] = mapped_column(Text(collation="C"), primary_key=True)
    lang: Mapped[str]
    score: Mapped[float] = mapped_column(REAL)
    public: Mapped[bool] = mapped_column(default=False, server_default="false")  # its document's


class SearchPassage(Base):
    """A VERSE block's passage as a range of verse ordinals (bible_chapters.first_ordinal + verse - 1)."""

    __tablename__ = "search_passages"
    __table_args__ = (
        Index("search_passages_verses_idx", "verses", postgresql_using="gist"),
        Index(None, "lesson_id"),
    )

    block_id: Mapped[str] = mapped_column(
        ForeignKey("content_blocks.id", ondelete="CASCADE", onupdate="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[str] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE", onupdate="CASCADE"))
    verses: Mapped[Any] = mapped_column(INT4RANGE)


from bibliology.search import schema as _schema  # noqa: E402  (the metadata must exist first)

_schema.attach(Base.metadata)
