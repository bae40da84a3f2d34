"""Certificates over JSON (docs/certificates.md): public verification (rate-limited), the holder's
list, the PDF download (holder, course teacher, admins), revocation (admins) and a course's
per-lesson opt-in (its teacher, admins)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field

from bibliology import throttle
from bibliology.accounts.deps import LoggedIn, RequireAdmin
from bibliology.activity.service import client_address
from bibliology.certificates import service
from bibliology.certificates import tasks as _tasks  # noqa: F401  (registers the completion listeners)
from bibliology.courses import access
from bibliology.deps import SessionDep
from bibliology.inputs import StrictInput
from bibliology.media.storage import storage_for
from bibliology.throttle import Limit
from bibliology.translations.deps import ReaderLanguage

router = APIRouter(prefix="/api/v1", tags=["certificates"])

# Verification is public: a per-address limit keeps anyone from walking the number space.
VERIFY_PER_ADDRESS = Limit(
    "certificate-verify-address", 60, dt.timedelta(minutes=1), "too many verifications: wait a minute"
)
Number = Annotated[str, Path(min_length=1, max_length=64, description="e.g. BIB-2026-7K3M-Q9XD-R")]


def throttle_verification(request: Request) -> None:
    """Counted in a committed transaction of its own, before the request's session is used."""
    address = f"address:{client_address(request) or 'unknown'}"
    throttle.hit(request.app.state.sessions, VERIFY_PER_ADDRESS, address)


class VerificationRead(BaseModel):
    status: Literal["valid", "revoked", "not_found", "mistyped"]
    number: str | None = Field(description="canonical form, when well-formed")
    holder_name: str | None
    title: str | None = Field(description="the course's (or lesson's) title in the reader's language")
    issued_on: dt.date | None
    revoked_on: dt.date | None


class CertificateRead(BaseModel):
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


class RevocationCreate(StrictInput):
    reason: str = Field(min_length=1, max_length=service.REASON_MAX)


class RevocationRead(BaseModel):
    number: str
    revoked_at: dt.datetime
    reason: str


class CertificateSettings(StrictInput):
    lesson_certificates: bool


class CertificateSettingsRead(BaseModel):
    course_id: str
    lesson_certificates: bool


@router.get("/certificates/{number}/verify", response_model=VerificationRead)
def verify_certificate(
    request: Request, number: Number, session: SessionDep, language: ReaderLanguage
) -> VerificationRead:
    """Anyone: valid, revoked, not_found or mistyped (the check character does not match), with the
    holder's name, the title and the issue date only. 60 a minute per address."""
    throttle_verification(request)
    found = service.verify(session, number=number, language=language)
    return VerificationRead(
        status=found.status,
        number=found.number,
        holder_name=found.holder_name,
        title=found.title,
        issued_on=found.issued_on,
        revoked_on=found.revoked_on,
    )


@router.get("/me/certificates", response_model=list[CertificateRead])
def my_certificates(
    request: Request, actor: LoggedIn, session: SessionDep, language: ReaderLanguage
) -> list[CertificateRead]:
    """Your certificates, newest first, with their download and verification links."""
    settings = request.app.state.settings
    return [
        CertificateRead(**held.__dict__)
        for held in service.list_mine(session, actor=actor, language=language, settings=settings)
    ]


@router.get(
    "/certificates/{number}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "the certificate"}},
)
def download_certificate(
    request: Request,
    number: Number,
    actor: LoggedIn,
    session: SessionDep,
    paper: Annotated[Literal["A4", "Letter"] | None, Query(description="default: by language")] = None,
) -> Response:
    """The PDF, for its holder, its course's teacher and admins (anyone else: 404)."""
    certificate = service.get_for_download(session, actor=actor, number=number)
    settings = request.app.state.settings
    data = service.pdf_bytes(
        session, certificate, paper=paper, storage=storage_for(settings), settings=settings
    )
    filename = f"{certificate.certificate_number}.pdf"
    return Response(
        data,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.post("/certificates/{number}/revoke", response_model=RevocationRead)
def revoke_certificate(
    number: Number, body: RevocationCreate, actor: RequireAdmin, session: SessionDep
) -> RevocationRead:
    """Admins: revoke with a reason (activity log REVOKE_CERTIFICATE); it then verifies as revoked."""
    certificate = service.revoke(session, actor=actor, number=number, reason=body.reason)
    assert certificate.revoked_at is not None
    assert certificate.revoked_reason is not None
    return RevocationRead(
        number=certificate.certificate_number,
        revoked_at=certificate.revoked_at,
        reason=certificate.revoked_reason,
    )


@router.put("/courses/{course_id}/certificate-settings", response_model=CertificateSettingsRead)
def set_certificate_settings(
    course_id: Annotated[str, Path(max_length=64)],
    body: CertificateSettings,
    actor: LoggedIn,
    session: SessionDep,
) -> CertificateSettingsRead:
    """The course's teacher or an admin: also issue a certificate for each completed lesson."""
    course = access.manageable(session, actor, course_id, lock=True)
    course.lesson_certificates = body.lesson_certificates
    session.flush()
    return CertificateSettingsRead(course_id=course.id, lesson_certificates=course.lesson_certificates)
