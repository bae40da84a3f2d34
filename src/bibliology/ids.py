"""Collision-resistant string ids in the shape of Prisma's cuid() (the design's id default).

A cuid is 'c' + time (base36 ms) + a per-process counter + a host/process fingerprint + random
blocks. Ids sort roughly by creation time, which keeps B-tree inserts local, and the random part
(from `secrets`) makes them unguessable enough that an id alone grants nothing.
"""

from __future__ import annotations

import itertools
import os
import secrets
import socket
import threading
import time

_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
_BLOCK = 4
_BASE = 36
_DISCRETE = _BASE**_BLOCK

_lock = threading.Lock()
_counter = itertools.count(secrets.randbelow(_DISCRETE))


def _base36(number: int) -> str:
    digits = []
    while True:
        number, rem = divmod(number, _BASE)
        digits.append(_ALPHABET[rem])
        if number == 0:
            return "".join(reversed(digits))


def _pad(text: str, size: int = _BLOCK) -> str:
    return text.rjust(size, "0")[-size:]


def _fingerprint() -> str:
    pid = _pad(_base36(os.getpid()), 2)
    host = socket.gethostname()
    host_id = _pad(_base36(sum(map(ord, host)) + len(host) + _BASE), 2)
    return pid + host_id


_FINGERPRINT = _fingerprint()


def new_id() -> str:
    """A new 25-character cuid, e.g. 'cl9x3f2ab0000qz8k1n2m3p4r'."""
    with _lock:
        count = next(_counter) % _DISCRETE
    timestamp = _base36(int(time.time() * 1000))
    random_part = _pad(_base36(secrets.randbelow(_DISCRETE))) + _pad(_base36(secrets.randbelow(_DISCRETE)))
    return "c" + timestamp + _pad(_base36(count)) + _FINGERPRINT + random_part


def reset_fingerprint_after_fork() -> None:
    """Workers forked from one parent must not share a fingerprint."""
    global _FINGERPRINT
    _FINGERPRINT = _fingerprint()


os.register_at_fork(after_in_child=reset_fingerprint_after_fork)
