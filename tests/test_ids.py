from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from bibliology.ids import new_id


def test_ids_look_like_cuids() -> None:
    assert re.fullmatch(r"c[0-9a-z]{24}", new_id())


def test_ids_do_not_collide_across_threads() -> None:
    with ThreadPoolExecutor(4) as pool:
        batches = list(pool.map(lambda _: [new_id() for _ in range(25_000)], range(4)))
    ids = [i for batch in batches for i in batch]
    assert len(set(ids)) == len(ids) == 100_000
