"""The shared cache: Redis when REDIS_URL is set, else in-process. An outage costs speed, never
correctness: every operation is bounded by a short timeout and failures read as misses."""

from __future__ import annotations

import logging
import threading
import time
from typing import Protocol

import redis

log = logging.getLogger(__name__)


class Cache(Protocol):
    backend: str

    def get(self, key: str) -> bytes | None: ...
    def set(self, key: str, value: bytes, ttl_seconds: int) -> None: ...
    def delete(self, *keys: str) -> None: ...
    def status(self) -> str: ...


class MemoryCache:
    """Per-process cache for a single-process deployment (the embedded default)."""

    backend = "memory"

    def __init__(self, max_entries: int = 10_000) -> None:
        self._data: dict[str, tuple[float, bytes]] = {}
        self._lock = threading.Lock()
        self._max = max_entries

    def get(self, key: str) -> bytes | None:
        with self._lock:
            entry = self._data.get(key)
            if entry is None or entry[0] < time.monotonic():
                self._data.pop(key, None)
                return None
            return entry[1]

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        with self._lock:
            if len(self._data) >= self._max:
                self._data.pop(next(iter(self._data)))  # oldest insertion first
            self._data[key] = (time.monotonic() + ttl_seconds, value)

    def delete(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._data.pop(key, None)

    def status(self) -> str:
        return "ok"


class RedisCache:
    backend = "redis"

    def __init__(self, url: str, timeout_seconds: float) -> None:
        self._client = redis.Redis.from_url(
            url, socket_timeout=timeout_seconds, socket_connect_timeout=timeout_seconds
        )

    def get(self, key: str) -> bytes | None:
        try:
            value = self._client.get(key)
        except redis.RedisError as exc:
            log.warning("cache read failed, reading the database instead: %s", exc)
            return None
        return value if isinstance(value, bytes) else None

    def set(self, key: str, value: bytes, ttl_seconds: int) -> None:
        try:
            self._client.set(key, value, ex=ttl_seconds)
        except redis.RedisError as exc:
            log.warning("cache write failed: %s", exc)

    def delete(self, *keys: str) -> None:
        if not keys:
            return
        try:
            self._client.delete(*keys)
        except redis.RedisError as exc:
            log.warning("cache invalidation failed: %s", exc)

    def status(self) -> str:
        try:
            self._client.ping()
        except redis.RedisError as exc:
            return f"unavailable ({type(exc).__name__})"
        return "ok"


def make_cache(redis_url: str | None, timeout_seconds: float) -> Cache:
    return RedisCache(redis_url, timeout_seconds) if redis_url else MemoryCache()
