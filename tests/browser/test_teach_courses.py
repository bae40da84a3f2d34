"""The teacher's course pages in real Chromium: a teacher builds a bilingual course through the forms
(a validation error shown beside its field, the typed values kept), is told why publishing it now
would leave it empty, adds two lessons, reorders them with the keyboard only, publishes a lesson then
the course, and a student finds it in the catalogue. axe on every page in English and French."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.browser.harness import (
    DESKTOP,
    PHONE,
    LiveServer,
    assert_accessible,
    assert_fits_width,
    screenshot,
    sign_in,
    viewport,
)

TEACHER = "miriam.okafor@demo.bibliology.org"
STUDENT = "grace.thompson@demo.bibliology.org"


def _id_of(db: Session, email: str) -> str:
    return str(db.execute(text("SELECT id FROM users WHERE email = :e"), {"e": email}).scalar_one())


def _lesson_titles(page: Page) -> list[str]:
    return page.locator(".lesson-list .lesson-title a").all_inner_texts()


def test_a_teacher_builds_and_publishes_a_bilingual_course(
    page: Page,
    browser: Browser,
    live_server: LiveServer,
    live_db: Session,
    signed_in: Callable[[str], None],
    dialogs: list[str],
) -> None:
    signed_in(_id_of(live_db, TEACHER))
    page.goto("/teach")
    page.get_by_role("link", name="New course").click()
    expect(page).to_have_url(re.compile(r"/teach/courses/new$"))

    page.get_by_label("Title (English)").fill("Wisdom of the Psalms")
    page.get_by_label("Title (French)").fill("La sagesse des Psaumes")
    page.get_by_label("Description (English)").fill("Reading the wisdom psalms slowly.")
    page.get_by_label("Description (French)").fill("Lire lentement les psaumes de sagesse.")
    page.get_by_label("Category").select_option("Old Testament")
    page.get_by_label("Difficulty").select_option("Beginner")
    page.get_by_label("Tags").fill("Psalms, Wisdom")
    page.get_by_label("Estimated hours").fill("six")
    page.get_by_role("button", name="Create the course").click()

    # Refused by the server: the error is beside its field, tied to it, and nothing typed is lost.
    hours = page.get_by_label("Estimated hours")
    expect(page.locator("#estimated_hours-error")).to_contain_text("whole number of hours")
    expect(hours).to_have_attribute("aria-invalid", "true")
    expect(hours).to_have_attribute("aria-describedby", "estimated_hours-error")
    expect(hours).to_have_value("six")
    expect(page.get_by_label("Title (French)")).to_have_value("La sagesse des Psaumes")
    expect(page.get_by_label("Description (French)")).to_have_value("Lire lentement les psaumes de sagesse.")
    expect(page.get_by_label("Category")).to_have_value("Old Testament")
    expect(page.get_by_label("Tags")).to_have_value("Psalms, Wisdom")
    hours.fill("6")
    page.get_by_role("button", name="Create the course").click()
    expect(page.get_by_role("status")).to_contain_text("Course created as a draft")
    course_url = page.url.split("?")[0]
    course_id = course_url.rsplit("/", 1)[1]

    # Publishing now: the confirmation step says why it should wait, and the teacher goes back.
    page.get_by_role("link", name="Publish…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publish the course “Wisdom of the Psalms”?")
    expect(page.get_by_role("note")).to_contain_text("None of its lessons is published yet")
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(course_url)

    # Two lessons, English and French; each opens in the lesson editor, then back to the list.
    for english, french in (("Psalm 1: two ways", "Psaume 1 : deux voies"), ("Psalm 119", "Psaume 119")):
        page.goto(f"{course_url}/lessons")
        page.get_by_label("Title (English)").fill(english)
        page.get_by_label("Title (French)").fill(french)
        page.get_by_role("button", name="Add the lesson").click()
        expect(page).to_have_url(re.compile(r"/teach/lessons/\w+$"))
    page.goto(f"{course_url}/lessons")
    assert _lesson_titles(page) == ["Psalm 1: two ways", "Psalm 119"]

    # Keyboard only: from the first lesson's link, Tab reaches its ↓ button (↑ is disabled), Enter.
    page.locator(".lesson-list .lesson-title a").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Move “Psalm 1: two ways” down"
    with page.expect_response(re.compile(r"/api/v1/lessons/\w+/move$")) as moved:
        page.keyboard.press("Enter")
    assert moved.value.ok
    assert _lesson_titles(page) == ["Psalm 119", "Psalm 1: two ways"]
    # Focus stays with the moved lesson; the order was saved.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move “Psalm 1: two ways” up"
    page.reload()
    assert _lesson_titles(page) == ["Psalm 119", "Psalm 1: two ways"]

    # Publish the first lesson, then the course (now without the warning).
    page.get_by_role("link", name="Publish — Psalm 119").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publish the lesson “Psalm 119”?")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("The lesson is published")
    page.get_by_role("navigation", name="Course sections").get_by_role("link", name="Course").click()
    page.get_by_role("link", name="Publish…").click()
    expect(page.get_by_role("note")).to_have_count(0)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("The course is published")
    assert (
        live_db.execute(
            text("SELECT status::text FROM courses WHERE id = :id"), {"id": course_id}
        ).scalar_one()
        == "PUBLISHED"
    )

    # A student, in a browser of their own, finds it in the catalogue, in French too.
    student = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="en-GB")  # type: ignore[arg-type]
    try:
        sign_in(student, live_server, live_db, _id_of(live_db, STUDENT))
        reader = student.new_page()
        reader.goto("/courses")
        expect(reader.get_by_role("link", name="Wisdom of the Psalms")).to_be_visible()
        reader.goto("/courses?lang=fr")
        expect(reader.get_by_role("link", name="La sagesse des Psaumes")).to_be_visible()
    finally:
        student.close()
    assert dialogs == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_teachers_course_pages_are_accessible(
    page: Page, lang: str, live_db: Session, signed_in: Callable[[str], None]
) -> None:
    teacher_id = _id_of(live_db, TEACHER)
    # The teacher's demo course with the most lessons (quizzes, French and all).
    course_id = live_db.execute(
        text(
            "SELECT c.id FROM courses c JOIN lessons l ON l.course_id = c.id WHERE c.teacher_id = :t "
            "GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1"
        ),
        {"t": teacher_id},
    ).scalar_one()
    signed_in(teacher_id)
    for path, name in [
        ("/teach", "teach-courses"),
        (f"/teach/courses/{course_id}", "teach-course"),
        (f"/teach/courses/{course_id}/lessons", "teach-lessons"),
        (f"/teach/courses/{course_id}/publish", None),
    ]:
        response = page.goto(f"{path}?lang={lang}")
        assert response is not None
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page)
        if lang == "en" and name:
            screenshot(page, name)
        with viewport(page, PHONE):
            assert_fits_width(page)
            if lang == "en" and name == "teach-courses":
                screenshot(page, name)

    # The new-course form with its errors shown.
    page.goto(f"/teach/courses/new?lang={lang}")
    page.locator("#slug").fill("Not a slug!")
    page.locator("form.course-form button[type=submit]").click()
    expect(page.locator("#title_en-error")).to_be_visible()
    expect(page.locator("#slug-error")).to_be_visible()
    assert_accessible(page)
    if lang == "en":
        screenshot(page, "teach-course-new")
    with viewport(page, PHONE):
        assert_fits_width(page)
