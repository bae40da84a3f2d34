"""GET /api/v1/jobs/{id}: a job's status and progress, for the user who started it."""

from __future__ import annotations

from fastapi import APIRouter

from bibliology.accounts.deps import LoggedIn
from bibliology.deps import SessionDep
from bibliology.jobs import service
from bibliology.jobs.schemas import JobRead

router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"])


@router.get("/{job_id}", response_model=JobRead)
def read_job(job_id: str, actor: LoggedIn, session: SessionDep) -> JobRead:
    """Status, progress and outcome of a background job (its owner or an admin; others get 404)."""
    return JobRead.of(service.get_for_actor(session, actor=actor, job_id=job_id))
