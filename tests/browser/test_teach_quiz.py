"""The quiz editor in real Chromium: a teacher creates a quiz on a lesson of their course (the policy's
words follow the form as it changes), adds one question of each of the five types with French text,
reorders them with the keyboard only, tries the quiz as a student (answers, submits, sees the score
and the review) — and the database holds no submission. axe on every page of the editor, EN and FR."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.enums import LessonStatus, QuestionType, UserRole
from bibliology.lessons.models import Lesson
from tests import factories as f
from tests.browser.harness import PHONE, assert_accessible, assert_fits_width, screenshot, viewport


def _teacher_lesson(db: Session, name: str) -> tuple[str, Lesson]:
    """A teacher of this test's own with a draft lesson (the demo's courses stay as they are)."""
    n = f._n()
    teacher = f.make_login_user(
        db, role=UserRole.TEACHER, name=name, email=f"quiz-editor-{n}@browser.example"
    )
    course = f.make_course(db, teacher=teacher, title_en="Gospel of John", title_fr="Évangile de Jean")
    lesson = f.make_lesson(db, course=course, status=LessonStatus.DRAFT, title_en="The signs")
    f.make_slide(db, lesson=lesson, title_en="Water into wine")
    db.commit()
    return teacher.id, lesson


def _add(page: Page, kind: QuestionType, fill: Callable[[Page], None]) -> None:
    page.get_by_label("Add a question of type").select_option(kind.value)
    page.get_by_role("button", name="Add a question").click()
    fill(page)
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_role("status")).to_contain_text("Question added.")


def _texts(page: Page, en: str, fr: str) -> None:
    page.get_by_label("Question (English)").fill(en)
    page.get_by_label("Question (French)").fill(fr)


def _multiple_choice(page: Page) -> None:
    _texts(page, "Which sign came first?", "Quel signe est venu en premier ?")
    for n, (en, fr) in enumerate(
        [("Cana", "Cana"), ("Lazarus", "Lazare"), ("Bethesda", "Bethesda")], start=1
    ):
        page.get_by_label(f"Option {n} (English)").fill(en)
        page.get_by_label(f"Option {n} (French)").fill(fr)
    page.get_by_label("Option 1 is right").check()


def _true_false(page: Page) -> None:
    _texts(page, "Jesus wept.", "Jésus pleura.")
    page.get_by_label("True", exact=True).check()


def _short_answer(page: Page) -> None:
    _texts(page, "Who was raised on the fourth day?", "Qui fut ressuscité le quatrième jour ?")
    page.get_by_label("Accepted answers (English)").fill("Lazarus")
    page.get_by_label("Accepted answers (French)").fill("Lazare")


def _fill_blank(page: Page) -> None:
    _texts(page, "In the beginning was the {{1}}.", "Au commencement était la {{1}}.")
    page.get_by_label("Blank row 1: accepted answers (English)").fill("Word")
    page.get_by_label("Blank row 1: accepted answers (French)").fill("Parole")


def _matching(page: Page) -> None:
    _texts(page, "Match each sign with its place.", "Associez chaque signe à son lieu.")
    for n, (item, item_fr, match, match_fr) in enumerate(
        [("Wine", "Vin", "Cana", "Cana"), ("Healing", "Guérison", "Bethesda", "Bethesda")], start=1
    ):
        page.get_by_label(f"Item {n} (English)", exact=True).fill(item)
        page.get_by_label(f"Item {n} (French)", exact=True).fill(item_fr)
        page.get_by_label(f"Match of item {n} (English)").fill(match)
        page.get_by_label(f"Match of item {n} (French)").fill(match_fr)


FILLS = {
    QuestionType.MULTIPLE_CHOICE: _multiple_choice,
    QuestionType.TRUE_FALSE: _true_false,
    QuestionType.SHORT_ANSWER: _short_answer,
    QuestionType.FILL_BLANK: _fill_blank,
    QuestionType.MATCHING: _matching,
}


def _order(db: Session, quiz_id: str) -> list[str]:
    db.rollback()  # a fresh snapshot of what the server committed
    rows = db.execute(
        text("SELECT question_type::text FROM questions WHERE quiz_id = :q ORDER BY question_order"),
        {"q": quiz_id},
    )
    return list(rows.scalars())


def _counts(db: Session, quiz_id: str) -> tuple[int, ...]:
    db.rollback()
    return tuple(
        db.execute(text(sql), {"q": quiz_id}).scalar_one()
        for sql in (
            "SELECT count(*) FROM quiz_submissions WHERE quiz_id = :q",
            "SELECT count(*) FROM question_answers a JOIN questions q ON q.id = a.question_id WHERE q.quiz_id = :q",
            "SELECT count(*) FROM lesson_progress",
            "SELECT count(*) FROM enrollments",
            "SELECT count(*) FROM activity_logs WHERE action = 'SUBMIT_QUIZ'",
        )
    )


def _question(page: Page, kind: QuestionType) -> Locator:
    return page.locator(f'fieldset.quiz-question[data-kind="{kind.value}"]')


def test_a_teacher_builds_reorders_and_previews_a_quiz(
    page: Page, live_db: Session, signed_in: Callable[[str], None]
) -> None:
    teacher_id, lesson = _teacher_lesson(live_db, "Priscilla Quizmaker")
    lesson_id = lesson.id
    signed_in(teacher_id)

    page.goto(f"/teach/lessons/{lesson_id}/quizzes/new")
    assert_accessible(page)
    page.get_by_label("Title (English)").fill("Signs in John")
    page.get_by_label("Title (French)").fill("Les signes chez Jean")
    words = page.locator("#policy-words")
    expect(words).to_contain_text("Students may try as many times as they like.")
    page.get_by_label("Attempts allowed").fill("3")
    expect(words).to_contain_text("Students may try 3 times.")  # live, before any request
    page.get_by_label("Let students review their answers after submitting").uncheck()
    expect(words).to_contain_text("they see their score only")
    page.get_by_label("Let students review their answers after submitting").check()
    page.get_by_role("button", name="Create the quiz").click()
    expect(page.get_by_role("status")).to_contain_text("Quiz created.")
    quiz_id = page.url.split("/teach/quizzes/")[1].split("?")[0]
    expect(page.locator("#policy-words")).to_contain_text("Students may try 3 times.")  # and from the server

    for kind, fill in FILLS.items():
        _add(page, kind, fill)
    assert _order(live_db, quiz_id) == [k.value for k in QuestionType]
    expect(page.locator("#question-list > li")).to_have_count(5)
    assert_accessible(page)
    screenshot(page, "teach-quiz-editor")
    with viewport(page, PHONE):
        assert_fits_width(page)
        screenshot(page, "teach-quiz-editor")

    # Keyboard only: Tab to question 1's "down" button and press Enter twice; focus stays on it.
    down = page.get_by_role("button", name="Move question 1 down")
    down.focus()
    order_url = f"/api/v1/quizzes/{quiz_id}/question-order"
    with page.expect_response(lambda r: r.url.endswith(order_url) and r.request.method == "PUT") as first:
        page.keyboard.press("Enter")
    assert first.value.ok
    expect(page.locator("#question-list > li").nth(1)).to_contain_text("Which sign came first?")
    focused = page.evaluate("document.activeElement.closest('li').id")
    with page.expect_response(lambda r: r.url.endswith(order_url) and r.request.method == "PUT") as second:
        page.keyboard.press("Enter")
    assert second.value.ok
    expect(page.locator("#question-list > li").nth(2)).to_contain_text("Which sign came first?")
    assert page.evaluate("document.activeElement.closest('li').id") == focused
    expect(page.locator("[data-reorder-status]")).to_contain_text("3")
    assert _order(live_db, quiz_id) == [
        "TRUE_FALSE",
        "SHORT_ANSWER",
        "MULTIPLE_CHOICE",
        "FILL_BLANK",
        "MATCHING",
    ]
    page.reload()
    expect(page.locator("#question-list > li").nth(2)).to_contain_text("Which sign came first?")

    # Try it as a student: the real take form, graded by the real graders, nothing recorded.
    before = _counts(live_db, quiz_id)
    page.get_by_role("link", name="Try it as a student").click()
    expect(page.locator("fieldset.quiz-question")).to_have_count(5)
    expect(page.locator("dt", has_text="Correct answer")).to_have_count(0)
    assert_accessible(page)
    _question(page, QuestionType.MULTIPLE_CHOICE).get_by_label("Cana").check()
    _question(page, QuestionType.TRUE_FALSE).get_by_label("True").check()
    _question(page, QuestionType.SHORT_ANSWER).get_by_label("Your answer").fill("Lazarus")
    _question(page, QuestionType.FILL_BLANK).get_by_label("Blank 1").fill("Word")
    matching = _question(page, QuestionType.MATCHING)
    matching.get_by_label("Wine").select_option(label="Cana")
    matching.get_by_label("Healing").select_option(label="Cana")  # wrong: half the pairs
    screenshot(page, "teach-quiz-preview")
    page.get_by_role("button", name="Submit my answers").click()
    # 4 right + 1/2 of 5 points: 90 %.
    expect(page.locator("#quiz-score")).to_have_text("90%")
    expect(page.locator("#quiz-verdict")).to_contain_text("Passed")
    expect(page.locator("dt", has_text="Correct answer").first).to_be_visible()
    assert_accessible(page)
    assert _counts(live_db, quiz_id) == before
    assert before[0] == before[1] == 0


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_editor_pages_are_accessible(
    page: Page, lang: str, live_db: Session, signed_in: Callable[[str], None]
) -> None:
    teacher_id, lesson = _teacher_lesson(live_db, f"Apollos Checker {lang}")
    lesson_id = lesson.id
    quiz = f.make_quiz(live_db, lesson=lesson, title_en="Signs", title_fr="Signes")
    ids = {
        kind: f.make_typed_question(live_db, quiz=quiz, question_type=kind, question_order=n).id
        for n, kind in enumerate(QuestionType)
    }
    live_db.commit()
    signed_in(teacher_id)
    urls = [
        f"/teach/lessons/{lesson_id}/quizzes/new",
        f"/teach/quizzes/{quiz.id}",
        f"/teach/quizzes/{quiz.id}/questions/new?type=MATCHING",
        *(f"/teach/quizzes/{quiz.id}/questions/{qid}" for qid in ids.values()),
        f"/teach/quizzes/{quiz.id}/questions/{ids[QuestionType.TRUE_FALSE]}/delete",
        f"/teach/quizzes/{quiz.id}/delete",
        f"/teach/quizzes/{quiz.id}/preview",
    ]
    for url in urls:
        page.goto(url + ("&" if "?" in url else "?") + f"lang={lang}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert_accessible(page)
        if lang == "en" and url.endswith(ids[QuestionType.MATCHING]):
            screenshot(page, "teach-quiz-question")
            with viewport(page, PHONE):
                assert_fits_width(page)
                screenshot(page, "teach-quiz-question")
    # A refused form (422) is accessible too, its errors beside the fields.
    page.goto(f"/teach/quizzes/{quiz.id}/questions/new?type=MULTIPLE_CHOICE&lang={lang}")
    page.locator("form.tq-question button[type=submit]").click()
    expect(page.locator(".field-error").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"/teach/quizzes/{quiz.id}/preview?lang={lang}")
    page.locator("#quiz-submit").click()
    expect(page.locator("#quiz-score")).to_have_text("0%")
    assert_accessible(page)
