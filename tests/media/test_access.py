"""Who may read a media file: public when published content uses it, else only the people who may
see that content (media.access), and 404 for everyone else, as if there were no file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.enums import EnrollmentStatus, LessonStatus, UserRole
from bibliology.lessons.models import Lesson, Slide
from bibliology.media import access
from bibliology.media.api import CACHE_CONTROL, PRIVATE_CACHE_CONTROL
from bibliology.media.models import MediaFile
from bibliology.media.service import media_url, store_upload
from bibliology.media.storage import LocalStorage
from bibliology.policy import ANONYMOUS, Actor
from tests.factories import make_admin, make_course, make_enrollment, make_teacher, make_user
from tests.media import imagegen
from tests.media.conftest import show_in_block


@pytest.fixture
def image(session: Session, storage: LocalStorage) -> MediaFile:
    return store_upload(
        session, data=imagegen.png(), filename="map.png", owner_id=None, kind="image", storage=storage
    )


def as_actor(user: User | None) -> Actor:
    return Actor(user.id, user.role) if user else ANONYMOUS


def readable(session: Session, image: MediaFile, user: User | None) -> bool:
    found = access.lookup(session, storage_key=image.storage_key, actor=as_actor(user))
    assert found is not None
    return found.readable


def is_public(session: Session, image: MediaFile) -> bool:
    found = access.lookup(session, storage_key=image.storage_key, actor=ANONYMOUS)
    assert found is not None
    return found.public


def lesson_of(session: Session, block_slide_id: str) -> Lesson:
    slide = session.get_one(Slide, block_slide_id)
    return session.get_one(Lesson, slide.lesson_id)


# --------------------------------------------------------------------------- over HTTP


def test_an_image_of_a_draft_course_is_its_teachers_until_the_course_is_published(
    client: TestClient, session: Session, image: MediaFile, login_as: Callable[[User], str]
) -> None:
    teacher = make_teacher(session)
    course = make_course(session, teacher=teacher, status=LessonStatus.DRAFT)
    block = show_in_block(session, image, course=course, lesson_status=LessonStatus.DRAFT)
    url = media_url(image)

    assert client.get(url).status_code == 404
    denied = client.get(url)
    assert denied.headers["content-type"] == "application/problem+json"
    assert denied.json()["detail"] == "no such media file"  # the same answer as for no file at all
    login_as(make_user(session, role=UserRole.STUDENT))
    assert client.get(url).status_code == 404
    login_as(make_teacher(session))
    assert client.get(url).status_code == 404
    login_as(teacher)
    private = client.get(url)
    assert private.status_code == 200
    assert private.headers["cache-control"] == PRIVATE_CACHE_CONTROL

    course.status = LessonStatus.PUBLISHED
    lesson_of(session, block.slide_id).status = LessonStatus.PUBLISHED
    session.flush()
    client.cookies.clear()
    public = client.get(url)
    assert public.status_code == 200
    assert public.headers["cache-control"] == CACHE_CONTROL == "public, max-age=31536000, immutable"


def test_no_304_for_someone_who_may_not_read_it(
    client: TestClient, session: Session, image: MediaFile
) -> None:
    show_in_block(session, image, course_status=LessonStatus.DRAFT)
    for tag in ("*", f'"{image.sha256}"'):
        assert client.get(media_url(image), headers={"If-None-Match": tag}).status_code == 404


def test_an_archived_course_is_read_by_its_enrolled_students(
    client: TestClient, session: Session, image: MediaFile, login_as: Callable[[User], str]
) -> None:
    course = make_course(session, status=LessonStatus.ARCHIVED)
    show_in_block(session, image, course=course)
    student = make_user(session)
    make_enrollment(session, course=course, student=student, status=EnrollmentStatus.COMPLETED)
    assert client.get(media_url(image)).status_code == 404
    login_as(student)
    response = client.get(media_url(image))
    assert response.status_code == 200
    assert response.headers["cache-control"] == PRIVATE_CACHE_CONTROL


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


@pytest.mark.parametrize("published", [True, False], ids=["public", "private"])
def test_one_statement_per_media_request(
    client: TestClient, session: Session, image: MediaFile, statements: list[str], published: bool
) -> None:
    status = LessonStatus.PUBLISHED if published else LessonStatus.DRAFT
    show_in_block(session, image, course_status=status)
    statements.clear()
    response = client.get(media_url(image))
    assert response.status_code == (200 if published else 404)
    # A refusal is also audited (policy.Denied), in a transaction of its own.
    audit = [s for s in statements if s.lstrip().startswith("INSERT INTO activity_logs")]
    assert len(audit) == (0 if published else 1)
    assert len(statements) - len(audit) == 1, statements


# --------------------------------------------------------------------------- the rule, case by case


def test_an_unused_upload_is_its_uploaders_and_admins(session: Session, storage: LocalStorage) -> None:
    uploader = make_teacher(session)
    row = store_upload(
        session, data=imagegen.jpeg(), filename="a.jpg", owner_id=uploader.id, kind="image", storage=storage
    )
    assert not is_public(session, row)
    assert readable(session, row, uploader)
    assert readable(session, row, make_admin(session))
    assert not readable(session, row, make_teacher(session))
    assert not readable(session, row, make_user(session))
    assert not readable(session, row, None)


@pytest.mark.parametrize(
    ("course_status", "lesson_status", "public"),
    [
        (LessonStatus.PUBLISHED, LessonStatus.PUBLISHED, True),
        (LessonStatus.PUBLISHED, LessonStatus.DRAFT, False),
        (LessonStatus.PUBLISHED, LessonStatus.ARCHIVED, False),
        (LessonStatus.DRAFT, LessonStatus.PUBLISHED, False),
        (LessonStatus.ARCHIVED, LessonStatus.PUBLISHED, False),
    ],
)
def test_blocks_make_a_file_public_only_in_published_lessons_of_published_courses(
    session: Session,
    image: MediaFile,
    course_status: LessonStatus,
    lesson_status: LessonStatus,
    public: bool,
) -> None:
    teacher = make_teacher(session)
    course = make_course(session, teacher=teacher, status=course_status)
    show_in_block(session, image, course=course, lesson_status=lesson_status)
    assert is_public(session, image) is public
    assert readable(session, image, None) is public
    assert readable(session, image, teacher)  # whatever the status: the course is theirs
    assert readable(session, image, make_teacher(session)) is public


def test_a_french_only_image_counts(session: Session, image: MediaFile) -> None:
    show_in_block(session, image, french=True)
    assert is_public(session, image)


def test_one_published_use_is_enough(session: Session, image: MediaFile) -> None:
    show_in_block(session, image, course_status=LessonStatus.DRAFT)
    assert not is_public(session, image)
    show_in_block(session, image)
    assert is_public(session, image)


@pytest.mark.parametrize("column", ["thumbnail_url", "cover_image_url"])
def test_course_pictures(session: Session, image: MediaFile, column: str) -> None:
    teacher = make_teacher(session)
    course: Course = make_course(
        session, teacher=teacher, status=LessonStatus.DRAFT, **{column: media_url(image)}
    )
    assert not is_public(session, image)
    assert readable(session, image, teacher)
    assert not readable(session, image, make_user(session))
    course.status = LessonStatus.PUBLISHED
    session.flush()
    assert is_public(session, image)


def test_archived_courses_show_their_pictures_and_non_draft_lessons_to_enrolled_students(
    session: Session, storage: LocalStorage
) -> None:
    course = make_course(session, status=LessonStatus.ARCHIVED)
    enrolled, dropped, stranger = make_user(session), make_user(session), make_user(session)
    make_enrollment(session, course=course, student=enrolled)
    make_enrollment(session, course=course, student=dropped, status=EnrollmentStatus.DROPPED)
    thumbnail, archived_lesson, draft_lesson = (
        store_upload(session, data=data, filename="x", owner_id=None, kind="image", storage=storage)
        for data in (imagegen.png((10, 10)), imagegen.png((11, 11)), imagegen.png((12, 12)))
    )
    course.thumbnail_url = media_url(thumbnail)
    show_in_block(session, archived_lesson, course=course, lesson_status=LessonStatus.ARCHIVED)
    show_in_block(session, draft_lesson, course=course, lesson_status=LessonStatus.DRAFT)
    session.flush()
    for row in (thumbnail, archived_lesson):
        assert not is_public(session, row)
        assert readable(session, row, enrolled)
        assert readable(session, row, dropped)  # policy.can_view_course: any enrollment
        assert not readable(session, row, stranger)
    assert not readable(session, draft_lesson, enrolled)


def test_an_avatar_is_its_users_and_their_teachers(session: Session, image: MediaFile) -> None:
    student = make_user(session, avatar_url=media_url(image))
    teacher = make_teacher(session)
    make_enrollment(session, course=make_course(session, teacher=teacher), student=student)
    assert not is_public(session, image)
    assert readable(session, image, student)
    assert readable(session, image, teacher)
    assert readable(session, image, make_admin(session))
    assert not readable(session, image, make_user(session))
    assert not readable(session, image, make_teacher(session))


def test_unknown_and_malformed_keys(session: Session) -> None:
    assert access.lookup(session, storage_key="00/00/" + "0" * 64 + ".png", actor=ANONYMOUS) is None
    assert access.lookup(session, storage_key="../etc/passwd", actor=ANONYMOUS) is None
