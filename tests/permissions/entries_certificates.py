"""Certificates in the permission matrix (issue 15). "other_student" holds a certificate of the
teacher's course, "student" one too. Verification is public by design (it shows the holder's
name); the PDF is its holder's, its course's teacher's and admins' (anyone else: 404); the list is
one's own; revocation is admins'; the per-lesson opt-in is the course's teacher's and admins'."""

from __future__ import annotations

from bibliology.certificates import service
from bibliology.db import utcnow
from bibliology.enums import EnrollmentStatus
from tests import factories as f
from tests.permissions.matrix import ROLES, Endpoint, Owner, World, anyone, expect, logged_in

EVERYONE = frozenset(ROLES)


def certificate_of(w: World, owner: Owner) -> str:
    def build(world: World) -> str:
        course = world.course("teacher")
        holder = world.users[owner]
        f.make_enrollment(
            world.session,
            course=course,
            student=holder,
            status=EnrollmentStatus.COMPLETED,
            completed_at=utcnow(),
        )
        issued = service.issue(world.session, user_id=holder.id, course_id=course.id)
        assert issued is not None
        return issued.number

    return w.remember(("certificate", owner), build)


def _others_hold_one(w: World) -> None:
    certificate_of(w, "other_student")


ENTRIES = [
    Endpoint(
        "GET",
        "/api/v1/certificates/{number}/verify",
        note="someone's certificate: public, names its holder",
        params=lambda w, r: {"number": certificate_of(w, "other_student")},
        expect=anyone(200),
        sees=EVERYONE,
    ),
    Endpoint(
        "GET",
        "/api/v1/certificates/{number}/verify",
        note="unknown number",
        params=lambda w, r: {"number": "BIB-2026-AAAA-AAAA-A"},
        expect=anyone(200),
    ),
    Endpoint(
        "GET",
        "/api/v1/me/certificates",
        note="others' certificates exist",
        setup=lambda w, r: _others_hold_one(w),
        expect=logged_in(200),
    ),
    Endpoint(
        "GET",
        "/api/v1/certificates/{number}/pdf",
        note="another student's, in the teacher's course",
        params=lambda w, r: {"number": certificate_of(w, "other_student")},
        expect=expect(404, anonymous=401, teacher=200, admin=200),
        sees=frozenset({"teacher", "admin"}),
    ),
    Endpoint(
        "GET",
        "/api/v1/certificates/{number}/pdf",
        note="the student's own",
        params=lambda w, r: {"number": certificate_of(w, "student")},
        expect=expect(404, anonymous=401, student=200, teacher=200, admin=200),
        sees=frozenset({"teacher", "admin"}),
    ),
    Endpoint(
        "POST",
        "/api/v1/certificates/{number}/revoke",
        note="another student's",
        params=lambda w, r: {"number": certificate_of(w, "other_student")},
        json=lambda w, r: {"reason": "issued by mistake"},
        expect=expect(403, anonymous=401, admin=200),
    ),
    Endpoint(
        "PUT",
        "/api/v1/courses/{course_id}/certificate-settings",
        note="the teacher's published course",
        params=lambda w, r: {"course_id": w.course("teacher").id},
        json=lambda w, r: {"lesson_certificates": True},
        expect=expect(403, anonymous=401, teacher=200, admin=200),
    ),
]
