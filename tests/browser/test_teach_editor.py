"""The lesson and slide editors in real Chromium: a teacher adds a block of every type to a slide,
in English and French, and sees both previews; reorders blocks with the keyboard only; is warned
before leaving unsaved changes; a stale second tab's save is refused with the message; axe on both
editors in both languages, and their screenshots."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import BrowserContext, FilePayload, Locator, Page, Response, expect
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.enums import SlideLayout
from tests import factories as f
from tests.browser.harness import PHONE, assert_accessible, assert_fits_width, screenshot, viewport


def _course(db: Session) -> dict[str, Any]:
    teacher = f.make_login_user(
        db, role="TEACHER", name="Lydia Purple", email=f"lydia{f._n()}@browser.example"
    )
    course = f.make_course(db, teacher=teacher, title_en="Letters of Paul", title_fr="Lettres de Paul")
    lesson = f.make_lesson(db, course=course, title_en="Romans", title_fr="Romains", lesson_order=0)
    slide = f.make_slide(db, lesson=lesson, slide_order=0, title_en="Called", title_fr="Appelés")
    second = f.make_slide(
        db, lesson=lesson, slide_order=1, layout=SlideLayout.TITLE, title_en="Hope", title_fr="Espérance"
    )
    f.make_block(
        db,
        slide=second,
        block_order=0,
        content_en={"text": "Hope does not disappoint."},
        content_fr={"text": "L’espérance ne trompe point."},
    )
    quiz = f.make_quiz(db, lesson=lesson, title_en="Check on Romans", title_fr="Contrôle sur Romains")
    db.commit()
    return {"teacher": teacher.id, "lesson": lesson.id, "slide": slide.id, "quiz": quiz.id}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 40), (122, 59, 18)).save(out, format="PNG")
    return out.getvalue()


def _add(page: Page, kind_label: str) -> Locator:
    page.get_by_label("Add a block").select_option(label=kind_label)
    page.get_by_role("button", name="Add", exact=True).click()
    return page.locator("#new-block")


def _save_new(page: Page, form: Locator) -> None:
    form.get_by_role("button", name="Add the block").click()
    expect(page.get_by_role("status").filter(has_text="Block added.")).to_be_visible()


def _block_move(response: Response) -> bool:
    return response.request.method == "POST" and response.url.endswith("/move")


def _blocks(db: Session, slide_id: str) -> list[tuple[str, int]]:
    db.expire_all()
    rows = db.execute(
        text(
            "SELECT block_type::text, block_order FROM content_blocks WHERE slide_id = :s ORDER BY block_order"
        ),
        {"s": slide_id},
    )
    return [(row[0], row[1]) for row in rows]


def test_a_teacher_builds_a_slide_with_every_block_type(
    page: Page,
    context: BrowserContext,
    live_db: Session,
    signed_in: Callable[[str], None],
    dialogs: list[str],
) -> None:
    ids = _course(live_db)
    signed_in(ids["teacher"])
    page.goto(f"/teach/slides/{ids['slide']}")

    form = _add(page, "Heading")
    form.get_by_label("Heading (English)").fill("Called according to his purpose")
    form.get_by_label("Heading (French)").fill("Appelés selon son dessein")
    _save_new(page, form)

    form = _add(page, "Text")
    form.get_by_label("Text (English)").fill("All things work together for **good**.")
    form.get_by_label("Text (French)").fill("Toutes choses concourent au **bien**.")
    _save_new(page, form)

    form = _add(page, "Image")
    english = form.locator("fieldset[lang=en]")
    english.get_by_label("Upload an image").set_input_files(
        files=[FilePayload(name="scroll.png", mimeType="image/png", buffer=_png())]
    )
    expect(english.get_by_label("Address")).to_have_value(re.compile(r"^/media/"))
    expect(english.get_by_label("Width (px)")).to_have_value("64")
    english.get_by_label("Text alternative (for screen readers)").fill("A rust-coloured scroll")
    form.locator("fieldset[lang=fr]").get_by_label("Text alternative (for screen readers)").fill(
        "Un rouleau rouille"
    )
    _save_new(page, form)

    form = _add(page, "Bible verse")
    form.get_by_label("Reference (English or French)").fill("Romains 8,28")
    preview = form.locator("[data-verse-preview]")
    expect(preview).to_contain_text("Romans 8:28")  # parsed while typing, shown in both languages
    expect(preview).to_contain_text("Romains 8")
    _save_new(page, form)
    verse_box = page.locator(".block-item").nth(3).locator("[data-verse-preview]")
    expect(verse_box).to_contain_text("Romans 8:28")  # and again after the page's own save

    form = _add(page, "Vocabulary")
    form.get_by_label("Term").first.fill("χάρις")
    form.get_by_label("Language").first.select_option("greek")
    form.get_by_label("Strong's number").first.fill("G5485")
    form.get_by_label("Definition (English)").first.fill("grace, favour")
    form.get_by_label("Definition (French)").first.fill("grâce, faveur")
    _save_new(page, form)

    form = _add(page, "List")
    form.get_by_label("Items (English)").fill("Foreknew\nPredestined\n  Called\nGlorified")
    form.get_by_label("Items (French)").fill("Connus d’avance\nPrédestinés\n  Appelés\nGlorifiés")
    _save_new(page, form)

    form = _add(page, "Callout")
    form.get_by_label("Kind").select_option("reflection")
    form.get_by_label("Text (English)").fill("Where have you seen this at work?")
    form.get_by_label("Text (French)").fill("Où l’avez-vous vu à l’œuvre ?")
    _save_new(page, form)

    form = _add(page, "Quiz link")
    form.get_by_label("Quiz of this lesson").select_option(ids["quiz"])
    _save_new(page, form)

    form = _add(page, "Divider")
    form.get_by_label("Style").select_option("ornament")
    _save_new(page, form)

    kinds = [kind for kind, _ in _blocks(live_db, ids["slide"])]
    assert kinds == ["HEADING", "TEXT", "IMAGE", "VERSE", "VOCABULARY", "LIST", "CALLOUT", "QUIZ", "DIVIDER"]

    en = page.locator('[data-preview-url$="lang=en"]')
    fr = page.locator('[data-preview-url$="lang=fr"]')
    for english_text, french_text in [
        ("Called according to his purpose", "Appelés selon son dessein"),
        ("All things work together for", "Toutes choses concourent au"),
        ("Romans 8:28", "Romains 8"),
        ("grace, favour", "grâce, faveur"),
        ("Predestined", "Prédestinés"),
        ("Where have you seen this at work?", "Où l’avez-vous vu à l’œuvre"),
        ("Check on Romans", "Contrôle sur Romains"),
    ]:
        expect(en).to_contain_text(english_text)
        expect(fr).to_contain_text(french_text)
    expect(en.locator("img[alt='A rust-coloured scroll']")).to_have_count(1)
    expect(fr.locator("img[alt='Un rouleau rouille']")).to_have_count(1)

    # An edit saved by the script: no reload, the preview follows.
    text_block = page.locator(".block-item").nth(1)
    text_block.get_by_label("Text (English)").fill("All things work together for good to them that love God.")
    text_block.get_by_role("button", name="Save the block").click()
    expect(page.locator("[data-save-status]")).to_have_text("Saved.")
    expect(en).to_contain_text("to them that love God")

    # Reorder by keyboard only: focus the divider's ↑ and press Enter twice.
    up = page.locator(".block-item").nth(8).locator('[data-move="up"]')
    up.focus()
    # Each move is awaited until the server answered it (the page announces it before): a fixed
    # pause lost the race under load.
    with page.expect_response(_block_move) as first:
        page.keyboard.press("Enter")
    assert first.value.ok
    expect(page.locator(".block-item").nth(7)).to_contain_text("Divider")
    with page.expect_response(_block_move) as second:
        page.keyboard.press("Enter")  # the focus stayed on the moved block's button
    assert second.value.ok
    expect(page.locator(".block-item").nth(6)).to_contain_text("Divider")
    page.wait_for_function(
        "() => document.querySelector('[role=status][data-reorder-status]')?.textContent.includes('7')"
    )
    assert _blocks(live_db, ids["slide"])[6][0] == "DIVIDER"

    # Unsaved changes: leaving asks first (the dialog is dismissed: we stay).
    page.locator(".block-item").nth(0).get_by_label("Heading (French)").fill("Appelés — brouillon")
    page.get_by_role("link", name="Back to the lesson").click()
    page.wait_for_timeout(500)
    assert any(d.startswith("beforeunload") for d in dialogs), dialogs
    assert f"/teach/slides/{ids['slide']}" in page.url

    # Two tabs: the second one's save, from a page now stale, is refused and keeps its text.
    other = context.new_page()
    other.on("dialog", lambda dialog: dialog.accept())
    other.goto(f"/teach/slides/{ids['slide']}")
    heading = page.locator(".block-item").nth(0)
    heading.get_by_label("Heading (French)").fill("Appelés selon son dessein éternel")
    heading.get_by_role("button", name="Save the block").click()
    expect(page.locator("[data-save-status]")).to_have_text("Saved.")
    late = other.locator(".block-item").nth(0)
    late.get_by_label("Heading (English)").fill("Typed in the second tab")
    late.get_by_role("button", name="Save the block").click()
    expect(other.get_by_role("alert")).to_contain_text(
        "This slide was changed in another tab or by someone else since you opened it"
    )
    expect(other.locator(".block-item").nth(0).get_by_label("Heading (English)")).to_have_value(
        "Typed in the second tab"
    )
    live_db.expire_all()
    stored = live_db.execute(
        text("SELECT content_en->>'text' FROM content_blocks WHERE slide_id = :s AND block_type = 'HEADING'"),
        {"s": ids["slide"]},
    ).scalar_one()
    assert stored == "Called according to his purpose"
    other.close()


def test_a_block_added_from_the_french_interface(
    page: Page, live_db: Session, signed_in: Callable[[str], None]
) -> None:
    ids = _course(live_db)
    signed_in(ids["teacher"])
    page.goto(f"/lang/fr?next=/teach/slides/{ids['slide']}")  # remembered for the next pages
    page.get_by_label("Ajouter un bloc").select_option(label="Verset biblique")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    form = page.locator("#new-block")
    form.get_by_label("Référence (anglais ou français)").fill("Jean 3,16")
    expect(form.locator("[data-verse-preview]")).to_contain_text("John 3:16")
    form.get_by_label("Texte propre (français, facultatif)").fill("Car Dieu a tant aimé le monde…")
    form.get_by_role("button", name="Ajouter le bloc").click()
    expect(page.get_by_role("status").filter(has_text="Bloc ajouté.")).to_be_visible()
    expect(page.locator('[data-preview-url$="lang=fr"]')).to_contain_text("Car Dieu a tant aimé le monde")
    expect(page.locator('[data-preview-url$="lang=fr"]')).to_contain_text("Jean 3")
    # A refusal in French: the field says why, the typed text stays.
    page.locator(".block-item").nth(0).get_by_label("Référence (anglais ou français)").fill("Jean 99,1")
    page.locator(".block-item").nth(0).get_by_role("button", name="Enregistrer le bloc").click()
    expect(page.locator(".block-item").nth(0).locator(".field-error")).to_be_visible()
    expect(page.locator(".block-item").nth(0).get_by_label("Référence (anglais ou français)")).to_have_value(
        "Jean 99,1"
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_editors_are_accessible(
    page: Page, lang: str, live_db: Session, signed_in: Callable[[str], None]
) -> None:
    ids = _course(live_db)
    signed_in(ids["teacher"])
    page.goto(f"/teach/slides/{ids['slide']}?lang={lang}")
    for kind in ("Heading", "Bible verse", "List"):  # a slide with something in it
        page.goto(f"/teach/slides/{ids['slide']}?add={kind.upper().replace('BIBLE ', '')}")
        form = page.locator("#new-block")
        if kind == "Heading":
            form.locator("[name='content_en.text']").fill("Called")
            form.locator("[name='content_fr.text']").fill("Appelés")
        elif kind == "Bible verse":
            form.locator("[name='content_en.reference']").fill("Romans 8:28")
        else:
            form.locator("[name='content_en.items']").fill("Faith\nHope\nLove")
        form.locator("button[type=submit]").first.click()
        page.wait_for_load_state()
    for path, name in [
        (f"/teach/lessons/{ids['lesson']}", "teach-lesson"),
        (f"/teach/slides/{ids['slide']}", "teach-slide"),
    ]:
        response = page.goto(f"{path}?lang={lang}")
        assert response is not None
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page)
        if lang == "en":
            screenshot(page, name)
        with viewport(page, PHONE):
            assert_fits_width(page)
            if lang == "en" and name == "teach-slide":
                screenshot(page, name)
