"""axe-core on every student page, in both languages: 0 serious or critical violations (all of them
are printed, readably). The same visits write the screenshots of docs/screenshots/ at desktop and
phone widths."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.browser import journeys
from tests.browser.harness import DESKTOP, PHONE, assert_accessible, screenshot, viewport

GRACE = "grace.thompson@demo.bibliology.org"  # the demo's English student: courses, notes, results
LANGS = ["en", "fr"]


def _user_id(db: Session, email: str) -> str:
    return str(db.execute(text("SELECT id FROM users WHERE email = :e"), {"e": email}).scalar_one())


def _layout_slides(db: Session, student_id: str) -> dict[str, str]:
    """One slide URL per layout, in courses the student is enrolled in."""
    rows = db.execute(
        text(
            """
            SELECT DISTINCT ON (s.layout) s.layout, c.slug AS course, l.slug AS lesson,
                   (SELECT count(*) FROM slides o WHERE o.lesson_id = l.id AND o.slide_order <= s.slide_order) AS n
            FROM slides s JOIN lessons l ON l.id = s.lesson_id AND l.status = 'PUBLISHED'
            JOIN courses c ON c.id = l.course_id
            JOIN enrollments e ON e.course_id = c.id AND e.student_id = :student AND e.status <> 'DROPPED'
            ORDER BY s.layout, c.slug, l.lesson_order, s.slide_order
            """
        ),
        {"student": student_id},
    ).all()
    return {str(r.layout): f"/courses/{r.course}/lessons/{r.lesson}/slides/{r.n}" for r in rows}


def _visit(page: Page, url: str, lang: str, status: int = 200) -> None:
    separator = "&" if "?" in url else "?"
    response = page.goto(f"{url}{separator}lang={lang}")
    assert response is not None
    assert response.status == status, (url, response.status)
    assert page.locator("html").get_attribute("lang") == lang


def _both_widths(page: Page, name: str) -> None:
    for size in (DESKTOP, PHONE):
        with viewport(page, size):
            screenshot(page, name)


@pytest.mark.parametrize("lang", LANGS)
def test_signed_out_pages(page: Page, lang: str) -> None:
    for url, status in [
        ("/", 200),
        ("/courses/the-gospel-of-john", 200),
        ("/account/login", 200),
        ("/account/register", 200),
        ("/courses/no-such-course", 404),
    ]:
        _visit(page, url, lang, status)
        assert_accessible(page)
    if lang == "en":
        _visit(page, "/", lang)
        _both_widths(page, "catalogue")


@pytest.mark.parametrize("lang", LANGS)
def test_a_students_pages(page: Page, lang: str, live_db: Session, signed_in: Callable[[str], None]) -> None:
    grace = _user_id(live_db, GRACE)
    signed_in(grace)
    layouts = _layout_slides(live_db, grace)
    assert set(layouts) == {"TITLE", "CONTENT", "TWO_COLUMN", "IMAGE_FOCUS", "QUIZ", "BLANK"}, layouts
    pages = [
        "/",
        "/courses?difficulty=Beginner",
        "/courses/the-gospel-of-john",
        "/courses/the-gospel-of-john/notes",
        "/dashboard",
        "/account",
        *layouts.values(),
    ]
    if lang == "fr":  # the same templates: the French strings' pages, and two layouts
        pages = [*pages[:6], layouts["CONTENT"], layouts["QUIZ"]]
    for url in pages:
        _visit(page, url, lang)
        assert_accessible(page)
    _visit(page, "/courses/no-such-course/lessons/none/slides/1", lang, 404)
    assert_accessible(page)
    if lang == "en":
        _visit(page, "/dashboard", lang)
        _both_widths(page, "dashboard")
        _visit(page, layouts["CONTENT"], lang)
        _both_widths(page, "player-en")
        _visit(page, "/account", lang)
        screenshot(page, "account")


def test_quiz_pages_and_the_french_player(page: Page) -> None:
    """A new French student on the course whose French is partial: the player with its fallback
    notes, then a quiz's intro, the quiz being taken, and its result."""
    journeys.register(page, name="Axe Lecteur", lang="fr")
    journeys.enrol(page, "parables-of-the-kingdom", lang="fr")
    player = "/courses/parables-of-the-kingdom/lessons/parables-of-the-kingdom-the-sower/slides/3"
    _visit(page, player, "fr")
    assert page.locator(".fallback").count() > 0
    assert_accessible(page)
    _both_widths(page, "player-fr")

    page.goto("/courses/parables-of-the-kingdom/lessons/parables-of-the-kingdom-the-sower/slides/5")
    quiz_url = page.locator(".quiz-card a").first.get_attribute("href") or ""
    page.goto(quiz_url)
    assert_accessible(page)
    journeys.start_quiz(page, quiz_url)
    assert re.search(r"/attempts/[^/]+$", page.url)
    assert_accessible(page)
    journeys.answer(page, journeys.RIGHT)
    _both_widths(page, "quiz")
    journeys.submit_quiz(page)
    assert_accessible(page)
    _both_widths(page, "quiz-result")
