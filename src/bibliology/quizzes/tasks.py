"""The periodic sweep: every minute, close and grade the attempts whose deadline has passed (the
next access would too; this makes the grade and the lesson's completion appear without one)."""

from __future__ import annotations

import asyncio

from bibliology.jobs import runtime
from bibliology.jobs.app import job_app
from bibliology.quizzes.attempts import close_overdue_attempts, server_now

# Attempts per transaction: a large backlog is closed in several short transactions.
BATCH = 200


@job_app.periodic(cron="* * * * *")
@job_app.task(
    name="quizzes.close_overdue_attempts",
    queue="maintenance",
    queueing_lock="quizzes.close_overdue_attempts",
)
async def close_overdue(timestamp: int) -> int:
    """Idempotent: an attempt closed once is no longer open, so a second run finds nothing."""
    return await asyncio.to_thread(sweep)


def sweep() -> int:
    closed = 0
    while True:
        with runtime.resources().unit_of_work() as session:
            batch = close_overdue_attempts(session, now=server_now(), limit=BATCH)
        closed += batch
        if batch < BATCH:
            return closed
