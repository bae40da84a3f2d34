"""The teacher following a course's students: the roster (sortable, paginated, filtered, exported
as CSV) and one student's lesson-by-lesson view with their quiz results. They render the same
documents as the JSON API (queries.roster, queries.quiz_results), whose services check who asks."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from bibliology.deps import SessionDep
from bibliology.pages import MaybeAuth, page_actor
from bibliology.pagination import MAX_PAGE_SIZE, PageParams, Pagination
from bibliology.policy import Actor
from bibliology.queries import quiz_results, roster
from bibliology.web import gettext, html, page_language

router = APIRouter(prefix="/teach/courses/{course_id}", include_in_schema=False)

Sort = Annotated[str, Query(max_length=20)]
Search = Annotated[str | None, Query(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]

# The roster's sortable columns, in the table's order (keys of queries.roster.ROSTER_SORTS).
COLUMNS = ("name", "email", "progress", "last_accessed", "status")


@router.get("/roster", response_class=HTMLResponse)
def roster_page(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    course_id: str,
    pages: Pagination,
    sort: Sort = "name",
    q: Search = None,
) -> Response:
    """The course's students: progress, last access and quiz results, a page at a time."""
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    lang = page_language(request)
    course = roster.course_heading(session, actor=actor, course_id=course_id, lang=lang)
    page = roster.course_roster(session, actor=actor, course_id=course_id, pages=pages, sort=sort, q=q)
    context = {"course": course, "page": page, "pages": pages, "sort": sort, "q": q or "", "columns": COLUMNS}
    return html(request, "progress/roster.html", {**context, "lang": lang})


def _safe(value: Any) -> str:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a leading '."""
    cell = "" if value is None else str(value)
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _all_rows(
    session: SessionDep, actor: Actor, course_id: str, sort: str, q: str | None
) -> Iterator[tuple[dict[str, Any], int]]:
    """Every roster row with the course's quiz count, page after page of the API's own query."""
    number = 1
    while True:
        page = roster.course_roster(
            session,
            actor=actor,
            course_id=course_id,
            pages=PageParams(page=number, page_size=MAX_PAGE_SIZE),
            sort=sort,
            q=q,
        )
        for row in page["items"]:
            yield row, int(page["quiz_count"])
        if number * MAX_PAGE_SIZE >= page["total"]:
            return
        number += 1


@router.get("/roster.csv")
def roster_csv(
    request: Request,
    session: SessionDep,
    auth: MaybeAuth,
    course_id: str,
    sort: Sort = "name",
    q: Search = None,
) -> Response:
    """The whole roster (every page) as CSV, with the page's sort and filter."""
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    lang = page_language(request)
    course = roster.course_heading(session, actor=actor, course_id=course_id, lang=lang)
    out = io.StringIO()
    writer = csv.writer(out)  # quotes cells holding commas, quotes or line breaks
    writer.writerow(
        [
            "name", "email", "status", "progress_percentage", "lessons_completed", "total_lessons",
            "enrolled_at", "last_accessed_at", "completed_at", "quizzes_submitted", "quizzes_passed",
            "course_quizzes", "average_score",
        ]
    )  # fmt: skip
    for row, quiz_count in _all_rows(session, actor, course_id, sort, q):
        enrollment, quizzes = row["enrollment"], row["quizzes"]
        writer.writerow(
            [
                _safe(value)
                for value in (
                    row["student"]["name"], row["student"]["email"], enrollment["status"],
                    enrollment["progress_percentage"], enrollment["lessons_completed"],
                    enrollment["total_lessons"], enrollment["enrolled_at"], enrollment["last_accessed_at"],
                    enrollment["completed_at"], quizzes["submitted"], quizzes["passed"], quiz_count,
                    quizzes["average_score"],
                )
            ]
        )  # fmt: skip
    name = f"roster-{course['id']}.csv"
    return Response(
        out.getvalue().encode("utf-8-sig"),  # the BOM makes spreadsheets read UTF-8 names right
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"},
    )


@router.get("/students/{student_id}", response_class=HTMLResponse)
def student_page(
    request: Request, session: SessionDep, auth: MaybeAuth, course_id: str, student_id: str
) -> Response:
    """One student: status, progress, time and last access per lesson, and their quiz results."""
    actor = page_actor(request, auth, teacher=True)
    if isinstance(actor, Response):
        return actor
    lang = page_language(request)
    course = roster.course_heading(session, actor=actor, course_id=course_id, lang=lang)
    every = PageParams(page=1, page_size=MAX_PAGE_SIZE)
    progress = roster.student_progress(
        session, actor=actor, course_id=course_id, student_id=student_id, lang=lang, pages=every
    )
    results = quiz_results.quiz_results(
        session, actor=actor, student_id=student_id, lang=lang, pages=every, course_id=course_id
    )
    context = {"course": course, "progress": progress, "results": results, "duration": duration}
    return html(request, "progress/teach/student.html", {**context, "lang": lang})


def duration(seconds: int) -> str:
    """Time spent in words: "45 s", "12 min", "2 h 05"."""
    if seconds < 60:
        return gettext("%(n)s s") % {"n": seconds}
    minutes = seconds // 60
    if minutes < 60:
        return gettext("%(n)s min") % {"n": minutes}
    return gettext("%(h)s h %(m)02d") % {"h": minutes // 60, "m": minutes % 60}
