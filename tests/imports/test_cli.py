"""`bibliology import-pptx`: a deck into a new lesson (report and speed printed), then its French
twin, and a refused file as one line on stderr."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg

from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.schema_check import libpq_url
from tests.factories import make_course, make_teacher
from tests.imports import decks
from tests.jobs.support import BIBLIOLOGY, worker_env


def bibliology(*args: str, url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIBLIOLOGY, *args],
        env=worker_env(url, tmp_path, COLUMNS="200"),
        capture_output=True,
        text=True,
        timeout=300,
    )


def conn_lesson_ids(url: str) -> list[str]:
    with psycopg.connect(libpq_url(url)) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM lessons")]


def test_import_then_translate_then_refuse(scratch_url: str, tmp_path: Path) -> None:
    engine = make_engine(scratch_url, pool_size=1)
    with unit_of_work(session_factory(engine)) as session:
        make_course(session, teacher=make_teacher(session), slug="galatians")
    engine.dispose()
    english, french, empty = tmp_path / "fruit.pptx", tmp_path / "fruit-fr.pptx", tmp_path / "empty.pptx"
    english.write_bytes(decks.build_study("en"))
    french.write_bytes(decks.build_study("fr"))
    empty.write_bytes(b"")

    done = bibliology(
        "import-pptx", str(english), "--course", "galatians", url=scratch_url, tmp_path=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "slides/s" in done.stderr
    assert "Chart 2: chart not imported" in done.stderr  # the per-slide report
    with psycopg.connect(libpq_url(scratch_url)) as conn:
        (slug,) = conn.execute("SELECT slug FROM lessons").fetchone() or ("",)
    assert slug == "galatians-the-fruit-of-the-spirit"
    # What a user needs next is the lesson's slug (for --lesson) and where to read it, not an id.
    imported = f"✓ {decks.SLIDE_COUNT} slides imported into lesson {slug} of course galatians in"
    assert imported in done.stderr
    (lesson_id,) = conn_lesson_ids(scratch_url)
    assert f"http://127.0.0.1:8000/api/v1/lessons/{lesson_id}" in done.stderr

    args = ("import-pptx", str(french), "--course", "galatians", "--lesson", slug, "--lang", "fr")
    translated = bibliology(*args, url=scratch_url, tmp_path=tmp_path)
    assert translated.returncode == 0, translated.stderr
    with psycopg.connect(libpq_url(scratch_url)) as conn:
        titles = [row[0] for row in conn.execute("SELECT title_fr FROM slides ORDER BY slide_order LIMIT 2")]
    assert titles == ["Le fruit de l’Esprit", "Neuf qualités"]

    refused = bibliology(
        "import-pptx", str(empty), "--course", "galatians", url=scratch_url, tmp_path=tmp_path
    )
    assert refused.returncode == 1
    assert refused.stderr.strip() == "error: The file is empty."
