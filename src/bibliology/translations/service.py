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

from fastapi import Request
from sqlalchemy import Text, any_, bindparam, delete, func, select
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.orm import Session

from bibliology.activity import service as activity
from bibliology.courses import access as courses
from bibliology.errors import Conflict, Invalid
from bibliology.lessons import access as lessons
from bibliology.policy import Actor
from bibliology.translations.fields import COLUMN_LANGUAGES, SOURCE_LANGUAGE, TRANSLATABLE, column
from bibliology.translations.localize import is_blank
from bibliology.translations.models import TranslationRevision

# The activity log's action for a translation marked reviewed (translations.mark_reviewed).
REVIEW_TRANSLATION = "REVIEW_TRANSLATION"

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


# --------------------------------------------------------------------------- review


def mark_reviewed(
    session: Session,
    *,
    actor: Actor,
    entity_type: str,
    entity_id: str,
    field: str,
    language: str = "fr",
    request: Request | None = None,
) -> dt.datetime:
    """The translation of `field` is still right although its English changed: stamp its revision
    now, text unchanged, which clears the stale flag. Its author only (the entity must be writable);
    a missing translation cannot be reviewed. Returns the new revision time."""
    if entity_type not in TRANSLATABLE or field not in TRANSLATABLE[entity_type]:
        message = f"{entity_type}.{field} is not a translated field"
        raise Invalid(message, fields=[{"field": "field", "message": message}])
    if language == SOURCE_LANGUAGE or language not in COLUMN_LANGUAGES:
        message = "must be the language of a translation (fr)"
        raise Invalid(f"language: {message}", fields=[{"field": "language", "message": message}])
    row = _writable_row(session, actor, entity_type, entity_id)
    if not _has_text(getattr(row, column(field, language))):
        raise Conflict(f"the {language} {field} is missing: translate it rather than mark it reviewed")
    statement = insert(TranslationRevision).values(
        entity_type=entity_type,
        entity_id=entity_id,
        field=field,
        language=language,
        # The clock, not the transaction's start: later than an English revision made before it in
        # the same transaction, so the review always clears the stale flag.
        revised_at=func.timezone("utc", func.clock_timestamp()),
    )
    revised_at: dt.datetime = session.execute(
        statement.on_conflict_do_update(
            index_elements=["entity_type", "entity_id", "field", "language"],
            set_={"revised_at": statement.excluded.revised_at},
        ).returning(TranslationRevision.revised_at)
    ).scalar_one()
    activity.record(
        session,
        action=REVIEW_TRANSLATION,
        actor=actor,
        entity_type=entity_type,
        entity_id=entity_id,
        request=request,
        metadata={"field": field, "language": language},
    )
    return revised_at


def _writable_row(session: Session, actor: Actor, entity_type: str, entity_id: str) -> Any:
    """The entity, if the actor may change it now (the same checks as its authoring API)."""
    if entity_type == "course":
        return courses.writable(session, actor, entity_id)
    if entity_type == "lesson":
        return lessons.lesson(session, actor, entity_id, write=True).lesson
    if entity_type == "slide":
        return lessons.slide(session, actor, entity_id)[0]
    return lessons.block(session, actor, entity_id)[0]
