"""The orphan sweep: files a crashed process left without rows go once past the grace period; files
with rows, fresh files, and files an open transaction wrote (its row not yet committed) stay."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.orm import Session, sessionmaker

from bibliology.config import Settings
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.jobs import job_app, runtime
from bibliology.jobs.worker import task_modules
from bibliology.media import tasks
from bibliology.media.service import store_upload
from bibliology.media.storage import MEDIA_DIR_ENV, TEMPORARY_PREFIX, LocalStorage, storage_key
from bibliology.media.sweep import SessionTransactions, sweep_orphans
from bibliology.schema_check import libpq_url
from tests.jobs.support import BIBLIOLOGY, wait_for, worker_env
from tests.media import imagegen
from tests.media.conftest import stored_files
from tests.support import SavepointTransactions

DAY = 24 * 3600


def age(storage: LocalStorage, key: str, seconds: float) -> None:
    """Make the file look written `seconds` ago (no waiting in tests)."""
    path = storage.path(key)
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))


def orphan(storage: LocalStorage, data: bytes, *, seconds_ago: float = 2 * DAY) -> str:
    """A file as a crashed upload leaves it: on storage, with no row."""
    import hashlib

    key = storage_key(hashlib.sha256(data).hexdigest(), "png")
    storage.put(key, data, "image/png")
    age(storage, key, seconds_ago)
    return key


def test_the_sweep_removes_old_orphans_only(
    session: Session, storage: LocalStorage, media_root: Path
) -> None:
    old = orphan(storage, imagegen.png((10, 10)))
    fresh = orphan(storage, imagegen.png((11, 11)), seconds_ago=60)
    kept = store_upload(
        session, data=imagegen.png((12, 12)), filename="k.png", owner_id=None, kind="image", storage=storage
    )
    age(storage, kept.storage_key, 30 * DAY)
    report = sweep_orphans(SavepointTransactions(session), storage=storage)
    assert report.removed == [old]
    assert (report.checked, report.in_use) == (2, 0)
    assert stored_files(media_root) == sorted(media_root / key for key in (fresh, kept.storage_key))
    assert report.unreferenced_rows == 1  # counted, never removed
    assert sweep_orphans(SavepointTransactions(session), storage=storage).removed == []  # idempotent


def test_a_dry_run_removes_nothing(session: Session, storage: LocalStorage, media_root: Path) -> None:
    old = orphan(storage, imagegen.png((10, 10)))
    report = sweep_orphans(SavepointTransactions(session), storage=storage, dry_run=True)
    assert report.removed == [old]
    assert stored_files(media_root) == [media_root / old]


def test_half_written_uploads_go_after_an_hour_at_least(session: Session, storage: LocalStorage) -> None:
    directory = storage.root / "ab" / "cd"
    directory.mkdir(parents=True)
    stale, recent = directory / f"{TEMPORARY_PREFIX}stale", directory / f"{TEMPORARY_PREFIX}recent"
    for path, seconds_ago in ((stale, 2 * 3600), (recent, 30 * 60)):
        path.write_bytes(b"half")
        os.utime(path, (time.time() - seconds_ago,) * 2)
    report = sweep_orphans(SavepointTransactions(session), storage=storage, grace=dt.timedelta(0))
    assert report.temporaries == 1
    assert not stale.exists()
    assert recent.exists()  # an upload may still be writing it, whatever grace was asked for


# --------------------------------------------------------------------------- crashes and open transactions

CRASH = """
import os, signal, sys
import bibliology.models
from bibliology.db import make_engine, session_factory
from bibliology.media.service import store_upload

session = session_factory(make_engine(sys.argv[1], pool_size=1))()
data = open(sys.argv[2], "rb").read()
row = store_upload(session, data=data, filename="crash.png", owner_id=None, kind="image")
print(row.storage_key, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # between the file's write and its row's commit
"""


def crash_mid_upload(url: str, data: bytes, tmp_path: Path, media_root: Path) -> str:
    """Store an upload in a process killed before it commits; return the key it wrote."""
    image = tmp_path / "crash.png"
    image.write_bytes(data)
    env = os.environ | {MEDIA_DIR_ENV: str(media_root)}
    done = subprocess.run(
        [sys.executable, "-c", CRASH, url, str(image)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    return done.stdout.strip()


def other_backends_in_transaction(url: str, mine: int) -> int:
    with psycopg.connect(libpq_url(url)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state LIKE 'idle in transaction%%' AND pid NOT IN (%s, pg_backend_pid())",
            (mine,),
        ).fetchone()
    return int(row[0]) if row else 0


@pytest.fixture
def sessions(scratch_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(scratch_url, pool_size=3)
    yield session_factory(engine)
    engine.dispose()


@pytest.mark.committed
def test_a_crashed_upload_is_swept_and_an_open_transactions_file_is_not(
    scratch_url: str, sessions: sessionmaker[Session], tmp_path: Path, media_root: Path, storage: LocalStorage
) -> None:
    crashed = crash_mid_upload(scratch_url, imagegen.png((20, 20)), tmp_path, media_root)
    assert storage.exists(crashed)  # a killed process runs no rollback hook
    with unit_of_work(sessions) as session:
        committed = store_upload(
            session,
            data=imagegen.png((21, 21)),
            filename="c.png",
            owner_id=None,
            kind="image",
            storage=storage,
        ).storage_key
    fresh = orphan(storage, imagegen.png((22, 22)), seconds_ago=60)

    # An import in progress: its picture is written, its row is not committed.
    in_flight = sessions()
    try:
        pending = store_upload(
            in_flight, data=imagegen.png((23, 23)), filename="p.png", owner_id=None, kind="image",
            storage=storage,
        ).storage_key  # fmt: skip
        for key in (crashed, committed, pending):
            age(storage, key, 2 * DAY)  # only the lock, not the grace period, can save the pending one
        mine = in_flight.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        wait_for(
            lambda: other_backends_in_transaction(scratch_url, mine) == 0,
            what="PostgreSQL to end the killed process's transaction",
        )

        report = sweep_orphans(SessionTransactions(sessions), storage=storage)
        assert report.removed == [crashed]
        assert report.in_use == 1
        assert {crashed, committed, fresh, pending} - {p.relative_to(media_root).as_posix() for p in stored_files(media_root)} == {crashed}  # fmt: skip
        in_flight.commit()
    finally:
        in_flight.close()
    assert storage.exists(pending)  # its row is committed now, with its file
    again = sweep_orphans(SessionTransactions(sessions), storage=storage)
    assert (again.removed, again.in_use) == ([], 0)


@pytest.mark.committed
def test_the_same_content_stored_again_after_a_crash_is_kept(
    scratch_url: str, sessions: sessionmaker[Session], tmp_path: Path, media_root: Path, storage: LocalStorage
) -> None:
    """A retried import stores the same picture under the same name: the orphan becomes its file."""
    data = imagegen.png((24, 24))
    crashed = crash_mid_upload(scratch_url, data, tmp_path, media_root)
    with unit_of_work(sessions) as session:
        retried = store_upload(
            session, data=data, filename="r.png", owner_id=None, kind="image", storage=storage
        )
    assert retried.storage_key == crashed
    age(storage, crashed, 2 * DAY)
    assert sweep_orphans(SessionTransactions(sessions), storage=storage).removed == []
    assert storage.exists(crashed)


# --------------------------------------------------------------------------- job and command


def test_the_sweep_is_a_daily_periodic_job() -> None:
    assert "bibliology.media.tasks" in task_modules()
    periodic = {key[0]: task.cron for key, task in job_app.periodic_registry.periodic_tasks.items()}
    assert periodic["media.sweep_orphans"] == "43 4 * * *"
    assert job_app.tasks["media.sweep_orphans"].queue == "maintenance"


@pytest.mark.committed
def test_the_job_sweeps(scratch_url: str, tmp_path: Path, media_root: Path, storage: LocalStorage) -> None:
    old = orphan(storage, imagegen.png((25, 25)))
    runtime.configure(
        scratch_url, Settings(BIBLIOLOGY_ENV="test", BIBLIOLOGY_DATA_DIR=tmp_path, REDIS_URL=None)
    )
    try:
        assert tasks.sweep() == 1
        assert tasks.sweep() == 0
    finally:
        runtime.close()
    assert not storage.exists(old)


@pytest.mark.committed
def test_the_command(scratch_url: str, tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "media")  # worker_env's media directory
    old = orphan(storage, imagegen.png((26, 26)))
    env = worker_env(scratch_url, tmp_path)
    dry = subprocess.run(
        [BIBLIOLOGY, "media", "sweep", "--dry-run"], env=env, capture_output=True, text=True, timeout=120
    )
    assert dry.returncode == 0, dry.stderr
    assert "would remove 1 orphan file(s)" in dry.stderr
    assert storage.exists(old)
    done = subprocess.run(
        [BIBLIOLOGY, "media", "sweep", "--grace", "12h"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "orphan files removed: 1" in done.stderr
    assert not storage.exists(old)
    refused = subprocess.run(
        [BIBLIOLOGY, "media", "sweep", "--grace", "soon"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 1
    assert "invalid duration 'soon'" in refused.stderr
