"""Media files: validated, re-encoded, stored once per content hash; no row without its file, and no
file left behind by a transaction that rolls back."""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import event, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, SessionTransaction

from bibliology.errors import Conflict, Invalid, NotFound
from bibliology.media import images
from bibliology.media.models import MediaFile
from bibliology.media.storage import InvalidKey, Storage, check_key, default_storage, storage_key

FILE_CONTENT_TYPE = "application/octet-stream"
FILE_EXTENSION = "bin"
MAX_FILENAME = 255
_WRITTEN = "media_files_written"
# Advisory locks on content (see content_lock): the class names ours among other advisory locks.
CONTENT_LOCK_CLASS = 0x6D656469  # "medi"
log = logging.getLogger(__name__)


class MediaRejected(Invalid):
    """An upload refused for its content; the detail tells the uploader what was wrong."""


def media_url(media_file: MediaFile) -> str:
    return f"/media/{media_file.storage_key}"


def store_upload(
    session: Session,
    *,
    data: bytes,
    filename: str,
    owner_id: str | None,
    kind: Literal["image", "file"],
    storage: Storage | None = None,
) -> MediaFile:
    """Validate and store an upload; the same content stored twice is one row and one file.

    kind="image": PNG, JPEG, GIF or WebP by content, re-encoded (see images.reencode).
    kind="file": anything (EMF/WMF pictures of an imported deck), kept as-is, served as attachment.
    Raises MediaRejected; a refused upload writes nothing."""
    storage = storage or default_storage()
    payload = _validated(data, kind)
    sha256 = hashlib.sha256(payload.data).hexdigest()
    session.execute(select(func.pg_advisory_xact_lock_shared(CONTENT_LOCK_CLASS, content_lock_id(sha256))))
    existing = session.scalar(select(MediaFile).where(MediaFile.sha256 == sha256))
    if existing is not None:
        if not storage.exists(existing.storage_key):  # lost from storage: we hold the bytes, heal it
            storage.put(existing.storage_key, payload.data, existing.content_type)
        return existing
    row_id = _insert_and_write(session, storage, payload, sha256=sha256, owner_id=owner_id, filename=filename)
    if row_id is None:  # a concurrent upload of the same content committed first: use its row
        winner = session.scalar(select(MediaFile).where(MediaFile.sha256 == sha256))
        if winner is None:
            raise Conflict("the same media file is being stored concurrently; try again")
        return winner
    return session.get_one(MediaFile, row_id)


def content_lock_id(sha256: str) -> int:
    """The advisory lock that orders an upload and the orphan sweep (media.sweep) on one content.

    Every upload holds it, shared, from before it looks for its row until its transaction ends, so
    the file it writes is covered while its row is not yet committed; the sweep takes it
    exclusively before deleting a file, and skips the file when it cannot. A collision between two
    contents only makes the sweep skip or an upload wait a moment."""
    return int.from_bytes(bytes.fromhex(sha256[:8]), "big", signed=True)


def _insert_and_write(
    session: Session, storage: Storage, payload: _Payload, *, sha256: str, owner_id: str | None, filename: str
) -> str | None:
    """The row first: its unique sha256 makes a concurrent upload of the same content wait for this
    transaction, so only one of them writes (and, should it roll back, deletes) the file. The
    savepoint takes the row back if the write fails."""
    key = storage_key(sha256, payload.extension)
    with session.begin_nested():
        row_id = session.scalar(
            insert(MediaFile)
            .values(
                sha256=sha256,
                storage_key=key,
                owner_id=owner_id,
                content_type=payload.content_type,
                byte_size=len(payload.data),
                width=payload.width,
                height=payload.height,
                original_filename=clean_filename(filename),
            )
            .on_conflict_do_nothing()
            .returning(MediaFile.id)
        )
        if row_id is not None:
            version = storage.put(key, payload.data, payload.content_type)
            _remember_written(session, storage, key, version)
    return row_id


def get_by_key(session: Session, *, storage_key: str) -> MediaFile:
    """The media file served at /media/<storage_key>; NotFound for anything else."""
    try:
        check_key(storage_key)
    except InvalidKey:
        raise NotFound("no such media file") from None
    media_file = session.scalar(select(MediaFile).where(MediaFile.storage_key == storage_key))
    if media_file is None:
        raise NotFound("no such media file")
    return media_file


def is_inline(media_file: MediaFile) -> bool:
    """Only our own re-encoded images are shown in the browser; any other file is a download."""
    return media_file.content_type in images.OUTPUT_CONTENT_TYPES


def clean_filename(filename: str) -> str | None:
    """The uploader's file name, kept for display only: last path component, no control characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    return name[:MAX_FILENAME] or None


@dataclass(frozen=True)
class _Payload:
    data: bytes
    content_type: str
    extension: str
    width: int | None = None
    height: int | None = None


def _validated(data: bytes, kind: Literal["image", "file"]) -> _Payload:
    try:
        if kind == "file":
            images.check_byte_size(data)
            return _Payload(data, FILE_CONTENT_TYPE, FILE_EXTENSION)
        encoded = images.reencode(data)
    except images.ImageRejected as exc:
        raise MediaRejected(str(exc), fields=[{"field": "file", "message": str(exc)}]) from exc
    return _Payload(encoded.data, encoded.content_type, encoded.extension, encoded.width, encoded.height)


# Files written in a transaction are deleted if it rolls back (a savepoint rolled back removes those
# written inside it). Each entry remembers the transaction it was written in and that transaction's
# ancestors, so a rollback at any level finds exactly the files written under it.
@dataclass(frozen=True)
class _Written:
    under: tuple[SessionTransaction, ...]
    storage: Storage
    key: str
    version: str


def _remember_written(session: Session, storage: Storage, key: str, version: str) -> None:
    transaction = session.get_nested_transaction() or session.get_transaction()
    chain: list[SessionTransaction] = []
    while transaction is not None:
        chain.append(transaction)
        transaction = transaction.parent
    session.info.setdefault(_WRITTEN, []).append(_Written(tuple(chain), storage, key, version))


@event.listens_for(Session, "after_commit")
def _keep_after_commit(session: Session) -> None:
    # Also fired when a savepoint is released, which commits nothing yet: keep tracking then.
    if session.get_nested_transaction() is None:
        session.info.pop(_WRITTEN, None)


@event.listens_for(Session, "after_soft_rollback")
def _delete_on_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    _delete_written_under(session, previous_transaction)


@event.listens_for(Session, "after_transaction_end")
def _delete_on_close(session: Session, transaction: SessionTransaction) -> None:
    # The outermost transaction ending without after_commit having run: rolled back or closed.
    if transaction.parent is None:
        _delete_written_under(session, transaction)


def _delete_written_under(session: Session, transaction: SessionTransaction) -> None:
    written: list[_Written] = session.info.get(_WRITTEN, [])
    undone = [entry for entry in written if transaction in entry.under]
    if not undone:
        return
    session.info[_WRITTEN] = [entry for entry in written if transaction not in entry.under]
    for entry in undone:
        # Only our own write: after our rollback another transaction may have stored the same
        # content, and its file (a newer version) must stay.
        try:
            entry.storage.delete(entry.key, version=entry.version)
        except OSError:  # never mask the rollback's own cause; an orphan file is harmless
            log.warning("could not delete media file %s after a rollback", entry.key, exc_info=True)
