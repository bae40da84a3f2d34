"""Writing a planned deck, in the caller's one transaction: an English deck becomes (or replaces)
a draft lesson's slides and blocks; a French deck fills the `_fr` side of an existing lesson, only
when its structure matches slide for slide and block for block. Pictures go through the media
service, which deletes the files it wrote if the transaction rolls back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from bibliology.console import Progress
from bibliology.content import ContentInvalid, validate_block, validate_block_pair
from bibliology.db import utcnow
from bibliology.enums import ContentBlockType, LessonStatus
from bibliology.errors import Conflict, Invalid
from bibliology.ids import new_id
from bibliology.imports.mapping import PlannedBlock, SlidePlan, image_fallback
from bibliology.imports.models import PptxImport
from bibliology.lessons import access as lessons
from bibliology.lessons import service as lesson_service
from bibliology.lessons.changes import content_changed
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.lessons.schemas import LessonCreate
from bibliology.media.service import MediaRejected, media_url, store_upload
from bibliology.policy import Actor
from bibliology.quizzes.models import Quiz
from bibliology.translations import service as translations
from bibliology.translations.models import TranslationRevision


@dataclass
class DeckPlan:
    title: str
    language: str
    slides: list[SlidePlan] = field(default_factory=list)


@dataclass
class DeckMismatch(Invalid):
    """A French deck whose structure differs from its lesson's; `problems` names every difference."""

    problems: list[str] = field(default_factory=list)


Pause = Callable[[], None]


def write(
    session: Session, *, actor: Actor, record: PptxImport, plan: DeckPlan, progress: Progress, pause: Pause
) -> Lesson:
    if plan.language == "fr":
        assert record.lesson_id is not None
        return _write_french(session, actor=actor, record=record, plan=plan, progress=progress, pause=pause)
    return _write_english(session, actor=actor, record=record, plan=plan, progress=progress, pause=pause)


# --------------------------------------------------------------------------- English


def _write_english(
    session: Session, *, actor: Actor, record: PptxImport, plan: DeckPlan, progress: Progress, pause: Pause
) -> Lesson:
    if record.lesson_id is None:
        lesson = lesson_service.create(
            session, actor=actor, course_id=record.course_id, data=LessonCreate(title_en=plan.title)
        )
    else:
        lesson = _draft_lesson(session, actor=actor, lesson_id=record.lesson_id)
        _clear(session, lesson)
    lesson.imported_from_pptx = True
    lesson.original_filename = record.original_filename
    lesson.import_date = utcnow()
    progress.start("Writing slides", len(plan.slides))
    stamps: list[tuple[str, str, str]] = []
    for order, slide_plan in enumerate(plan.slides):
        slide = Slide(
            id=new_id(),
            lesson_id=lesson.id,
            slide_order=order,
            layout=slide_plan.layout,
            title_en=slide_plan.title,
            notes_en=slide_plan.notes,
        )
        session.add(slide)
        stamps += [("slide", slide.id, name) for name in ("title", "notes") if getattr(slide, f"{name}_en")]
        for block_order, block in enumerate(slide_plan.blocks):
            block_type, content = _stored(session, record, block, slide_plan, index=block_order, lang="en")
            row = ContentBlock(
                id=new_id(),
                slide_id=slide.id,
                block_order=block_order,
                block_type=block_type,
                content_en=content,
            )
            session.add(row)
            stamps.append(("content_block", row.id, "content"))
        session.flush()  # one INSERT for the slide, one for its blocks
        progress.advance()
        pause()
    _stamp_english(session, stamps)
    content_changed(
        session,
        actor=actor,
        lesson_id=lesson.id,
        course_id=record.course_id,
        request=None,
        imported={"import_id": record.id, "filename": record.original_filename, "slides": len(plan.slides)},
    )
    return lesson


def _draft_lesson(session: Session, *, actor: Actor, lesson_id: str) -> Lesson:
    lesson = lessons.lesson(session, actor, lesson_id, write=True).lesson
    if lesson.status != LessonStatus.DRAFT:
        raise Conflict(
            f"the lesson is {lesson.status.value.lower()}: an English import only replaces a draft"
        )
    return lesson


def _clear(session: Session, lesson: Lesson) -> None:
    """Remove a draft lesson's slides (their blocks go with them) before it is imported again."""
    slide_ids = select(Slide.id).where(Slide.lesson_id == lesson.id)
    if session.scalar(select(exists().where(Quiz.slide_id.in_(slide_ids)))):
        raise Conflict(
            "a quiz is attached to one of this lesson's slides: move or delete it before re-importing"
        )
    translations.forget(
        session, entity_ids=select(ContentBlock.id).where(ContentBlock.slide_id.in_(slide_ids))
    )
    translations.forget(session, entity_ids=slide_ids)
    for slide in session.scalars(select(Slide).where(Slide.lesson_id == lesson.id)):
        session.delete(slide)
    session.flush()


def _stamp_english(session: Session, stamps: list[tuple[str, str, str]]) -> None:
    """The English revisions of the rows just created: what `translations.record_changes` stamps
    for a new row, for the whole deck in one statement (one per slide and block took 40% of the
    time of a large import)."""
    if not stamps:
        return
    now = func.timezone("utc", func.now())
    rows = [
        {"entity_type": kind, "entity_id": entity_id, "field": name, "language": "en", "revised_at": now}
        for kind, entity_id, name in stamps
    ]
    statement = insert(TranslationRevision).values(rows)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["entity_type", "entity_id", "field", "language"],
            set_={"revised_at": statement.excluded.revised_at},
        )
    )


# --------------------------------------------------------------------------- pictures


def _stored(
    session: Session, record: PptxImport, block: PlannedBlock, slide: SlidePlan, *, index: int, lang: str
) -> tuple[ContentBlockType, dict[str, Any]]:
    """The block's content once its picture (if any) is stored. An IMAGE the media service refuses
    becomes, in English, the CALLOUT of a file kept as-is (and the report says so)."""
    if block.file is None:
        return block.type, block.content
    if block.file.kind == "image":
        try:
            media = store_upload(
                session,
                data=block.file.data,
                filename=block.file.filename,
                owner_id=record.owner_id,
                kind="image",
            )
        except MediaRejected as exc:
            if lang == "fr":
                raise DeckMismatch(
                    f"slide {slide.number}: the picture {block.file.filename!r} is refused as an image "
                    f"({exc.detail}) while the lesson shows an image there"
                ) from exc
            slide.report.warnings.append(f"{block.file.filename}: refused as an image ({exc.detail})")
            fallback = image_fallback(block, lang=lang)
            slide.report.created[index] = fallback.label
            return _stored(session, record, fallback, slide, index=index, lang=lang)
        content: dict[str, Any] = {**block.content, "url": media_url(media), "alt": block.file.alt}
        if media.width and media.height and max(media.width, media.height) <= 10_000:
            content |= {"width": media.width, "height": media.height}
        return ContentBlockType.IMAGE, validate_block(ContentBlockType.IMAGE, content)
    try:
        media = store_upload(
            session, data=block.file.data, filename=block.file.filename, owner_id=record.owner_id, kind="file"
        )
        slide.report.warnings.append(f"{block.file.filename}: kept as a file at {media_url(media)}")
    except MediaRejected as exc:
        slide.report.skip(block.file.filename, f"the file could not be kept: {exc.detail}")
    return block.type, block.content


# --------------------------------------------------------------------------- French


def _write_french(
    session: Session, *, actor: Actor, record: PptxImport, plan: DeckPlan, progress: Progress, pause: Pause
) -> Lesson:
    assert record.lesson_id is not None
    lesson = lessons.lesson(session, actor, record.lesson_id, write=True).lesson
    slides = list(
        session.scalars(select(Slide).where(Slide.lesson_id == lesson.id).order_by(Slide.slide_order))
    )
    rows = session.scalars(
        select(ContentBlock)
        .join(Slide, Slide.id == ContentBlock.slide_id)
        .where(Slide.lesson_id == lesson.id)
        .order_by(Slide.slide_order, ContentBlock.block_order)
    )
    blocks: dict[str, list[ContentBlock]] = {slide.id: [] for slide in slides}
    for row in rows:
        blocks[row.slide_id].append(row)
    problems = mismatches(slides, blocks, plan)
    if problems:
        raise DeckMismatch(
            f"the French deck does not match the lesson ({len(problems)} difference(s)); nothing was written",
            problems=problems,
        )
    progress.start("Writing French slides", len(plan.slides))
    for slide, slide_plan in zip(slides, plan.slides, strict=True):
        before = translations.snapshot("slide", slide)
        slide.title_fr, slide.notes_fr = slide_plan.title, slide_plan.notes
        changes = {"title_fr": slide.title_fr, "notes_fr": slide.notes_fr}
        translations.record_changes(
            session, entity_type="slide", entity_id=slide.id, before=before, after=changes
        )
        for index, (row, block) in enumerate(zip(blocks[slide.id], slide_plan.blocks, strict=True)):
            _, content = _stored(session, record, block, slide_plan, index=index, lang="fr")
            before = translations.snapshot("content_block", row)
            _, row.content_fr = validate_block_pair(
                row.block_type, content_en=row.content_en, content_fr=content
            )
            translations.record_changes(
                session,
                entity_type="content_block",
                entity_id=row.id,
                before=before,
                after={"content_fr": row.content_fr},
            )
        session.flush()
        progress.advance()
        pause()
    if not lesson.title_fr:
        before = translations.snapshot("lesson", lesson)
        lesson.title_fr = plan.title
        translations.record_changes(
            session, entity_type="lesson", entity_id=lesson.id, before=before, after={"title_fr": plan.title}
        )
    content_changed(
        session,
        actor=actor,
        lesson_id=lesson.id,
        course_id=record.course_id,
        request=None,
        imported={"import_id": record.id, "filename": record.original_filename, "language": "fr"},
    )
    return lesson


def mismatches(slides: list[Slide], blocks: dict[str, list[ContentBlock]], plan: DeckPlan) -> list[str]:
    """Every structural difference between a lesson and a French deck (empty: they match)."""
    if not slides:
        return ["the lesson has no slides yet: import the English deck first"]
    if len(slides) != len(plan.slides):
        return [f"the lesson has {len(slides)} slides, the French deck {len(plan.slides)}"]
    problems = []
    for slide, slide_plan in zip(slides, plan.slides, strict=True):
        where = f"slide {slide_plan.number}"
        if slide.layout != slide_plan.layout:
            problems.append(
                f"{where}: layout {slide.layout.value} in the lesson, {slide_plan.layout.value} in the French deck"
            )
        existing = blocks[slide.id]
        english = [row.block_type.value for row in existing]
        french = [block.type.value for block in slide_plan.blocks]
        if len(english) != len(french):
            problems.append(f"{where}: the lesson has {_blocks(english)}, the French deck {_blocks(french)}")
            continue
        for number, (row, block) in enumerate(zip(existing, slide_plan.blocks, strict=True), start=1):
            if row.block_type != block.type:
                problems.append(
                    f"{where}, block {number}: {row.block_type.value} in the lesson, {block.type.value} in the French deck"
                )
            elif block.file is None:
                try:
                    validate_block_pair(row.block_type, content_en=row.content_en, content_fr=block.content)
                except ContentInvalid as exc:
                    problems.append(f"{where}, block {number} ({row.block_type.value}): {exc}")
    return problems


def _blocks(types: list[str]) -> str:
    listed = ", ".join(types)
    return f"{len(types)} block{'s' if len(types) != 1 else ''}" + (f" ({listed})" if listed else "")
