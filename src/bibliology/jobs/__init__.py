"""Durable background jobs on PostgreSQL (procrastinate): see docs/jobs.md.

from bibliology.jobs import job_app, defer, tracked
"""

from bibliology.jobs.app import job_app
from bibliology.jobs.service import defer
from bibliology.jobs.tracking import JobTracker, tracked

__all__ = ["JobTracker", "defer", "job_app", "tracked"]
