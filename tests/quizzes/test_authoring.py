"""Authoring: settings, validated questions, atomic order, retire-not-delete, cache invalidation."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.cache import MemoryCache
from bibliology.enums import LessonStatus, QuestionType
from bibliology.errors import Conflict, Forbidden, Invalid, NotFound
from bibliology.invalidation import attach_cache, lesson_tree_key
from bibliology.lessons.models import Lesson
from bibliology.policy import Actor
from bibliology.quizzes import attempts, authoring
from bibliology.quizzes.models import Question
from bibliology.quizzes.schemas import QuestionCreate, QuestionUpdate, QuizCreate, QuizUpdate
from tests import factories as f
from tests.quizzes.helpers import NOW, actor, quiz_teacher


def _lesson(session: Session) -> tuple[User, Lesson]:
    teacher = f.make_teacher(session)
    course = f.make_course(session, teacher=teacher)
    return teacher, f.make_lesson(session, course=course)


def test_create_quiz_with_every_setting(session: Session) -> None:
    teacher, lesson = _lesson(session)
    slide = f.make_slide(session, lesson=lesson)
    data = QuizCreate(
        title_en="Check",
        title_fr="Vérification",
        slide_id=slide.id,
        passing_score_percentage=80,
        time_limit_minutes=10,
        shuffle_questions=True,
        shuffle_options=True,
        allow_review=False,
        show_correct_answers=False,
        max_attempts=2,
        partial_credit_policy="all_or_nothing",
        wrong_pick_penalty="strict",
    )
    quiz = authoring.create_quiz(session, actor=actor(teacher), lesson_id=lesson.id, data=data)
    assert (quiz.passing_score_percentage, quiz.max_attempts, quiz.partial_credit_policy) == (
        80,
        2,
        "all_or_nothing",
    )
    assert session.scalar(select(ActivityLog.action).where(ActivityLog.entity_id == quiz.id)) == "CREATE_QUIZ"


def test_a_slide_of_another_lesson_is_refused(session: Session) -> None:
    teacher, lesson = _lesson(session)
    other = f.make_slide(session)
    with pytest.raises(Invalid) as info:
        authoring.create_quiz(
            session,
            actor=actor(teacher),
            lesson_id=lesson.id,
            data=QuizCreate(title_en="Q", slide_id=other.id),
        )
    assert info.value.fields[0]["field"] == "slide_id"


def test_only_the_courses_teacher_authors(session: Session) -> None:
    _, lesson = _lesson(session)
    stranger = f.make_teacher(session)
    with pytest.raises(NotFound):  # a draft course of someone else: not even visible
        authoring.create_quiz(
            session, actor=actor(stranger), lesson_id=lesson.id, data=QuizCreate(title_en="Q")
        )
    quiz, student = f.make_open_quiz(session)
    with pytest.raises(Forbidden):  # visible (published) but not theirs
        authoring.update_quiz(session, actor=actor(student), quiz_id=quiz.id, data=QuizUpdate(title_en="x"))


def test_update_settings_and_clear_optional_ones(session: Session) -> None:
    quiz, _ = f.make_open_quiz(session, max_attempts=3, time_limit_minutes=5)
    teacher = actor(quiz_teacher(session, quiz.id))
    authoring.update_quiz(
        session,
        actor=teacher,
        quiz_id=quiz.id,
        data=QuizUpdate.model_validate({"max_attempts": None, "time_limit_minutes": 20}),
    )
    assert (quiz.max_attempts, quiz.time_limit_minutes) == (None, 20)
    with pytest.raises(ValueError, match="cannot be null"):
        QuizUpdate.model_validate({"title_en": None})


def test_questions_are_validated_by_the_content_model(session: Session) -> None:
    quiz, _ = f.make_open_quiz(session, question_types=())
    teacher = actor(quiz_teacher(session, quiz.id))
    bad = QuestionCreate(
        question_type="multiple_choice",
        text_en="Who?",
        options_en=[{"id": "a", "text": "A", "correct": True}, {"id": "b", "text": "B"}],
        correct_answers={"correct": ["z"]},
    )
    with pytest.raises(Invalid) as info:
        authoring.add_question(session, actor=teacher, quiz_id=quiz.id, data=bad)
    assert {e["field"] for e in info.value.fields} == {"options_en.0.correct"}
    wrong_id = bad.model_copy(update={"options_en": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]})
    with pytest.raises(Invalid) as info:
        authoring.add_question(session, actor=teacher, quiz_id=quiz.id, data=wrong_id)
    assert {e["field"] for e in info.value.fields} == {"correct_answers.correct.0"}
    with pytest.raises(Invalid) as unknown:
        authoring.add_question(
            session,
            actor=teacher,
            quiz_id=quiz.id,
            data=QuestionCreate(question_type="essay", text_en="?", correct_answers={}),
        )
    assert unknown.value.fields[0]["field"] == "question_type"


def _add(
    session: Session,
    quiz_id: str,
    teacher_actor: Actor,
    kind: QuestionType = QuestionType.TRUE_FALSE,
    **kw: Any,
) -> Question:
    data = QuestionCreate(question_type=kind.value, text_en="Q", correct_answers={"value": True}, **kw)
    return authoring.add_question(session, actor=teacher_actor, quiz_id=quiz_id, data=data)


def test_add_at_a_position_and_reorder_atomically(session: Session) -> None:
    quiz, _ = f.make_open_quiz(session, question_types=())
    teacher = actor(quiz_teacher(session, quiz.id))
    a, b = _add(session, quiz.id, teacher), _add(session, quiz.id, teacher)
    c = _add(session, quiz.id, teacher, position=0)
    ids = [q.id for q in authoring.list_questions(session, actor=teacher, quiz_id=quiz.id)]
    assert ids == [c.id, a.id, b.id]
    reordered = authoring.reorder_questions(
        session, actor=teacher, quiz_id=quiz.id, question_ids=[b.id, c.id, a.id]
    )
    assert [(q.id, q.question_order) for q in reordered] == [(b.id, 0), (c.id, 1), (a.id, 2)]
    with pytest.raises(Invalid):
        authoring.reorder_questions(session, actor=teacher, quiz_id=quiz.id, question_ids=[a.id, b.id])
    with pytest.raises(Invalid):
        authoring.reorder_questions(session, actor=teacher, quiz_id=quiz.id, question_ids=[a.id, a.id, b.id])


def test_a_question_with_answers_is_retired_not_deleted(session: Session) -> None:
    quiz, student = f.make_open_quiz(
        session, question_types=(QuestionType.TRUE_FALSE, QuestionType.SHORT_ANSWER)
    )
    teacher = actor(quiz_teacher(session, quiz.id))
    first, second = authoring.list_questions(session, actor=teacher, quiz_id=quiz.id)
    outcome, _ = attempts.start_attempt(session, actor=actor(student), quiz_id=quiz.id, lang="en", now=NOW)
    attempts.save_answers(
        session,
        actor=actor(student),
        submission_id=outcome.submission.id,
        given={first.id: {"value": True}},
        now=NOW,
    )
    assert authoring.remove_question(session, actor=teacher, question_id=first.id) == "retired"
    assert first.retired_at is not None
    assert authoring.remove_question(session, actor=teacher, question_id=second.id) == "deleted"
    assert session.get(Question, second.id) is None
    # The open attempt still holds the retired question; a new attempt would not.
    attempts.submit_attempt(session, actor=actor(student), submission_id=outcome.submission.id, now=NOW)
    assert outcome.submission.total_points == 1


def test_changing_correct_answers_offers_a_regrade(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, question_types=(QuestionType.TRUE_FALSE,))
    teacher = actor(quiz_teacher(session, quiz.id))
    (question,) = authoring.list_questions(session, actor=teacher, quiz_id=quiz.id)
    outcome, _ = attempts.start_attempt(session, actor=actor(student), quiz_id=quiz.id, lang="en", now=NOW)
    attempts.submit_attempt(
        session,
        actor=actor(student),
        submission_id=outcome.submission.id,
        given={question.id: {"value": False}},
        now=NOW,
    )
    _, graded = authoring.update_question(
        session, actor=teacher, question_id=question.id, data=QuestionUpdate(text_en="Reworded")
    )
    assert graded == 0  # wording only: nothing to regrade
    _, graded = authoring.update_question(
        session, actor=teacher, question_id=question.id, data=QuestionUpdate(correct_answers={"value": False})
    )
    assert graded == 1
    with pytest.raises(Conflict):
        authoring.update_question(
            session, actor=teacher, question_id=question.id, data=QuestionUpdate(question_type="SHORT_ANSWER")
        )


def test_writes_invalidate_the_lesson_tree(session: Session) -> None:
    quiz, _ = f.make_open_quiz(session, question_types=())
    teacher = actor(quiz_teacher(session, quiz.id))
    work = session.info["factory"]()
    cache = MemoryCache()
    attach_cache(work, cache)
    key = lesson_tree_key(quiz.lesson_id, "fr", "student")
    cache.set(key, b"cached", 60)
    _add(work, quiz.id, teacher)
    assert cache.get(key) == b"cached"
    work.commit()
    assert cache.get(key) is None


def test_a_quiz_with_attempts_cannot_be_deleted(session: Session) -> None:
    quiz, student = f.make_open_quiz(session, question_types=(QuestionType.TRUE_FALSE,))
    teacher = actor(quiz_teacher(session, quiz.id))
    attempts.start_attempt(session, actor=actor(student), quiz_id=quiz.id, lang="en", now=NOW)
    with pytest.raises(Conflict):
        authoring.delete_quiz(session, actor=teacher, quiz_id=quiz.id)
    empty, _ = f.make_open_quiz(session, question_types=())
    authoring.delete_quiz(session, actor=actor(quiz_teacher(session, empty.id)), quiz_id=empty.id)


def test_archived_lessons_are_read_only(session: Session) -> None:
    quiz, _ = f.make_open_quiz(session)
    teacher = quiz_teacher(session, quiz.id)
    session.get_one(Lesson, quiz.lesson_id).status = LessonStatus.ARCHIVED
    session.flush()
    with pytest.raises(Conflict):
        authoring.update_quiz(session, actor=actor(teacher), quiz_id=quiz.id, data=QuizUpdate(title_en="x"))
