"""Following the class in real Chromium: the demo teacher Miriam opens her Pneumatology roster,
sorts it from the keyboard, exports it as CSV, opens a student, the quiz's gradebook, grants a
student an extra attempt with a reason (and the activity log has it), then the statistics with
their charts. axe-core finds nothing serious on any of these pages, in English and French."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.browser.harness import DESKTOP, PHONE, assert_accessible, screenshot, viewport

MIRIAM = "miriam.okafor@demo.bibliology.org"
COURSE = "pneumatology-the-holy-spirit"


@dataclass(frozen=True)
class Class:
    teacher_id: str
    course_id: str
    quiz_id: str
    student_id: str  # a student who submitted the quiz
    student_name: str
    beginner_id: str  # the enrolled student with the least progress (lessons not started)


def _class(db: Session) -> Class:
    teacher = db.execute(text("SELECT id FROM users WHERE email = :e"), {"e": MIRIAM}).scalar_one()
    course = db.execute(text("SELECT id FROM courses WHERE slug = :s"), {"s": COURSE}).scalar_one()
    quiz = db.execute(
        text(
            """SELECT q.id FROM quizzes q JOIN lessons l ON l.id = q.lesson_id
               LEFT JOIN quiz_submissions s ON s.quiz_id = q.id AND s.status = 'graded'
               WHERE l.course_id = :c AND q.max_attempts IS NOT NULL
               GROUP BY q.id, l.lesson_order ORDER BY count(s.id) DESC, l.lesson_order LIMIT 1"""
        ),
        {"c": course},
    ).scalar_one()
    student = db.execute(
        text(
            """SELECT u.id, u.name FROM quiz_submissions s JOIN users u ON u.id = s.student_id
               WHERE s.quiz_id = :q AND s.status = 'graded' ORDER BY u.name LIMIT 1"""
        ),
        {"q": quiz},
    ).one()
    beginner = db.execute(
        text(
            "SELECT student_id FROM enrollments WHERE course_id = :c ORDER BY progress_percentage, id LIMIT 1"
        ),
        {"c": course},
    ).scalar_one()
    return Class(str(teacher), str(course), str(quiz), str(student.id), str(student.name), str(beginner))


@pytest.fixture
def miriam(live_db: Session, signed_in: Callable[[str], None]) -> Class:
    found = _class(live_db)
    signed_in(found.teacher_id)
    return found


def _ok(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, (url, response.status)


def test_a_teacher_follows_her_class(page: Page, miriam: Class, live_db: Session) -> None:
    roster = f"/teach/courses/{miriam.course_id}/roster"
    _ok(page, roster)
    expect(page.locator("h1")).to_contain_text("Pneumatology")
    rows = page.locator("tbody tr[data-student]")
    assert rows.count() >= 4
    assert_accessible(page)
    for size in (DESKTOP, PHONE):
        with viewport(page, size):
            screenshot(page, "teach-roster")

    # Sort by progress from the keyboard: most advanced first, and the column says so.
    page.get_by_role("link", name=re.compile(r"^Progress")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"sort=-progress"))
    header = page.locator("th[aria-sort]")
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(header).to_contain_text("Progress")
    shown = [int(t.split("%")[0].split("· ")[-1]) for t in page.locator("tbody .progress").all_inner_texts()]
    assert shown == sorted(shown, reverse=True), shown

    # The CSV: a download of every student, with the same sort.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download CSV")).click()
    download = download_info.value
    assert download.suggested_filename == f"roster-{miriam.course_id}.csv"
    path = download.path()
    assert path is not None
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert table[0][:2] == ["name", "email"]
    assert len(table) - 1 == rows.count()
    assert [int(r[3]) for r in table[1:]] == sorted((int(r[3]) for r in table[1:]), reverse=True)

    # One student, lesson by lesson.
    page.get_by_role("link", name=miriam.student_name, exact=True).click()
    page.wait_for_url(re.compile(rf"/students/{miriam.student_id}$"))
    expect(page.locator("h1")).to_have_text(miriam.student_name)
    assert page.locator("tr[data-lesson]").count() >= 1
    assert_accessible(page)

    # The quiz's gradebook, then the student's attempts.
    _ok(page, f"/teach/quizzes/{miriam.quiz_id}/gradebook")
    expect(page.locator(f'tr[data-student="{miriam.student_id}"]')).to_be_visible()
    assert_accessible(page)
    screenshot(page, "teach-gradebook")
    page.locator(f'tr[data-student="{miriam.student_id}"] a').click()
    page.wait_for_url(re.compile(rf"/gradebook/{miriam.student_id}$"))
    assert_accessible(page)
    allowed = int(page.locator("[data-allowed]").inner_text())

    # An extra attempt, with a reason: refused without one (the field says why), then granted.
    page.locator("#grant-extra").fill("1")
    page.locator("#grant-reason").fill("   ")
    page.locator("#grant-reason").evaluate("el => el.removeAttribute('required')")  # the server checks too
    page.get_by_role("button", name="Grant").click()
    expect(page.locator("#grant-reason-error")).to_be_visible()
    expect(page.locator("#grant-reason")).to_have_attribute("aria-invalid", "true")
    page.locator("#grant-reason").fill("Was in hospital during the week of the quiz")
    page.get_by_role("button", name="Grant").click()
    page.wait_for_url(re.compile(r"done=grant"))
    expect(page.get_by_role("status")).to_contain_text("Extra attempts granted")
    expect(page.locator("[data-allowed]")).to_have_text(str(allowed + 1))
    logged = live_db.execute(
        text(
            """SELECT metadata FROM activity_logs WHERE action = 'GRANT_ATTEMPTS' AND entity_id = :q
               ORDER BY created_at DESC LIMIT 1"""
        ),
        {"q": miriam.quiz_id},
    ).scalar_one()
    assert logged["reason"] == "Was in hospital during the week of the quiz"
    assert logged["student_id"] == miriam.student_id
    screenshot(page, "teach-gradebook-student")

    # The statistics: three charts, each an image with a title, and the table beside them.
    _ok(page, f"/teach/quizzes/{miriam.quiz_id}/stats")
    charts = page.locator("svg.chart[role=img]")
    assert charts.count() == 3
    expect(page.get_by_role("img", name="Score distribution")).to_be_visible()
    page.get_by_text("Score distribution as a table").click()
    expect(page.locator("details.class-data table")).to_be_visible()
    assert_accessible(page)
    for size in (DESKTOP, PHONE):
        with viewport(page, size):
            screenshot(page, "teach-stats")
    with viewport(page, PHONE):  # the charts scroll sideways there: the scroller takes the focus
        assert_accessible(page)


def test_the_class_pages_in_french(page: Page, miriam: Class) -> None:
    for url in (
        f"/teach/courses/{miriam.course_id}/roster?lang=fr",
        f"/teach/courses/{miriam.course_id}/students/{miriam.student_id}?lang=fr",
        f"/teach/courses/{miriam.course_id}/students/{miriam.beginner_id}?lang=fr",
        f"/teach/quizzes/{miriam.quiz_id}/gradebook?lang=fr",
        f"/teach/quizzes/{miriam.quiz_id}/gradebook/{miriam.student_id}?lang=fr",
        f"/teach/quizzes/{miriam.quiz_id}/stats?lang=fr",
    ):
        _ok(page, url)
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        assert_accessible(page)
    expect(page.get_by_role("img", name="Répartition des scores")).to_be_visible()


def test_another_teacher_gets_403_on_the_class_pages(
    page: Page, live_db: Session, signed_in: Callable[[str], None]
) -> None:
    found = _class(live_db)
    other = live_db.execute(
        text("SELECT id FROM users WHERE email = 'etienne.laurent@demo.bibliology.org'")
    ).scalar_one()
    signed_in(str(other))
    for url in (
        f"/teach/courses/{found.course_id}/roster",
        f"/teach/quizzes/{found.quiz_id}/gradebook/{found.student_id}",
        f"/teach/quizzes/{found.quiz_id}/stats",
    ):
        response = page.goto(url)
        assert response is not None
        assert response.status == 403, url
        expect(page.locator("main")).not_to_contain_text(found.student_name)
