"""Cache-aside with one database read per key at a time, and no stale value stored behind an
invalidation — in process (MemoryCache) and across processes (two RedisCache clients)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from bibliology.cache import Cache, MemoryCache, RedisCache, read_through
from tests.cache.conftest import OwnRedis

KEY = "lesson:l1:tree:student:en"


class Loader:
    """Counts database reads; slow enough that concurrent readers arrive while it runs."""

    def __init__(self, value: bytes | None = b"tree", seconds: float = 0.3) -> None:
        self.value, self.seconds, self.calls = value, seconds, 0
        self._lock = threading.Lock()

    def __call__(self) -> bytes | None:
        with self._lock:
            self.calls += 1
        time.sleep(self.seconds)
        return self.value


def _together(calls: list[Callable[[], bytes | None]]) -> list[bytes | None]:
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], bytes | None]) -> bytes | None:
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [future.result() for future in [pool.submit(run, call) for call in calls]]


def test_concurrent_misses_in_one_process_read_the_database_once() -> None:
    cache, load = MemoryCache(), Loader()
    results = _together([lambda: read_through(cache, KEY, load) for _ in range(20)])
    assert results == [b"tree"] * 20
    assert load.calls == 1
    assert cache.get(KEY) == b"tree"


def test_concurrent_misses_in_two_processes_read_the_database_once(own_redis: OwnRedis) -> None:
    # Two clients with their own single-flight stand for two processes; the Redis lease joins them.
    first, second = RedisCache(own_redis.url, 0.5), RedisCache(own_redis.url, 0.5)
    load = Loader()
    calls: list[Callable[[], bytes | None]] = [
        lambda cache=cache: read_through(cache, KEY, load)  # type: ignore[misc]
        for cache in (first, second)
        for _ in range(8)
    ]
    assert _together(calls) == [b"tree"] * 16
    assert load.calls == 1


@pytest.mark.parametrize("backend", ["memory", "redis"])
def test_a_value_read_before_an_invalidation_is_not_stored_after_it(
    backend: str, request: pytest.FixtureRequest
) -> None:
    cache: Cache = (
        MemoryCache() if backend == "memory" else RedisCache(request.getfixturevalue("own_redis").url, 0.5)
    )

    def load_then_a_write_commits() -> bytes:
        cache.delete(KEY)  # the writer's invalidation, after its commit, while we hold old rows
        return b"old tree"

    assert read_through(cache, KEY, load_then_a_write_commits) == b"old tree"  # served to this reader
    assert cache.get(KEY) is None  # but not kept for the next one
    assert read_through(cache, KEY, lambda: b"new tree") == b"new tree"
    assert cache.get(KEY) == b"new tree"


def test_nothing_is_cached_for_a_missing_row_and_a_failed_load_blocks_nobody() -> None:
    cache = MemoryCache()
    assert read_through(cache, KEY, Loader(value=None, seconds=0)) is None
    assert cache.get(KEY) is None

    def broken() -> bytes:
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        read_through(cache, KEY, broken)
    load = Loader(seconds=0)
    assert read_through(cache, KEY, load) == b"tree"  # the lease was released: no wait
    assert load.calls == 1


def test_redis_down_means_reading_the_database_with_a_warning(
    own_redis: OwnRedis, caplog: pytest.LogCaptureFixture
) -> None:
    cache = RedisCache(own_redis.url, 0.2)
    assert read_through(cache, KEY, lambda: b"tree") == b"tree"
    own_redis.kill()
    load = Loader(seconds=0)
    with caplog.at_level("WARNING", logger="bibliology.cache"):
        assert read_through(cache, KEY, load) == b"tree"
        assert read_through(cache, KEY, load) == b"tree"
    assert load.calls == 2
    assert any("reading the database instead" in r.getMessage() for r in caplog.records)
    assert cache.status().startswith("unavailable")


def test_an_invalidation_lost_while_redis_hangs_is_made_good_when_it_answers_again(
    own_redis: OwnRedis, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bibliology.cache.COOLDOWN_SECONDS", 0.3)
    writer, other_process = RedisCache(own_redis.url, 0.2), RedisCache(own_redis.url, 0.2)
    read_through(writer, KEY, lambda: b"old tree")
    assert other_process.get(KEY) == b"old tree"
    own_redis.pause()
    assert writer.get("another key") is None  # times out: the writer stops trying for a while
    writer.delete(KEY)  # so this invalidation never reaches Redis
    own_redis.resume()
    assert redis.Redis.from_url(own_redis.url).exists(KEY) == 1  # the stale entry is still there
    time.sleep(0.35)  # the cool-down ends
    assert writer.get(KEY) is None  # the writer bumps the epoch before trusting Redis again
    assert other_process.get(KEY) is None  # and every client reads the epoch with each value
    assert read_through(other_process, KEY, lambda: b"new tree") == b"new tree"
    assert writer.get(KEY) == b"new tree"
    assert writer.status() == "ok"
