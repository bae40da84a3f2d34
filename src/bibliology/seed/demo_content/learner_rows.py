"""Writes one student's journey through one course: enrolment, lesson progress, quiz submissions,
notes and certificate, with the denormalised enrolment fields computed from the progress rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.enums import EnrollmentStatus, LessonProgressStatus
from bibliology.ids import new_id
from bibliology.models import (
    Certificate,
    Enrollment,
    LessonProgress,
    ProgressEvent,
    QuestionAnswer,
    QuizSubmission,
    SlideView,
    StudentNote,
)
from bibliology.quizzes import scoring
from bibliology.seed.demo_content.answers import sample_answer
from bibliology.seed.demo_content.course_rows import SeededCourse, SeededLesson, SeededQuiz
from bibliology.seed.demo_content.model import Journey, NoteSpec
from bibliology.seed.demo_content.rows import Rows, at

SECONDS_PER_SLIDE = 95


def progress_percentage(lessons_completed: int, total_lessons: int) -> int:
    """An enrolment's progress: floor(100 × completed / total), 0 for a course without lessons."""
    return 100 * lessons_completed // total_lessons if total_lessons > 0 else 0


@dataclass(frozen=True)
class Student:
    id: str
    language_pref: str


class CertificateNumbers:
    """BIB-<year>-<6 digits>, continuing after the highest number already issued that year."""

    def __init__(self, session: Session) -> None:
        self._last: Counter[int] = Counter()
        issued = select(Certificate.certificate_number).where(
            Certificate.certificate_number.like("BIB-____-%")
        )
        for number in session.scalars(issued):
            year, _, serial = number[4:].partition("-")
            if year.isdigit() and serial.isdigit():
                self._last[int(year)] = max(self._last[int(year)], int(serial))

    def next(self, when: dt.datetime) -> str:
        self._last[when.year] += 1
        return f"BIB-{when.year}-{self._last[when.year]:06d}"


def check_journey(journey: Journey, course: SeededCourse) -> None:
    """Refuse a journey whose counts could not be consistent (a mistake in journeys.py)."""
    total, done = len(course.published_lessons), journey.lessons_completed
    finished = journey.status is EnrollmentStatus.COMPLETED
    reached = done + (journey.current_slide is not None)  # lessons opened
    problem = None
    if not 0 <= done <= total or finished != (done == total > 0):
        problem = f"{done}/{total} lessons cannot be {journey.status}"
    elif journey.current_slide is not None and (
        done == total or journey.current_slide >= course.published_lessons[done].slide_count
    ):
        problem = f"lesson {done} has no slide {journey.current_slide}"
    elif any(
        note.lesson >= reached or note.slide >= course.published_lessons[note.lesson].slide_count
        for note in journey.notes
    ):
        problem = "a note is on a lesson not opened yet, or on a slide the lesson does not have"
    if problem is not None:
        raise ValueError(f"journey of {journey.student} in {journey.course}: {problem}")


def seed_journey(
    rows: Rows,
    journey: Journey,
    *,
    seed: int,
    student: Student,
    course: SeededCourse,
    numbers: CertificateNumbers,
) -> None:
    """`seed` varies which answers are right from one journey to the next (deterministically)."""
    check_journey(journey, course)
    lessons, done = course.published_lessons, journey.lessons_completed
    enrolled, last = at(journey.enrolled_days_ago, hour=9), at(journey.last_access_days_ago, hour=21)
    # Lessons are finished on evenings spread evenly between enrolment and last access.
    span = journey.enrolled_days_ago - journey.last_access_days_ago
    completions = [at(journey.enrolled_days_ago - span * (n + 1) // (done + 1), hour=20) for n in range(done)]
    enrollment = Enrollment(
        id=new_id(),
        student_id=student.id,
        course_id=course.id,
        status=journey.status,
        progress_percentage=progress_percentage(done, len(lessons)),
        lessons_completed=done,
        total_lessons=len(lessons),
        enrolled_at=enrolled,
        last_accessed_at=last,
        completed_at=completions[-1] if journey.status is EnrollmentStatus.COMPLETED else None,
    )
    rows.add(enrollment)
    course_entity = ("course", course.id)
    rows.log(student.id, "ENROLL", enrolled, course_entity, enrollment_id=enrollment.id)
    started = enrolled
    for number, (lesson, completed) in enumerate(zip(lessons, completions, strict=False)):
        started = max(started, completed - dt.timedelta(days=2))
        _study(rows, enrollment, student, lesson, start=started, end=completed)
        rows.log(student.id, "COMPLETE_LESSON", completed, ("lesson", lesson.id), enrollment_id=enrollment.id)
        for ordinal, quiz in enumerate(lesson.quizzes):
            _take_quiz(rows, quiz, student, journey, started, completed, seed=seed + 3 * number + ordinal)
        started = completed
    if journey.current_slide is not None:
        started = max(started, last - dt.timedelta(days=1))
        _study(rows, enrollment, student, lessons[done], start=started, end=last, slide=journey.current_slide)
    for note in journey.notes:
        rows.add(_note(student, lessons[note.lesson], note, when=[*completions, last][note.lesson]))
    if enrollment.completed_at is not None:
        rows.log(
            student.id, "COMPLETE_COURSE", enrollment.completed_at, course_entity, enrollment_id=enrollment.id
        )
        _certify(rows, student, course, enrollment.completed_at, numbers)
    if journey.status is EnrollmentStatus.DROPPED:
        rows.log(student.id, "DROP_COURSE", last, course_entity, enrollment_id=enrollment.id)


def _study(
    rows: Rows,
    enrollment: Enrollment,
    student: Student,
    lesson: SeededLesson,
    *,
    start: dt.datetime,
    end: dt.datetime,
    slide: int | None = None,
) -> None:
    """A completed lesson (`slide` None: every slide seen), or one in progress at `slide`, written as
    the progress events of the learning loop leave it: a progress_events and a slide_views row per
    slide seen (one after the other from `start`, the last one at `end`), total_slides_viewed their
    count, time_spent_seconds the sum of their seconds, the current slide by id and by position."""
    viewed = lesson.slide_count if slide is None else slide + 1
    current = viewed - 1
    progress = LessonProgress(
        id=new_id(),
        enrollment_id=enrollment.id,
        lesson_id=lesson.id,
        status=LessonProgressStatus.COMPLETED if slide is None else LessonProgressStatus.IN_PROGRESS,
        current_slide_id=lesson.slide_ids[current],
        current_slide_index=current,
        total_slides_viewed=viewed,
        time_spent_seconds=viewed * SECONDS_PER_SLIDE,
        started_at=start,
        completed_at=end if slide is None else None,
        updated_at=end,
    )
    rows.add(progress)
    step = min(dt.timedelta(seconds=SECONDS_PER_SLIDE), (end - start) / viewed)
    for index, slide_id in enumerate(lesson.slide_ids[:viewed]):
        seen = end if index == current else start + index * step
        rows.add_after_flush(
            SlideView(
                lesson_progress_id=progress.id,
                slide_id=slide_id,
                first_seen_at=seen,
                last_seen_at=seen,
                seconds_spent=SECONDS_PER_SLIDE,
            )
        )
        # A fixed event id: what a client would have sent once for this slide.
        rows.add(
            ProgressEvent(
                student_id=student.id,
                client_event_id=f"demo-{slide_id}",
                lesson_id=lesson.id,
                received_at=seen,
            )
        )


def _note(student: Student, lesson: SeededLesson, note: NoteSpec, *, when: dt.datetime) -> StudentNote:
    return StudentNote(
        student_id=student.id,
        lesson_id=lesson.id,
        slide_id=lesson.slide_ids[note.slide],
        slide_index=note.slide,
        note_text=note.text,
        created_at=when,
        updated_at=when,
    )


def _take_quiz(
    rows: Rows,
    quiz: SeededQuiz,
    student: Student,
    journey: Journey,
    started: dt.datetime,
    completed: dt.datetime,
    *,
    seed: int,
) -> None:
    """Submitted just before the lesson is completed, and passed: the lesson could not be complete
    otherwise. A failed attempt (a journey's retake, or too few right answers for the pass mark)
    comes first, half-way through the lesson, then a retake with every answer right."""
    final = completed - dt.timedelta(minutes=10)
    first = _first_attempt(journey, quiz, seed=seed)
    if _passes(quiz, first):
        _submit(rows, quiz, student, final, first)
        return
    if quiz.spec.max_attempts is not None and quiz.spec.max_attempts < 2:
        raise ValueError(
            f"journey of {journey.student} in {journey.course}: quiz {quiz.spec.key} allows one "
            "attempt, which fails: the lesson could not be completed"
        )
    _submit(rows, quiz, student, started + (final - started) / 2, first)
    _submit(rows, quiz, student, final, lambda number: True)


def _first_attempt(journey: Journey, quiz: SeededQuiz, *, seed: int) -> Callable[[int], bool]:
    """Which questions the first attempt gets right, by number."""
    if quiz.spec.key in journey.retakes:  # one right answer
        return lambda number: number == 0
    return lambda number: (3 * number + seed) % 10 < journey.skill  # about `skill` in ten, by seed


def _passes(quiz: SeededQuiz, right: Callable[[int], bool]) -> bool:
    earned = [
        (question.points, Fraction(question.points if right(number) else 0))
        for number, (_, question) in enumerate(quiz.questions)
    ]
    return scoring.total(earned, passing_score_percentage=quiz.spec.passing_score_percentage).passed


def _submit(
    rows: Rows, quiz: SeededQuiz, student: Student, submitted: dt.datetime, right: Callable[[int], bool]
) -> None:
    """One submitted attempt in which question `n` is answered right iff `right(n)`."""
    submission = QuizSubmission(
        id=new_id(), quiz_id=quiz.id, student_id=student.id, language=student.language_pref
    )
    rows.add(submission)
    earned: list[tuple[int, Fraction]] = []
    for number, (question_id, question) in enumerate(quiz.questions):
        correct = right(number)
        points = question.points if correct else 0
        earned.append((question.points, Fraction(points)))
        rows.add(
            QuestionAnswer(
                submission_id=submission.id,
                question_id=question_id,
                answer_given=sample_answer(question, correct=correct, lang=student.language_pref),
                is_correct=correct,
                points_earned=points,
                answered_at=submitted - dt.timedelta(seconds=40 * (len(quiz.questions) - number)),
            )
        )
    score = scoring.total(earned, passing_score_percentage=quiz.spec.passing_score_percentage)
    spent = 45 * len(quiz.questions) + 30
    submission.points_earned, submission.total_points = score.points_earned, score.total_points
    submission.score_percentage, submission.passed = score.score_percentage, score.passed
    submission.time_spent_seconds = spent
    submission.started_at = submitted - dt.timedelta(seconds=spent)
    submission.submitted_at = submission.updated_at = submitted
    details = {
        "submission_id": submission.id,
        "score_percentage": score.score_percentage,
        "passed": score.passed,
    }
    rows.log(student.id, "SUBMIT_QUIZ", submitted, ("quiz", quiz.id), **details)


def _certify(
    rows: Rows, student: Student, course: SeededCourse, when: dt.datetime, numbers: CertificateNumbers
) -> None:
    number = numbers.next(when)
    certificate = Certificate(
        id=new_id(),
        user_id=student.id,
        course_id=course.id,
        certificate_number=number,
        certificate_url=f"/certificates/{number}.pdf",
        issued_at=when,
    )
    rows.add(certificate)
    rows.log(
        student.id,
        "ISSUE_CERTIFICATE",
        when,
        ("certificate", certificate.id),
        number=number,
        course_id=course.id,
    )
