from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bibliology.db import Base, created_at_column


class TranslationRevision(Base):
    """When each language of a translatable field last changed. A French field whose English was
    revised after it is stale; the design's phase-2 `translations` table would key rows the same way
    (entity_type, entity_id, field, language), so a third language plugs in here."""

    __tablename__ = "translation_revisions"
    __table_args__ = (CheckConstraint("language IN ('en', 'fr')", name="language"),)

    entity_type: Mapped[str] = mapped_column(primary_key=True)
    entity_id: Mapped[str] = mapped_column(primary_key=True)
    field: Mapped[str] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(primary_key=True)
    revised_at: Mapped[dt.datetime] = created_at_column()
