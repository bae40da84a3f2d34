"""Running one import, exactly once, whoever runs it (the job, the CLI) and however often.

1. Claim (own transaction): an import already finished is left alone — that is what makes a job
   run twice (a worker killed after committing) harmless.
2. Plan (no transaction): safety checks, python-pptx, mapping; nothing written.
3. Write (one transaction, the import row locked): the lesson, its slides, blocks and pictures, the
   caches' invalidation and the import's success. A crash here rolls everything back, pictures
   included; a refusal (a French deck that does not match) is recorded in a transaction of its own.
"""

from __future__ import annotations

import os
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Protocol

from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.console import NullProgress, Progress
from bibliology.db import utcnow
from bibliology.errors import DomainError, NotFound
from bibliology.imports import safety, writer
from bibliology.imports.mapping import SlidePlan, plan_slide
from bibliology.imports.models import PptxImport
from bibliology.imports.pptx_reader import read_deck
from bibliology.imports.report import ImportReport
from bibliology.jobs.tracking import describe_error
from bibliology.policy import Actor

FINISHED = ("succeeded", "failed")
# Test hook: seconds to wait after each slide is written, so a test can kill a worker mid-import.
SLIDE_DELAY_ENV = "BIBLIOLOGY_IMPORT_SLIDE_DELAY"


class Transactions(Protocol):
    def unit_of_work(self) -> AbstractContextManager[Session]: ...


@dataclass(frozen=True)
class Outcome:
    import_id: str
    status: str
    lesson_id: str | None
    report: dict[str, Any] | None
    error: str | None

    @classmethod
    def of(cls, record: PptxImport) -> Outcome:
        return cls(record.id, record.status, record.lesson_id, record.report, record.error)


class ImportFailed(DomainError):
    """The import ran and failed; `outcome` holds its report."""

    status = 422
    slug = "import-failed"
    title = "Import failed"

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.error or "the import failed")
        self.outcome = outcome


def run_import(
    transactions: Transactions,
    *,
    import_id: str,
    progress: Progress | None = None,
    slide_delay: float | None = None,
) -> Outcome:
    """Run (or finish, or leave alone) an import; raises ImportFailed when it fails."""
    progress = progress or NullProgress()
    delay = slide_delay if slide_delay is not None else float(os.environ.get(SLIDE_DELAY_ENV) or 0)
    with transactions.unit_of_work() as session:
        record = _locked(session, import_id)
        if record.status in FINISHED:
            return Outcome.of(record)
        record.status = "running"
        deck, filename, language = record.deck, record.original_filename, record.language
    report = ImportReport(filename=filename, language=language)
    started = time.monotonic()
    try:
        if deck is None:
            raise safety.DeckRefused(
                "The uploaded deck is no longer available; upload it again.", code="gone"
            )
        plan = build_plan(deck, filename=filename, language=language, report=report, progress=progress)
        with transactions.unit_of_work() as session:
            record = _locked(session, import_id)
            if record.status in FINISHED:  # another run finished it meanwhile
                return Outcome.of(record)
            actor = _owner(session, record)
            lesson = writer.write(
                session,
                actor=actor,
                record=record,
                plan=plan,
                progress=progress,
                pause=lambda: time.sleep(delay),
            )
            report.lesson_id, report.seconds = lesson.id, round(time.monotonic() - started, 3)
            _finish(record, status="succeeded", report=report, lesson_id=lesson.id)
            return Outcome.of(record)
    except Exception as exc:
        if isinstance(exc, writer.DeckMismatch):
            report.problems.extend(exc.problems)
        outcome = _record_failure(transactions, import_id, report, exc)
        raise ImportFailed(outcome) from exc


def build_plan(
    data: bytes, *, filename: str, language: str, report: ImportReport, progress: Progress
) -> writer.DeckPlan:
    """Check and read the deck, slide by slide, into what will be written (nothing is, yet)."""
    facts = safety.check_deck(data)
    deck = read_deck(data)
    slides: list[SlidePlan] = []
    progress.start("Reading slides", facts.slide_count)
    for raw in deck.slides:
        slide = plan_slide(raw, lang=language)
        slides.append(slide)
        report.slides.append(slide.report)
        progress.advance()
    first_title = next((slide.title for slide in slides if slide.title), None)
    title = first_title or deck.title or _title_from_filename(filename)
    return writer.DeckPlan(title=title[:200].strip() or "Imported lesson", language=language, slides=slides)


def _title_from_filename(filename: str) -> str:
    stem = PurePath(filename).stem.replace("_", " ").replace("-", " ")
    return " ".join(stem.split())


def _locked(session: Session, import_id: str) -> PptxImport:
    record = session.get(PptxImport, import_id, with_for_update=True)
    if record is None:
        raise NotFound("no such import")
    return record


def _owner(session: Session, record: PptxImport) -> Actor:
    """The uploader, with their role now: rights lost since the upload are lost for the import too."""
    user = None if record.owner_id is None else session.get(User, record.owner_id)
    if user is None:
        raise NotFound("the account that uploaded this deck no longer exists")
    return Actor(user.id, user.role)


def _finish(
    record: PptxImport,
    *,
    status: str,
    report: ImportReport,
    lesson_id: str | None = None,
    error: str | None = None,
) -> None:
    record.status = status
    record.report = report.as_json()
    record.error = error
    record.deck = None  # the deck is not kept once its import has run, whatever the outcome
    record.finished_at = utcnow()
    if lesson_id is not None:
        record.lesson_id = lesson_id


def _record_failure(
    transactions: Transactions, import_id: str, report: ImportReport, exc: Exception
) -> Outcome:
    with transactions.unit_of_work() as session:
        record = _locked(session, import_id)
        if record.status in FINISHED:
            return Outcome.of(record)
        if not report.problems:
            report.problems.append(describe_error(exc))
        _finish(record, status="failed", report=report, error=describe_error(exc))
        return Outcome.of(record)
