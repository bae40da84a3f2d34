"""Translation state: when each language of a field last changed (translation_revisions), and the
report of what French is missing or stale in a course or a lesson.

`record_changes` is the one helper every writer of a translatable field calls, in its own
transaction. Revisions are stamped with the transaction's time, so English and French written by
the same request are equally fresh; French is stale when its English was revised later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, any_, bindparam, delete, func, select
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.orm import Session

from bibliology.translations.fields import COLUMN_LANGUAGES, SOURCE_LANGUAGE, TRANSLATABLE, column
from bibliology.translations.localize import is_blank
from bibliology.translations.models import TranslationRevision

Revisions = dict[tuple[str, str, str], dt.datetime]  # (entity_id, field, language) → revised_at


def snapshot(entity_type: str, row: object) -> dict[str, Any]:
    """The translatable columns of `row` as they are now (the `before` of `record_changes`)."""
    return {
        column(name, lang): getattr(row, column(name, lang))
        for name in TRANSLATABLE[entity_type]
        for lang in COLUMN_LANGUAGES
    }


def record_changes(
    session: Session,
    *,
    entity_type: str,
    entity_id: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any],
) -> None:
    """Stamp a revision for each translatable column `after` changes (all of them on create, when
    `before` is None); a value cleared to NULL/blank drops its revision (it is missing now)."""
    stamp: list[dict[str, Any]] = []
    cleared: list[tuple[str, str]] = []
    for name in TRANSLATABLE[entity_type]:
        for lang in COLUMN_LANGUAGES:
            key = column(name, lang)
            if key not in after or (before is not None and before.get(key) == after[key]):
                continue
            if is_blank(after[key]):
                cleared.append((name, lang))
            else:
                stamp.append({"field": name, "language": lang})
    now = func.timezone("utc", func.now())  # the transaction's time: equal for one request's writes
    if stamp:
        statement = insert(TranslationRevision).values(
            [{"entity_type": entity_type, "entity_id": entity_id, "revised_at": now} | s for s in stamp]
        )
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["entity_type", "entity_id", "field", "language"],
                set_={"revised_at": statement.excluded.revised_at},
            )
        )
    for name, lang in cleared:
        session.execute(
            delete(TranslationRevision).where(
                TranslationRevision.entity_type == entity_type,
                TranslationRevision.entity_id == entity_id,
                TranslationRevision.field == name,
                TranslationRevision.language == lang,
            )
        )


def forget(session: Session, *, entity_ids: Any) -> None:
    """Drop the revisions of deleted entities (`entity_ids`: a list or a subquery of ids)."""
    session.execute(delete(TranslationRevision).where(TranslationRevision.entity_id.in_(entity_ids)))


def load_revisions(session: Session, entity_ids: Sequence[str]) -> Revisions:
    ids = bindparam("ids", list(entity_ids), type_=ARRAY(Text))
    rows = session.execute(
        select(
            TranslationRevision.entity_id,
            TranslationRevision.field,
            TranslationRevision.language,
            TranslationRevision.revised_at,
        ).where(TranslationRevision.entity_id == any_(ids))
    ).all()
    return {(entity_id, name, lang): at for entity_id, name, lang, at in rows}


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class Entity:
    """One translatable row of a report, with where it sits (for links in the authoring UI)."""

    entity_type: str
    row: Any
    lesson_id: str | None = None
    slide_id: str | None = None


@dataclass(frozen=True)
class Gap:
    entity_type: str
    entity_id: str
    lesson_id: str | None
    slide_id: str | None
    field: str  # "title", or a path inside JSON content ("content.caption")
    source_revised_at: dt.datetime | None = None
    translation_revised_at: dt.datetime | None = None


@dataclass(frozen=True)
class Report:
    language: str
    missing: list[Gap]
    stale: list[Gap]


def report(entities: Iterable[Entity], revisions: Revisions, *, language: str) -> Report:
    """Missing: English has text, `language` has none (NULL, blank, or JSON content lacking a text
    English has). Stale: both exist and the English was revised after the translation."""
    missing: list[Gap] = []
    stale: list[Gap] = []
    for entity in entities:
        entity_id = entity.row.id
        for name in TRANSLATABLE[entity.entity_type]:
            source = getattr(entity.row, column(name, SOURCE_LANGUAGE))
            translation = getattr(entity.row, column(name, language))
            if not _has_text(source):
                continue
            where = {"entity_type": entity.entity_type, "entity_id": entity_id}
            where |= {"lesson_id": entity.lesson_id, "slide_id": entity.slide_id}
            holes = _missing_paths(source, translation, name)
            missing.extend(Gap(**where, field=path) for path in holes)
            if holes == [name]:
                continue  # wholly missing: it cannot also be stale
            source_at = revisions.get((entity_id, name, SOURCE_LANGUAGE))
            translation_at = revisions.get((entity_id, name, language))
            if source_at and translation_at and source_at > translation_at:
                stale.append(
                    Gap(
                        **where,
                        field=name,
                        source_revised_at=source_at,
                        translation_revised_at=translation_at,
                    )
                )
    return Report(language=language, missing=missing, stale=stale)


def _has_text(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_has_text(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_text(item) for item in value)
    return False  # numbers and booleans (an image's width) are not translated


def _missing_paths(source: Any, translation: Any, path: str) -> list[str]:
    """Where `source` has text that `translation` lacks. Lists of another length are a legitimate
    re-shaping (a translated list may merge items) and are not compared item by item."""
    if not _has_text(source):
        return []
    if isinstance(source, dict) and isinstance(translation, dict) and translation:
        return [
            hole
            for key, value in source.items()
            for hole in _missing_paths(value, translation.get(key), f"{path}.{key}")
        ]
    if isinstance(source, list) and isinstance(translation, list) and translation:
        if len(source) != len(translation):
            return []
        pairs = zip(source, translation, strict=True)
        return [hole for i, (a, b) in enumerate(pairs) for hole in _missing_paths(a, b, f"{path}.{i}")]
    return [] if _has_text(translation) else [path]
