"""The design's own Prisma client reads every model from our database and writes through it.

Needs the shared folder's tools/prisma-anchor (BIBLIOLOGY_SHARED_DIR, else ../shared beside the
clone), node and npm; without them it skips saying which (fails under BIBLIOLOGY_STRICT_SKIPS=1)."""

from __future__ import annotations

from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.schema_check import libpq_url
from tests import anchor
from tests import factories as f


def test_the_designs_prisma_client_reads_and_writes_our_schema(scratch_url: str) -> None:
    anchor.prepare()
    engine = make_engine(scratch_url, pool_size=1)
    try:
        with unit_of_work(session_factory(engine)) as session:
            answer = f.make_answer(session)  # submission, quiz, lesson, course, users…
            progress = f.make_lesson_progress(session)
            f.make_block(session)
            f.make_note(session)
            f.make_certificate(session)
            f.make_activity(session)
            f.make_question(session)
            assert answer.id
            assert progress.id
    finally:
        engine.dispose()
    (result,) = anchor.run_anchor(libpq_url(scratch_url), "compat", timeout=300)
    assert result == {"compat": "ok", "models_with_rows": 14, "of": 14}
