"""`bibliology import-pptx`: a deck into a new lesson (report, speed, the lesson's slug and URLs
printed), then its French twin, and a refused file as one line on stderr; where the URLs point."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg

from bibliology.config import Settings
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.imports.command import base_url
from bibliology.schema_check import libpq_url
from tests.factories import make_course, make_teacher
from tests.imports import decks
from tests.jobs.support import BIBLIOLOGY, worker_env


def bibliology(*args: str, url: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIBLIOLOGY, *args],
        env=worker_env(url, tmp_path, COLUMNS="200", **env),
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
    # Where `serve` listens (no BIBLIOLOGY_BASE_URL): the API's URL.
    assert f"  API:  http://127.0.0.1:8000/api/v1/lessons/{lesson_id}\n" in done.stderr
    assert f"  Page: http://127.0.0.1:8000/courses/galatians/lessons/{slug}\n" in done.stderr
    assert f"lesson {lesson_id}" not in done.stderr

    args = ("import-pptx", str(french), "--course", "galatians", "--lesson", slug, "--lang", "fr")
    base = {"BIBLIOLOGY_BASE_URL": "https://bible.example.org/"}
    translated = bibliology(*args, url=scratch_url, tmp_path=tmp_path, **base)
    assert translated.returncode == 0, translated.stderr
    assert f"  API:  https://bible.example.org/api/v1/lessons/{lesson_id}\n" in translated.stderr
    with psycopg.connect(libpq_url(scratch_url)) as conn:
        titles = [row[0] for row in conn.execute("SELECT title_fr FROM slides ORDER BY slide_order LIMIT 2")]
    assert titles == ["Le fruit de l’Esprit", "Neuf qualités"]

    refused = bibliology(
        "import-pptx", str(empty), "--course", "galatians", url=scratch_url, tmp_path=tmp_path
    )
    assert refused.returncode == 1
    assert refused.stderr.strip() == "error: The file is empty."


def test_the_printed_urls_use_the_base_url_else_where_serve_listens() -> None:
    assert base_url(Settings(BIBLIOLOGY_BASE_URL="https://bible.example.org/")) == "https://bible.example.org"
    assert (
        base_url(Settings(BIBLIOLOGY_HOST="lessons.local", BIBLIOLOGY_PORT=9000))
        == "http://lessons.local:9000"
    )
    assert base_url(Settings(BIBLIOLOGY_HOST="0.0.0.0")) == "http://127.0.0.1:8000"
    assert base_url(Settings(BIBLIOLOGY_HOST="::")) == "http://[::1]:8000"
