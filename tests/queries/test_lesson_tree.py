"""Pattern 2: a lesson's slides, blocks and quizzes, ordered; quiz summaries for students, questions
in full for the course's teacher; policy and languages."""

from __future__ import annotations

import pytest
from sqlalchemy import null
from sqlalchemy.orm import Session

from bibliology.enums import ContentBlockType, LessonStatus, UserRole
from bibliology.errors import NotFound
from bibliology.policy import ANONYMOUS, Actor
from bibliology.progress.schemas import StudentLessonTree, TeacherLessonTree
from bibliology.queries.lesson_tree import TREE, lesson_tree
from tests import factories as f
from tests.queries.support import actor


def _lesson_with_a_quiz(session: Session) -> tuple[str, str, str]:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=3, blocks_per_slide=2, quiz_questions=2)
    f.make_quiz(session, lesson=lesson, title_en="Final", title_fr=None)  # the lesson's end quiz
    return teacher.id, course.id, lesson.id


def test_students_get_quiz_summaries_without_questions(session: Session) -> None:
    _, _, lesson_id = _lesson_with_a_quiz(session)
    tree = lesson_tree(session, actor=actor(f.make_user(session)), lesson_id=lesson_id, lang="en")
    StudentLessonTree.model_validate(tree)  # strict: a "questions" key would fail
    assert tree["audience"] == "student"
    (quiz,) = tree["slides"][-1]["quizzes"]
    assert (quiz["question_count"], quiz["total_points"]) == (2, 2)
    assert "questions" not in quiz
    assert "'correct_answers'" not in str(tree)
    assert [q["title"] for q in tree["quizzes"]] == ["Final"]
    assert all("notes" not in slide for slide in tree["slides"])


def test_the_courses_teacher_and_admins_get_questions_in_full(session: Session) -> None:
    teacher_id, _, lesson_id = _lesson_with_a_quiz(session)
    teacher = f.make_teacher(session)  # another teacher is a reader like any other
    for who, audience in ((actor(f.make_admin(session)), "teacher"), (actor(teacher), "student")):
        assert lesson_tree(session, actor=who, lesson_id=lesson_id, lang="en")["audience"] == audience
    owner = Actor(teacher_id, UserRole.TEACHER)
    tree = lesson_tree(session, actor=owner, lesson_id=lesson_id, lang="fr")
    TeacherLessonTree.model_validate(tree)
    (quiz,) = tree["slides"][-1]["quizzes"]
    assert [q["correct_answers"] for q in quiz["questions"]] == [{"value": True}, {"value": True}]
    assert quiz["questions"][0]["question_text"] == {"text": "L’Esprit est une personne."}
    assert tree["quizzes"][0]["title"] == "Final"
    assert tree["quizzes"][0]["fallback"] == ["title"]


def test_slides_and_blocks_come_in_their_order(session: Session) -> None:
    course = f.make_published_course(session, lessons=0)
    lesson = f.make_lesson(session, course=course, status=LessonStatus.PUBLISHED)
    # Created in the reverse of their order, so insertion order cannot pass for ordering.
    for order in (30, 20, 10):
        slide = f.make_slide(
            session, lesson=lesson, slide_order=order, title_en=f"slide {order}", title_fr=" "
        )
        for block_order in (3, 1, 2):
            f.make_block(
                session,
                slide=slide,
                block_order=block_order,
                block_type=ContentBlockType.HEADING,
                content_en={"text": f"{order}.{block_order}", "level": 2},
                content_fr=null(),
            )
    tree = lesson_tree(session, actor=ANONYMOUS, lesson_id=lesson.id, lang="fr")
    assert [s["title"] for s in tree["slides"]] == ["slide 10", "slide 20", "slide 30"]
    assert [s["index"] for s in tree["slides"]] == [0, 1, 2]
    assert tree["slides"][0]["fallback"] == ["title"]  # a blank translation falls back too
    assert [b["content"]["text"] for b in tree["slides"][0]["blocks"]] == ["10.1", "10.2", "10.3"]
    assert tree["slides"][0]["blocks"][0]["fallback"] == ["content"]  # no French: English, flagged


def test_a_draft_lesson_is_the_teachers_alone(session: Session) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=0)
    draft = f.make_lesson(session, course=course)
    f.make_slide(session, lesson=draft)
    for who in (ANONYMOUS, actor(f.make_user(session)), actor(f.make_teacher(session))):
        with pytest.raises(NotFound):
            lesson_tree(session, actor=who, lesson_id=draft.id, lang="en")
    assert len(lesson_tree(session, actor=actor(teacher), lesson_id=draft.id, lang="en")["slides"]) == 1
    with pytest.raises(NotFound):
        lesson_tree(session, actor=ANONYMOUS, lesson_id="no-such-lesson", lang="en")


def test_an_archived_course_stays_readable_by_its_students_only(session: Session) -> None:
    course = f.make_course(session, status=LessonStatus.ARCHIVED)
    lesson_id = f.make_published_lesson(session, course=course).id
    enrolled = f.make_user(session)
    f.make_enrollment(session, course=course, student=enrolled)
    assert lesson_tree(session, actor=actor(enrolled), lesson_id=lesson_id, lang="en")["slides"]
    with pytest.raises(NotFound):
        lesson_tree(session, actor=actor(f.make_user(session)), lesson_id=lesson_id, lang="en")


def test_english_readers_never_read_french_columns() -> None:
    for (lang, _audience), statement in TREE.items():
        assert ("_fr" in str(statement)) == (lang == "fr")
