"""The player's and the notes pages' addresses (docs/web-plan.md's URL map) and their redirects."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.responses import RedirectResponse, Response


def course_url(course_slug: str) -> str:
    return f"/courses/{quote(course_slug, safe='')}"


def lesson_url(course_slug: str, lesson_slug: str) -> str:
    return f"{course_url(course_slug)}/lessons/{quote(lesson_slug, safe='')}"


def slide_url(course_slug: str, lesson_slug: str, number: int) -> str:
    """Slides are numbered from 1 in addresses (positions elsewhere are 0-based)."""
    return f"{lesson_url(course_slug, lesson_slug)}/slides/{number}"


def enrol_redirect(course_slug: str) -> Response:
    """Studying needs an enrolment: back to the course page, which says so (?notice=enrol)."""
    return RedirectResponse(f"{course_url(course_slug)}?notice=enrol", status_code=303)
