"""Issue 13's journeys in real Chromium: register, enrol, study a whole lesson by keyboard, write a
note, fail then pass a quiz, see the dashboard move; the same in French on a course whose French
is partial; a reload in the middle of a quiz keeps the answers."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser import journeys
from tests.browser.journeys import FALLBACK_NOTE, RIGHT, WORDS, WRONG


def test_a_student_studies_a_lesson_and_passes_its_quiz(page: Page) -> None:
    journeys.register(page, name="Ada Keyboard")
    journeys.enrol(page, "praying-the-psalms")
    before = journeys.dashboard_progress(page, "Praying the Psalms")
    assert before.startswith("0/"), before

    study = journeys.study_by_keyboard(
        page,
        "praying-the-psalms",
        "praying-the-psalms-the-lord-is-my-shepherd",
        note=(2, "Green pastures: rest first."),
    )
    assert study.counters[0].startswith("Slide 1 of")
    assert len(study.images) == 1, study.images  # the shepherd on the hills, drawn by the seed
    assert len(study.quiz_urls) == 1, study.quiz_urls
    quiz_url = study.quiz_urls[0]

    score, verdict = journeys.take_quiz(page, quiz_url, WRONG)
    assert (score, verdict.split(" (")[0]) == ("0%", "✗ " + WORDS["en"]["not_passed"])
    score, verdict = journeys.take_quiz(page, quiz_url, RIGHT)
    assert (score, verdict.split(" (")[0]) == ("100%", "✓ " + WORDS["en"]["passed"])

    after = journeys.dashboard_progress(page, "Praying the Psalms")
    assert after.startswith("1/"), (before, after)
    results = page.locator("[data-result]")
    expect(results.first).to_be_visible()
    assert results.count() == 2

    page.goto("/courses/praying-the-psalms/notes")
    expect(page.locator("main")).to_contain_text("Green pastures: rest first.")


def test_a_french_student_sees_where_the_french_falls_back(page: Page) -> None:
    journeys.register(page, name="Béatrice Clavier", lang="fr")
    page.goto("/courses/parables-of-the-kingdom")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    journeys.enrol(page, "parables-of-the-kingdom", lang="fr")
    before = journeys.dashboard_progress(page, "Les paraboles du Royaume")

    study = journeys.study_by_keyboard(
        page, "parables-of-the-kingdom", "parables-of-the-kingdom-the-sower", note=(1, "Quatre terrains.")
    )
    assert study.fallback_slides, "the sower's untranslated blocks say so on their slides"
    assert len(study.images) == 1, study.images  # the wheat field, in English only
    page.goto(
        "/courses/parables-of-the-kingdom/lessons/parables-of-the-kingdom-the-sower/slides/3"
    )  # Four soils: title and list in English only
    note = page.locator(".fallback").first
    expect(note).to_have_text(FALLBACK_NOTE)
    expect(note).to_have_attribute("lang", "fr")
    assert page.locator('[lang="en"]').count() >= 1, "the English stand-in is marked lang=en"

    quiz_url = study.quiz_urls[0]
    page.goto(quiz_url)
    expect(page.locator(".fallback").first).to_have_text(FALLBACK_NOTE)  # the quiz's title is English only
    score, verdict = journeys.take_quiz(page, quiz_url, WRONG)
    assert (score, verdict.split(" (")[0]) == ("0\xa0%", "✗ " + WORDS["fr"]["not_passed"])
    score, verdict = journeys.take_quiz(page, quiz_url, RIGHT)
    assert (score, verdict.split(" (")[0]) == ("100\xa0%", "✓ " + WORDS["fr"]["passed"])
    after = journeys.dashboard_progress(page, "Les paraboles du Royaume")
    assert (before[:2], after[:2]) == ("0/", "1/"), (before, after)


def test_a_reload_in_the_middle_of_a_quiz_keeps_the_answers(page: Page) -> None:
    journeys.register(page, name="Reload Tester")
    journeys.enrol(page, "praying-the-psalms")
    page.goto("/courses/praying-the-psalms/lessons/praying-the-psalms-the-lord-is-my-shepherd/slides/5")
    quiz_url = page.locator(".quiz-card a").first.get_attribute("href")
    assert quiz_url
    journeys.start_quiz(page, quiz_url)
    attempt_url = page.url
    with page.expect_response(re.compile(r"/api/v1/attempts/[^/]+/answers$")) as saved:
        journeys.answer(page, RIGHT)
    assert saved.value.ok, saved.value.status
    expect(page.locator("#quiz-save-status")).to_have_text(re.compile("Saved"))
    page.reload()
    assert page.url == attempt_url
    for kind, value in RIGHT.items():
        expect(page.locator(f'fieldset[data-kind="{kind}"] input[value="{value}"]')).to_be_checked()
