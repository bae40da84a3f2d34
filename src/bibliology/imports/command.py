"""`bibliology import-pptx FILE --course SLUG [--lesson SLUG --lang fr]`: the same import as the
upload's job, run at once with a progress bar, acting as the course's teacher."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.table import Table
from sqlalchemy import select

from bibliology.accounts.models import User
from bibliology.config import Settings
from bibliology.console import Progress
from bibliology.courses.models import Course
from bibliology.errors import NotFound
from bibliology.imports import safety, service
from bibliology.imports.runner import Outcome, Transactions, run_import
from bibliology.lessons.models import Lesson
from bibliology.lessons.urls import lesson_url
from bibliology.policy import Actor


@dataclass(frozen=True)
class Imported:
    outcome: Outcome
    seconds: float
    course_slug: str
    lesson_slug: str | None  # None only when the import produced no lesson


def lesson_api_path(lesson_id: str) -> str:
    """Where the imported draft is read over the API (its lesson tree)."""
    return f"/api/v1/lessons/{lesson_id}"


def base_url(settings: Settings) -> str:
    """Where a browser reaches this installation: BIBLIOLOGY_BASE_URL, else where `serve` listens
    (a wildcard address is not one a browser can open: the loopback stands in for it)."""
    if settings.base_url:
        return settings.base_url.rstrip("/")
    host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(settings.host, settings.host)  # noqa: S104
    return f"http://[{host}]:{settings.port}" if ":" in host else f"http://{host}:{settings.port}"


def summary(imported: Imported, *, settings: Settings) -> list[str]:
    """The lines printed after an import: what the user needs next is the lesson's slug (for
    --lesson), its course, its page (a draft is previewed there by its teacher) and the API URL,
    not the lesson's id."""
    slides = len((imported.outcome.report or {}).get("slides", []))
    lines = [
        f"✓ {slides} slides imported into lesson {imported.lesson_slug} of course {imported.course_slug} "
        f"in {imported.seconds:.1f} s ({slides / max(imported.seconds, 1e-9):.1f} slides/s)"
    ]
    if imported.lesson_slug is not None and imported.outcome.lesson_id is not None:
        root = base_url(settings)
        lines.append(f"  Page: {root}{lesson_url(imported.course_slug, imported.lesson_slug)}")
        lines.append(f"  API:  {root}{lesson_api_path(imported.outcome.lesson_id)}")
    return lines


def import_file(
    transactions: Transactions,
    *,
    path: Path,
    course_slug: str,
    lesson_slug: str | None,
    language: str,
    progress: Progress,
) -> Imported:
    """Import the deck at `path`; raises DeckRefused, ImportFailed or a domain error."""
    safety.check_size(path.stat().st_size)
    data = path.read_bytes()
    started = time.monotonic()
    with transactions.unit_of_work() as session:
        course = session.scalar(select(Course).where(Course.slug == course_slug))
        if course is None:
            raise NotFound(f"no course with the slug {course_slug!r}")
        teacher = session.get_one(User, course.teacher_id)
        lesson_id = None
        if lesson_slug is not None:
            lesson_id = session.scalar(
                select(Lesson.id).where(Lesson.slug == lesson_slug, Lesson.course_id == course.id)
            )
            if lesson_id is None:
                raise NotFound(f"no lesson with the slug {lesson_slug!r} in {course_slug!r}")
        record = service.create(
            session,
            actor=Actor(teacher.id, teacher.role),
            course_id=course.id,
            data=data,
            filename=path.name,
            lesson_id=lesson_id,
            language=language,
            enqueue=False,
        )
        import_id = record.id
    outcome = run_import(transactions, import_id=import_id, progress=progress)
    seconds = time.monotonic() - started
    lesson_slug = None
    if outcome.lesson_id is not None:
        with transactions.unit_of_work() as session:
            lesson_slug = session.scalar(select(Lesson.slug).where(Lesson.id == outcome.lesson_id))
    return Imported(outcome, seconds, course_slug, lesson_slug)


def report_table(report: dict[str, Any]) -> Table:
    """One row per slide: what was created, skipped, and the warnings."""
    table = Table(
        title=f"{report['filename']} ({report['language']})", title_justify="left", show_lines=False
    )
    for column in ("slide", "layout", "title", "created", "skipped / warnings"):
        table.add_column(column, overflow="fold")
    for slide in report["slides"]:
        notes = [f"skipped {s['what']}: {s['why']}" for s in slide["skipped"]] + slide["warnings"]
        table.add_row(
            str(slide["number"]),
            slide.get("layout") or "",
            slide.get("title") or "",
            ", ".join(slide["created"]) or "—",
            "\n".join(notes),
        )
    totals = report.get("totals", {})
    by_type = ", ".join(f"{count} {name}" for name, count in sorted(totals.get("by_type", {}).items()))
    table.caption = (
        f"{totals.get('slides', 0)} slides, {totals.get('blocks', 0)} blocks ({by_type or 'none'}), "
        f"{totals.get('skipped', 0)} skipped, {totals.get('warnings', 0)} warnings"
    )
    return table
