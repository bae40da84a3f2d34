"""Issue 14's first journey in one go, in real Chromium: a teacher builds a bilingual course from
nothing through the pages only — two lessons, a slide with every block type, a quiz with all five
question types — publishes it, and a student studies it. The other teacher tests look at each page
family closely; this one proves the pages add up to a course."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Browser, FilePayload, Page, expect
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.enums import UserRole
from tests import factories as f
from tests.browser.harness import DESKTOP, LiveServer, sign_in
from tests.browser.test_teach_editor import _add as add_block
from tests.browser.test_teach_editor import _png
from tests.browser.test_teach_editor import _save_new as save_block
from tests.browser.test_teach_quiz import FILLS
from tests.browser.test_teach_quiz import _add as add_question


def _scalar(db: Session, sql: str, **params: str) -> object:
    db.rollback()  # what the server committed
    return db.execute(text(sql), params).scalar_one()


def test_a_teacher_builds_a_whole_course_and_a_student_studies_it(
    page: Page,
    browser: Browser,
    live_server: LiveServer,
    live_db: Session,
    signed_in: Callable[[str], None],
) -> None:
    page.context.set_default_timeout(20_000)
    n = f._n()
    teacher = f.make_login_user(
        live_db, role=UserRole.TEACHER, name="Phoebe Deacon", email=f"phoebe{n}@browser.example"
    )
    student = f.make_login_user(
        live_db, role=UserRole.STUDENT, name="Tertius Scribe", email=f"tertius{n}@browser.example"
    )
    live_db.commit()
    signed_in(teacher.id)

    # The course, in both languages.
    page.goto("/teach/courses/new")
    page.get_by_label("Title (English)").fill(f"Letter to the Romans {n}")
    page.get_by_label("Title (French)").fill(f"Épître aux Romains {n}")
    page.get_by_label("Description (English)").fill("Paul's letter, chapter by chapter.")
    page.get_by_label("Description (French)").fill("La lettre de Paul, chapitre par chapitre.")
    page.get_by_label("Category").select_option("New Testament")
    page.get_by_label("Difficulty").select_option("Beginner")
    page.get_by_label("Estimated hours").fill("4")
    page.get_by_role("button", name="Create the course").click()
    expect(page.get_by_role("status")).to_contain_text("Course created as a draft")
    course_id = page.url.split("?")[0].rsplit("/", 1)[1]

    # Two lessons; each opens in the lesson editor.
    lessons = []
    for title_en, title_fr in (
        ("Justified by faith", "Justifiés par la foi"),
        ("Life in the Spirit", "La vie par l’Esprit"),
    ):
        page.goto(f"/teach/courses/{course_id}/lessons")
        page.get_by_label("Title (English)").fill(title_en)
        page.get_by_label("Title (French)").fill(title_fr)
        page.get_by_role("button", name="Add the lesson").click()
        expect(page).to_have_url(re.compile(r"/teach/lessons/\w+$"))
        lessons.append(page.url.rsplit("/", 1)[1])

    # The first lesson's quiz, with one question of each of the five types.
    page.goto(f"/teach/lessons/{lessons[0]}")
    page.get_by_role("link", name="Add a quiz").first.click()
    page.get_by_label("Title (English)").fill("Faith check")
    page.get_by_label("Title (French)").fill("Contrôle sur la foi")
    page.get_by_role("button", name="Create the quiz").click()
    expect(page.get_by_role("status")).to_contain_text("Quiz created.")
    quiz_id = page.url.split("/teach/quizzes/")[1].split("?")[0]
    for kind, fill in FILLS.items():
        add_question(page, kind, fill)
    assert (
        _scalar(live_db, "SELECT count(DISTINCT question_type) FROM questions WHERE quiz_id = :q", q=quiz_id)
        == 5
    )

    # A slide of each lesson; the first gets one block of every type.
    slides = []
    for lesson_id, title in ((lessons[0], "Called"), (lessons[1], "Walk by the Spirit")):
        page.goto(f"/teach/lessons/{lesson_id}")
        page.get_by_role("button", name="Add the slide").click()
        expect(page).to_have_url(re.compile(r"/teach/slides/\w+"))
        slides.append(page.url.split("/teach/slides/")[1].split("?")[0])
        page.get_by_label("Title (English)").fill(title)
        page.get_by_label("Title (French)").fill(f"{title} (fr)")
        page.get_by_role("button", name="Save the slide").click()
        expect(page.locator("[data-save-status]")).to_have_text("Saved.")
    page.goto(f"/teach/slides/{slides[0]}")
    form = add_block(page, "Heading")
    form.get_by_label("Heading (English)").fill("Peace with God")
    form.get_by_label("Heading (French)").fill("La paix avec Dieu")
    save_block(page, form)
    form = add_block(page, "Text")
    form.get_by_label("Text (English)").fill("Therefore being justified by faith.")
    form.get_by_label("Text (French)").fill("Étant donc justifiés par la foi.")
    save_block(page, form)
    form = add_block(page, "Image")
    english = form.locator("fieldset[lang=en]")
    english.get_by_label("Upload an image").set_input_files(
        files=[FilePayload(name="road.png", mimeType="image/png", buffer=_png())]
    )
    expect(english.get_by_label("Address")).to_have_value(re.compile(r"^/media/"))
    english.get_by_label("Text alternative (for screen readers)").fill("A road at dawn")
    form.locator("fieldset[lang=fr]").get_by_label("Text alternative (for screen readers)").fill(
        "Une route à l’aube"
    )
    save_block(page, form)
    form = add_block(page, "Bible verse")
    form.get_by_label("Reference (English or French)").fill("Romains 5,1")
    save_block(page, form)
    form = add_block(page, "Vocabulary")
    form.get_by_label("Term").first.fill("δικαιόω")
    form.get_by_label("Language").first.select_option("greek")
    form.get_by_label("Definition (English)").first.fill("to justify")
    form.get_by_label("Definition (French)").first.fill("justifier")
    save_block(page, form)
    form = add_block(page, "List")
    form.get_by_label("Items (English)").fill("Peace\nAccess\nHope")
    form.get_by_label("Items (French)").fill("Paix\nAccès\nEspérance")
    save_block(page, form)
    form = add_block(page, "Callout")
    form.get_by_label("Kind").select_option("reflection")
    form.get_by_label("Text (English)").fill("What does peace with God change today?")
    form.get_by_label("Text (French)").fill("Qu’est-ce que la paix avec Dieu change aujourd’hui ?")
    save_block(page, form)
    form = add_block(page, "Quiz link")
    form.get_by_label("Quiz of this lesson").select_option(quiz_id)
    save_block(page, form)
    form = add_block(page, "Divider")
    save_block(page, form)
    kinds = _scalar(
        live_db,
        "SELECT string_agg(block_type::text, ',' ORDER BY block_order) FROM content_blocks WHERE slide_id = :s",
        s=slides[0],
    )
    assert kinds == "HEADING,TEXT,IMAGE,VERSE,VOCABULARY,LIST,CALLOUT,QUIZ,DIVIDER"

    # Publish both lessons, then the course.
    for lesson_id in lessons:
        page.goto(f"/teach/courses/{course_id}/lessons/{lesson_id}/publish")
        page.get_by_role("button", name="Publish").click()
        expect(page.get_by_role("status")).to_contain_text("The lesson is published")
    page.goto(f"/teach/courses/{course_id}/publish")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("The course is published")
    slug = str(_scalar(live_db, "SELECT slug FROM courses WHERE id = :c", c=course_id))

    # A student finds it, enrols and reads the slide the teacher built, in French.
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="fr-FR")  # type: ignore[arg-type]
    try:
        sign_in(context, live_server, live_db, student.id)
        reader = context.new_page()
        reader.goto("/courses?lang=fr")
        reader.get_by_role("link", name=f"Épître aux Romains {n}").click()
        reader.get_by_role("button", name=re.compile("S’inscrire|Enrol")).click()
        reader.goto(
            f"/courses/{slug}/lessons/{_scalar(live_db, 'SELECT slug FROM lessons WHERE id = :l', l=lessons[0])}/slides/1?lang=fr"
        )
        slide = reader.locator("main")
        for words in (
            "La paix avec Dieu",
            "Étant donc justifiés par la foi.",
            "justifier",
            "Espérance",
            "Contrôle sur la foi",
        ):
            expect(slide).to_contain_text(words)
        expect(slide.locator("img[alt='Une route à l’aube']")).to_have_count(1)
    finally:
        context.close()
    assert _scalar(live_db, "SELECT count(*) FROM enrollments WHERE student_id = :s", s=student.id) == 1
