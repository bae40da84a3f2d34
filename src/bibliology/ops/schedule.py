"""The scheduled backup (ops.tasks) and its retention: keep the newest backup of each of the last
N days and of each of the last M ISO weeks that have one; delete the other dated backups in the
backup directory (never a file it did not name)."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

from bibliology.config import Settings
from bibliology.media.storage import media_root
from bibliology.ops.backup import BACKUP_NAME, BackupResult, backup_dir, create_backup, default_name

SCHEDULE_ENV = "BIBLIOLOGY_SCHEDULED_BACKUPS"
KEEP_DAILY_ENV = "BIBLIOLOGY_BACKUP_KEEP_DAILY"
KEEP_WEEKLY_ENV = "BIBLIOLOGY_BACKUP_KEEP_WEEKLY"
STALE_PARTIAL_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Retention:
    daily: int = 7
    weekly: int = 4

    @classmethod
    def from_environment(cls) -> Retention:
        daily = int(os.environ.get(KEEP_DAILY_ENV, cls.daily))
        weekly = int(os.environ.get(KEEP_WEEKLY_ENV, cls.weekly))
        if daily < 1 or weekly < 0:
            raise ValueError(f"{KEEP_DAILY_ENV} must be ≥ 1 and {KEEP_WEEKLY_ENV} ≥ 0")
        return cls(daily, weekly)


@dataclass(frozen=True)
class ScheduledResult:
    backup: BackupResult
    kept: list[Path]
    removed: list[Path]


def enabled(settings: Settings) -> bool:
    """On in production, off elsewhere, unless BIBLIOLOGY_SCHEDULED_BACKUPS says on or off."""
    value = os.environ.get(SCHEDULE_ENV, "").strip().lower()
    if value in ("on", "1", "true", "yes"):
        return True
    if value in ("off", "0", "false", "no"):
        return False
    return settings.environment == "production"


def dated_backups(directory: Path) -> list[tuple[Path, dt.datetime]]:
    found = []
    for path in directory.glob("bibliology-*.tar") if directory.is_dir() else ():
        if match := BACKUP_NAME.fullmatch(path.name):
            moment = dt.datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
            found.append((path, moment))
    return found


def to_keep(backups: list[tuple[Path, dt.datetime]], retention: Retention) -> set[Path]:
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    keep: set[Path] = set()
    for path, moment in sorted(backups, key=lambda item: item[1], reverse=True):
        day, week = moment.date(), moment.isocalendar()[:2]
        if day not in days and len(days) < retention.daily:
            days.add(day)
            keep.add(path)
        if week not in weeks and len(weeks) < retention.weekly:
            weeks.add(week)
            keep.add(path)
    return keep


def prune(directory: Path, retention: Retention) -> tuple[list[Path], list[Path]]:
    """Apply the retention; also remove `.partial` files a crashed backup left a day ago."""
    backups = dated_backups(directory)
    keep = to_keep(backups, retention)
    removed = []
    for path, _ in backups:
        if path not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    for partial in directory.glob("bibliology-*.tar.partial") if directory.is_dir() else ():
        try:
            if partial.stat().st_mtime < time.time() - STALE_PARTIAL_SECONDS:
                partial.unlink()
                removed.append(partial)
        except FileNotFoundError:
            continue
    return sorted(keep), sorted(removed)


def run_scheduled_backup(
    url: str, settings: Settings, *, retention: Retention | None = None, now: dt.datetime | None = None
) -> ScheduledResult:
    """A dated backup in the backup directory, then the retention (only after a backup succeeded,
    so a failing backup never thins out the good ones)."""
    directory = backup_dir(settings)
    result = create_backup(url, directory / default_name(now), media_root=media_root(settings))
    kept, removed = prune(directory, retention or Retention.from_environment())
    return ScheduledResult(result, kept, removed)
