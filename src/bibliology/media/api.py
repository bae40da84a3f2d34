"""Upload (teachers and admins) and serving of media files, under the visibility of the content
that uses them (media.access). Bytes are content-addressed: a public file is cached for a year as
immutable; a private one is never stored by a cache; both revalidate by their hash."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import FileResponse, Response
from sqlalchemy.orm import Session

from bibliology.accounts.deps import CurrentActor, RequireTeacher
from bibliology.deps import SessionDep, read_only
from bibliology.errors import NotFound
from bibliology.media import access, service
from bibliology.media.images import MAX_BYTES, OUTPUT_CONTENT_TYPES
from bibliology.media.models import MediaFile
from bibliology.media.schemas import MediaRead
from bibliology.media.storage import Storage, storage_for
from bibliology.policy import Actor, Denied

router = APIRouter(tags=["media"])

# For app.UPLOAD_LIMITS["/api/v1/media"]: the largest image plus room for the multipart envelope.
UPLOAD_LIMIT = MAX_BYTES + 256 * 1024
CACHE_CONTROL = "public, max-age=31536000, immutable"
# Private files: no cache keeps them, so losing access (unpublished, unenrolled) takes effect at once.
PRIVATE_CACHE_CONTROL = "private, no-store"
# A served file is never a document: no script, no plugin, nothing fetched, even opened directly.
MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def get_storage(request: Request) -> Storage:
    return storage_for(request.app.state.settings)


StorageDep = Annotated[Storage, Depends(get_storage)]


@router.post("/api/v1/media", status_code=201, response_model=MediaRead)
def upload(
    session: SessionDep,
    actor: RequireTeacher,
    storage: StorageDep,
    file: Annotated[UploadFile, File(description="a PNG, JPEG, GIF or WebP image (10 MiB at most)")],
) -> MediaRead:
    """Store an image (re-encoded, metadata removed); the same image uploaded twice is one file."""
    media_file = service.store_upload(
        session,
        data=file.file.read(),
        filename=file.filename or "",
        owner_id=actor.user_id,
        kind="image",
        storage=storage,
    )
    return to_read(media_file)


@router.get("/media/{storage_key:path}", include_in_schema=False)
@read_only
def serve(
    storage_key: str, request: Request, session: SessionDep, storage: StorageDep, actor: CurrentActor
) -> Response:
    """The file, to whoever may see content that uses it; 404 to anyone else, as for no file."""
    return _serve(storage_key, request, session, storage, actor)


# HEAD apart: read-only endpoints are GET only (deps.read_only); HEAD is rare enough for the main pool.
@router.head("/media/{storage_key:path}", include_in_schema=False)
def serve_head(
    storage_key: str, request: Request, session: SessionDep, storage: StorageDep, actor: CurrentActor
) -> Response:
    return _serve(storage_key, request, session, storage, actor)


def _serve(storage_key: str, request: Request, session: Session, storage: Storage, actor: Actor) -> Response:
    media_file = access.lookup(session, storage_key=storage_key, actor=actor)
    if media_file is None:
        raise NotFound("no such media file")
    if not media_file.readable:
        raise Denied("no such media file")
    headers = _headers(media_file)
    # Only now: a 304 to someone who may not read the file would tell them it exists.
    if _matches(request.headers.get("if-none-match"), media_file.sha256):
        return Response(status_code=304, headers=headers)
    path = storage.local_path(media_file.storage_key)
    if path is not None:
        if not path.is_file():
            raise NotFound("no such media file")
        return FileResponse(path, media_type=media_file.content_type, headers=headers)
    try:
        data = storage.get(media_file.storage_key)
    except FileNotFoundError:
        raise NotFound("no such media file") from None
    return Response(data, media_type=media_file.content_type, headers=headers)


def to_read(media_file: MediaFile) -> MediaRead:
    return MediaRead(
        id=media_file.id,
        url=service.media_url(media_file),
        content_type=media_file.content_type,
        width=media_file.width,
        height=media_file.height,
        byte_size=media_file.byte_size,
        sha256=media_file.sha256,
    )


def _headers(media_file: access.ServedMedia) -> dict[str, str]:
    # Only our own re-encoded images are shown in the browser (service.is_inline); the rest downloads.
    disposition = "inline" if media_file.content_type in OUTPUT_CONTENT_TYPES else "attachment"
    name = media_file.storage_key.rsplit("/", 1)[-1]  # ours, never the uploader's
    return {
        "etag": f'"{media_file.sha256}"',
        "cache-control": CACHE_CONTROL if media_file.public else PRIVATE_CACHE_CONTROL,
        "x-content-type-options": "nosniff",
        "content-security-policy": MEDIA_CSP,
        "content-disposition": f'{disposition}; filename="{name}"',
    }


def _matches(if_none_match: str | None, sha256: str) -> bool:
    if not if_none_match:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or f'"{sha256}"' in tags
