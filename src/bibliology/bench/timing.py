"""Latency percentiles and throughput, measured the way the Prisma anchor measures them: 10 warm-up
calls, `iterations` sequential calls for p50/p95/p99, then `concurrency` threads sharing another
`iterations` calls for the rate.

`measure_together` measures several variants of one pattern interleaved — call by call for the
latencies, in alternating rounds for the rate — so a machine whose load changes during the run
(other work on a shared host) weighs on every variant alike and their ratios stay fair."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

WARMUP = 10


@dataclass(frozen=True)
class Timing:
    n: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    concurrency: int
    per_s: float


def percentile(samples: list[float], p: float) -> float:
    """The anchor's definition: the sample at floor(p * n) of the sorted samples."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def throughput(call: Callable[[], object], *, iterations: int, concurrency: int) -> float:
    """Calls per second with `concurrency` threads sharing `iterations` calls."""
    left = iterations
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker() -> None:
        nonlocal left
        while True:
            with lock:
                if left <= 0:
                    return
                left -= 1
            try:
                call()
            except BaseException as exc:  # reported after the run
                errors.append(exc)
                return

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return iterations / elapsed


ROUNDS = 5


def measure_together(
    calls: dict[str, Callable[[], object]], *, iterations: int, concurrency: int
) -> dict[str, Timing]:
    for call in calls.values():
        for _ in range(WARMUP):
            call()
        # Every pooled connection too, as in a server that has been up a while: psycopg prepares a
        # statement on its fifth execution on a connection, and until then PostgreSQL plans it
        # each time (the Prisma client never prepares, so its warm-up needs no such step).
        throughput(call, iterations=concurrency * WARMUP, concurrency=concurrency)
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(iterations):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            samples[name].append((time.perf_counter() - started) * 1000)
    elapsed = dict.fromkeys(calls, 0.0)
    # Rounds long enough that starting and draining the threads stays a small part of each.
    share = max(1, iterations // ROUNDS, concurrency * 25)
    done = 0
    while done < iterations:
        batch = min(share, iterations - done)
        for name, call in calls.items():
            elapsed[name] += batch / throughput(call, iterations=batch, concurrency=concurrency)
        done += batch
    return {
        name: Timing(
            n=iterations,
            p50_ms=round(percentile(samples[name], 0.50), 3),
            p95_ms=round(percentile(samples[name], 0.95), 3),
            p99_ms=round(percentile(samples[name], 0.99), 3),
            concurrency=concurrency,
            per_s=round(iterations / elapsed[name], 1),
        )
        for name in calls
    }
