"""Cached course outlines and lesson trees (committed data, a real cache): each kind of write is
seen by readers once it calls `invalidate` — and not before, which proves the cache is in use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bibliology.cache import MemoryCache
from bibliology.courses import lifecycle as course_lifecycle
from bibliology.courses import service as courses
from bibliology.courses.models import Course
from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.enums import LessonStatus, UserRole
from bibliology.errors import NotFound
from bibliology.invalidation import attach_cache, invalidate
from bibliology.lessons.models import ContentBlock, Lesson, Slide
from bibliology.policy import ANONYMOUS, Actor
from bibliology.progress import hooks
from bibliology.queries.course_outline import course_outline
from bibliology.queries.lesson_tree import lesson_tree
from bibliology.quizzes.models import Question, Quiz
from tests import factories as f
from tests.queries.support import counting


@dataclass
class World:
    sessions: sessionmaker[Session]
    cache: MemoryCache
    course_id: str
    lesson_id: str
    teacher: Actor
    ids: dict[str, str]

    def outline(self, lang: str = "en") -> dict[str, Any]:
        with unit_of_work(self.sessions) as session:
            return course_outline(
                session, actor=ANONYMOUS, course_id=self.course_id, lang=lang, cache=self.cache
            )

    def tree(self, who: Actor = ANONYMOUS, lang: str = "en") -> dict[str, Any]:
        with unit_of_work(self.sessions) as session:
            return lesson_tree(session, actor=who, lesson_id=self.lesson_id, lang=lang, cache=self.cache)

    def write(
        self, change: Callable[[Session], object], *, course: bool = False, lesson: bool = False
    ) -> None:
        """Commit `change`, then (as a separate write, so the first is proven cached) invalidate."""
        with unit_of_work(self.sessions) as session:
            change(session)
        with unit_of_work(self.sessions) as session:
            attach_cache(session, self.cache)
            invalidate(
                session,
                course_ids=[self.course_id] if course else [],
                lesson_ids=[self.lesson_id] if lesson else [],
            )


@pytest.fixture
def world(scratch_url: str) -> Iterator[World]:
    engine = make_engine(scratch_url, pool_size=2)
    sessions = session_factory(engine)
    with unit_of_work(sessions) as session:
        teacher = f.make_teacher(session)
        course = f.make_published_course(session, teacher=teacher, lessons=0)
        lesson = f.make_published_lesson(session, course=course, slides=2, quiz_questions=1)
        slide = session.scalars(
            select(Slide.id).where(Slide.lesson_id == lesson.id).order_by(Slide.slide_order)
        ).first()
        block = session.scalars(
            select(ContentBlock.id).where(ContentBlock.slide_id == slide).order_by(ContentBlock.block_order)
        ).first()
        quiz = session.scalars(select(Quiz.id).where(Quiz.lesson_id == lesson.id)).one()
        question = session.scalars(select(Question.id).where(Question.quiz_id == quiz)).one()
        assert slide is not None
        assert block is not None
        ids = {"slide": slide, "block": block, "quiz": quiz, "question": question}
        world = World(sessions, MemoryCache(), course.id, lesson.id, Actor(teacher.id, UserRole.TEACHER), ids)
    yield world
    engine.dispose()


def _warm(world: World) -> None:
    for lang in ("en", "fr"):
        world.outline(lang)
        world.tree(lang=lang)
        world.tree(world.teacher, lang=lang)


def test_a_course_edit(world: World) -> None:
    _warm(world)
    world.write(
        lambda s: s.execute(update(Course).where(Course.id == world.course_id).values(title_fr="Nouveau"))
    )
    assert world.outline("fr")["course"]["title"] != "Nouveau"  # cached until invalidated
    world.write(lambda s: None, course=True)
    assert world.outline("fr")["course"]["title"] == "Nouveau"


def test_a_lesson_edit(world: World) -> None:
    _warm(world)
    rename = update(Lesson).where(Lesson.id == world.lesson_id).values(title_en="Renamed")
    world.write(lambda s: s.execute(rename))
    assert world.outline()["lessons"][0]["title"] != "Renamed"
    assert world.tree()["lesson"]["title"] != "Renamed"
    world.write(lambda s: None, course=True, lesson=True)
    assert world.outline()["lessons"][0]["title"] == "Renamed"
    assert world.tree()["lesson"]["title"] == "Renamed"
    assert world.tree(world.teacher)["lesson"]["title"] == "Renamed"


def test_a_slide_edit(world: World) -> None:
    _warm(world)
    world.write(
        lambda s: s.execute(update(Slide).where(Slide.id == world.ids["slide"]).values(title_fr="Neuve"))
    )
    assert world.tree(lang="fr")["slides"][0]["title"] != "Neuve"
    world.write(lambda s: None, lesson=True)
    assert world.tree(lang="fr")["slides"][0]["title"] == "Neuve"


def test_a_block_edit(world: World) -> None:
    _warm(world)
    new = {"text": "And the Word became flesh."}
    world.write(
        lambda s: s.execute(
            update(ContentBlock).where(ContentBlock.id == world.ids["block"]).values(content_en=new)
        )
    )
    assert world.tree()["slides"][0]["blocks"][0]["content"] != new
    world.write(lambda s: None, lesson=True)
    assert world.tree()["slides"][0]["blocks"][0]["content"] == new


def test_a_quiz_and_a_question_edit(world: World) -> None:
    _warm(world)
    world.write(lambda s: s.execute(update(Quiz).where(Quiz.id == world.ids["quiz"]).values(title_en="Exam")))
    world.write(
        lambda s: s.execute(
            update(Question)
            .where(Question.id == world.ids["question"])
            .values(correct_answers={"value": False})
        )
    )
    assert world.tree()["slides"][-1]["quizzes"][0]["title"] == "Check"
    world.write(lambda s: None, lesson=True)
    assert world.tree()["slides"][-1]["quizzes"][0]["title"] == "Exam"
    (question,) = world.tree(world.teacher)["slides"][-1]["quizzes"][0]["questions"]
    assert question["correct_answers"] == {"value": False}


def test_a_lesson_archived(world: World) -> None:
    _warm(world)

    def archive(session: Session) -> None:
        session.execute(
            update(Lesson).where(Lesson.id == world.lesson_id).values(status=LessonStatus.ARCHIVED)
        )
        hooks.lesson_set_changed(session, course_id=world.course_id)

    world.write(archive)
    assert len(world.outline()["lessons"]) == 1
    world.write(lambda s: None, course=True, lesson=True)
    assert world.outline()["lessons"] == []
    assert world.tree(world.teacher)["lesson"]["status"] == "ARCHIVED"  # the teacher still reads it


def test_a_read_after_an_uncommitted_write_never_reaches_the_cache(world: World) -> None:
    with unit_of_work(world.sessions) as session:
        session.execute(update(Lesson).where(Lesson.id == world.lesson_id).values(title_en="Uncommitted"))
        seen = lesson_tree(session, actor=ANONYMOUS, lesson_id=world.lesson_id, lang="en", cache=world.cache)
        assert seen["lesson"]["title"] == "Uncommitted"  # its own write, read from the database
        session.rollback()
    assert world.cache.get(f"lesson:{world.lesson_id}:tree:student:en") is None
    assert world.tree()["lesson"]["title"] != "Uncommitted"


def test_a_warm_published_tree_or_visitors_outline_is_served_without_the_database(world: World) -> None:
    _warm(world)
    engine = world.sessions.kw["bind"]
    with counting(engine) as statements:
        assert world.tree()["lesson"]["id"] == world.lesson_id
        assert world.tree(world.teacher)["audience"] == "teacher"
        assert world.outline("fr")["enrollment"] is None
    assert statements == []


def test_a_course_archived_takes_its_cached_lessons_from_strangers(world: World) -> None:
    _warm(world)
    with unit_of_work(world.sessions) as session:
        attach_cache(session, world.cache)
        course_lifecycle.change_status(
            session, actor=world.teacher, course_id=world.course_id, change="archive"
        )
    with pytest.raises(NotFound):
        world.tree()
    assert world.tree(world.teacher)["audience"] == "teacher"


def test_a_course_handed_to_another_teacher_changes_who_gets_the_full_tree(world: World) -> None:
    _warm(world)
    with unit_of_work(world.sessions) as session:
        admin = f.make_user(session, role=UserRole.ADMIN)
        successor = f.make_teacher(session)
        attach_cache(session, world.cache)
        courses.assign_teacher(
            session, actor=Actor(admin.id, UserRole.ADMIN), course_id=world.course_id, teacher_id=successor.id
        )
        new_teacher = Actor(successor.id, UserRole.TEACHER)
    assert world.tree(world.teacher)["audience"] == "student"
    assert world.tree(new_teacher)["audience"] == "teacher"


def test_a_transaction_reads_its_own_invalidated_lesson_from_the_database(world: World) -> None:
    _warm(world)
    with unit_of_work(world.sessions) as session:
        attach_cache(session, world.cache)
        session.execute(update(Lesson).where(Lesson.id == world.lesson_id).values(title_en="Mine"))
        invalidate(session, lesson_ids=[world.lesson_id])
        seen = lesson_tree(session, actor=ANONYMOUS, lesson_id=world.lesson_id, lang="en", cache=world.cache)
        assert seen["lesson"]["title"] == "Mine"
    assert world.tree()["lesson"]["title"] == "Mine"


def test_a_tree_missed_after_an_uncommitted_write_is_not_stored_even_with_warm_facts(world: World) -> None:
    world.tree(lang="fr")  # the lesson's facts are cached now, its English tree is not
    key = f"lesson:{world.lesson_id}:tree:student:en"
    with unit_of_work(world.sessions) as session:
        session.execute(update(Lesson).where(Lesson.id == world.lesson_id).values(title_en="Uncommitted"))
        seen = lesson_tree(session, actor=ANONYMOUS, lesson_id=world.lesson_id, lang="en", cache=world.cache)
        assert seen["lesson"]["title"] == "Uncommitted"
        session.rollback()
    assert world.cache.get(f"lesson:{world.lesson_id}:facts") is not None
    assert world.cache.get(key) is None
    assert world.tree()["lesson"]["title"] != "Uncommitted"
