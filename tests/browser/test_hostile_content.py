"""Hostile content in every block type (and in the quiz, titles and speaker notes) executes nothing in
a real browser: no dialog opens, no payload sets window.__pwned, no javascript: link survives, and
the CSP forbids inline scripts anyway. The rows are written straight into the database (no
validation on the way in), so the renderer alone has to make them harmless."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.enums import ContentBlockType, LessonStatus, QuestionType, SlideLayout
from tests import factories as f
from tests.browser.harness import LiveServer

# Each payload tries a different way in; every one would set window.__pwned or open a dialog.
PAYLOAD = (
    "<script>window.__pwned='script';alert('script')</script>"
    "<img src=x onerror=\"window.__pwned='onerror';alert('img')\">"
    "<svg onload=\"window.__pwned='svg';alert('svg')\"><script>alert('svg-script')</script></svg>"
    "<a href=\"javascript:window.__pwned='href';alert('a')\">a link</a>"
    "<iframe src=\"javascript:alert('iframe')\"></iframe>"
    "<div style=\"background:url(javascript:alert('css'))\" onmouseover=\"alert('hover')\">hover</div>"
    "[markdown link](javascript:alert('md')) [data link](data:text/html,<script>alert('data')</script>)"
    " {{7*7}} ${alert('template')}"
)
JS_URL = "javascript:alert('url')"
NOTES_MARK = "SPEAKER-NOTES-MARK"

BLOCKS: list[tuple[SlideLayout, ContentBlockType, dict[str, object]]] = [
    (SlideLayout.TITLE, ContentBlockType.HEADING, {"text": PAYLOAD, "level": 1}),
    (SlideLayout.CONTENT, ContentBlockType.TEXT, {"text": PAYLOAD + "\n\n- " + PAYLOAD}),
    (
        SlideLayout.IMAGE_FOCUS,
        ContentBlockType.IMAGE,
        {"url": JS_URL, "alt": PAYLOAD, "caption": PAYLOAD, "width": 10, "height": 10},
    ),
    (
        SlideLayout.IMAGE_FOCUS,
        ContentBlockType.IMAGE,
        {
            "url": "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
            "alt": "svg",
        },
    ),
    (
        SlideLayout.CONTENT,
        ContentBlockType.VERSE,
        {"reference": "John.3.16", "text": PAYLOAD, "translation": PAYLOAD},
    ),
    (
        SlideLayout.TWO_COLUMN,
        ContentBlockType.VOCABULARY,
        {
            "entries": [
                {"term": PAYLOAD, "transliteration": PAYLOAD, "language": "greek", "definition": PAYLOAD},
            ]
        },
    ),
    (
        SlideLayout.TWO_COLUMN,
        ContentBlockType.LIST,
        {"style": "bullet", "items": [{"text": PAYLOAD, "children": [{"text": PAYLOAD}]}]},
    ),
    (SlideLayout.BLANK, ContentBlockType.CALLOUT, {"variant": "warning", "title": PAYLOAD, "text": PAYLOAD}),
    (SlideLayout.BLANK, ContentBlockType.DIVIDER, {"style": "ornament"}),
]


def _hostile_course(db: Session, student_id: str) -> tuple[str, str, int, str]:
    course = f.make_course(
        db, slug="hostile-course", title_en=PAYLOAD, description_en=PAYLOAD, status=LessonStatus.PUBLISHED
    )
    lesson = f.make_lesson(
        db,
        course=course,
        slug="hostile-lesson",
        title_en=PAYLOAD,
        title_fr=PAYLOAD,
        status=LessonStatus.PUBLISHED,
    )
    for order, (layout, block_type, content) in enumerate(BLOCKS):
        slide = f.make_slide(
            db,
            lesson=lesson,
            slide_order=order,
            layout=layout,
            title_en=PAYLOAD,
            title_fr=None,
            notes_en=NOTES_MARK + PAYLOAD,
        )
        f.make_block(
            db, slide=slide, block_order=0, block_type=block_type, content_en=content, content_fr=None
        )
    quiz_slide = f.make_slide(
        db, lesson=lesson, slide_order=len(BLOCKS), layout=SlideLayout.QUIZ, title_en=PAYLOAD
    )
    quiz = f.make_quiz(db, lesson=lesson, slide_id=quiz_slide.id, title_en=PAYLOAD, title_fr=None)
    f.make_block(
        db, slide=quiz_slide, block_order=0, block_type=ContentBlockType.QUIZ, content_en={"quiz_id": quiz.id}
    )
    for question_type in QuestionType:
        hostile: dict[str, object] = {
            "question_text_en": {"text": PAYLOAD + " {{1}}"},
            "question_text_fr": None,
        }
        if question_type is QuestionType.MULTIPLE_CHOICE:
            hostile["options_en"] = [{"id": "a", "text": PAYLOAD}, {"id": "b", "text": PAYLOAD}]
            hostile["options_fr"] = None
            hostile["correct_answers"] = {"multiple": False, "correct": ["a"]}
        f.make_typed_question(db, quiz=quiz, question_type=question_type, **hostile)
    f.make_enrollment(db, course=course, student=db.get_one(User, student_id))
    db.commit()
    return course.slug, lesson.slug, len(BLOCKS) + 1, quiz.id


def _assert_inert(page: Page, dialogs: list[str]) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined", page.evaluate("window.__pwned")
    assert dialogs == []
    bad_links = page.evaluate(
        """() => [...document.querySelectorAll('[href],[src],[action],[formaction]')]
              .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || e.getAttribute('formaction'))
              .filter(v => /^\\s*(javascript|data|vbscript):/i.test(v))"""
    )
    assert bad_links == []
    handlers = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
              .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"""
    )
    assert handlers == []
    assert page.locator("main script, main iframe, main svg script, main object, main embed").count() == 0


def _retire(db: Session, course_slug: str) -> None:
    """Archive the hostile course once tested, so later pages (and their screenshots in
    docs/screenshots/) of this session's shared database do not list it."""
    db.rollback()
    db.execute(text("UPDATE courses SET status = 'ARCHIVED' WHERE slug = :slug"), {"slug": course_slug})
    db.commit()


def test_hostile_content_in_every_block_executes_nothing(
    request: pytest.FixtureRequest,
    page: Page,
    dialogs: list[str],
    live_db: Session,
    live_server: LiveServer,
    signed_in: Callable[[str], None],
) -> None:
    student = f.make_user(live_db)
    live_db.commit()
    course_slug, lesson_slug, slides, quiz_id = _hostile_course(live_db, student.id)
    request.addfinalizer(lambda: _retire(live_db, course_slug))
    signed_in(student.id)

    response = page.goto(f"/courses/{course_slug}")
    assert response is not None
    assert response.status == 200
    csp = response.headers["content-security-policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    _assert_inert(page, dialogs)

    shown_as_text = 0
    for number in range(1, slides + 1):
        response = page.goto(f"/courses/{course_slug}/lessons/{lesson_slug}/slides/{number}")
        assert response is not None
        assert response.status == 200, (number, response.status)
        page.mouse.move(400, 400)  # hover handlers, were there any
        page.keyboard.press("Tab")
        _assert_inert(page, dialogs)
        assert NOTES_MARK not in page.content()  # speaker notes never reach a student
        if "<script>window.__pwned" in page.locator("main").inner_text():
            shown_as_text += 1  # the payload reached the page, as inert text

    assert shown_as_text >= len(BLOCKS) - 2, "the payloads were rendered (as text) on the slides"
    # The links the text tried to smuggle in are shown as text, not followed.
    for link in page.locator("main a").all():
        link_href = link.get_attribute("href") or ""
        assert not link_href.strip().lower().startswith(("javascript:", "data:"))

    page.goto(f"/quizzes/{quiz_id}")
    _assert_inert(page, dialogs)
    page.locator("#quiz-start").click()
    page.wait_for_url(f"**/quizzes/{quiz_id}/attempts/*")
    _assert_inert(page, dialogs)
    page.goto("/dashboard")
    _assert_inert(page, dialogs)
