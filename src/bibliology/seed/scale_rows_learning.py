"""Row generators for what students do: enrollments, lesson_progress, slide_views, quiz_submissions,
question_answers, student_notes, certificates, activity_logs.

Each student's plan (scale_students) is recomputed per table, so denormalised fields are computed
from the same plan as the rows they summarise and always agree with them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from bibliology.seed.scale_blocks import fill
from bibliology.seed.scale_plan import (
    LESSONS_PER_COURSE,
    MINUTE,
    QUESTIONS_PER_QUIZ,
    REFERENCE,
    SECOND,
    SLIDES_PER_LESSON,
    SUBMISSION_BUDGETS,
    CoursePlan,
    at,
    mix,
    row_id,
)
from bibliology.seed.scale_questions import QuestionTemplate, question_for
from bibliology.seed.scale_students import Dataset, EnrollmentPlan, StudentPlan, SubmissionPlan
from bibliology.seed.scale_text import NOTE_FRAMES, OBJECTS

Row = tuple[Any, ...]


def _plans(data: Dataset, *, start: int = 0, step: int = 1) -> Iterator[StudentPlan]:
    for i in range(start, data.sizes.students, step):
        yield data.students.plan(i)


def _lesson(course: CoursePlan, order: int) -> int:
    return course.index * LESSONS_PER_COURSE + order


@lru_cache(maxsize=4096)
def _slide_ids(lesson: int) -> tuple[str, ...]:
    return tuple(row_id("slde", lesson * SLIDES_PER_LESSON + slide) for slide in range(SLIDES_PER_LESSON))


def _slide_id(course: CoursePlan, order: int, slide: int) -> str:
    return _slide_ids(_lesson(course, order))[slide]


def _at(ms: int | None) -> Any:
    return None if ms is None else at(ms)


ENROLLMENTS = (
    "id", "student_id", "course_id", "status", "progress_percentage", "lessons_completed",
    "total_lessons", "enrolled_at", "last_accessed_at", "completed_at",
)  # fmt: skip


def enrollments(data: Dataset) -> Iterator[Row]:
    for student in _plans(data):
        student_id = row_id("user", data.student_user(student.index))
        for e in student.enrollments:
            yield (
                row_id("enrl", e.index), student_id, row_id("crse", e.course.index), e.status,
                e.progress_percentage, e.completed, e.total_lessons, at(e.enrolled_ms),
                at(e.last_accessed_ms), _at(e.completed_ms),
            )  # fmt: skip


LESSON_PROGRESS = (
    "id", "enrollment_id", "lesson_id", "status", "current_slide_index", "current_slide_id",
    "total_slides_viewed", "time_spent_seconds", "started_at", "completed_at", "updated_at",
)  # fmt: skip


def lesson_progress(data: Dataset) -> Iterator[Row]:
    """Also tallies the slide views, so the next table's size is known before it streams."""
    for student in _plans(data):
        for e in student.enrollments:
            enrollment_id = row_id("enrl", e.index)
            for row in e.progress:
                data.tally["slide_views"] += row.views
                yield (
                    row_id("lprg", row.index), enrollment_id, row_id("lssn", _lesson(e.course, row.order)),
                    row.status, row.views - 1, _slide_id(e.course, row.order, row.views - 1), row.views,
                    row.time_spent_seconds, at(row.started_ms), _at(row.completed_ms), at(row.updated_ms),
                )  # fmt: skip


SLIDE_VIEWS = ("lesson_progress_id", "slide_id", "first_seen_at", "last_seen_at", "seconds_spent")


def slide_views(data: Dataset) -> Iterator[Row]:
    """The slides of each lesson_progress row, seen one after the other from its start."""
    for student in _plans(data):
        for e in student.enrollments:
            for row in e.progress:
                progress_id = row_id("lprg", row.index)
                slide_ids = _slide_ids(_lesson(e.course, row.order))
                seen_ms = row.started_ms
                for slide, seconds in enumerate(row.slide_seconds):
                    seen = at(seen_ms)
                    yield progress_id, slide_ids[slide], seen, seen, seconds
                    seen_ms += seconds * SECOND


QUIZ_SUBMISSIONS = (
    "id", "quiz_id", "student_id", "score_percentage", "points_earned", "total_points", "passed",
    "time_spent_seconds", "started_at", "submitted_at", "updated_at",
)  # fmt: skip


def quiz_submissions(data: Dataset) -> Iterator[Row]:
    for student in _plans(data):
        student_id = row_id("user", data.student_user(student.index))
        for s in student.submissions():
            submitted = at(s.attempt.submitted_ms)
            yield (
                row_id("subm", s.index), row_id("quiz", s.lesson), student_id, s.score_percentage,
                s.earned, s.total, s.attempt.passed, s.attempt.time_spent_seconds,
                at(s.attempt.started_ms), submitted, submitted,
            )  # fmt: skip


QUESTION_ANSWERS = (
    "id", "submission_id", "question_id", "answer_given", "is_correct", "points_earned", "answered_at",
)  # fmt: skip


@lru_cache(maxsize=4096)
def _quiz_questions(lesson: int) -> tuple[tuple[str, QuestionTemplate], ...]:
    """(id, template) of each question of a lesson's quiz: many answers share them."""
    return tuple(
        (row_id("qstn", lesson * QUESTIONS_PER_QUIZ + k), question_for(lesson, k))
        for k in range(QUESTIONS_PER_QUIZ)
    )


def _answers(s: SubmissionPlan) -> Iterator[Row]:
    submission_id = row_id("subm", s.index)
    step = s.attempt.time_spent_seconds * 1000 // QUESTIONS_PER_QUIZ
    questions = _quiz_questions(s.lesson)
    for k, right in enumerate(s.correct):
        question_id, question = questions[k]
        yield (
            row_id("answ", s.index * QUESTIONS_PER_QUIZ + k), submission_id, question_id,
            question.answer(right=right, french=s.french), right, question.points if right else 0,
            at(s.attempt.started_ms + (k + 1) * step),
        )  # fmt: skip


def question_answers(data: Dataset) -> Iterator[Row]:
    for student in _plans(data):
        for s in student.submissions():
            yield from _answers(s)


STUDENT_NOTES = (
    "id", "student_id", "lesson_id", "slide_index", "slide_id", "note_text", "created_at", "updated_at",
)  # fmt: skip


def student_notes(data: Dataset) -> Iterator[Row]:
    """One note from each odd-numbered student, on a slide they have seen."""
    for student in _plans(data, start=1, step=2):
        h = mix(student.index, 5)
        e = student.enrollments[h % len(student.enrollments)]
        row = e.row((h >> 8) % e.rows)
        slide = (h >> 40) % row.views
        frame, thing = NOTE_FRAMES[(h >> 16) % len(NOTE_FRAMES)], OBJECTS[(h >> 24) % len(OBJECTS)]
        lang = 1 if student.language == "fr" else 0
        seen_ms = row.started_ms + sum(row.slide_seconds[:slide]) * SECOND
        created = at(seen_ms + (h >> 32) % (5 * MINUTE))
        yield (
            row_id("note", student.index // 2), row_id("user", data.student_user(student.index)),
            row_id("lssn", _lesson(e.course, row.order)), slide, _slide_id(e.course, row.order, slide),
            fill(frame, thing)[lang], created, created,
        )  # fmt: skip


CERTIFICATES = (
    "id", "user_id", "course_id", "lesson_id", "certificate_url", "certificate_number", "issued_at",
)  # fmt: skip


def _certificate(student: StudentPlan) -> tuple[int, EnrollmentPlan, int, str] | None:
    """(index, completed enrollment, issued_ms, number) for a student who completed a course."""
    if not student.graduate:
        return None
    e = student.enrollments[0]
    assert e.completed_ms is not None
    index = student.index // len(SUBMISSION_BUDGETS)
    return index, e, e.completed_ms, f"BIB-{REFERENCE.year}-S{index + 1:07d}"


def certificates(data: Dataset) -> Iterator[Row]:
    for student in _plans(data, step=len(SUBMISSION_BUDGETS)):  # the graduates
        if (certificate := _certificate(student)) is not None:
            index, e, issued_ms, number = certificate
            yield (
                row_id("cert", index), row_id("user", data.student_user(student.index)),
                row_id("crse", e.course.index), None, f"/certificates/{number}.pdf", number, at(issued_ms),
            )  # fmt: skip


ACTIVITY_LOGS = (
    "id", "user_id", "action", "entity_type", "entity_id", "ip_address", "user_agent", "metadata",
    "created_at",
)  # fmt: skip

_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
)


def _client(user: int) -> tuple[str, str]:
    h = mix(user, 6)
    return f"10.{h % 256}.{(h >> 8) % 256}.{(h >> 16) % 254 + 1}", _AGENTS[(h >> 24) % len(_AGENTS)]


def _student_events(student: StudentPlan) -> Iterator[tuple[Any, ...]]:
    """(action, entity_type, entity_id, metadata, created_ms) of one student, in a fixed order;
    action names are the application's (accounts, progress, quiz engine)."""
    yield "LOGIN", None, None, None, student.last_login_ms  # the last one, as users.last_login
    for e in student.enrollments:
        yield "ENROL", "course", row_id("crse", e.course.index), None, e.enrolled_ms
    for s in student.submissions():
        score = {"score_percentage": s.score_percentage, "passed": s.attempt.passed}
        yield "SUBMIT_QUIZ", "quiz", row_id("quiz", s.lesson), score, s.attempt.submitted_ms
    if (certificate := _certificate(student)) is not None:
        index, e, issued_ms, number = certificate
        issued = {"certificate_number": number, "course_id": row_id("crse", e.course.index)}
        yield "ISSUE_CERTIFICATE", "certificate", row_id("cert", index), issued, issued_ms


def activity_logs(data: Dataset) -> Iterator[Row]:
    n = 0
    for course in data.courses:
        teacher = 1 + course.teacher
        ip, agent = _client(teacher)
        metadata = {"slug": course.slug}
        yield (row_id("actv", n), row_id("user", teacher), "CREATE_COURSE", "course",
               row_id("crse", course.index), ip, agent, metadata, at(course.created_ms))  # fmt: skip
        n += 1
    for student in _plans(data):
        user = data.student_user(student.index)
        ip, agent = _client(user)
        for action, entity_type, entity_id, metadata, created_ms in _student_events(student):
            yield (row_id("actv", n), row_id("user", user), action, entity_type, entity_id, ip, agent,
                   metadata, at(created_ms))  # fmt: skip
            n += 1
