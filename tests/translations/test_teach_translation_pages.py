"""The translation workspace: a course's and a lesson's missing and stale French with the English
beside it, each field saved through its entity's authoring service (so its revision is recorded),
block content by JSON path through the block's model, and "Mark reviewed" for stale French (also
POST /api/v1/translations/reviewed), which the activity log records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.courses.models import Course
from bibliology.enums import ContentBlockType, LessonStatus
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.translations.models import TranslationRevision
from bibliology.translations.service import REVIEW_TRANSLATION
from tests.factories import (
    make_admin,
    make_block,
    make_course,
    make_lesson,
    make_slide,
    make_teacher,
    make_user,
)

HTML = {"accept": "text/html"}
EARLIER = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)


@dataclass
class Content:
    teacher: User
    course: Course
    lesson: Lesson
    slide: Slide
    listing: ContentBlock  # no French at all
    image: ContentBlock  # French without its caption
    text: ContentBlock  # French, stale


def revise(
    session: Session, entity_type: str, entity_id: str, field: str, language: str, at: dt.datetime
) -> None:
    session.merge(
        TranslationRevision(
            entity_type=entity_type, entity_id=entity_id, field=field, language=language, revised_at=at
        )
    )
    session.flush()


@pytest.fixture
def content(session: Session) -> Content:
    teacher = make_teacher(session)
    course = make_course(
        session, teacher=teacher, status=LessonStatus.DRAFT, title_en="Romans", title_fr=None
    )
    lesson = make_lesson(session, course=course, title_en="Grace", title_fr="Grâce")
    slide = make_slide(
        session, lesson=lesson, slide_order=0, title_en="Justified", title_fr=None, notes_en="Pray first."
    )
    listing = make_block(
        session, slide=slide, block_order=0, block_type=ContentBlockType.LIST,
        content_en={"style": "bullet", "items": [{"text": "Faith"}, {"text": "Hope"}]}, content_fr=None,
    )  # fmt: skip
    image = make_block(
        session, slide=slide, block_order=1, block_type=ContentBlockType.IMAGE,
        content_en={"url": "/media/map.png", "alt": "A map of Rome", "caption": "Rome in AD 57"},
        content_fr={"url": "/media/map.png", "alt": "Une carte de Rome"},
    )  # fmt: skip
    text = make_block(session, slide=slide, block_order=2)
    revise(session, "content_block", text.id, "content", "fr", EARLIER)
    revise(session, "content_block", text.id, "content", "en", LATER)
    return Content(teacher, course, lesson, slide, listing, image, text)


def page_of(client: TestClient, content: Content) -> str:
    response = client.get(f"/teach/courses/{content.course.id}/translations", headers=HTML)
    assert response.status_code == 200, response.text
    return response.text


def post(client: TestClient, key: str, content: Content, **values: str) -> Response:
    form = {"scope": "course", "scope_id": content.course.id, **values}
    return client.post(f"/teach/translations/{key}", data=form, headers=HTML, follow_redirects=False)


def test_the_workspace_lists_every_missing_and_stale_field_with_its_english(
    client: TestClient, login_as: Callable[[User], str], content: Content
) -> None:
    login_as(content.teacher)
    text = page_of(client, content)
    # Missing: the course title, the slide title and notes, the whole list, the image's caption.
    assert "5 missing" in text
    assert "1 stale" in text
    assert 'aria-current="page">Translation' in text
    for key in (
        f"course/{content.course.id}/title",
        f"slide/{content.slide.id}/title",
        f"slide/{content.slide.id}/notes",
        f"content_block/{content.listing.id}/content",
        f"content_block/{content.image.id}/content.caption",
        f"content_block/{content.text.id}/content",
    ):
        assert f'action="/teach/translations/{key}"' in text, key
    assert f'action="/teach/translations/content_block/{content.text.id}/content/reviewed"' in text
    assert 'name="content.items.0.text"' in text
    assert 'name="content.items.1.text"' in text
    assert "Rome in AD 57" in text
    assert 'name="content.caption"' in text
    assert 'name="content.alt"' not in text  # the French alt text is there: not asked again
    assert ">Au commencement était la Parole.</textarea>" in text  # the stale French, to correct
    assert 'lang="fr"' in text
    assert 'class="tr-source" lang="en"' in text
    # The lesson's page: the same, without the course's own fields.
    lesson_page = client.get(f"/teach/lessons/{content.lesson.id}/translations", headers=HTML)
    assert lesson_page.status_code == 200
    assert "4 missing" in lesson_page.text
    assert f"course/{content.course.id}/title" not in lesson_page.text


def test_a_missing_title_is_saved_through_the_courses_service(
    client: TestClient, session: Session, login_as: Callable[[User], str], content: Content
) -> None:
    login_as(content.teacher)
    saved = post(client, f"course/{content.course.id}/title", content, value="  Romains ")
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/teach/courses/{content.course.id}/translations?done=saved"
    session.expire_all()
    assert session.get_one(Course, content.course.id).title_fr == "Romains"
    stamp = session.get(TranslationRevision, ("course", content.course.id, "title", "fr"))
    assert stamp is not None  # the translation's revision, recorded by the service
    text = page_of(client, content)
    assert "4 missing" in text
    assert f"course/{content.course.id}/title" not in text


def test_a_blank_or_invalid_french_is_refused_beside_its_field(
    client: TestClient, session: Session, login_as: Callable[[User], str], content: Content
) -> None:
    login_as(content.teacher)
    blank = post(client, f"slide/{content.slide.id}/title", content, value="   ")
    assert blank.status_code == 422
    assert "Write the French text here" in blank.text
    assert 'aria-invalid="true"' in blank.text
    too_long = post(client, f"slide/{content.slide.id}/title", content, value="x" * 250)
    assert too_long.status_code == 422
    assert 'value="' + "x" * 250 + '"' in too_long.text  # kept as typed
    # A list item left blank: the list model refuses it, beside that item; the other is kept.
    key = f"content_block/{content.listing.id}/content"
    refused = post(client, key, content, **{"content.items.0.text": "Foi", "content.items.1.text": ""})
    assert refused.status_code == 422
    body = refused.text
    assert 'value="Foi"' in body
    assert f'aria-describedby="content_block-{content.listing.id}-content-2-error"' in body
    session.expire_all()
    assert session.get_one(ContentBlock, content.listing.id).content_fr is None


def test_block_content_is_saved_by_path_through_the_blocks_service(
    client: TestClient, session: Session, login_as: Callable[[User], str], content: Content
) -> None:
    login_as(content.teacher)
    key = f"content_block/{content.listing.id}/content"
    saved = post(client, key, content, **{"content.items.0.text": "Foi", "content.items.1.text": "Espérance"})
    assert saved.status_code == 303
    caption = post(
        client,
        f"content_block/{content.image.id}/content.caption",
        content,
        **{"content.caption": "Rome en 57"},
    )
    assert caption.status_code == 303
    session.expire_all()
    assert session.get_one(ContentBlock, content.listing.id).content_fr == {
        "style": "bullet", "items": [{"text": "Foi"}, {"text": "Espérance"}],
    }  # fmt: skip
    assert session.get_one(ContentBlock, content.image.id).content_fr == {
        "url": "/media/map.png", "alt": "Une carte de Rome", "caption": "Rome en 57",
    }  # fmt: skip
    assert (
        session.get(TranslationRevision, ("content_block", content.listing.id, "content", "fr")) is not None
    )
    assert "2 missing" in page_of(client, content)  # the slide's title and notes remain


def test_mark_reviewed_clears_the_stale_flag_and_is_logged(
    client: TestClient, session: Session, login_as: Callable[[User], str], content: Content
) -> None:
    login_as(content.teacher)
    key = f"content_block/{content.text.id}/content"
    reviewed = post(client, f"{key}/reviewed", content)
    assert reviewed.status_code == 303
    assert reviewed.headers["location"].endswith("?done=reviewed")
    session.expire_all()
    block = session.get_one(ContentBlock, content.text.id)
    assert block.content_fr == {"text": "Au commencement était la Parole."}  # unchanged
    text = page_of(client, content)
    assert "0 stale" in text
    assert f"{key}/reviewed" not in text
    entry = session.scalars(select(ActivityLog).where(ActivityLog.action == REVIEW_TRANSLATION)).one()
    assert (entry.user_id, entry.entity_type, entry.entity_id) == (
        content.teacher.id,
        "content_block",
        block.id,
    )
    assert entry.metadata_ == {"field": "content", "language": "fr"}
    # A missing French cannot be marked reviewed: translate it instead.
    refused = post(client, f"course/{content.course.id}/title/reviewed", content)
    assert refused.status_code == 409
    assert "translate it rather than mark it reviewed" in refused.text


def test_the_review_api(
    client: TestClient, session: Session, login_as: Callable[[User], str], content: Content
) -> None:
    login_as(content.teacher)
    body = {"entity_type": "content_block", "entity_id": content.text.id, "field": "content"}
    answer = client.post("/api/v1/translations/reviewed", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["language"] == "fr"
    assert answer.json()["revised_at"]
    report = client.get(f"/api/v1/courses/{content.course.id}/translation-report").json()
    assert report["stale"] == []
    assert client.post("/api/v1/translations/reviewed", json=body | {"field": "title"}).status_code == 422
    assert client.post("/api/v1/translations/reviewed", json=body | {"language": "en"}).status_code == 422


def test_others_are_refused(
    client: TestClient, session: Session, login_as: Callable[[User], str], content: Content
) -> None:
    pages = (
        f"/teach/courses/{content.course.id}/translations",
        f"/teach/lessons/{content.lesson.id}/translations",
    )
    key = f"course/{content.course.id}/title"
    for page in pages:
        assert client.get(page, headers=HTML, follow_redirects=False).status_code == 303
    login_as(make_user(session))
    assert [client.get(page, headers=HTML).status_code for page in pages] == [403, 403]
    login_as(make_teacher(session))
    assert [client.get(page, headers=HTML).status_code for page in pages] == [404, 404]
    assert post(client, key, content, value="Volé").status_code == 404
    assert post(client, f"content_block/{content.text.id}/content/reviewed", content).status_code == 404
    session.expire_all()
    assert session.get_one(Course, content.course.id).title_fr is None
    login_as(make_admin(session))
    assert [client.get(page, headers=HTML).status_code for page in pages] == [200, 200]


def test_a_french_page_says_it_in_french(
    client: TestClient, session: Session, login_as: Callable[[User], str], content: Content
) -> None:
    content.teacher.language_pref = "fr"
    session.flush()
    login_as(content.teacher)
    text = page_of(client, content)
    assert "5 manquants" in text
    assert "Enregistrer le français" in text
    assert "Marquer comme relu" in text
    blank = post(client, f"slide/{content.slide.id}/title", content, value="")
    assert blank.status_code == 422
    assert "Écrivez ici le texte français" in blank.text
