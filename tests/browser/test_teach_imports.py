"""In real Chromium, a teacher imports PowerPoint decks and translates what is left: a deck of the
shared collection (shared/data/pptx) into a new draft lesson, then an English study and its French
twin onto one lesson (the pair tests/imports builds), each followed from the progress display to
its report; a file that is not a deck is refused with the importer's words; then, in the
translation workspace, a missing French title is written (by keyboard) and a stale one marked
reviewed. axe-core on the form with its error, the progress/report page and the workspace, EN and FR.

The imports run as real jobs: a `bibliology worker` subprocess on the live database (the harness
runs none), each slide slowed down a little (BIBLIOLOGY_IMPORT_SLIDE_DELAY) so that the page shows
the job's progress before it reloads into the report.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.enums import LessonStatus
from bibliology.imports.runner import SLIDE_DELAY_ENV
from bibliology.lessons.models import Lesson, Slide
from bibliology.media.storage import MEDIA_DIR_ENV
from tests import factories as f
from tests.browser.harness import DESKTOP, PHONE, assert_accessible, screenshot, viewport
from tests.imports import decks
from tests.imports.test_jobs import one
from tests.jobs.support import BIBLIOLOGY, wait_for, worker_env
from tests.support import SHARED_DECKS, missing, strict_skips

MIRIAM = "miriam.okafor@demo.bibliology.org"
SHARED_DECK = "features_steps_test_files_ph-populated-placeholders.pptx"  # 9 slides, pictures, charts


@pytest.fixture(scope="module")
def import_worker(
    live_url: str, browser_media_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """A real worker on the live database, writing pictures where the live server serves them."""
    extra = {MEDIA_DIR_ENV: str(browser_media_dir), SLIDE_DELAY_ENV: "0.3"}
    if os.environ.get("REDIS_URL"):
        extra["REDIS_URL"] = os.environ["REDIS_URL"]  # the server's cache, invalidated by the import
    env = worker_env(live_url, tmp_path_factory.mktemp("import-worker"), **extra)
    command = [BIBLIOLOGY, "worker", "--no-migrate", "--queue", "imports", "--heartbeat", "1"]
    worker = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    # Started once it heartbeats: the page tests then never wait for an import's first step.
    wait_for(
        lambda: worker.poll() is not None or one(live_url, "SELECT count(*) FROM procrastinate_workers"),
        timeout=120,
        what="the import worker to start",
    )
    assert worker.poll() is None, "the import worker stopped"
    yield
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def shared_or_built() -> tuple[bytes, str]:
    """The shared deck, or (in a clean clone without shared/, outside CI) a deck built here."""
    path = SHARED_DECKS / SHARED_DECK
    if path.exists():
        return path.read_bytes(), SHARED_DECK
    if strict_skips():
        missing(f"the shared deck {SHARED_DECK} is not at {path}")
    return decks.build_picture_slides("en"), "pictures.pptx"


def _teacher(db: Session) -> User:
    return db.scalars(select(User).where(User.email == MIRIAM)).one()


def _upload(page: Page, path: Path) -> None:
    page.set_input_files("#deck", str(path))
    page.get_by_role("button", name="Upload and import").click()


def _follow_to_report(page: Page) -> None:
    """The progress display, then (when the job ends, the script reloads) the report."""
    expect(page.locator("h1 .badge")).to_be_visible()
    expect(page.get_by_role("heading", name="Slide by slide")).to_be_visible(timeout=90_000)
    expect(page.locator("[data-import-progress]")).to_have_count(0)


def test_a_teacher_imports_decks_and_translates_what_is_left(
    page: Page,
    live_db: Session,
    signed_in: Callable[[str], None],
    import_worker: None,
    tmp_path: Path,
) -> None:
    page.context.set_default_timeout(30_000)  # a loaded machine: the worker shares its two cores
    teacher = _teacher(live_db)
    course = f.make_course(
        live_db, teacher=teacher, status=LessonStatus.DRAFT, title_en="Imported studies", title_fr=None,
        description_en="Decks from the church's archive.", description_fr="Des présentations des archives.",
    )  # fmt: skip
    live_db.commit()
    signed_in(teacher.id)

    # A refused file: a text file renamed .pptx. The importer's message, beside the field.
    fake = tmp_path / "notes.pptx"
    fake.write_text("Bring a Bible and a notebook.", encoding="utf-8")
    page.goto(f"/teach/courses/{course.id}/import")
    _upload(page, fake)
    expect(page.locator("#deck-error")).to_have_text(
        "This file is not a PowerPoint .pptx deck (it is not a zip archive)."
    )
    expect(page.locator("#deck")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    screenshot(page, "teach-import-form")

    # A deck of the shared collection becomes a new draft lesson.
    data, name = shared_or_built()
    shared_path = tmp_path / name
    shared_path.write_bytes(data)
    _upload(page, shared_path)
    expect(page).to_have_url(re.compile(r"/teach/imports/[^/]+$"))
    progress = page.locator("[data-import-progress]")
    if progress.count():  # the job may already have ended on a fast machine
        expect(page.locator("#import-status")).to_have_attribute("aria-live", "polite")
        expect(page.locator("#import-bar")).to_be_visible()
        assert_accessible(page)
    _follow_to_report(page)
    rows = page.locator("table.import-report tbody tr")
    if name == SHARED_DECK:
        expect(rows).to_have_count(9)
        expect(page.locator(".import-totals")).to_contain_text("Pictures kept2")
        expect(page.locator("table.import-report")).to_contain_text("not imported")
    slide_links = page.locator("table.import-report a[href^='/teach/slides/']")
    assert slide_links.count() >= 1
    shared_lesson_link = page.get_by_role("link", name="Open the lesson editor")
    expect(shared_lesson_link).to_have_attribute("href", re.compile(r"^/teach/lessons/"))

    # The English study deck into another lesson, then its French twin onto the same lesson.
    english = tmp_path / "fruit-of-the-spirit.pptx"
    english.write_bytes(decks.build_study("en"))
    page.goto(f"/teach/courses/{course.id}/import")
    _upload(page, english)
    _follow_to_report(page)
    report = page.locator("table.import-report")
    expect(rows).to_have_count(decks.SLIDE_COUNT)
    for layout in ("TITLE", "CONTENT", "TWO_COLUMN", "IMAGE_FOCUS", "BLANK"):
        expect(report).to_contain_text(layout)
    expect(page.locator("main")).to_contain_text("Galatians 5:22")
    expect(page.locator("main")).to_contain_text("1 Corinthians 13:4")
    expect(page.locator(".import-totals")).to_contain_text("Pictures kept2")
    expect(report).to_contain_text("chart not imported: a note takes its place on the slide")
    assert_accessible(page)
    with viewport(page, DESKTOP):
        screenshot(page, "teach-import-report")
    lesson_href = page.get_by_role("link", name="Open the lesson editor").get_attribute("href")
    assert lesson_href is not None
    lesson_id = lesson_href.rsplit("/", 1)[1]

    page.get_by_role("link", name="Import its French twin").click()
    expect(page.locator("input[name=language][value=fr]")).to_be_checked()
    french = tmp_path / "le-fruit-de-l-esprit.pptx"
    french.write_bytes(decks.build_study("fr"))
    _upload(page, french)
    _follow_to_report(page)
    expect(page.locator(".import-facts")).to_contain_text("French deck")
    expect(page.locator(".import-totals")).to_contain_text(f"Slides translated{decks.SLIDE_COUNT}")
    page.goto(page.url + "?lang=fr")
    expect(page.get_by_role("heading", name="Diapositive par diapositive")).to_be_visible()
    assert_accessible(page)
    live_db.expire_all()
    first = live_db.scalars(
        select(Slide).where(Slide.lesson_id == lesson_id).order_by(Slide.slide_order)
    ).first()
    assert first is not None
    assert first.title_fr == "Le fruit de l’Esprit"

    # The teacher fixes that slide's English in the slide editor: its French is now stale.
    page.goto(f"/teach/slides/{first.id}?lang=en")
    page.get_by_label("Title (English)").fill("The Fruit of the Holy Spirit")
    with page.expect_response(
        lambda r: r.url.split("?")[0].endswith(f"/teach/slides/{first.id}") and r.request.method == "POST"
    ) as saved:
        page.get_by_role("button", name="Save the slide").click()
    assert saved.value.status in (200, 303), saved.value.status
    live_db.expire_all()
    assert live_db.get(Slide, first.id).title_en == "The Fruit of the Holy Spirit"  # type: ignore[union-attr]

    # The workspace: the course's missing French title, written and saved with the keyboard.
    page.goto(f"/teach/courses/{course.id}/translations?lang=en")
    counts = page.locator("[data-counts]")
    expect(counts).to_contain_text("1 stale")
    before_missing = int(counts.locator(".badge--bad").inner_text().split()[0])
    title_item = page.locator(f"[data-translation='course/{course.id}/title']")
    expect(title_item.locator(".tr-source")).to_have_text("Imported studies")
    assert_accessible(page)
    with viewport(page, DESKTOP):
        screenshot(page, "teach-translations")
    with viewport(page, PHONE):
        screenshot(page, "teach-translations")
    field = title_item.get_by_label("Title — French")
    field.focus()
    page.keyboard.type("Études importées")
    page.keyboard.press("Enter")
    expect(page.locator(".notice")).to_have_text("The French was saved.")
    expect(page.locator(f"[data-translation='course/{course.id}/title']")).to_have_count(0)
    expect(counts.locator(".badge--bad")).to_have_text(f"{before_missing - 1} missing")
    live_db.expire_all()
    assert live_db.execute(
        text("SELECT title_fr FROM courses WHERE id = :id"), {"id": course.id}
    ).scalar() == ("Études importées")

    # The stale slide title: its French is still right, so it is marked reviewed.
    stale = page.locator(f"[data-translation='slide/{first.id}/title']")
    expect(stale).to_contain_text("The Fruit of the Holy Spirit")
    stale.get_by_role("button", name="Mark reviewed").click()
    expect(page.locator(".notice")).to_have_text("Marked reviewed: the French is kept as it is.")
    expect(counts).to_contain_text("0 stale")
    logged = live_db.execute(
        text("SELECT count(*) FROM activity_logs WHERE action = 'REVIEW_TRANSLATION' AND entity_id = :id"),
        {"id": first.id},
    ).scalar()
    assert logged == 1

    # The lesson's own workspace, and both in French.
    page.goto(f"/teach/lessons/{lesson_id}/translations?lang=fr")
    expect(page.locator("h1")).to_contain_text("Traduction de la leçon")
    assert_accessible(page)
    page.goto(f"/teach/courses/{course.id}/translations?lang=fr")
    assert_accessible(page)

    # The refused file once more, on a French page (the importer's words stay English).
    page.goto(f"/lang/fr?next=/teach/courses/{course.id}/import")
    _upload_fr = page.get_by_role("button", name="Envoyer et importer")
    page.set_input_files("#deck", str(fake))
    _upload_fr.click()
    expect(page.locator("#deck-error")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_accessible(page)

    # Fixed and translated, the imported lesson is published from its course's lessons page.
    page.goto(f"/teach/courses/{course.id}/lessons/{lesson_id}/publish")  # in French, as chosen above
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status")).to_contain_text("La leçon est publiée")
    live_db.expire_all()
    assert live_db.get(Lesson, lesson_id).status == LessonStatus.PUBLISHED  # type: ignore[union-attr]
