"""Issuing, rendering, verifying, listing and revoking certificates (docs/certificates.md).

Issuing is idempotent: one row per holder and course (or holder and lesson) by partial unique
indexes, written with INSERT … ON CONFLICT DO NOTHING, so concurrent completions, a replayed event
or a retried job converge on one certificate. The PDF is rendered from the row and stored through
the media storage; its key is kept on the row and the download goes through our own route.
"""

# SQL text is assembled from constant fragments only; every value is bound.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, event, select, text, update
from sqlalchemy.orm import Session

from bibliology import i18n
from bibliology.activity.service import record
from bibliology.certificates import numbers
from bibliology.certificates.models import Certificate
from bibliology.certificates.pdf import CertificateContent, Paper, default_paper, render
from bibliology.config import Settings, get_settings
from bibliology.db import utcnow
from bibliology.errors import Conflict, Invalid, NotFound
from bibliology.ids import new_id
from bibliology.media.models import MediaFile
from bibliology.media.service import store_upload
from bibliology.media.storage import Storage, default_storage
from bibliology.policy import Actor, Denied, require_admin, require_login

ISSUE_CERTIFICATE = "ISSUE_CERTIFICATE"
REVOKE_CERTIFICATE = "REVOKE_CERTIFICATE"
REASON_MAX = 500
_NUMBER_ATTEMPTS = 5

Status = Literal["valid", "revoked", "not_found", "mistyped"]


def download_path(number: str) -> str:
    return f"/api/v1/certificates/{number}/pdf"


def verify_path(number: str) -> str:
    return f"/verify/{number}"


def public_base_url(settings: Settings) -> str:
    """Where the verification page is reached from outside: BIBLIOLOGY_BASE_URL (required in
    production), else the address `serve` listens on."""
    if settings.base_url:
        return settings.base_url.rstrip("/")
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host  # noqa: S104
    return f"http://{host}:{settings.port}"


# --- issuing --------------------------------------------------------------------------------------

# A course certificate: the holder's enrollment has completed (completion is permanent).
_COURSE_COMPLETION = text(
    "SELECT completed_at FROM enrollments WHERE student_id = :user_id AND course_id = :course_id"
    " AND completed_at IS NOT NULL"
)
# A lesson certificate: the course opted in and the holder completed the lesson.
_LESSON_COMPLETION = text(
    """
    SELECT lp.completed_at, l.course_id FROM lessons l
    JOIN courses c ON c.id = l.course_id AND c.lesson_certificates
    JOIN enrollments e ON e.course_id = l.course_id AND e.student_id = :user_id
    JOIN lesson_progress lp ON lp.enrollment_id = e.id AND lp.lesson_id = l.id AND lp.status = 'COMPLETED'
    WHERE l.id = :lesson_id
    """
)
_INSERT = text(
    """
    INSERT INTO certificates (id, user_id, course_id, lesson_id, certificate_url, certificate_number, issued_at)
    VALUES (:id, :user_id, :course_id, :lesson_id, :url, :number, timezone('utc', now()))
    ON CONFLICT DO NOTHING
    RETURNING id
    """
)
_EXISTING_COURSE = select(Certificate).where(Certificate.lesson_id.is_(None))
_EXISTING_LESSON = select(Certificate).where(Certificate.lesson_id.is_not(None))


@dataclass(frozen=True)
class Issued:
    certificate_id: str
    number: str
    created: bool  # False: it existed already (a replay, a retry, a second completion)
    rendered: bool  # a PDF was rendered and stored in this call


def issue(
    session: Session,
    *,
    user_id: str,
    course_id: str,
    lesson_id: str | None = None,
    storage: Storage | None = None,
    settings: Settings | None = None,
) -> Issued | None:
    """Issue the certificate of a completed course (or, for an opted-in course, lesson) and render
    its PDF if it has none. None when there is nothing to certify (not completed, not opted in)."""
    if lesson_id is None:
        completed = session.execute(_COURSE_COMPLETION, {"user_id": user_id, "course_id": course_id}).first()
    else:
        completed = session.execute(_LESSON_COMPLETION, {"user_id": user_id, "lesson_id": lesson_id}).first()
        if completed is not None:
            course_id = completed.course_id
    if completed is None:
        return None
    created_id = None
    for _ in range(_NUMBER_ATTEMPTS):
        number = numbers.new_number(utcnow().year)
        values = {"user_id": user_id, "course_id": course_id, "lesson_id": lesson_id}
        created_id = session.execute(
            _INSERT, values | {"id": new_id(), "number": number, "url": download_path(number)}
        ).scalar()
        certificate = _existing(session, user_id=user_id, course_id=course_id, lesson_id=lesson_id)
        if certificate is not None:
            break
        # Neither inserted nor found: the random number collided with another certificate's.
    else:
        raise Conflict("could not draw a free certificate number; try again")
    if created_id is not None:
        record(
            session,
            action=ISSUE_CERTIFICATE,
            user_id=user_id,
            entity_type="certificate",
            entity_id=certificate.id,
            metadata={
                "number": certificate.certificate_number,
                "course_id": course_id,
                "lesson_id": lesson_id,
            },
        )
    rendered = ensure_pdf(session, certificate, storage=storage, settings=settings)
    return Issued(certificate.id, certificate.certificate_number, created_id is not None, rendered)


def _existing(session: Session, *, user_id: str, course_id: str, lesson_id: str | None) -> Certificate | None:
    """The holder's certificate for the course (or lesson), locked: its PDF is rendered once."""
    query = (
        _EXISTING_COURSE.where(Certificate.user_id == user_id, Certificate.course_id == course_id)
        if lesson_id is None
        else _EXISTING_LESSON.where(Certificate.user_id == user_id, Certificate.lesson_id == lesson_id)
    )
    return session.scalars(query.with_for_update()).one_or_none()


_CONTENT = text(
    """
    SELECT u.name AS holder, u.language_pref AS language, t.name AS teacher,
           c.title_en, c.title_fr, l.title_en AS lesson_en, l.title_fr AS lesson_fr,
           COALESCE(lp.completed_at, e.completed_at) AS completed_at
    FROM certificates cert
    JOIN users u ON u.id = cert.user_id
    LEFT JOIN courses c ON c.id = COALESCE(cert.course_id,
                                           (SELECT course_id FROM lessons WHERE id = cert.lesson_id))
    LEFT JOIN users t ON t.id = c.teacher_id
    LEFT JOIN lessons l ON l.id = cert.lesson_id
    LEFT JOIN enrollments e ON e.course_id = c.id AND e.student_id = cert.user_id
    LEFT JOIN lesson_progress lp ON lp.enrollment_id = e.id AND lp.lesson_id = cert.lesson_id
    WHERE cert.id = :id
    """
)


def content_of(
    session: Session, certificate: Certificate, *, settings: Settings | None = None
) -> CertificateContent:
    """What the PDF says, in the holder's language (English fallback for a missing title)."""
    settings = settings or get_settings()
    row = session.execute(_CONTENT, {"id": certificate.id}).one()
    language: Literal["en", "fr"] = "fr" if row.language == "fr" else "en"
    course_title = i18n.resolve(language, en=row.title_en or "", fr=row.title_fr).value
    if certificate.lesson_id is not None:
        title = i18n.resolve(language, en=row.lesson_en or "", fr=row.lesson_fr).value
        of_course: str | None = course_title
    else:
        title, of_course = course_title, None
    completed = row.completed_at or certificate.issued_at
    return CertificateContent(
        holder_name=row.holder,
        title=title,
        course_title=of_course,
        teacher_name=row.teacher or "",
        completed_on=completed.date(),
        issued_at=certificate.issued_at,
        number=certificate.certificate_number,
        verify_url=public_base_url(settings) + verify_path(certificate.certificate_number),
        language=language,
    )


def ensure_pdf(
    session: Session,
    certificate: Certificate,
    *,
    storage: Storage | None = None,
    settings: Settings | None = None,
    force: bool = False,
) -> bool:
    """Render and store the PDF unless the row names a stored one; True when it rendered. Also
    points certificate_url at the download route (the demo seed wrote placeholder URLs)."""
    storage = storage or default_storage()
    key = certificate.pdf_storage_key
    if key is not None and not force and storage.exists(key):
        return False
    content = content_of(session, certificate, settings=settings)
    data = render(content, default_paper(content.language))
    stored = store_upload(
        session,
        data=data,
        filename=f"{certificate.certificate_number}.pdf",
        owner_id=certificate.user_id,
        kind="file",
        storage=storage,
    )
    certificate.pdf_storage_key = stored.storage_key
    certificate.certificate_url = download_path(certificate.certificate_number)
    session.flush()
    return True


# --- the backfill ---------------------------------------------------------------------------------

_MISSING = text(
    """
    SELECT e.student_id AS user_id, e.course_id, NULL AS lesson_id FROM enrollments e
    WHERE e.completed_at IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM certificates c
      WHERE c.user_id = e.student_id AND c.course_id = e.course_id AND c.lesson_id IS NULL
        AND c.pdf_storage_key IS NOT NULL)
    UNION ALL
    SELECT e.student_id, l.course_id, l.id FROM lesson_progress lp
    JOIN enrollments e ON e.id = lp.enrollment_id
    JOIN lessons l ON l.id = lp.lesson_id
    JOIN courses co ON co.id = l.course_id AND co.lesson_certificates
    WHERE lp.status = 'COMPLETED' AND NOT EXISTS (
      SELECT 1 FROM certificates c
      WHERE c.user_id = e.student_id AND c.lesson_id = l.id AND c.pdf_storage_key IS NOT NULL)
    ORDER BY 1, 2, 3 NULLS FIRST
    """
)


@dataclass(frozen=True)
class Missing:
    user_id: str
    course_id: str
    lesson_id: str | None


def missing(session: Session) -> list[Missing]:
    """Completions without a certificate, or whose certificate has no stored PDF yet."""
    return [Missing(r.user_id, r.course_id, r.lesson_id) for r in session.execute(_MISSING)]


# --- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    status: Status
    number: str | None = None
    holder_name: str | None = None
    title: str | None = None
    issued_on: dt.date | None = None
    revoked_on: dt.date | None = None


_PUBLIC = text(
    """
    SELECT cert.certificate_number, cert.issued_at, cert.revoked_at, cert.lesson_id, u.name AS holder,
           c.title_en, c.title_fr, l.title_en AS lesson_en, l.title_fr AS lesson_fr
    FROM certificates cert
    JOIN users u ON u.id = cert.user_id
    LEFT JOIN lessons l ON l.id = cert.lesson_id
    LEFT JOIN courses c ON c.id = COALESCE(cert.course_id, l.course_id)
    WHERE cert.certificate_number = :number
    """
)


def verify(session: Session, *, number: str, language: str) -> Verification:
    """valid / revoked / not_found / mistyped, with the holder's name, the title and the issue date
    only. The exact number is looked up first, so numbers issued before the check character (the
    demo's) still verify; otherwise a number failing its check is "mistyped", not "not found"."""
    typed = numbers.normalise(number)[:64]
    parsed = numbers.parse(number)
    candidates = [c for c in (number.strip().upper()[:64], parsed.number) if c]
    for candidate in dict.fromkeys(candidates):
        row = session.execute(_PUBLIC, {"number": candidate}).one_or_none()
        if row is not None:
            if row.lesson_id is not None:
                title = i18n.resolve(language, en=row.lesson_en or "", fr=row.lesson_fr).value
            else:
                title = i18n.resolve(language, en=row.title_en or "", fr=row.title_fr).value
            return Verification(
                status="revoked" if row.revoked_at is not None else "valid",
                number=row.certificate_number,
                holder_name=row.holder,
                title=title,
                issued_on=row.issued_at.date(),
                revoked_on=row.revoked_at.date() if row.revoked_at is not None else None,
            )
    if parsed.mistyped or not typed:
        return Verification(status="mistyped")
    return Verification(status="not_found", number=parsed.number)


@dataclass(frozen=True)
class Held:
    id: str
    number: str
    kind: Literal["course", "lesson"]
    course_id: str | None
    lesson_id: str | None
    title: str
    issued_at: dt.datetime
    revoked: bool
    download_url: str
    verify_url: str
    pdf_ready: bool


_MINE = text(
    """
    SELECT cert.id, cert.certificate_number, cert.course_id, cert.lesson_id, cert.issued_at, cert.revoked_at,
           cert.pdf_storage_key, c.title_en, c.title_fr, l.title_en AS lesson_en, l.title_fr AS lesson_fr
    FROM certificates cert
    LEFT JOIN lessons l ON l.id = cert.lesson_id
    LEFT JOIN courses c ON c.id = COALESCE(cert.course_id, l.course_id)
    WHERE cert.user_id = :user_id
    ORDER BY cert.issued_at DESC, cert.id
    """
)


def list_mine(
    session: Session, *, actor: Actor, language: str, settings: Settings | None = None
) -> list[Held]:
    user_id = require_login(actor)
    base = public_base_url(settings or get_settings())
    held = []
    for row in session.execute(_MINE, {"user_id": user_id}):
        lesson = row.lesson_id is not None
        title = (
            i18n.resolve(language, en=row.lesson_en or "", fr=row.lesson_fr)
            if lesson
            else i18n.resolve(language, en=row.title_en or "", fr=row.title_fr)
        ).value
        held.append(
            Held(
                id=row.id,
                number=row.certificate_number,
                kind="lesson" if lesson else "course",
                course_id=row.course_id,
                lesson_id=row.lesson_id,
                title=title,
                issued_at=row.issued_at,
                revoked=row.revoked_at is not None,
                download_url=download_path(row.certificate_number),
                verify_url=base + verify_path(row.certificate_number),
                pdf_ready=row.pdf_storage_key is not None,
            )
        )
    return held


_READERS = text(
    """
    SELECT cert.id, cert.user_id, co.teacher_id FROM certificates cert
    LEFT JOIN lessons l ON l.id = cert.lesson_id
    LEFT JOIN courses co ON co.id = COALESCE(cert.course_id, l.course_id)
    WHERE cert.certificate_number = :number
    """
)


def get_for_download(session: Session, *, actor: Actor, number: str) -> Certificate:
    """Its holder, its course's teacher and admins; anyone else is told it does not exist."""
    require_login(actor)
    row = session.execute(_READERS, {"number": number[:64]}).one_or_none()
    if row is None:
        raise NotFound("no such certificate")
    if not (actor.is_admin or actor.user_id in (row.user_id, row.teacher_id)):
        raise Denied("no such certificate")
    return session.get_one(Certificate, row.id)


def pdf_bytes(
    session: Session,
    certificate: Certificate,
    *,
    paper: Paper | None = None,
    storage: Storage | None = None,
    settings: Settings | None = None,
) -> bytes:
    """The stored PDF; the other paper size (or a PDF not rendered yet) is rendered on the fly."""
    storage = storage or default_storage()
    content = content_of(session, certificate, settings=settings)
    wanted = paper or default_paper(content.language)
    if wanted == default_paper(content.language) and certificate.pdf_storage_key is not None:
        try:
            return storage.get(certificate.pdf_storage_key)
        except FileNotFoundError:
            pass
    return render(content, wanted)


# --- revocation -------------------------------------------------------------------------------------


def revoke(session: Session, *, actor: Actor, number: str, reason: str) -> Certificate:
    """Admins only. A revoked certificate stays verifiable, as revoked; revoking twice is refused."""
    require_admin(actor)
    reason = reason.strip()
    if not reason:
        raise Invalid("a reason is required", [{"field": "reason", "message": "must not be blank"}])
    certificate = session.scalars(
        select(Certificate).where(Certificate.certificate_number == number[:64]).with_for_update()
    ).one_or_none()
    if certificate is None:
        raise NotFound("no such certificate")
    if certificate.revoked_at is not None:
        raise Conflict("this certificate is already revoked")
    certificate.revoked_at = utcnow()
    certificate.revoked_reason = reason[:REASON_MAX]
    session.flush()
    record(
        session,
        action=REVOKE_CERTIFICATE,
        actor=actor,
        entity_type="certificate",
        entity_id=certificate.id,
        metadata={"number": certificate.certificate_number, "reason": certificate.revoked_reason},
    )
    return certificate


# --- account deletion -----------------------------------------------------------------------------


def forget_pdfs(session: Session, *, user_id: str, storage: Storage | None = None) -> int:
    """On account deletion: the PDFs name the person, so their media rows go now and their files
    once the transaction commits (the rows stay verifiable by number, naming "Deleted user")."""
    storage = storage or default_storage()
    keys = [
        key
        for key in session.scalars(
            select(Certificate.pdf_storage_key).where(
                Certificate.user_id == user_id, Certificate.pdf_storage_key.is_not(None)
            )
        )
        if key is not None
    ]
    if not keys:
        return 0
    session.execute(update(Certificate).where(Certificate.user_id == user_id).values(pdf_storage_key=None))
    session.execute(delete(MediaFile).where(MediaFile.storage_key.in_(keys)))
    _delete_after_commit(session, storage, keys)
    return len(keys)


def _delete_after_commit(session: Session, storage: Storage, keys: list[str]) -> None:
    @event.listens_for(session, "after_commit", once=True)
    def _delete(_session: Session) -> None:
        for key in keys:
            storage.delete(key)
