"""Issuing (idempotent, only for completions, per-lesson when opted in), the stored PDF, the
public verification, the holder's list, who may download, revocation, and account deletion."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bibliology.accounts import privacy
from bibliology.activity.models import ActivityLog
from bibliology.certificates import numbers, service
from bibliology.certificates.models import Certificate
from bibliology.config import Settings
from bibliology.enums import EnrollmentStatus, LessonProgressStatus, UserRole
from bibliology.errors import Conflict, Forbidden, Invalid, NotFound
from bibliology.media.models import MediaFile
from bibliology.media.storage import default_storage
from bibliology.policy import Actor
from tests import factories as f
from tests.certificates.support import HOLDER, TITLE_FR, completed_course, pdf_text, qr_texts

SETTINGS = Settings(BIBLIOLOGY_ENV="test", BIBLIOLOGY_BASE_URL="https://bible.example.org")


def _count(session: Session, user_id: str) -> int:
    return session.scalar(select(func.count()).where(Certificate.user_id == user_id)) or 0


def test_completing_a_course_issues_one_certificate_with_its_french_pdf(session: Session) -> None:
    student, course, _ = completed_course(session)
    issued = service.issue(session, user_id=student.id, course_id=course.id, settings=SETTINGS)
    assert issued is not None
    assert issued.created
    assert issued.rendered
    assert numbers.parse(issued.number).number == issued.number
    certificate = session.get_one(Certificate, issued.certificate_id)
    assert certificate.certificate_url == f"/api/v1/certificates/{issued.number}/pdf"
    assert certificate.pdf_storage_key is not None
    data = default_storage().get(certificate.pdf_storage_key)
    text = pdf_text(data)
    assert HOLDER in text
    assert "2 décembre 2026" in text
    assert issued.number in text
    assert "L’Évangile selon Marc" in text
    assert qr_texts(data) == [f"https://bible.example.org/verify/{issued.number}"]
    media = session.scalars(
        select(MediaFile).where(MediaFile.storage_key == certificate.pdf_storage_key)
    ).one()
    assert media.owner_id == student.id
    logged = session.scalars(select(ActivityLog).where(ActivityLog.action == "ISSUE_CERTIFICATE")).all()
    assert [(e.user_id, e.entity_id) for e in logged] == [(student.id, certificate.id)]


def test_issuing_again_changes_nothing(session: Session) -> None:
    student, course, _ = completed_course(session)
    first = service.issue(session, user_id=student.id, course_id=course.id)
    again = service.issue(session, user_id=student.id, course_id=course.id)
    assert first is not None
    assert again is not None
    assert (again.certificate_id, again.number, again.created, again.rendered) == (
        first.certificate_id,
        first.number,
        False,
        False,
    )
    assert _count(session, student.id) == 1


def test_a_lost_pdf_is_rendered_again_with_the_same_bytes(session: Session) -> None:
    student, course, _ = completed_course(session)
    first = service.issue(session, user_id=student.id, course_id=course.id)
    assert first is not None
    certificate = session.get_one(Certificate, first.certificate_id)
    key = certificate.pdf_storage_key
    assert key is not None
    before = default_storage().get(key)
    default_storage().delete(key)
    again = service.issue(session, user_id=student.id, course_id=course.id)
    assert again is not None
    assert again.rendered
    assert certificate.pdf_storage_key == key
    assert default_storage().get(key) == before


def test_no_certificate_without_a_completion(session: Session) -> None:
    course = f.make_course(session)
    student = f.make_user(session)
    f.make_enrollment(session, course=course, student=student, status=EnrollmentStatus.ACTIVE)
    assert service.issue(session, user_id=student.id, course_id=course.id) is None
    assert service.issue(session, user_id=f.make_user(session).id, course_id=course.id) is None
    assert _count(session, student.id) == 0


def test_lesson_certificates_only_for_courses_that_opt_in(session: Session) -> None:
    course = f.make_course(session, title_fr="Les sacrements")
    lesson = f.make_lesson(session, course=course, title_en="Baptism", title_fr="Le baptême")
    student = f.make_user(session, language_pref="fr", name="Zoé")
    enrollment = f.make_enrollment(session, course=course, student=student)
    f.make_lesson_progress(
        session,
        enrollment=enrollment,
        lesson=lesson,
        status=LessonProgressStatus.COMPLETED,
        completed_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
    )
    assert service.issue(session, user_id=student.id, course_id=course.id, lesson_id=lesson.id) is None
    course.lesson_certificates = True
    session.flush()
    issued = service.issue(session, user_id=student.id, course_id=course.id, lesson_id=lesson.id)
    assert issued is not None
    certificate = session.get_one(Certificate, issued.certificate_id)
    assert (certificate.lesson_id, certificate.course_id) == (lesson.id, course.id)
    assert certificate.pdf_storage_key is not None
    text = pdf_text(default_storage().get(certificate.pdf_storage_key))
    assert "Le baptême" in text
    assert "Les sacrements" in text
    assert "1 mars 2026" in text
    assert [m.lesson_id for m in service.missing(session) if m.user_id == student.id] == []


def test_the_backfill_finds_completions_without_a_pdf(session: Session) -> None:
    student, course, _ = completed_course(session, language="en")
    legacy = f.make_certificate(session, user=student, course=course, certificate_number="BIB-2026-000001")
    assert service.missing(session) == [service.Missing(student.id, course.id, None)]
    issued = service.issue(session, user_id=student.id, course_id=course.id)
    assert issued is not None
    assert (issued.certificate_id, issued.number, issued.created, issued.rendered) == (
        legacy.id,
        "BIB-2026-000001",
        False,
        True,
    )
    assert legacy.certificate_url == "/api/v1/certificates/BIB-2026-000001/pdf"
    assert service.missing(session) == []


def test_verification_says_valid_revoked_not_found_or_mistyped(session: Session) -> None:
    student, course, _ = completed_course(session)
    issued = service.issue(session, user_id=student.id, course_id=course.id)
    assert issued is not None
    found = service.verify(session, number=issued.number.lower().replace("-", " "), language="fr")
    assert (found.status, found.holder_name, found.title, found.number) == (
        "valid",
        HOLDER,
        TITLE_FR,
        issued.number,
    )
    assert found.issued_on == dt.datetime.now(dt.UTC).date()
    assert (
        service.verify(session, number=issued.number, language="en").title
        == "The Gospel of Mark: a first reading"
    )
    other = numbers.new_number(2026)
    assert service.verify(session, number=other, language="en").status == "not_found"
    typo = issued.number[:-1] + next(c for c in numbers.ALPHABET if c != issued.number[-1])
    assert service.verify(session, number=typo, language="en").status == "mistyped"
    assert service.verify(session, number="", language="en").status == "mistyped"

    admin = Actor(f.make_admin(session).id, UserRole.ADMIN)
    service.revoke(session, actor=admin, number=issued.number, reason="Plagiarised quiz answers")
    revoked = service.verify(session, number=issued.number, language="en")
    assert revoked.status == "revoked"
    assert revoked.holder_name == HOLDER
    entry = session.scalars(select(ActivityLog).where(ActivityLog.action == "REVOKE_CERTIFICATE")).one()
    assert entry.user_id == admin.user_id
    assert entry.metadata_ == {"number": issued.number, "reason": "Plagiarised quiz answers"}
    with pytest.raises(Conflict):
        service.revoke(session, actor=admin, number=issued.number, reason="again")


def test_only_admins_revoke_and_with_a_reason(session: Session) -> None:
    student, course, _ = completed_course(session)
    issued = service.issue(session, user_id=student.id, course_id=course.id)
    assert issued is not None
    teacher = Actor(course.teacher_id, UserRole.TEACHER)
    with pytest.raises(Forbidden):
        service.revoke(session, actor=teacher, number=issued.number, reason="no")
    admin = Actor(f.make_admin(session).id, UserRole.ADMIN)
    with pytest.raises(Invalid):
        service.revoke(session, actor=admin, number=issued.number, reason="   ")
    with pytest.raises(NotFound):
        service.revoke(session, actor=admin, number="BIB-NOPE", reason="x")


def test_holder_teacher_and_admins_download_others_are_told_nothing(session: Session) -> None:
    student, course, _ = completed_course(session)
    issued = service.issue(session, user_id=student.id, course_id=course.id)
    assert issued is not None
    allowed = [
        Actor(student.id, UserRole.STUDENT),
        Actor(course.teacher_id, UserRole.TEACHER),
        Actor(f.make_admin(session).id, UserRole.ADMIN),
    ]
    for actor in allowed:
        certificate = service.get_for_download(session, actor=actor, number=issued.number)
        assert service.pdf_bytes(session, certificate).startswith(b"%PDF-")
    for actor in (
        Actor(f.make_user(session).id, UserRole.STUDENT),
        Actor(f.make_teacher(session).id, UserRole.TEACHER),
    ):
        with pytest.raises(NotFound):
            service.get_for_download(session, actor=actor, number=issued.number)
    letter = service.pdf_bytes(
        session, service.get_for_download(session, actor=allowed[0], number=issued.number), paper="Letter"
    )
    assert b"/MediaBox [0 0 792.00 612.00]" in letter or b"792" in letter


def test_the_holder_lists_theirs(session: Session) -> None:
    student, course, _ = completed_course(session)
    issued = service.issue(session, user_id=student.id, course_id=course.id, settings=SETTINGS)
    assert issued is not None
    completed_course(session, student=f.make_user(session))  # someone else's
    (mine,) = service.list_mine(
        session, actor=Actor(student.id, UserRole.STUDENT), language="fr", settings=SETTINGS
    )
    assert (mine.number, mine.title, mine.kind, mine.revoked, mine.pdf_ready) == (
        issued.number,
        TITLE_FR,
        "course",
        False,
        True,
    )
    assert mine.verify_url == f"https://bible.example.org/verify/{issued.number}"


def test_deleting_the_account_removes_the_pdfs_but_the_number_still_verifies(session: Session) -> None:
    student, course, _ = completed_course(session)
    issued = service.issue(session, user_id=student.id, course_id=course.id)
    assert issued is not None
    certificate = session.get_one(Certificate, issued.certificate_id)
    key = certificate.pdf_storage_key
    assert key is not None
    exported = privacy.export(session, user=student)
    assert [row["certificate_number"] for row in exported["data"]["certificates"]] == [issued.number]
    privacy.erase(session, user=student)
    session.commit()  # the test's savepoint: the file goes once the deletion commits
    assert not default_storage().exists(key)
    assert session.scalar(select(MediaFile).where(MediaFile.storage_key == key)) is None
    refreshed = session.get_one(Certificate, issued.certificate_id)
    assert refreshed.pdf_storage_key is None
    found = service.verify(session, number=issued.number, language="en")
    assert (found.status, found.holder_name) == ("valid", "Deleted user")
