"""Progress events, the completion check and the enrollment counters."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bibliology.courses.models import Course
from bibliology.db import utcnow
from bibliology.enums import EnrollmentStatus, LessonProgressStatus, LessonStatus
from bibliology.errors import Conflict, Invalid, NotFound, Unauthorized
from bibliology.lessons.models import Lesson, Slide
from bibliology.pagination import PageParams
from bibliology.policy import ANONYMOUS, Actor
from bibliology.progress import enrollment, events, hooks, notes
from bibliology.progress.completion import CourseCompleted, check_lesson_completion
from bibliology.progress.events import MAX_SECONDS_PER_EVENT
from bibliology.progress.models import SlideView
from bibliology.progress.schemas import ProgressEventResult
from bibliology.progress.service import find_enrollment_id
from bibliology.quizzes.models import Quiz
from tests import factories as f
from tests.queries.support import actor, enrollment_row, slide_ids


@pytest.fixture
def completions() -> Iterator[list[CourseCompleted]]:
    seen: list[CourseCompleted] = []

    def listener(session: Session, event: CourseCompleted) -> None:
        seen.append(event)

    hooks.on_course_completed(listener)
    yield seen
    hooks.remove_course_completed_listener(listener)


def _view(
    session: Session, who: Actor, lesson: Lesson, slide: str, event: str, seconds: int = 10
) -> ProgressEventResult:
    return events.record_event(
        session, actor=who, lesson_id=lesson.id, slide_id=slide, seconds=seconds, client_event_id=event
    )


def _course(session: Session, lessons: int = 2, slides: int = 2) -> tuple[Course, list[Lesson]]:
    course = f.make_published_course(session, lessons=0)
    made = [f.make_published_lesson(session, course=course, slides=slides) for _ in range(lessons)]
    return course, made


def test_paging_through_a_lesson(session: Session) -> None:
    course, (lesson, _) = _course(session, slides=3)
    student = actor(f.make_user(session))
    enrollment.enrol(session, actor=student, course_id=course.id)
    first, second, _ = slide_ids(session, lesson.id)
    result = _view(session, student, lesson, first, "e1", seconds=30)
    assert (result.lesson.status, result.lesson.total_slides_viewed, result.counted_seconds) == (
        LessonProgressStatus.IN_PROGRESS,
        1,
        30,
    )
    result = _view(session, student, lesson, second, "e2", seconds=10_000)  # an idle tab
    assert (result.counted_seconds, result.lesson.time_spent_seconds) == (MAX_SECONDS_PER_EVENT, 330)
    assert (result.lesson.current_slide_index, result.lesson.current_slide_id) == (1, second)
    result = _view(session, student, lesson, first, "e3", seconds=5)  # back to the first slide
    assert (result.lesson.current_slide_index, result.lesson.total_slides_viewed) == (0, 2)
    assert result.lesson.time_spent_seconds == 335
    seconds = dict(session.execute(select(SlideView.slide_id, SlideView.seconds_spent)).all())
    assert seconds == {first: 35, second: MAX_SECONDS_PER_EVENT}
    assert result.enrollment.lessons_completed == 0


def test_a_replayed_event_changes_nothing(session: Session) -> None:
    course, (lesson, _) = _course(session)
    student = actor(f.make_user(session))
    enrollment.enrol(session, actor=student, course_id=course.id)
    first, second = slide_ids(session, lesson.id)
    applied = _view(session, student, lesson, first, "same", seconds=60)
    replayed = _view(session, student, lesson, second, "same", seconds=60)
    assert replayed.replayed
    assert not applied.replayed
    assert replayed.lesson == applied.lesson
    assert replayed.counted_seconds == 0


def test_seeing_every_slide_completes_a_lesson_without_quizzes(session: Session) -> None:
    course, (lesson, _) = _course(session)
    student = actor(f.make_user(session))
    enrollment.enrol(session, actor=student, course_id=course.id)
    first, second = slide_ids(session, lesson.id)
    assert not _view(session, student, lesson, first, "a").lesson_completed
    done = _view(session, student, lesson, second, "b")
    assert done.lesson_completed
    assert done.lesson.completed_at is not None
    assert (done.enrollment.lessons_completed, done.enrollment.progress_percentage) == (1, 50)
    assert done.enrollment.status == EnrollmentStatus.ACTIVE


def test_a_lesson_with_a_quiz_completes_once_the_quiz_is_passed(session: Session) -> None:
    course = f.make_published_course(session, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=2, quiz_questions=1)
    user = f.make_user(session)
    student = actor(user)
    enrollment.enrol(session, actor=student, course_id=course.id)
    for n, slide in enumerate(slide_ids(session, lesson.id)):
        seen = _view(session, student, lesson, slide, f"s{n}")
    assert not seen.lesson_completed  # every slide seen, the quiz not passed
    quiz = lesson_quiz(session, lesson)
    f.make_submission(session, quiz=quiz, student=user, passed=False, score_percentage=20)
    enrollment_id = find_enrollment_id(session, student_id=user.id, lesson_id=lesson.id)
    assert enrollment_id is not None
    assert not check_lesson_completion(session, enrollment_id=enrollment_id, lesson_id=lesson.id)
    f.make_submission(session, quiz=quiz, student=user)  # passed: what the quiz engine does next
    assert check_lesson_completion(session, enrollment_id=enrollment_id, lesson_id=lesson.id)
    row = enrollment_row(session, enrollment_id)
    assert (row.lessons_completed, row.progress_percentage, row.status) == (1, 100, "COMPLETED")


def lesson_quiz(session: Session, lesson: Lesson) -> Quiz:
    return session.scalars(select(Quiz).where(Quiz.lesson_id == lesson.id)).one()


def test_the_last_lesson_completes_the_course_and_tells_the_listeners_once(
    session: Session, completions: list[CourseCompleted]
) -> None:
    course, lessons = _course(session, lessons=2, slides=1)
    user = f.make_user(session)
    student = actor(user)
    enrollment.enrol(session, actor=student, course_id=course.id)
    (first,) = slide_ids(session, lessons[0].id)
    (last,) = slide_ids(session, lessons[1].id)
    assert not _view(session, student, lessons[0], first, "1").course_completed
    done = _view(session, student, lessons[1], last, "2")
    assert done.course_completed
    assert (done.enrollment.status, done.enrollment.progress_percentage) == (EnrollmentStatus.COMPLETED, 100)
    assert done.enrollment.completed_at is not None
    assert [(c.student_id, c.course_id) for c in completions] == [(user.id, course.id)]
    again = _view(session, student, lessons[1], last, "3")  # more reading afterwards
    assert not again.course_completed
    assert len(completions) == 1


def test_progress_needs_an_active_enrollment_and_a_slide_of_the_lesson(session: Session) -> None:
    course, (lesson, other) = _course(session)
    user = f.make_user(session)
    student = actor(user)
    (slide, _) = slide_ids(session, lesson.id)
    with pytest.raises(Conflict):
        _view(session, student, lesson, slide, "x")  # not enrolled
    with pytest.raises(Unauthorized):
        _view(session, ANONYMOUS, lesson, slide, "x")
    enrollment.enrol(session, actor=student, course_id=course.id)
    with pytest.raises(Invalid) as refused:
        _view(session, student, lesson, slide_ids(session, other.id)[0], "x")
    assert refused.value.fields[0]["field"] == "slide_id"
    draft = f.make_lesson(session, course=course)
    with pytest.raises(NotFound):
        _view(session, student, draft, f.make_slide(session, lesson=draft).id, "x")
    enrollment.drop(session, actor=student, course_id=course.id)
    with pytest.raises(Conflict):
        _view(session, student, lesson, slide, "x")


def test_a_lesson_published_after_completion_leaves_the_course_completed(
    session: Session, completions: list[CourseCompleted]
) -> None:
    course, (lesson,) = _course(session, lessons=1, slides=1)
    student = actor(f.make_user(session))
    read, _ = enrollment.enrol(session, actor=student, course_id=course.id)
    done = _view(session, student, lesson, slide_ids(session, lesson.id)[0], "1")
    assert done.enrollment.status == EnrollmentStatus.COMPLETED
    added = f.make_lesson(session, course=course)
    _set_status(session, added, LessonStatus.PUBLISHED)
    row = enrollment_row(session, read.id)
    assert (row.status, row.completed_at) == (EnrollmentStatus.COMPLETED, done.enrollment.completed_at)
    assert (row.lessons_completed, row.total_lessons, row.progress_percentage) == (1, 2, 50)
    assert len(completions) == 1  # and finishing the new lesson will not announce it again


def test_archiving_the_last_missing_lesson_completes_the_course(
    session: Session, completions: list[CourseCompleted]
) -> None:
    course, (lesson, missing) = _course(session, lessons=2, slides=1)
    student = actor(f.make_user(session))
    read, _ = enrollment.enrol(session, actor=student, course_id=course.id)
    _view(session, student, lesson, slide_ids(session, lesson.id)[0], "1")
    _set_status(session, missing, LessonStatus.ARCHIVED)
    row = enrollment_row(session, read.id)
    assert (row.status, row.lessons_completed, row.total_lessons, row.progress_percentage) == (
        "COMPLETED",
        1,
        1,
        100,
    )
    assert [c.enrollment_id for c in completions] == [read.id]


def _set_status(session: Session, lesson: Lesson, status: LessonStatus) -> None:
    """What authoring does: change the status, then the hook, in one transaction."""
    session.execute(update(Lesson).where(Lesson.id == lesson.id).values(status=status, published_at=utcnow()))
    hooks.lesson_set_changed(session, course_id=lesson.course_id)


def test_moving_and_deleting_slides_keeps_positions_and_counts_right(session: Session) -> None:
    course, (lesson, _) = _course(session, slides=3)
    user = f.make_user(session)
    student = actor(user)
    enrollment.enrol(session, actor=student, course_id=course.id)
    first, second, third = slide_ids(session, lesson.id)
    _view(session, student, lesson, first, "1")
    _view(session, student, lesson, third, "2")
    note = notes.create(session, actor=student, lesson_id=lesson.id, slide_id=third, note_text="on the third")
    assert note.slide_index == 2
    # The teacher moves the third slide first, then deletes the (old) first one.
    session.execute(update(Slide).where(Slide.id == third).values(slide_order=0))
    hooks.slides_changed(session, lesson_id=lesson.id)
    page = notes.list_for_lesson(session, actor=student, lesson_id=lesson.id, pages=PageParams())
    assert [(n.slide_id, n.slide_index) for n in page.items] == [(third, 0)]
    session.execute(delete(Slide).where(Slide.id == first))
    hooks.slides_changed(session, lesson_id=lesson.id)
    enrollment_id = _enrollment_id(session, user.id, lesson)
    progress = events._state(session, enrollment_id=enrollment_id, lesson_id=lesson.id, replayed=False)
    assert (progress.lesson.current_slide_id, progress.lesson.current_slide_index) == (third, 0)
    assert progress.lesson.total_slides_viewed == 1
    assert second  # untouched


def _enrollment_id(session: Session, user_id: str, lesson: Lesson) -> str:
    found = find_enrollment_id(session, student_id=user_id, lesson_id=lesson.id)
    assert found is not None
    return found


def test_hooks_and_the_check_see_the_callers_pending_orm_changes(session: Session) -> None:
    course, (lesson, other) = _course(session, lessons=2, slides=1)
    user = f.make_user(session)
    read, _ = enrollment.enrol(session, actor=actor(user), course_id=course.id)
    other.status = LessonStatus.DRAFT  # authoring changes the ORM object, then calls the hook
    hooks.lesson_set_changed(session, course_id=course.id)
    assert enrollment_row(session, read.id).total_lessons == 1
    quiz = f.make_quiz(session, lesson=lesson)
    f.make_question(session, quiz=quiz)
    submission = f.make_submission(session, quiz=quiz, student=user, passed=False)
    _view(session, actor(user), lesson, slide_ids(session, lesson.id)[0], "1")
    submission.passed = True  # the quiz engine grades, then checks, without flushing
    assert check_lesson_completion(session, enrollment_id=read.id, lesson_id=lesson.id)


def test_a_quiz_without_active_questions_does_not_block_completion(session: Session) -> None:
    course, (lesson,) = _course(session, lessons=1, slides=1)
    user = f.make_user(session)
    read, _ = enrollment.enrol(session, actor=actor(user), course_id=course.id)
    empty = f.make_quiz(session, lesson=lesson)
    f.make_question(session, quiz=empty, retired_at=utcnow())
    _view(session, actor(user), lesson, slide_ids(session, lesson.id)[0], "1")
    assert check_lesson_completion(session, enrollment_id=read.id, lesson_id=lesson.id)
    assert enrollment_row(session, read.id).lessons_completed == 1
