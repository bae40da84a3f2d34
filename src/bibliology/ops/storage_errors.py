"""A full disk (or an exhausted quota) answers 507 problem+json saying so, instead of a bare 500.

The write that hit it is rolled back with its request's transaction, and the media service deletes
the files that transaction wrote (bibliology.media.service), so no row points at a missing file."""

from __future__ import annotations

import errno
import logging

from fastapi import FastAPI, Request, Response

from bibliology import http
from bibliology.errors import DomainError

log = logging.getLogger(__name__)
FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


class StorageFull(DomainError):
    status = 507
    slug = "insufficient-storage"
    title = "Insufficient storage"


async def storage_error_handler(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, OSError) or exc.errno not in FULL:
        raise exc  # any other OSError stays an internal error
    log.error("storage full while handling a request: %s", exc.strerror)
    detail = "the server's storage is full: nothing was saved; try again later or tell the administrator"
    return await http.domain_error_handler(request, StorageFull(detail))


def install(app: FastAPI) -> None:
    app.add_exception_handler(OSError, storage_error_handler)
