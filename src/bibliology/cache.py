"""The shared cache: Redis when REDIS_URL is set, else in-process. An outage costs speed, never
correctness: every operation is bounded by a short timeout, failures read as misses, and an
invalidation Redis could not take makes the whole Redis cache unusable until it is flushed.

`read_through` is the cache-aside helper every cached view uses (docs/learning.md, "Cache"):
concurrent misses for one key do one database read, and a value read before a write committed
is never stored after that write's invalidation (a per-key lease the invalidation revokes).
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import redis

log = logging.getLogger(__name__)

# The design's 15 minutes for course outlines and lesson trees.
DEFAULT_TTL_SECONDS = 15 * 60
# A loader holds its key's lease this long at most; readers that find it held poll for the value
# for up to WAIT_SECONDS, then read the database themselves (without storing).
LEASE_MILLISECONDS = 5_000
WAIT_SECONDS = 1.0
POLL_SECONDS = 0.01
# After a Redis failure, skip Redis for this long instead of paying the timeout on every call.
COOLDOWN_SECONDS = 2.0


class Cache(Protocol):
    backend: str
    flights: SingleFlight

    def get(self, key: str) -> bytes | None: ...
    def get_many(self, *keys: str) -> list[bytes | None]:
        """Several values in one round trip, in the order of `keys`."""

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None: ...
    def delete(self, *keys: str) -> None: ...
    def status(self) -> str: ...

    def lease(self, key: str, ttl_ms: int) -> str | None:
        """A token when the caller may load and store `key`, None while someone else holds it."""

    def fill(self, key: str, token: str, value: bytes, ttl_seconds: int) -> bool:
        """Store `value` only if the lease `token` is still held (no invalidation since); release it."""

    def release(self, key: str, token: str) -> None: ...


@dataclass
class _Call:
    done: threading.Event = field(default_factory=threading.Event)
    result: bytes | None = None
    failed: bool = False


class SingleFlight:
    """Concurrent calls for one key in this process share the first caller's result."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[str, _Call] = {}

    def do(self, key: str, fn: Callable[[], bytes | None]) -> bytes | None:
        with self._lock:
            call = self._calls.get(key)
            leader = call is None
            if call is None:
                call = self._calls[key] = _Call()
        if not leader:
            call.done.wait()
            # The leader's failure is its own (its session, its timeout): load for ourselves.
            return fn() if call.failed else call.result
        try:
            call.result = fn()
        except BaseException:
            call.failed = True
            raise
        finally:
            with self._lock:
                del self._calls[key]
            call.done.set()
        return call.result


def read_through(
    cache: Cache,
    key: str,
    load: Callable[[], bytes | None],
    *,
    ttl_seconds: int = DEFAULT_TTL_SECONDS,
) -> bytes | None:
    """Cache-aside: the cached value, else `load()` (None is returned, never stored)."""
    value = cache.get(key)
    if value is not None:
        return value
    return cache.flights.do(key, lambda: _load_once(cache, key, load, ttl_seconds))


def _load_once(cache: Cache, key: str, load: Callable[[], bytes | None], ttl_seconds: int) -> bytes | None:
    token = cache.lease(key, LEASE_MILLISECONDS)
    if token is None:  # another process is loading it: wait briefly for its value
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            if (value := cache.get(key)) is not None:
                return value
        return load()
    try:
        value = load()
    except BaseException:
        cache.release(key, token)
        raise
    if value is None:
        cache.release(key, token)
    else:
        cache.fill(key, token, value, ttl_seconds)
    return value


def _lease_key(key: str) -> str:
    return f"{key}:lease"


class MemoryCache:
    """Per-process cache for a single-process deployment (the embedded default)."""

    backend = "memory"

    def __init__(self, max_entries: int = 10_000) -> None:
        self._data: dict[str, tuple[float, bytes]] = {}
        self._leases: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()
        self._max = max_entries
        self.flights = SingleFlight()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            entry = self._data.get(key)
            if entry is None or entry[0] < time.monotonic():
                self._data.pop(key, None)
                return None
            return entry[1]

    def get_many(self, *keys: str) -> list[bytes | None]:
        return [self.get(key) for key in keys]

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        with self._lock:
            self._store(key, value, ttl_seconds)

    def _store(self, key: str, value: bytes, ttl_seconds: int) -> None:
        if key not in self._data and len(self._data) >= self._max:
            self._data.pop(next(iter(self._data)))  # oldest insertion first
        self._data[key] = (time.monotonic() + ttl_seconds, value)

    def delete(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._data.pop(key, None)
                self._leases.pop(key, None)

    def status(self) -> str:
        return "ok"

    def lease(self, key: str, ttl_ms: int) -> str | None:
        now = time.monotonic()
        with self._lock:
            held = self._leases.get(key)
            if held is not None and held[0] > now:
                return None
            token = secrets.token_hex(8)
            self._leases[key] = (now + ttl_ms / 1000, token)
            return token

    def fill(self, key: str, token: str, value: bytes, ttl_seconds: int) -> bool:
        with self._lock:
            held = self._leases.get(key)
            if held is None or held[1] != token or held[0] < time.monotonic():
                return False
            del self._leases[key]
            self._store(key, value, ttl_seconds)
            return True

    def release(self, key: str, token: str) -> None:
        with self._lock:
            held = self._leases.get(key)
            if held is not None and held[1] == token:
                del self._leases[key]


# Values are stored as b"<epoch>|<value>" and read with the current epoch in one round trip, so
# bumping the epoch forgets every entry at once: that is how an invalidation lost during an outage
# is made good (a stale entry would otherwise survive until its TTL when Redis comes back).
EPOCH_KEY = "bibliology:cache:epoch"

_SET = """
local e = redis.call('GET', KEYS[2]) or '0'
redis.call('SET', KEYS[1], e .. '|' .. ARGV[1], 'EX', ARGV[2])
return 1
"""
# The lease token starts with the epoch it was taken under: a fill after an epoch bump is refused.
_LEASE = """
local e = redis.call('GET', KEYS[2]) or '0'
local token = e .. ':' .. ARGV[1]
if redis.call('SET', KEYS[1], token, 'NX', 'PX', ARGV[2]) then return token end
return false
"""
_FILL = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
local e = redis.call('GET', KEYS[3]) or '0'
if string.sub(ARGV[1], 1, string.len(e) + 1) ~= e .. ':' then return 0 end
redis.call('SET', KEYS[2], e .. '|' .. ARGV[2], 'EX', ARGV[3])
return 1
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
"""


# The lease of a cache that cannot store anything: load, and store nowhere.
_NO_LEASE = "-"


class RedisCache:
    backend = "redis"

    def __init__(self, url: str, timeout_seconds: float) -> None:
        self._client = redis.Redis.from_url(
            url, socket_timeout=timeout_seconds, socket_connect_timeout=timeout_seconds
        )
        self._set = self._client.register_script(_SET)
        self._lease = self._client.register_script(_LEASE)
        self._fill = self._client.register_script(_FILL)
        self._release = self._client.register_script(_RELEASE)
        self._state = threading.Lock()
        self._retry_at = 0.0  # monotonic time before which Redis is not tried
        # An invalidation was lost: entries may be stale, so nothing is read until the epoch moves.
        self._stale = False
        self.flights = SingleFlight()

    def get(self, key: str) -> bytes | None:
        return self.get_many(key)[0]

    def get_many(self, *keys: str) -> list[bytes | None]:
        if not self._usable():
            return [None] * len(keys)
        try:
            epoch, *values = self._client.mget(EPOCH_KEY, *keys)
        except redis.RedisError as exc:
            self._failed("cache read failed, reading the database instead", exc)
            return [None] * len(keys)
        prefix = (epoch if isinstance(epoch, bytes) else b"0") + b"|"
        return [
            raw[len(prefix) :] if isinstance(raw, bytes) and raw.startswith(prefix) else None
            for raw in values
        ]

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        if not self._usable():
            return
        try:
            self._set(keys=[key, EPOCH_KEY], args=[value, ttl_seconds])
        except redis.RedisError as exc:
            self._failed("cache write failed", exc)

    def delete(self, *keys: str) -> None:
        if not keys:
            return
        doomed = [name for key in keys for name in (key, _lease_key(key))]
        if self._cooling_down():
            self._lost_invalidation(keys, None)
            return
        try:
            self._client.delete(*doomed)
        except redis.RedisError as exc:
            self._failed("cache invalidation failed", exc)
            self._lost_invalidation(keys, exc)

    def status(self) -> str:
        try:
            self._client.ping()
        except redis.RedisError as exc:
            return f"unavailable ({type(exc).__name__})"
        return "stale: flushing on the next read" if self._stale else "ok"

    def lease(self, key: str, ttl_ms: int) -> str | None:
        if not self._usable():
            return _NO_LEASE  # load from the database; the fill will be a no-op
        try:
            token = self._lease(keys=[_lease_key(key), EPOCH_KEY], args=[secrets.token_hex(8), ttl_ms])
        except redis.RedisError as exc:
            self._failed("cache lease failed", exc)
            return _NO_LEASE
        return token.decode() if isinstance(token, bytes) else None

    def fill(self, key: str, token: str, value: bytes, ttl_seconds: int) -> bool:
        if token == _NO_LEASE or not self._usable():
            return False
        try:
            stored = self._fill(keys=[_lease_key(key), key, EPOCH_KEY], args=[token, value, ttl_seconds])
        except redis.RedisError as exc:
            self._failed("cache write failed", exc)
            return False
        return bool(stored)

    def release(self, key: str, token: str) -> None:
        if token == _NO_LEASE or not self._usable():
            return
        try:
            self._release(keys=[_lease_key(key)], args=[token])
        except redis.RedisError as exc:
            self._failed("cache lease release failed", exc)

    def _cooling_down(self) -> bool:
        return time.monotonic() < self._retry_at

    def _usable(self) -> bool:
        """Redis is tried (not cooling down after a failure) and holds no entry a lost
        invalidation may have left stale: when it did, the epoch is bumped first."""
        if self._cooling_down():
            return False
        if not self._stale:
            return True
        try:
            epoch = self._client.incr(EPOCH_KEY)
        except redis.RedisError as exc:
            self._failed("cache flush failed", exc)
            return False
        with self._state:
            self._stale = False
        log.warning("cache flushed after lost invalidations (epoch %s)", epoch)
        return True

    def _failed(self, what: str, exc: redis.RedisError) -> None:
        with self._state:
            self._retry_at = time.monotonic() + COOLDOWN_SECONDS
        log.warning("%s: %s", what, exc)

    def _lost_invalidation(self, keys: tuple[str, ...], exc: redis.RedisError | None) -> None:
        with self._state:
            self._stale = True
        log.warning("cache invalidation of %d key(s) lost (%s): flushing when Redis is back", len(keys), exc)


def make_cache(redis_url: str | None, timeout_seconds: float) -> Cache:
    return RedisCache(redis_url, timeout_seconds) if redis_url else MemoryCache()
