"""The job queue: one procrastinate app on our PostgreSQL database.

Tasks are declared on `job_app` in each domain's `tasks.py` (the worker imports them all, see
`worker.task_modules`). The app has no connection of its own: web requests defer jobs through their
session's connection (`bibliology.jobs.service.defer`), so a job exists exactly when the business
write that asked for it commits; the worker opens its own pool (`worker.run`).
"""

from __future__ import annotations

import procrastinate

job_app = procrastinate.App(connector=procrastinate.PsycopgConnector())
