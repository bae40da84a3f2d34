"""The import report: per slide, what was created, what was skipped and why, and warnings; stored as
JSON on the import and printed by `bibliology import-pptx`."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Skip:
    what: str
    why: str


@dataclass
class SlideReport:
    number: int
    title: str | None = None
    layout: str | None = None
    created: list[str] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def skip(self, what: str, why: str) -> None:
        self.skipped.append(Skip(what, why))


@dataclass
class ImportReport:
    filename: str
    language: str
    slides: list[SlideReport] = field(default_factory=list)
    # Why nothing was written (a refused deck, a French deck that does not match its lesson).
    problems: list[str] = field(default_factory=list)
    lesson_id: str | None = None
    seconds: float | None = None

    def block_counts(self) -> dict[str, int]:
        """Blocks created, by type ("TEXT", "LIST"…)."""
        return dict(Counter(label.split(" ", 1)[0] for slide in self.slides for label in slide.created))

    def as_json(self) -> dict[str, Any]:
        body = asdict(self)
        body["totals"] = {
            "slides": len(self.slides),
            "blocks": sum(len(slide.created) for slide in self.slides),
            "skipped": sum(len(slide.skipped) for slide in self.slides),
            "warnings": sum(len(slide.warnings) for slide in self.slides),
            "by_type": self.block_counts(),
        }
        return body
