"""A student's steps through the pages, as a person would take them in Chromium. The hooks they use
are the plan's contract (docs/web-plan.md, "Element hooks")."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from playwright.sync_api import Page, expect

# The demo's quizzes the journeys take (psalms-1-check, parables-1-check): one true/false and one
# multiple choice each, both answered right by "true" and option "a".
RIGHT = {"TRUE_FALSE": "true", "MULTIPLE_CHOICE": "a"}
WRONG = {"TRUE_FALSE": "false", "MULTIPLE_CHOICE": "b"}
WORDS = {
    "en": {"enrol": "Enrol", "resume": "Resume", "passed": "Passed", "not_passed": "Not passed"},
    "fr": {"enrol": "S['’]inscrire", "resume": "Reprendre", "passed": "Réussi", "not_passed": "Non réussi"},
}
FALLBACK_NOTE = "Pas encore traduit — affiché en anglais"


def register(page: Page, *, name: str, lang: str = "en") -> str:
    """Create an account through the form; the new student is signed in. Returns the e-mail."""
    email = f"student-{secrets.token_hex(4)}@example.org"
    page.goto(f"/account/register?lang={lang}")
    form = page.locator('form[action="/account/register"]')
    form.locator('input[name="name"]').fill(name)
    form.locator('input[name="email"]').fill(email)
    form.locator('input[name="password"]').fill("a long enough passphrase")
    form.locator('select[name="language_pref"]').select_option(lang)
    form.locator('button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/account$"))
    return email


def enrol(page: Page, course_slug: str, lang: str = "en") -> None:
    page.goto(f"/courses/{course_slug}")
    page.get_by_role("button", name=re.compile(f"^{WORDS[lang]['enrol']}$", re.IGNORECASE)).click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name=WORDS[lang]["resume"], exact=True).first).to_be_visible()


@dataclass
class Study:
    """What studying a lesson by keyboard saw: the counter per slide, quiz links, fallback notes,
    and the pictures shown (every one of which loaded)."""

    counters: list[str] = field(default_factory=list)
    quiz_urls: list[str] = field(default_factory=list)
    fallback_slides: list[int] = field(default_factory=list)
    images: list[str] = field(default_factory=list)


def study_by_keyboard(
    page: Page, course_slug: str, lesson_slug: str, *, note: tuple[int, str] | None = None
) -> Study:
    """Open the lesson and go through every slide with the → key only; on slide `note[0]`, write a
    note through the notes panel."""
    seen = Study()
    page.goto(f"/courses/{course_slug}/lessons/{lesson_slug}")
    page.wait_for_url(re.compile(r"/slides/\d+$"))
    total = int(page.locator("#lesson-progress").get_attribute("max") or 0)
    assert total > 1, "a lesson of several slides"
    for number in range(1, total + 1):
        assert page.url.endswith(f"/slides/{number}"), f"expected slide {number}, at {page.url}"
        counter = page.locator("#slide-counter").inner_text()
        assert re.search(rf"\b{number}\b.*\b{total}\b", counter), counter
        assert page.locator("#lesson-progress").get_attribute("value") == str(number)
        seen.counters.append(counter)
        seen.quiz_urls += [a.get_attribute("href") or "" for a in page.locator(".quiz-card a").all()]
        if page.locator(".fallback").count():
            seen.fallback_slides.append(number)
        seen.images += images_loaded(page)
        if note and note[0] == number:
            write_note(page, note[1])
            page.locator("body").focus()
        if number < total:
            page.keyboard.press("ArrowRight")
            page.wait_for_url(re.compile(f"/slides/{number + 1}$"))
    page.keyboard.press("ArrowRight")  # the last slide: nowhere further to go
    assert page.url.endswith(f"/slides/{total}")
    return seen


def images_loaded(page: Page) -> list[str]:
    """The sources of the page's pictures, once each has loaded; a broken one (nothing decoded,
    naturalWidth 0) fails the journey. Lazy pictures are scrolled to first, so that they load."""
    sources = []
    for image in page.locator("main img").all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        source = image.get_attribute("src") or ""
        assert image.evaluate("img => img.naturalWidth") > 0, f"a broken image: {source}"
        sources.append(source)
    return sources


def write_note(page: Page, text: str) -> None:
    panel = page.locator("aside#notes")
    panel.locator("textarea#new-note").fill(text)
    panel.locator("form.notes__add button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("aside#notes .note__text")).to_contain_text([text])


def start_quiz(page: Page, quiz_url: str) -> None:
    page.goto(quiz_url)
    page.locator("#quiz-start").click()
    page.wait_for_url(re.compile(r"/attempts/[^/]+$"))


def answer(page: Page, values: dict[str, str]) -> None:
    for question in page.locator("#quiz-form fieldset.quiz-question").all():
        kind = question.get_attribute("data-kind") or ""
        question.locator(f'input[value="{values[kind]}"]').check()


def submit_quiz(page: Page) -> tuple[str, str]:
    """Submit…, confirm in the dialog; returns the result page's score and verdict."""
    page.locator("#quiz-submit").click()
    page.locator("#quiz-confirm-submit").click()
    page.wait_for_url(re.compile(r"/result$"))
    return page.locator("#quiz-score").inner_text(), page.locator("#quiz-verdict").inner_text()


def take_quiz(page: Page, quiz_url: str, values: dict[str, str]) -> tuple[str, str]:
    start_quiz(page, quiz_url)
    answer(page, values)
    return submit_quiz(page)


def dashboard_progress(page: Page, course_title: str) -> str:
    """The "n/m · p%" line of the course's card on the dashboard ("" when the course is not there)."""
    page.goto("/dashboard")
    card = page.locator("li.card", has=page.get_by_role("link", name=course_title, exact=True))
    if not card.count():
        return ""
    return card.locator(".progress").first.inner_text()
