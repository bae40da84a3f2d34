"""The lesson editor and the slide editor (lessons/teach_views.py): every route renders, validates
with the content model (422, the message beside the field, every typed value kept), changes what it
says, and refuses a save made from a stale page."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.enums import ContentBlockType, SlideLayout
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.media.storage import MEDIA_DIR_ENV
from tests import factories as f

Login = Callable[[User], str]
HTML = {"accept": "text/html"}


def _world(session: Session) -> tuple[User, Lesson, Slide, ContentBlock]:
    teacher = f.make_teacher(session)
    course = f.make_course(session, teacher=teacher)
    lesson = f.make_lesson(session, course=course, title_en="Grace", title_fr="Grâce")
    slide = f.make_slide(session, lesson=lesson, slide_order=0, title_en="First", title_fr="Première")
    block = f.make_block(session, slide=slide, block_order=0)
    return teacher, lesson, slide, block


def _version(page: str) -> str:
    found = re.search(r'name="version" value="([0-9a-f]+)"', page)
    assert found, "no version on the page"
    return found.group(1)


def _field(page: str, name: str) -> str:
    """The value (or text) of the input named `name` on the page."""
    found = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', page)
    if found:
        return html.unescape(found.group(1))
    area = re.search(rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>(.*?)</textarea>', page, re.S)
    if area:
        return html.unescape(area.group(1))
    select_ = re.search(rf'<select[^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>', page, re.S)
    assert select_, f"no field {name}"
    chosen = re.search(r'<option value="([^"]*)" selected', select_.group(1))
    return html.unescape(chosen.group(1)) if chosen else ""


def _new_block(page: str) -> str:
    return page.split('id="new-block"', 1)[1]


def _block(page: str, block_id: str) -> str:
    return page.split(f'id="block-{block_id}"', 1)[1].split("</li>", 1)[0]


def _error_beside(page: str, input_id: str) -> str:
    found = re.search(rf'id="{re.escape(input_id)}-error">([^<]*)<', page)
    assert found, f"no error beside {input_id}"
    assert f'aria-describedby="{input_id}-error"' in page
    return html.unescape(found.group(1))


def test_the_lesson_editor_shows_metadata_slides_thumbnails_and_links(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, lesson, slide, _ = _world(session)
    login_as(teacher)
    page = client.get(f"/teach/lessons/{lesson.id}", headers=HTML)
    assert page.status_code == 200, page.text
    text = page.text
    assert _field(text, "title_en") == "Grace"
    assert _field(text, "title_fr") == "Grâce"
    assert 'class="thumb" inert aria-hidden="true"' in text
    assert "In the beginning was the Word." in text  # the thumbnail is the student's rendering
    assert f'data-move-url="/api/v1/slides/{slide.id}/move"' in text
    assert f"/teach/lessons/{lesson.id}/slides/{slide.id}/move" in text
    for link in ("quizzes/new", "import", "translations"):
        assert f'href="/teach/lessons/{lesson.id}/{link}"' in text
    assert f'href="/teach/courses/{lesson.course_id}/lessons"' in text
    assert 'id="slide-title"' not in text  # thumbnails get ids of their own


def test_lesson_metadata_is_saved_and_refused_with_values_kept(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, lesson, _, _ = _world(session)
    login_as(teacher)
    form = {
        "title_en": "Grace abounding",
        "title_fr": "Grâce abondante",
        "description_en": "On **grace**.",
        "description_fr": "",
        "estimated_minutes": "25",
    }
    saved = client.post(f"/teach/lessons/{lesson.id}", data=form, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/teach/lessons/{lesson.id}?done=saved"
    session.refresh(lesson)
    assert (lesson.title_en, lesson.title_fr, lesson.estimated_minutes) == (
        "Grace abounding",
        "Grâce abondante",
        25,
    )
    assert lesson.description_fr is None

    bad = client.post(
        f"/teach/lessons/{lesson.id}", data=form | {"title_en": "", "estimated_minutes": "soon"}
    )
    assert bad.status_code == 422
    assert _error_beside(bad.text, "title_en")
    assert "whole number" in _error_beside(bad.text, "estimated_minutes")
    assert _field(bad.text, "estimated_minutes") == "soon"
    assert _field(bad.text, "title_fr") == "Grâce abondante"
    session.refresh(lesson)
    assert lesson.title_en == "Grace abounding"


def test_slides_are_added_moved_and_deleted_by_form(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, lesson, first, _ = _world(session)
    login_as(teacher)
    added = client.post(
        f"/teach/lessons/{lesson.id}/slides", data={"layout": "TWO_COLUMN"}, follow_redirects=False
    )
    assert added.status_code == 303
    new = session.scalars(select(Slide).where(Slide.lesson_id == lesson.id, Slide.id != first.id)).one()
    assert new.layout == SlideLayout.TWO_COLUMN
    assert added.headers["location"] == f"/teach/slides/{new.id}?done=created"
    assert client.post(f"/teach/lessons/{lesson.id}/slides", data={"layout": "NOPE"}).status_code == 422

    moved = client.post(
        f"/teach/lessons/{lesson.id}/slides/{new.id}/move", data={"position": "0"}, follow_redirects=False
    )
    assert moved.status_code == 303
    session.refresh(new)
    session.refresh(first)
    assert (new.slide_order, first.slide_order) == (0, 1)
    beyond = client.post(f"/teach/lessons/{lesson.id}/slides/{new.id}/move", data={"position": "5"})
    assert beyond.status_code == 422
    assert "between 0 and 1" in beyond.text

    other = f.make_slide(session)
    assert client.post(f"/teach/lessons/{lesson.id}/slides/{other.id}/delete").status_code in (403, 404)
    quiz = f.make_quiz(session, lesson=lesson, slide_id=first.id)
    refused = client.post(f"/teach/lessons/{lesson.id}/slides/{first.id}/delete")
    assert refused.status_code == 409
    assert "a quiz is attached to this slide" in refused.text
    session.delete(quiz)
    session.flush()
    deleted = client.post(f"/teach/lessons/{lesson.id}/slides/{new.id}/delete", follow_redirects=False)
    assert deleted.status_code == 303
    assert session.scalar(select(Slide.id).where(Slide.id == new.id)) is None


def test_the_slide_editor_shows_forms_and_both_previews(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, _, slide, block = _world(session)
    login_as(teacher)
    page = client.get(f"/teach/slides/{slide.id}", headers=HTML)
    assert page.status_code == 200, page.text
    assert _field(page.text, "content_en.text") == "In the beginning was the Word."
    assert _field(page.text, "content_fr.text") == "Au commencement était la Parole."
    assert 'data-preview-url="/teach/slides/' in page.text
    assert 'id="preview-title-en"' in page.text
    assert 'id="preview-title-fr"' in page.text
    assert f'data-move-url="/api/v1/blocks/{block.id}/move"' in page.text
    fr = client.get(f"/teach/slides/{slide.id}/preview?lang=fr", headers=HTML)
    assert fr.status_code == 200
    assert "Au commencement était la Parole." in fr.text
    assert "Première" in fr.text
    en = client.get(f"/teach/slides/{slide.id}/preview?lang=en", headers=HTML)
    assert "In the beginning was the Word." in en.text
    assert "First" in en.text
    for kind in ContentBlockType:
        assert client.get(f"/teach/slides/{slide.id}?add={kind.value}", headers=HTML).status_code == 200


def test_slide_settings_are_saved_and_validated(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, _, slide, _ = _world(session)
    login_as(teacher)
    page = client.get(f"/teach/slides/{slide.id}", headers=HTML)
    form = {
        "version": _version(page.text),
        "layout": "TITLE",
        "title_en": "Welcome",
        "title_fr": "Bienvenue",
        "notes_en": "Say hello.",
        "notes_fr": "",
    }
    saved = client.post(f"/teach/slides/{slide.id}", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    session.refresh(slide)
    assert (slide.layout, slide.title_en, slide.title_fr, slide.notes_en, slide.notes_fr) == (
        SlideLayout.TITLE,
        "Welcome",
        "Bienvenue",
        "Say hello.",
        None,
    )
    page = client.get(f"/teach/slides/{slide.id}", headers=HTML)
    bad = client.post(
        f"/teach/slides/{slide.id}", data=form | {"version": _version(page.text), "title_en": "x" * 201}
    )
    assert bad.status_code == 422
    assert _error_beside(bad.text, "title_en")
    assert _field(bad.text, "notes_en") == "Say hello."
    assert _field(bad.text, "title_en") == "x" * 201


# Every block type: a valid form, and one invalid value with the input its error must sit beside.
BLOCKS: list[tuple[str, dict[str, str], dict[str, str], str, str]] = [
    (
        "HEADING",
        {"content_en.level": "2", "content_en.text": "Grace", "content_fr.text": "Grâce"},
        {"content_en.level": "7"},
        "new-level",
        "content_fr.text",
    ),
    (
        "TEXT",
        {"content_en.text": "By **grace**.", "content_fr.text": "Par **grâce**."},
        {"content_en.text": "[bad](javascript:alert(1))"},
        "new-en-text",
        "content_fr.text",
    ),
    (
        "IMAGE",
        {"content_en.url": "/media/ab/cd.png", "content_en.alt": "A scroll", "content_fr.alt": "Un rouleau"},
        {"content_en.url": "http://insecure.example/x.png"},
        "new-en-url",
        "content_fr.alt",
    ),
    (
        "VERSE",
        {"content_en.reference": "Romains 8,28"},
        {"content_en.reference": "Hezekiah 3:1"},
        "new-reference",
        "content_en.reference",
    ),
    (
        "VOCABULARY",
        {
            "content_en.entries.0.term": "χάρις",
            "content_en.entries.0.language": "greek",
            "content_en.entries.0.strongs": "G5485",
            "content_en.entries.0.definition": "grace",
            "content_fr.entries.0.definition": "grâce",
        },
        {"content_en.entries.0.strongs": "H5485"},
        "new-entry0-strongs",
        "content_fr.entries.0.definition",
    ),
    (
        "LIST",
        {
            "content_en.style": "numbered",
            "content_en.items": "Faith\n  Hope\nLove",
            "content_fr.items": "Foi\n  Espérance\nAmour",
        },
        {"content_en.items": "Faith\n  [x](javascript:1)"},
        "new-en-items",
        "content_fr.items",
    ),
    (
        "CALLOUT",
        {
            "content_en.variant": "tip",
            "content_en.title": "Note",
            "content_en.text": "Read slowly.",
            "content_fr.text": "Lisez lentement.",
        },
        {"content_en.variant": "shout"},
        "new-variant",
        "content_fr.text",
    ),
    ("QUIZ", {}, {"content_en.quiz_id": "not-in-this-lesson"}, "new-quiz_id", "style_config.align"),
    (
        "DIVIDER",
        {"content_en.style": "ornament"},
        {"content_en.style": "zigzag"},
        "new-style",
        "content_en.style",
    ),
]


@pytest.mark.parametrize(("kind", "valid", "invalid", "error_id", "kept"), BLOCKS, ids=[b[0] for b in BLOCKS])
def test_every_block_type_is_added_and_edited_through_its_form(
    client: TestClient,
    session: Session,
    login_as: Login,
    kind: str,
    valid: dict[str, str],
    invalid: dict[str, str],
    error_id: str,
    kept: str,
) -> None:
    teacher, lesson, slide, first = _world(session)
    login_as(teacher)
    if kind == "QUIZ":
        valid = {"content_en.quiz_id": f.make_quiz(session, lesson=lesson).id}
    valid = valid | {"style_config.align": "center"}
    url = f"/teach/slides/{slide.id}/blocks"

    refused = client.post(url, data={"block_type": kind, **valid, **invalid})
    assert refused.status_code == 422, refused.text
    assert _error_beside(refused.text, error_id), kind
    assert _field(_new_block(refused.text), kept) == (valid | invalid)[kept]
    for name, value in invalid.items():
        if "\n" not in value:
            assert _field(_new_block(refused.text), name) == value
    assert session.scalars(select(ContentBlock).where(ContentBlock.slide_id == slide.id)).all().__len__() == 1

    added = client.post(url, data={"block_type": kind, **valid}, follow_redirects=False)
    assert added.status_code == 303, added.text
    block = session.scalars(
        select(ContentBlock).where(
            ContentBlock.slide_id == slide.id, ContentBlock.block_type == kind, ContentBlock.id != first.id
        )
    ).one()
    assert block.style_config == {"align": "center"}

    page = client.get(f"/teach/slides/{slide.id}", headers=HTML)
    version = _version(page.text)
    edit = client.post(f"/teach/blocks/{block.id}", data={"version": version, **valid, **invalid})
    assert edit.status_code == 422
    assert _field(_block(edit.text, block.id), kept) == (valid | invalid)[kept]
    ids = re.findall(r'id="(b\d+-[\w-]+)-error"', edit.text)
    assert ids, "no error beside a field of the edited block"
    saved = client.post(
        f"/teach/blocks/{block.id}", data={"version": version, **valid}, follow_redirects=False
    )
    assert saved.status_code == 303, saved.text
    _check_content(kind, block, session)


def _check_content(kind: str, block: ContentBlock, session: Session) -> None:
    session.refresh(block)
    en: dict[str, Any] = block.content_en
    fr: dict[str, Any] | None = block.content_fr
    if kind == "VERSE":
        assert en["reference"] == fr["reference"] == "Rom.8.28"  # type: ignore[index]
    if kind == "LIST":
        assert en == {
            "style": "numbered",
            "items": [{"text": "Faith", "children": [{"text": "Hope"}]}, {"text": "Love"}],
        }
    if kind == "IMAGE":
        assert fr == {"url": "/media/ab/cd.png", "alt": "Un rouleau"}
    if kind == "VOCABULARY":
        assert fr == {
            "entries": [{"term": "χάρις", "language": "greek", "strongs": "G5485", "definition": "grâce"}]
        }
    if kind == "HEADING":
        assert fr == {"text": "Grâce", "level": 2}


def test_a_verse_reference_is_previewed_in_english_and_french(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, _, slide, _ = _world(session)
    login_as(teacher)
    for typed in ("Romans 8:28", "Romains 8,28"):
        fragment = client.get("/teach/verse-preview", params={"ref": typed}, headers=HTML)
        assert fragment.status_code == 200
        assert "Romans 8:28" in fragment.text
        assert "Romains 8" in fragment.text
    wrong = client.get("/teach/verse-preview", params={"ref": "Hezekiah 3:1"}, headers=HTML)
    assert "Not a reference this editor can read" in wrong.text
    client.post(
        f"/teach/slides/{slide.id}/blocks",
        data={"block_type": "VERSE", "content_en.reference": "Romains 8,28"},
    )
    page = client.get(f"/teach/slides/{slide.id}", headers=HTML)  # after a no-JS save
    assert "data-verse-preview" in page.text
    box = page.text.split("data-verse-preview", 1)[1].split("</div>", 2)
    assert "Romans 8:28" in page.text
    assert "Romains 8" in "".join(box)


def test_a_save_from_a_stale_page_is_refused_and_keeps_the_typed_text(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, _, slide, block = _world(session)
    login_as(teacher)
    first_tab = _version(client.get(f"/teach/slides/{slide.id}", headers=HTML).text)
    second_tab = first_tab
    saved = client.post(
        f"/teach/blocks/{block.id}",
        data={"version": first_tab, "content_en.text": "First tab's words."},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    stale = client.post(
        f"/teach/blocks/{block.id}", data={"version": second_tab, "content_en.text": "Second tab's words."}
    )
    assert stale.status_code == 409
    assert "This slide was changed in another tab or by someone else since you opened it" in stale.text
    assert _field(stale.text, "content_en.text") == "Second tab's words."
    session.refresh(block)
    assert block.content_en == {"text": "First tab's words."}
    stale_slide = client.post(
        f"/teach/slides/{slide.id}", data={"version": second_tab, "layout": "CONTENT", "title_en": "Mine"}
    )
    assert stale_slide.status_code == 409
    assert _field(stale_slide.text, "title_en") == "Mine"
    # Script saves get JSON: the new version, or the refusal.
    js = {"x-requested-with": "fetch"}
    fresh = _version(client.get(f"/teach/slides/{slide.id}", headers=HTML).text)
    ok = client.post(
        f"/teach/blocks/{block.id}", data={"version": fresh, "content_en.text": "Again."}, headers=js
    )
    assert ok.status_code == 200
    assert ok.json()["version"] != fresh
    again = client.post(
        f"/teach/blocks/{block.id}", data={"version": fresh, "content_en.text": "No."}, headers=js
    )
    assert again.status_code == 409


def test_blocks_are_moved_and_deleted_by_form(client: TestClient, session: Session, login_as: Login) -> None:
    teacher, _, slide, block = _world(session)
    second = f.make_block(session, slide=slide, block_order=1, content_en={"text": "Second"}, content_fr=None)
    login_as(teacher)
    moved = client.post(f"/teach/blocks/{second.id}/move", data={"position": "0"}, follow_redirects=False)
    assert moved.status_code == 303
    session.refresh(second)
    session.refresh(block)
    assert (second.block_order, block.block_order) == (0, 1)
    assert client.post(f"/teach/blocks/{second.id}/move", data={"position": "9"}).status_code == 422
    deleted = client.post(f"/teach/blocks/{second.id}/delete", follow_redirects=False)
    assert deleted.status_code == 303
    assert session.scalar(select(ContentBlock.id).where(ContentBlock.id == second.id)) is None


def test_other_teachers_and_students_are_refused(
    client: TestClient, session: Session, login_as: Login
) -> None:
    _, lesson, slide, block = _world(session)
    login_as(f.make_teacher(session))
    for path in (
        f"/teach/lessons/{lesson.id}",
        f"/teach/slides/{slide.id}",
        f"/teach/slides/{slide.id}/preview",
    ):
        assert client.get(path, headers=HTML).status_code in (403, 404), path
    assert client.post(f"/teach/blocks/{block.id}", data={"content_en.text": "Mine now"}).status_code in (
        403,
        404,
    )
    login_as(f.make_user(session))
    assert client.get(f"/teach/slides/{slide.id}", headers=HTML).status_code == 403
    session.refresh(block)
    assert block.content_en == {"text": "In the beginning was the Word."}


def test_an_image_is_uploaded_or_picked_without_javascript(
    client: TestClient, session: Session, login_as: Login, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from PIL import Image

    monkeypatch.setenv(MEDIA_DIR_ENV, str(tmp_path))
    teacher, _, slide, _ = _world(session)
    login_as(teacher)
    picture = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 20, 30)).save(picture, format="PNG")
    added = client.post(
        f"/teach/slides/{slide.id}/blocks",
        data={"block_type": "IMAGE", "content_en.alt": "A dark square"},
        files={"upload_en": ("square.png", picture.getvalue(), "image/png")},
        follow_redirects=False,
    )
    assert added.status_code == 303, added.text
    image = session.scalars(
        select(ContentBlock).where(ContentBlock.slide_id == slide.id, ContentBlock.block_type == "IMAGE")
    ).one()
    url = image.content_en["url"]
    assert url.startswith("/media/")
    assert (image.content_en["width"], image.content_en["height"]) == (30, 20)
    page = client.get(f"/teach/slides/{slide.id}", headers=HTML)
    assert f'<option value="{url}"' in page.text  # offered again, to reuse
    picked = client.post(
        f"/teach/slides/{slide.id}/blocks",
        data={"block_type": "IMAGE", "pick_en": url, "content_en.alt": "The same square"},
        follow_redirects=False,
    )
    assert picked.status_code == 303
    refused = client.post(
        f"/teach/slides/{slide.id}/blocks",
        data={"block_type": "IMAGE", "content_en.alt": "Not a picture"},
        files={"upload_en": ("notes.png", b"not an image at all", "image/png")},
    )
    assert refused.status_code == 422
    assert _error_beside(refused.text, "new-en-upload")
    assert _field(_new_block(refused.text), "content_en.alt") == "Not a picture"


def test_the_lesson_editor_leads_to_its_quizzes(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, lesson, _slide, _block = _world(session)
    quiz = f.make_quiz(session, lesson=lesson, title_en="Grace check")
    login_as(teacher)
    page = client.get(f"/teach/lessons/{lesson.id}", headers=HTML)
    assert page.status_code == 200
    for target in ("", "/preview", "/gradebook", "/stats"):
        assert f'href="/teach/quizzes/{quiz.id}{target}"' in page.text
    assert "Grace check" in page.text
