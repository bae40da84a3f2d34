"""The teacher's course pages: My courses, the new-course form, the course page (metadata, images,
status changes) and its lessons (order, new lesson, status), through the same services as the API."""

from __future__ import annotations

import io
from collections.abc import Callable

from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.enums import EnrollmentStatus, LessonStatus
from bibliology.lessons.models import Lesson
from bibliology.quizzes.models import Quiz
from tests import factories as f
from tests.queries.support import counting

HTML = {"accept": "text/html"}
FORM = {
    "title_en": "Wisdom Literature",
    "title_fr": "Les livres de sagesse",
    "description_en": "Job, Proverbs and Ecclesiastes.",
    "description_fr": "Job, les Proverbes et l’Ecclésiaste.",
    "category": "Old Testament",
    "difficulty": "Beginner",
    "tags": "Wisdom, Proverbs, wisdom",
    "estimated_hours": "6",
    "slug": "",
}


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (120, 60, 20)).save(out, format="PNG")
    return out.getvalue()


def test_my_courses_lists_own_courses_by_status_with_counts(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    teacher = f.make_teacher(session, name="Priscilla Teacher")
    draft = f.make_course(session, teacher=teacher, title_en="Draft Course", title_fr=None)
    published = f.make_published_course(session, teacher=teacher, title_en="Live Course", lessons=2)
    f.make_course(session, teacher=teacher, title_en="Old Course", status=LessonStatus.ARCHIVED)
    other = f.make_course(session, title_en="Someone Else's")
    for status in (EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED, EnrollmentStatus.DROPPED):
        f.make_enrollment(session, course=published, student=f.make_user(session), status=status)
    login_as(teacher)
    page = client.get("/teach", headers=HTML)
    assert page.status_code == 200
    text = page.text
    assert "Draft Course" in text
    assert "Live Course" in text
    assert "Old Course" in text
    assert "Someone Else" not in text
    assert other.id not in text
    row = text.split(f'data-course="{published.id}"')[1].split("</tr>")[0]
    assert '<td class="num">2</td>' in row  # two enrolled, the dropped one not counted
    assert f'href="/teach/courses/{published.id}/lessons"' in row
    # Draft Course: English title and description only → 2 of 4 fields translated.
    draft_row = text.split(f'data-course="{draft.id}"')[1].split("</tr>")[0]
    assert "50%" in draft_row
    assert 'href="/teach/courses/new"' in text
    assert ">Teacher</th>" not in text  # the teacher column is for admins
    only = client.get("/teach?status=ARCHIVED", headers=HTML).text
    assert "Old Course" in only
    assert "Live Course" not in only
    assert "Mes cours" in client.get("/teach?lang=fr", headers=HTML).text


def test_my_courses_reads_in_a_fixed_number_of_queries(
    client: TestClient, session: Session, engine: Engine, login_as: Callable[[User], str]
) -> None:
    admin = f.make_admin(session)
    f.make_published_course(session, lessons=1)
    login_as(admin)
    client.get("/teach", headers=HTML)
    with counting(engine) as few:
        assert client.get("/teach", headers=HTML).status_code == 200
    for _ in range(3):
        f.make_published_course(session, lessons=3, slides=2)
    with counting(engine) as many:
        page = client.get("/teach", headers=HTML)
    assert page.status_code == 200
    assert len(many) == len(few)


def test_admins_see_every_course_with_its_teacher(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    teacher = f.make_teacher(session, name="Aquila Teacher")
    f.make_course(session, teacher=teacher, title_en="Aquila's Course")
    login_as(f.make_admin(session))
    text = client.get("/teach", headers=HTML).text
    assert "Aquila&#39;s Course" in text
    assert "Aquila Teacher" in text


def test_a_course_is_created_bilingual_and_its_errors_keep_what_was_typed(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    teacher = f.make_teacher(session)
    login_as(teacher)
    form = client.get("/teach/courses/new", headers=HTML)
    assert form.status_code == 200
    assert 'lang="fr"' in form.text
    assert "Title (French)" in form.text
    bad = client.post(
        "/teach/courses/new",
        data=FORM | {"title_en": "  ", "estimated_hours": "six", "slug": "Not A Slug", "category": "Cooking"},
        headers=HTML,
    )
    assert bad.status_code == 422
    for name in ("title_en", "estimated_hours", "slug", "category"):
        assert f'id="{name}-error"' in bad.text, name
    assert "Give a whole number of hours" in bad.text
    french = client.post("/teach/courses/new?lang=fr", data=FORM | {"estimated_hours": "six"}, headers=HTML)
    assert french.status_code == 422
    assert "Indiquez un nombre entier d’heures" in french.text
    assert "Les livres de sagesse" in bad.text
    assert "six" in bad.text
    assert "Not A Slug" in bad.text
    assert (
        session.scalar(select(func.count()).select_from(Course).where(Course.teacher_id == teacher.id)) == 0
    )

    made = client.post("/teach/courses/new", data=FORM, headers=HTML, follow_redirects=False)
    assert made.status_code == 303
    course = session.scalars(select(Course).where(Course.teacher_id == teacher.id)).one()
    assert made.headers["location"] == f"/teach/courses/{course.id}?done=created"
    assert course.slug == "wisdom-literature"
    assert course.title_fr == "Les livres de sagesse"
    assert course.tags == ["Wisdom", "Proverbs"]
    assert course.estimated_hours == 6
    assert course.status == LessonStatus.DRAFT

    taken = client.post("/teach/courses/new", data=FORM | {"slug": "wisdom-literature"}, headers=HTML)
    assert taken.status_code == 422
    assert 'id="slug-error"' in taken.text
    assert "wisdom-literature-2" in taken.text
    chosen = client.post("/teach/courses/new", data=FORM | {"slug": "sagesse"}, follow_redirects=False)
    assert chosen.status_code == 303
    assert session.scalar(select(Course.slug).where(Course.slug == "sagesse")) == "sagesse"


def test_the_course_page_edits_metadata_with_patch_semantics(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    teacher = f.make_teacher(session)
    course = f.make_course(session, teacher=teacher, tags=["Old"], estimated_hours=3)
    login_as(teacher)
    page = client.get(f"/teach/courses/{course.id}", headers=HTML)
    assert page.status_code == 200
    assert 'aria-current="page">Course</a>' in page.text
    assert f"/courses/{course.slug}" in page.text
    values = {
        "title_en": course.title_en,
        "title_fr": "",
        "description_en": "New description.",
        "description_fr": course.description_fr or "",
        "category": "Theology",
        "difficulty": "",
        "tags": "Old, New",
        "estimated_hours": "3",
    }
    bad = client.post(f"/teach/courses/{course.id}", data=values | {"description_en": ""}, headers=HTML)
    assert bad.status_code == 422
    assert 'id="description_en-error"' in bad.text
    assert "Old, New" in bad.text
    saved = client.post(f"/teach/courses/{course.id}", data=values, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"].endswith("?done=saved")
    session.refresh(course)
    assert course.description_en == "New description."
    assert course.title_fr is None
    assert course.category == "Theology"
    assert course.tags == ["Old", "New"]


def test_status_changes_are_confirmed_and_refusals_explained(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    teacher = f.make_teacher(session)
    course = f.make_course(session, teacher=teacher)
    login_as(teacher)
    confirm = client.get(f"/teach/courses/{course.id}/publish", headers=HTML)
    assert confirm.status_code == 200
    assert f'action="/teach/courses/{course.id}/publish"' in confirm.text
    assert "None of its lessons is published yet" in confirm.text
    # A GET changes nothing.
    assert session.scalar(select(Course.status).where(Course.id == course.id)) == LessonStatus.DRAFT
    done = client.post(f"/teach/courses/{course.id}/archive", follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"].endswith("?done=archive")
    session.refresh(course)
    assert course.status == LessonStatus.ARCHIVED
    page = client.get(f"/teach/courses/{course.id}", headers=HTML).text
    assert f'href="/teach/courses/{course.id}/restore"' in page
    assert f'href="/teach/courses/{course.id}/publish"' not in page
    # Publishing an archived course is the service's refusal, in words on the course page.
    refused = client.post(f"/teach/courses/{course.id}/publish", headers=HTML)
    assert refused.status_code == 409
    assert "archived and read-only: restore it first" in refused.text
    assert 'role="alert"' in refused.text
    assert "<form" in refused.text
    saved = client.post(f"/teach/courses/{course.id}", data=FORM, headers=HTML)
    assert saved.status_code == 409
    assert "restore it first" in saved.text
    assert "Les livres de sagesse" in saved.text
    assert client.post(f"/teach/courses/{course.id}/restore", follow_redirects=False).status_code == 303
    assert session.scalar(select(Course.status).where(Course.id == course.id)) == LessonStatus.DRAFT


def test_images_are_uploaded_through_the_media_service(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    teacher = f.make_teacher(session)
    course = f.make_course(session, teacher=teacher)
    login_as(teacher)
    url = f"/teach/uploads/courses/{course.id}/images"
    refused = client.post(url, files={"thumbnail": ("x.png", b"not an image", "image/png")}, headers=HTML)
    assert refused.status_code == 422
    assert 'id="thumbnail-error"' in refused.text
    assert "not an image" in refused.text
    empty = client.post(url, files={"thumbnail": ("", b"", "application/octet-stream")}, headers=HTML)
    assert empty.status_code == 200
    assert "No file was chosen" in empty.text
    stored = client.post(url, files={"cover": ("cover.png", _png(), "image/png")}, follow_redirects=False)
    assert stored.status_code == 303
    session.refresh(course)
    assert course.cover_image_url is not None
    assert course.cover_image_url.startswith("/media/")
    assert course.thumbnail_url is None
    page = client.get(f"/teach/courses/{course.id}", headers=HTML).text
    assert f'src="{course.cover_image_url}"' in page
    assert client.get(course.cover_image_url).status_code == 200


def test_the_lesson_list_orders_adds_and_changes_lessons(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    teacher = f.make_teacher(session)
    course = f.make_course(session, teacher=teacher)
    first = f.make_published_lesson(session, course=course, title_en="First", slides=3, quiz_questions=1)
    second = f.make_lesson(session, course=course, title_en="Second", estimated_minutes=25)
    login_as(teacher)
    page = client.get(f"/teach/courses/{course.id}/lessons", headers=HTML)
    assert page.status_code == 200
    text = page.text
    assert text.index("First") < text.index("Second")
    assert "3 slides" in text
    assert "25 min" in text
    assert f'href="/teach/lessons/{first.id}"' in text
    assert f'data-move-url="/api/v1/lessons/{first.id}/move"' in text
    quiz = session.scalars(select(Quiz).where(Quiz.lesson_id == first.id)).one()
    for link in ("", "/gradebook", "/stats"):
        assert f'href="/teach/quizzes/{quiz.id}{link}"' in text
    assert 'data-move="down"' in text
    assert 'aria-current="page">Lessons</a>' in text

    moved = client.post(
        f"/teach/courses/{course.id}/lessons/{second.id}/move", data={"position": "0"}, follow_redirects=False
    )
    assert moved.status_code == 303
    assert moved.headers["location"] == f"/teach/courses/{course.id}/lessons?done=moved#lesson-{second.id}"
    text = client.get(f"/teach/courses/{course.id}/lessons", headers=HTML).text
    assert text.index(">Second<") < text.index(">First<")

    bad = client.post(
        f"/teach/courses/{course.id}/lessons", data={"title_en": "", "title_fr": "Sans anglais"}
    )
    assert bad.status_code == 422
    assert 'id="new-title_en-error"' in bad.text
    assert "Sans anglais" in bad.text
    made = client.post(
        f"/teach/courses/{course.id}/lessons",
        data={"title_en": "Third", "title_fr": "Troisième"},
        follow_redirects=False,
    )
    assert made.status_code == 303
    third = session.scalars(select(Lesson).where(Lesson.title_en == "Third")).one()
    assert made.headers["location"] == f"/teach/lessons/{third.id}"
    assert third.course_id == course.id
    assert third.lesson_order == 2
    assert third.title_fr == "Troisième"

    confirm = client.get(f"/teach/courses/{course.id}/lessons/{second.id}/publish", headers=HTML)
    assert confirm.status_code == 200
    assert "no slide yet" in confirm.text
    published = client.post(f"/teach/courses/{course.id}/lessons/{second.id}/publish", follow_redirects=False)
    assert published.status_code == 303
    session.refresh(second)
    assert second.status == LessonStatus.PUBLISHED

    # A lesson of another course is not found under this one.
    elsewhere = f.make_lesson(session, course=f.make_course(session, teacher=teacher))
    assert (
        client.get(f"/teach/courses/{course.id}/lessons/{elsewhere.id}/publish", headers=HTML).status_code
        == 404
    )

    # An archived course refuses lesson changes: the service's words on the lessons page.
    course.status = LessonStatus.ARCHIVED
    session.flush()
    refused = client.post(f"/teach/courses/{course.id}/lessons/{first.id}/archive", headers=HTML)
    assert refused.status_code == 409
    assert "restore it first" in refused.text
    assert 'role="alert"' in refused.text
    refused = client.post(f"/teach/courses/{course.id}/lessons", data={"title_en": "Fourth"}, headers=HTML)
    assert refused.status_code == 409
    assert "restore it first" in refused.text
    assert "Fourth" in refused.text


def test_another_teacher_gets_the_services_refusal_everywhere(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    course = f.make_course(session)
    lesson = f.make_lesson(session, course=course)
    login_as(f.make_teacher(session))
    base = f"/teach/courses/{course.id}"
    for path in (base, f"{base}/lessons", f"{base}/publish", f"{base}/lessons/{lesson.id}/archive"):
        assert client.get(path, headers=HTML).status_code in (403, 404), path
    for path, data in (
        (base, FORM),
        (f"{base}/publish", {}),
        (f"{base}/lessons", {"title_en": "Mine now"}),
        (f"{base}/lessons/{lesson.id}/move", {"position": "0"}),
        (f"{base}/lessons/{lesson.id}/publish", {}),
    ):
        assert client.post(path, data=data, headers=HTML).status_code in (403, 404), path
    assert client.post(
        f"/teach/uploads/courses/{course.id}/images", files={"cover": ("c.png", _png())}
    ).status_code in (
        403,
        404,
    )
    session.refresh(course)
    assert course.status == LessonStatus.DRAFT
    assert course.cover_image_url is None
