"""Media in the permission matrix. Uploading with a real file is checked in tests/media/test_api.py;
here, without a file, who is refused before the body is validated. Serving: a file is public when
published content uses it, otherwise only for the people who may see what uses it (media.access),
and a 404 — never a 403 — for everyone else; an unknown key is a 404 for everyone."""

from __future__ import annotations

from collections.abc import Callable

from bibliology.enums import EnrollmentStatus, LessonStatus
from bibliology.media.models import MediaFile
from bibliology.media.service import media_url, store_upload
from tests import factories as f
from tests.media import imagegen
from tests.media.conftest import show_in_block
from tests.permissions.matrix import Endpoint, Owner, Role, World, anyone, expect, teachers_only

UNKNOWN_KEY = "00/00/" + "0" * 64 + ".png"


def stored(w: World, uploader: Owner | None = None) -> MediaFile:
    """An image in the app's media directory (the tests' default storage is the app's)."""

    def build(world: World) -> MediaFile:
        owner_id = world.users[uploader].id if uploader else None
        return store_upload(
            world.session, data=imagegen.png(), filename="map.png", owner_id=owner_id, kind="image"
        )

    return w.remember(("media", uploader), build)


def key_of(build: Callable[[World], MediaFile]) -> Callable[[World, Role], dict[str, str]]:
    return lambda w, r: {"storage_key": build(w).storage_key}


def in_course(status: LessonStatus, *, enrolled: bool = False) -> Callable[[World], MediaFile]:
    def build(w: World) -> MediaFile:
        image = stored(w)
        course = w.course("teacher", status=status)
        show_in_block(w.session, image, course=course)
        if enrolled:
            f.make_enrollment(w.session, course=course, student=w.user("student"))
        return image

    return build


def unused_upload(w: World) -> MediaFile:
    return stored(w, uploader="teacher")


def students_avatar(w: World) -> MediaFile:
    image = stored(w)
    w.user("student").avatar_url = media_url(image)
    f.make_enrollment(w.session, course=w.course("teacher"), student=w.user("student"))
    w.session.flush()
    return image


def dropped_from_archived(w: World) -> MediaFile:
    image = in_course(LessonStatus.ARCHIVED)(w)
    course = w.course("teacher", status=LessonStatus.ARCHIVED)
    f.make_enrollment(
        w.session, course=course, student=w.user("other_student"), status=EnrollmentStatus.DROPPED
    )
    return image


MEDIA = "/media/{storage_key}"
ENTRIES: list[Endpoint] = [
    Endpoint("POST", "/api/v1/media", teachers_only(422), note="no file: teachers reach body validation"),
    Endpoint("GET", MEDIA, anyone(404), note="unknown key", params=lambda w, r: {"storage_key": UNKNOWN_KEY}),
    Endpoint(
        "GET", MEDIA, anyone(200), note="in a published lesson of a published course",
        params=key_of(in_course(LessonStatus.PUBLISHED)),
    ),
    Endpoint(
        "GET", MEDIA, expect(404, teacher=200, admin=200), note="in a draft course",
        params=key_of(in_course(LessonStatus.DRAFT)),
    ),
    Endpoint(
        "GET", MEDIA, expect(404, student=200, teacher=200, admin=200),
        note="in an archived course the student is enrolled in",
        params=key_of(in_course(LessonStatus.ARCHIVED, enrolled=True)),
    ),
    Endpoint(
        "GET", MEDIA, expect(404, teacher=200, admin=200),
        note="in an archived course another student dropped", params=key_of(dropped_from_archived),
    ),
    Endpoint(
        "GET", MEDIA, expect(404, teacher=200, admin=200), note="a teacher's upload used nowhere yet",
        params=key_of(unused_upload),
    ),
    Endpoint(
        "GET", MEDIA, expect(404, student=200, teacher=200, admin=200),
        note="a student's avatar: theirs and their teacher's", params=key_of(students_avatar),
    ),
]  # fmt: skip
