"""The scheduled backup and its retention (keep N daily, M weekly), and the CLI: `bibliology backup
FILE`, `backup verify`, `restore`, and `db upgrade` backing up first in production."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bibliology import migrate
from bibliology.config import Settings
from bibliology.jobs.app import job_app
from bibliology.jobs.worker import task_modules
from bibliology.ops import tables
from bibliology.ops.backup import BACKUP_DIR_ENV, default_name
from bibliology.ops.schedule import Retention, dated_backups, enabled, prune, run_scheduled_backup, to_keep
from bibliology.schema_check import scratch_database

UTC = dt.UTC


def _backups(directory: Path, moments: list[dt.datetime]) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for moment in moments:
        path = directory / default_name(moment)
        path.write_bytes(b"")
        paths.append(path)
    return paths


def test_retention_keeps_the_newest_of_each_recent_day_and_week(tmp_path: Path) -> None:
    start = dt.datetime(2026, 11, 1, 2, 7, tzinfo=UTC)  # a Sunday
    moments = [start + dt.timedelta(days=d) for d in range(35)]  # one a day for five weeks
    moments.append(start + dt.timedelta(days=34, hours=5))  # and a second one on the last day
    _backups(tmp_path, moments)
    kept = to_keep(dated_backups(tmp_path), Retention(daily=3, weekly=3))
    names = sorted(p.name for p in kept)
    assert names == sorted(
        default_name(m)
        for m in [
            start + dt.timedelta(days=34, hours=5),  # newest of Saturday 5 Dec (and of its week)
            start + dt.timedelta(days=33),
            start + dt.timedelta(days=32),
            start + dt.timedelta(days=28),  # Sunday 29 Nov: newest of the week of Monday 23 Nov
            start + dt.timedelta(days=21),  # Sunday 22 Nov: newest of the week of Monday 16 Nov
        ]
    )


def test_prune_deletes_only_dated_backups_beyond_the_retention(tmp_path: Path) -> None:
    now = dt.datetime(2026, 12, 3, 2, 7, tzinfo=UTC)
    paths = _backups(tmp_path, [now - dt.timedelta(days=d) for d in range(20)])
    mine = tmp_path / "keep-me.tar"
    mine.write_bytes(b"someone else's")
    kept, removed = prune(tmp_path, Retention(daily=7, weekly=0))
    assert kept == sorted(paths[:7])
    assert sorted(removed) == sorted(paths[7:])
    assert mine.exists()
    assert sorted(tmp_path.iterdir()) == sorted([*paths[:7], mine])


def test_the_job_is_registered_and_off_outside_production(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "bibliology.ops.tasks" in task_modules()  # what the worker imports
    periodic = {key[0]: task.cron for key, task in job_app.periodic_registry.periodic_tasks.items()}
    assert periodic["ops.scheduled_backup"] == "7 2 * * *"
    assert job_app.tasks["ops.scheduled_backup"].queue == "maintenance"
    development = Settings(BIBLIOLOGY_ENV="development", DATABASE_URL=None, REDIS_URL=None)
    assert not enabled(development)
    monkeypatch.setenv("BIBLIOLOGY_SCHEDULED_BACKUPS", "on")
    assert enabled(development)


@pytest.mark.committed
def test_the_scheduled_backup_writes_a_dated_archive_then_prunes(
    scratch_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BACKUP_DIR_ENV, str(tmp_path / "backups"))
    now = dt.datetime(2026, 12, 3, 2, 7, tzinfo=UTC)
    old = _backups(tmp_path / "backups", [now - dt.timedelta(days=d) for d in range(1, 4)])
    settings = Settings(
        BIBLIOLOGY_ENV="test", BIBLIOLOGY_DATA_DIR=tmp_path, DATABASE_URL=None, REDIS_URL=None
    )
    result = run_scheduled_backup(scratch_url, settings, retention=Retention(daily=2, weekly=0), now=now)
    assert result.backup.path == tmp_path / "backups" / default_name(now)
    assert result.backup.manifest.tables == tables.stats_of(scratch_url)
    assert result.kept == sorted([result.backup.path, old[0]])
    assert sorted(result.removed) == sorted(old[1:])


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bibliology.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
        check=False,
    )


@pytest.mark.committed
def test_the_commands_back_up_verify_and_restore(scratch_url: str, empty_url: str, tmp_path: Path) -> None:
    archive = tmp_path / "cli.tar"
    env = {"BIBLIOLOGY_DATA_DIR": str(tmp_path / "data")}
    made = cli("backup", str(archive), env=env | {"DATABASE_URL": scratch_url})  # = backup create FILE
    assert made.returncode == 0, made.stderr
    assert "backup written to" in made.stderr
    assert archive.is_file()
    verified = cli("backup", "verify", str(archive), env=env | {"DATABASE_URL": scratch_url})
    assert verified.returncode == 0, verified.stderr
    assert "every checksum matches" in verified.stderr
    refused = cli("restore", str(archive), env=env | {"DATABASE_URL": scratch_url})
    assert refused.returncode == 1
    assert refused.stderr.strip().startswith("error: the target is not empty")
    restored = cli("restore", str(archive), env=env | {"DATABASE_URL": empty_url})
    assert restored.returncode == 0, restored.stderr
    assert tables.stats_of(empty_url) == tables.stats_of(scratch_url)


@pytest.mark.committed
def test_db_upgrade_in_production_backs_up_first_unless_no_backup(server_url: str, tmp_path: Path) -> None:
    production = {
        "BIBLIOLOGY_ENV": "production",
        "BIBLIOLOGY_SECRET_KEY": "x" * 40,
        "BIBLIOLOGY_BASE_URL": "https://bibliology.example.org",
        "BIBLIOLOGY_DATA_DIR": str(tmp_path / "data"),
        BACKUP_DIR_ENV: str(tmp_path / "backups"),
    }
    older = "-1"
    with scratch_database(server_url) as url:
        migrate.upgrade(url)
        migrate.downgrade(url, older)
        skipped = cli("db", "upgrade", "--no-backup", env=production | {"DATABASE_URL": url})
        assert skipped.returncode == 0, skipped.stderr
        assert not (tmp_path / "backups").exists()
        migrate.downgrade(url, older)
        upgraded = cli("db", "upgrade", env=production | {"DATABASE_URL": url})
        assert upgraded.returncode == 0, upgraded.stderr
        assert "backup before the upgrade written to" in upgraded.stderr
        assert len(dated_backups(tmp_path / "backups")) == 1
        assert migrate.current(url) == migrate.heads()
        again = cli("db", "upgrade", env=production | {"DATABASE_URL": url})  # nothing pending
        assert again.returncode == 0, again.stderr
        assert len(dated_backups(tmp_path / "backups")) == 1
        # A worker (like `serve`) that migrates a production database at start backs up first too.
        migrate.downgrade(url, older)
        worker = cli("worker", "--once", env=production | {"DATABASE_URL": url})
        assert worker.returncode == 0, worker.stderr
        assert "backup before the upgrade written to" in worker.stderr
        assert migrate.current(url) == migrate.heads()
        assert len(dated_backups(tmp_path / "backups")) == 2


@pytest.mark.committed
def test_the_worker_job_backs_up_when_enabled(
    scratch_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bibliology.jobs import runtime
    from bibliology.ops import tasks

    monkeypatch.setenv(BACKUP_DIR_ENV, str(tmp_path / "backups"))
    settings = Settings(
        BIBLIOLOGY_ENV="test", BIBLIOLOGY_DATA_DIR=tmp_path, DATABASE_URL=None, REDIS_URL=None
    )
    runtime.configure(scratch_url, settings, pool_size=1)
    try:
        assert tasks.backup() is None  # off outside production
        monkeypatch.setenv("BIBLIOLOGY_SCHEDULED_BACKUPS", "on")
        path = tasks.backup()
    finally:
        runtime.close()
    assert path is not None
    assert [p for p, _ in dated_backups(tmp_path / "backups")] == [Path(path)]
