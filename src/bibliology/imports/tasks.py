"""The import job: takes the import's id, runs it in sessions of its own (runner.py), reports its
progress slide by slide. Running it again changes nothing once the import has finished."""

from __future__ import annotations

from procrastinate import JobContext

from bibliology.imports.runner import run_import
from bibliology.jobs import job_app, tracked
from bibliology.jobs.runtime import resources

QUEUE = "imports"


@job_app.task(name="imports.run_pptx_import", queue=QUEUE, pass_context=True)
def run_pptx_import(context: JobContext, import_id: str) -> None:
    with tracked(context) as tracker:
        outcome = run_import(resources(), import_id=import_id, progress=tracker)
        tracker.result = {
            "import_id": outcome.import_id,
            "status": outcome.status,
            "lesson_id": outcome.lesson_id,
        }
