"""The backup archive: one uncompressed tar stream, written and read in one pass with constant
memory (the dump is compressed by pg_dump; media are mostly compressed images already).

Members, in order: `database.dump` (pg_dump custom format), `media/<storage key>` for every media
file, `manifest.json` (what the archive holds and each member's SHA-256), and last `archive.sha256`:
the SHA-256 of every byte before that member's header. The reader recomputes it, and checks that
the bytes after it are tar's zero padding, so an altered byte anywhere — data, header, padding,
manifest — or a truncated file is refused."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

FORMAT = "bibliology-backup"
FORMAT_VERSION = 1
DUMP_MEMBER = "database.dump"
MEDIA_PREFIX = "media/"
MANIFEST_MEMBER = "manifest.json"
TRAILER_MEMBER = "archive.sha256"
CHUNK = 1 << 20


class ArchiveError(ValueError):
    """A truncated, altered or foreign archive: nothing was restored from it."""


@dataclass
class Manifest:
    app_version: str
    created_at: str  # ISO 8601, UTC
    schema_revision: list[str]
    server_version: str
    pg_dump_version: str
    tables: dict[str, dict[str, Any]]  # "schema.table" -> {"rows": int, "checksum": str}
    files: dict[str, dict[str, Any]] = field(default_factory=dict)  # member -> {"size", "sha256"}

    def as_json(self) -> bytes:
        body = {"format": FORMAT, "format_version": FORMAT_VERSION} | vars(self)
        return json.dumps(body, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            body = json.loads(data)
            if body.pop("format") != FORMAT:
                raise ArchiveError("not a Bibliology backup (manifest format)")
            if body.pop("format_version") > FORMAT_VERSION:
                raise ArchiveError("the backup was written by a newer Bibliology: upgrade first")
            return cls(**body)
        except (ValueError, KeyError, TypeError) as exc:
            if isinstance(exc, ArchiveError):
                raise
            raise ArchiveError(f"unreadable manifest: {exc}") from None

    @property
    def total_rows(self) -> int:
        return sum(int(table["rows"]) for table in self.tables.values())


class _DigestingWriter:
    """The output stream, hashing and counting every byte (tar's `tell` comes from the count)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.hash = hashlib.sha256()
        self.position = 0

    def write(self, data: bytes) -> int:
        self.raw.write(data)
        self.hash.update(data)
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        self.raw.flush()


class _HashingReader:
    """A member's source, hashed as tar copies it."""

    def __init__(self, raw: IO[bytes], advance: Callable[[int], None]) -> None:
        self.raw = raw
        self.hash = hashlib.sha256()
        self.advance = advance

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.hash.update(data)
        self.advance(len(data))
        return data


class ArchiveWriter:
    def __init__(self, raw: IO[bytes], *, progress: Callable[[int], None] = lambda _: None) -> None:
        self._out = _DigestingWriter(raw)
        self._tar = tarfile.open(fileobj=self._out, mode="w", format=tarfile.PAX_FORMAT)  # type: ignore[call-overload]  # noqa: SIM115
        self._progress = progress
        self.files: dict[str, dict[str, Any]] = {}

    def add(self, name: str, source: IO[bytes], size: int) -> str:
        """Copy `size` bytes of `source` as member `name`; returns their SHA-256."""
        if name in self.files or name in (MANIFEST_MEMBER, TRAILER_MEMBER):
            raise ValueError(f"duplicate archive member {name}")
        reader = _HashingReader(source, self._progress)
        self._tar.addfile(self._info(name, size), reader)
        _forget_headers(self._tar)
        digest = reader.hash.hexdigest()
        self.files[name] = {"size": size, "sha256": digest}
        return digest

    def finish(self, manifest: Manifest) -> int:
        """Write the manifest and the trailer; returns the archive's size in bytes."""
        manifest.files = self.files
        body = manifest.as_json()
        self._tar.addfile(self._info(MANIFEST_MEMBER, len(body)), io.BytesIO(body))
        digest = self._out.hash.hexdigest().encode() + b"\n"
        self._tar.addfile(self._info(TRAILER_MEMBER, len(digest)), io.BytesIO(digest))
        self._tar.close()
        self._out.flush()
        return self._out.position

    @staticmethod
    def _info(name: str, size: int) -> tarfile.TarInfo:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mode = 0o644
        info.mtime = int(time.time())
        return info


class _VerifyingReader:
    """The input stream: counts bytes and hashes them with a delay of at least `window` bytes, so
    the digest of any prefix ending in that window (the trailer's header, which tar has just read
    ahead of) is still available; memory stays under 2 × window."""

    def __init__(self, raw: IO[bytes], advance: Callable[[int], None], window: int = CHUNK) -> None:
        self.raw = raw
        self.advance = advance
        self.window = window
        self.hash = hashlib.sha256()
        self.hashed = 0  # bytes fed to self.hash
        self.pending = bytearray()  # bytes read after those

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.pending += data
        self.advance(len(data))
        if len(self.pending) > 2 * self.window:
            cut = len(self.pending) - self.window
            self.hash.update(self.pending[:cut])
            del self.pending[:cut]
            self.hashed += cut
        return data

    def digest_before(self, offset: int) -> str:
        if offset < self.hashed:
            raise ArchiveError("corrupt archive (trailer out of place)")
        digest = self.hash.copy()
        digest.update(self.pending[: offset - self.hashed])
        return digest.hexdigest()

    def zeros_from(self, offset: int) -> int:
        """How many bytes follow `offset` up to the end of the file, failing unless all are zero."""
        if offset < self.hashed:
            raise ArchiveError("corrupt archive (trailer out of place)")
        tail = bytes(self.pending[offset - self.hashed :])
        count = len(tail)
        while True:
            if tail.count(0) != len(tail):
                raise ArchiveError("altered archive: bytes after the trailer are not tar padding")
            tail = self.raw.read(CHUNK)
            if not tail:
                return count
            self.advance(len(tail))
            count += len(tail)


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    stream: IO[bytes]


def read_archive(
    raw: IO[bytes],
    *,
    sink: Callable[[Member], None],
    progress: Callable[[int], None] = lambda _: None,
) -> Manifest:
    """Read the archive once, handing every data member to `sink` (which must read it fully) and
    checking each one's SHA-256, the manifest and the trailer. Raises ArchiveError on anything amiss;
    a caller that only stages what `sink` received has then changed nothing."""
    reader = _VerifyingReader(raw, progress)
    hashes: dict[str, dict[str, Any]] = {}
    manifest: Manifest | None = None
    trailer: tarfile.TarInfo | None = None
    trailer_matches = False
    try:
        with tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[call-overload]
            for info in _members(tar):
                if trailer is not None:
                    raise ArchiveError("altered archive: members after the trailer")
                if not info.isfile():
                    raise ArchiveError(f"unexpected archive member {info.name!r}")
                stream = tar.extractfile(info)
                assert stream is not None
                if info.name == TRAILER_MEMBER:
                    trailer = info
                    expected = reader.digest_before(info.offset)
                    trailer_matches = stream.read(128).strip() == expected.encode()
                elif info.name == MANIFEST_MEMBER:
                    manifest = Manifest.from_json(stream.read())
                elif manifest is not None:
                    raise ArchiveError(f"altered archive: {info.name!r} after the manifest")
                else:
                    if info.name in hashes:
                        raise ArchiveError(f"altered archive: {info.name!r} twice")
                    hashing = _HashingReader(stream, lambda _: None)
                    sink(Member(info.name, info.size, hashing))  # type: ignore[arg-type]
                    if hashing.read(1):  # the sink must have consumed the member
                        raise RuntimeError(f"archive member {info.name} was not read to its end")
                    hashes[info.name] = {"size": info.size, "sha256": hashing.hash.hexdigest()}
    except tarfile.TarError as exc:
        raise ArchiveError(f"truncated or corrupt archive ({exc})") from None
    except EOFError:
        raise ArchiveError("truncated archive") from None
    if manifest is None or trailer is None:
        raise ArchiveError("truncated archive: no manifest or trailer at its end")
    end_of_data = trailer.offset_data + trailer.size
    padding = -trailer.size % tarfile.BLOCKSIZE
    zeros = reader.zeros_from(end_of_data)
    # The writer ends with two zero blocks and fills the last 10 KiB record: anything less was cut.
    if zeros < padding + 2 * tarfile.BLOCKSIZE or (end_of_data + zeros) % tarfile.RECORDSIZE:
        raise ArchiveError("truncated archive: its end-of-archive blocks are incomplete")
    if hashes != manifest.files:
        missing = sorted(manifest.files.keys() - hashes.keys())
        wrong = sorted(name for name in hashes if manifest.files.get(name) != hashes[name])
        raise ArchiveError(
            "altered archive: "
            + "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing[:5])}" if missing else "",
                    f"checksum or size differs for {', '.join(wrong[:5])}" if wrong else "",
                )
                if part
            )
        )
    if not trailer_matches:  # after the members' own checks, which name what differs
        raise ArchiveError("altered archive: its SHA-256 does not match its trailer")
    if DUMP_MEMBER not in hashes:
        raise ArchiveError("not a Bibliology backup: no database dump")
    return manifest


def _members(tar: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    while (info := tar.next()) is not None:
        _forget_headers(tar)
        yield info


def _forget_headers(tar: tarfile.TarFile) -> None:
    # tarfile keeps every member's header: memory would grow with the number of media files.
    tar.members.clear()  # type: ignore[attr-defined]


def media_key(member: str) -> str | None:
    return member[len(MEDIA_PREFIX) :] if member.startswith(MEDIA_PREFIX) else None
