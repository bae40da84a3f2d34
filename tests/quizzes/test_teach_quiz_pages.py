"""The quiz editor's pages over HTTP, as a browser without JavaScript uses them: a quiz created with
its policy in words, every question type added and edited through its form, one invalid value per
type refused beside its field with everything typed kept, reorder, delete (confirmed), and the
"try it as a student" preview, graded by the real graders and recording nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.enums import LessonStatus, QuestionType
from bibliology.quizzes.models import Question, Quiz
from tests import factories as f

Login = Callable[[User], str]
HTML = {"accept": "text/html"}

FORMS: dict[QuestionType, dict[str, str]] = {
    QuestionType.MULTIPLE_CHOICE: {
        "text_en": "Who was the beloved disciple?",
        "text_fr": "Qui était le disciple bien-aimé ?",
        "option-0-en": "Peter",
        "option-0-fr": "Pierre",
        "option-1-en": "John",
        "option-1-fr": "Jean",
        "option-1-correct": "on",
        "option-2-en": "Judas",
        "option-2-fr": "Judas",
        "explanation_en": "See John 13:23.",
        "explanation_fr": "Voir Jean 13,23.",
        "points": "2",
    },
    QuestionType.TRUE_FALSE: {
        "text_en": "Paul wrote Romans.",
        "text_fr": "Paul a écrit l’épître aux Romains.",
        "value": "true",
        "points": "1",
    },
    QuestionType.SHORT_ANSWER: {
        "text_en": "Who denied Jesus three times?",
        "text_fr": "Qui a renié Jésus trois fois ?",
        "accepted_en": "Peter\nSimon Peter",
        "accepted_fr": "Pierre",
        "match-ignore_case": "on",
        "match-normalize_apostrophes": "on",
        "typo_tolerance": "1",
        "points": "1",
    },
    QuestionType.FILL_BLANK: {
        "text_en": "For God so loved the {{1}} that he gave his only {{2}}.",
        "text_fr": "Car Dieu a tant aimé le {{1}} qu’il a donné son {{2}} unique.",
        "blank-0-id": "1",
        "blank-0-en": "world",
        "blank-0-fr": "monde",
        "blank-1-id": "2",
        "blank-1-en": "Son",
        "blank-1-fr": "Fils",
        "blank-2-id": "3",
        "points": "2",
    },
    QuestionType.MATCHING: {
        "text_en": "Match each book with its event.",
        "text_fr": "Associez chaque livre à son événement.",
        "pair-0-left_en": "Genesis",
        "pair-0-left_fr": "Genèse",
        "pair-0-right_en": "Creation",
        "pair-0-right_fr": "Création",
        "pair-1-left_en": "Exodus",
        "pair-1-left_fr": "Exode",
        "pair-1-right_en": "Red Sea crossing",
        "pair-1-right_fr": "Passage de la mer Rouge",
        "extra-0-en": "Exile",
        "extra-0-fr": "Exil",
        "points": "2",
    },
}

# One invalid value per type: (changes to the valid form, the input the error must be beside, a
# typed value that must still be on the page).
INVALID: dict[QuestionType, tuple[dict[str, str], str, str]] = {
    QuestionType.MULTIPLE_CHOICE: ({"option-1-correct": "", "option-2-fr": ""}, "options", "Judas"),
    QuestionType.TRUE_FALSE: ({"value": ""}, "value", "Paul wrote Romans."),
    QuestionType.SHORT_ANSWER: ({"accepted_en": ""}, "accepted_en", "Pierre"),
    QuestionType.FILL_BLANK: ({"blank-1-en": ""}, "blank-1-en", "Fils"),
    QuestionType.MATCHING: ({"pair-1-right_en": ""}, "pair-1-right_en", "Passage de la mer Rouge"),
}


def _form(kind: QuestionType, **changes: str) -> dict[str, str]:
    data = {"question_type": kind.value, **FORMS[kind], **changes}
    return {k: v for k, v in data.items() if v != ""}


def _setup(session: Session) -> tuple[User, Quiz]:
    teacher = f.make_teacher(session)
    course = f.make_course(session, teacher=teacher)
    lesson = f.make_lesson(session, course=course, status=LessonStatus.DRAFT)
    return teacher, f.make_quiz(session, lesson=lesson, title_en="Gospel check", title_fr="Contrôle")


def _questions(session: Session, quiz: Quiz) -> list[Question]:
    session.expire_all()
    return list(
        session.scalars(select(Question).where(Question.quiz_id == quiz.id).order_by(Question.question_order))
    )


def _error_beside(page: str, field: str) -> str:
    found = re.search(rf'<p class="field-error" id="{re.escape(field)}-error">([^<]+)</p>', page)
    assert found, f"no error beside {field}"
    return found.group(1)


# --------------------------------------------------------------------------- creating a quiz


def test_a_quiz_is_created_with_its_policy_in_words(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher = f.make_teacher(session)
    lesson = f.make_lesson(session, course=f.make_course(session, teacher=teacher))
    slide = f.make_slide(session, lesson=lesson, title_en="The call")
    login_as(teacher)

    page = client.get(f"/teach/lessons/{lesson.id}/quizzes/new?slide={slide.id}", headers=HTML)
    assert page.status_code == 200, page.text
    assert "Title (French)" in page.text
    assert 'lang="fr"' in page.text
    assert f'<option value="{slide.id}" selected>' in page.text
    assert "Students may try as many times as they like." in page.text

    form = {
        "title_en": "Call narratives",
        "title_fr": "Récits de vocation",
        "slide_id": slide.id,
        "passing_score_percentage": "eighty",
        "max_attempts": "3",
        "time_limit_minutes": "",
        "allow_review": "on",
        "partial_credit_policy": "partial",
        "wrong_pick_penalty": "strict",
    }
    refused = client.post(f"/teach/lessons/{lesson.id}/quizzes/new", data=form, headers=HTML)
    assert refused.status_code == 422
    # Strict models: letters are an "int_type" error (pages._PYDANTIC words only "int_parsing").
    assert _error_beside(refused.text, "passing_score_percentage") in (
        "A whole number, please.",
        "Input should be a valid integer",
    )
    assert 'value="eighty"' in refused.text
    assert 'value="Récits de vocation"' in refused.text
    assert "Students may try 3 times." in refused.text  # the words follow what was typed
    assert session.scalar(select(func.count()).select_from(Quiz).where(Quiz.lesson_id == lesson.id)) == 0

    created = client.post(
        f"/teach/lessons/{lesson.id}/quizzes/new",
        data={**form, "passing_score_percentage": "80"},
        headers=HTML,
        follow_redirects=False,
    )
    assert created.status_code == 303, created.text
    quiz = session.scalars(select(Quiz).where(Quiz.lesson_id == lesson.id)).one()
    assert created.headers["location"] == f"/teach/quizzes/{quiz.id}?done=created"
    assert (quiz.title_fr, quiz.slide_id, quiz.passing_score_percentage, quiz.max_attempts) == (
        "Récits de vocation",
        slide.id,
        80,
        3,
    )
    assert (quiz.allow_review, quiz.show_correct_answers, quiz.wrong_pick_penalty) == (True, False, "strict")

    editor = client.get(created.headers["location"], headers=HTML)
    assert editor.status_code == 200
    for words in (
        "Students may try 3 times.",
        "They need 80% to pass",
        "but not the correct answers",
        "Each wrong option ticked cancels one right option.",
        f"/teach/quizzes/{quiz.id}/gradebook",
        f"/teach/quizzes/{quiz.id}/stats",
        f"/teach/lessons/{lesson.id}",
    ):
        assert words in editor.text, words
    french = client.get(f"/teach/quizzes/{quiz.id}?lang=fr", headers=HTML)
    assert "Les élèves peuvent essayer 3\u00a0fois." in french.text


def test_the_settings_are_saved_and_refused_beside_their_field(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, quiz = _setup(session)
    login_as(teacher)
    base = {"title_en": "Gospel check", "passing_score_percentage": "60", "partial_credit_policy": "all_or_nothing",
            "wrong_pick_penalty": "balanced"}  # fmt: skip
    refused = client.post(f"/teach/quizzes/{quiz.id}", data={**base, "max_attempts": "0"}, headers=HTML)
    assert refused.status_code == 422
    assert _error_beside(refused.text, "max_attempts") == "At least 1."
    assert 'value="60"' in refused.text

    saved = client.post(
        f"/teach/quizzes/{quiz.id}",
        data={**base, "time_limit_minutes": "15", "shuffle_questions": "on"},
        headers=HTML,
        follow_redirects=False,
    )
    assert saved.status_code == 303
    session.refresh(quiz)
    assert (quiz.title_fr, quiz.time_limit_minutes, quiz.shuffle_questions, quiz.allow_review) == (
        None,
        15,
        True,
        False,
    )
    page = client.get(saved.headers["location"], headers=HTML).text
    assert "within 15 minutes of starting" in page
    assert "their score only" in page


# --------------------------------------------------------------------------- questions


@pytest.mark.parametrize("kind", list(QuestionType))
def test_each_question_type_is_added_and_edited_by_form(
    kind: QuestionType, client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, quiz = _setup(session)
    login_as(teacher)
    blank = client.get(f"/teach/quizzes/{quiz.id}/questions/new?type={kind.value}", headers=HTML)
    assert blank.status_code == 200, blank.text
    assert "Question (French)" in blank.text

    added = client.post(
        f"/teach/quizzes/{quiz.id}/questions", data=_form(kind), headers=HTML, follow_redirects=False
    )
    assert added.status_code == 303, added.text
    (question,) = _questions(session, quiz)
    assert question.question_type == kind
    assert question.question_text_fr == {"text": FORMS[kind]["text_fr"]}
    expected: dict[QuestionType, Any] = {
        QuestionType.MULTIPLE_CHOICE: {"multiple": False, "correct": ["b"]},
        QuestionType.TRUE_FALSE: {"value": True},
        QuestionType.SHORT_ANSWER: {
            "accepted": {"en": ["Peter", "Simon Peter"], "fr": ["Pierre"]},
            "match": {
                "ignore_case": True,
                "ignore_accents": False,
                "normalize_apostrophes": True,
                "normalize_ligatures": False,
                "collapse_whitespace_punctuation": False,
                "typo_tolerance": 1,
            },
        },
        QuestionType.FILL_BLANK: {
            "blanks": [
                {"id": "1", "accepted": {"en": ["world"], "fr": ["monde"]}},
                {"id": "2", "accepted": {"en": ["Son"], "fr": ["Fils"]}},
            ],
        },
        QuestionType.MATCHING: {"pairs": [["l1", "r1"], ["l2", "r2"]]},
    }
    stored = question.correct_answers
    if kind == QuestionType.FILL_BLANK:
        stored = {"blanks": stored["blanks"]}
    assert stored == expected[kind]
    options_fr: Any = question.options_fr
    if kind == QuestionType.MATCHING:
        assert options_fr["right"] == [
            {"id": "r1", "text": "Création"},
            {"id": "r2", "text": "Passage de la mer Rouge"},
            {"id": "r3", "text": "Exil"},
        ]
    if kind == QuestionType.MULTIPLE_CHOICE:
        assert [o["text"] for o in options_fr] == ["Pierre", "Jean", "Judas"]

    # The edit form shows what is stored; a change is saved.
    edit_url = f"/teach/quizzes/{quiz.id}/questions/{question.id}"
    edit = client.get(edit_url, headers=HTML)
    assert edit.status_code == 200
    assert FORMS[kind]["text_fr"].replace("’", "&#39;") in edit.text or FORMS[kind]["text_fr"] in edit.text
    changed = client.post(
        edit_url, data=_form(kind, text_en="Edited: " + FORMS[kind]["text_en"], points="3"), headers=HTML,
        follow_redirects=False,
    )  # fmt: skip
    assert changed.status_code == 303, changed.text
    (question,) = _questions(session, quiz)
    assert question.question_text_en["text"].startswith("Edited: ")
    assert question.points == 3


@pytest.mark.parametrize("kind", list(QuestionType))
def test_an_invalid_question_is_refused_beside_its_field_and_nothing_typed_is_lost(
    kind: QuestionType, client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, quiz = _setup(session)
    login_as(teacher)
    changes, field, kept = INVALID[kind]
    refused = client.post(f"/teach/quizzes/{quiz.id}/questions", data=_form(kind, **changes), headers=HTML)
    assert refused.status_code == 422, refused.text
    assert _error_beside(refused.text, field)
    assert kept in refused.text.replace("&#39;", "’")
    assert (
        FORMS[kind]["text_en"].replace("’", "&#39;") in refused.text or FORMS[kind]["text_en"] in refused.text
    )
    assert _questions(session, quiz) == []

    wrong_points = client.post(
        f"/teach/quizzes/{quiz.id}/questions", data=_form(kind, points="lots"), headers=HTML
    )
    assert wrong_points.status_code == 422
    assert _error_beside(wrong_points.text, "points")
    assert 'value="lots"' in wrong_points.text

    # The same refusal when editing.
    question = f.make_typed_question(session, quiz=quiz, question_type=kind, question_order=0)
    edited = client.post(
        f"/teach/quizzes/{quiz.id}/questions/{question.id}", data=_form(kind, **changes), headers=HTML
    )
    assert edited.status_code == 422
    assert _error_beside(edited.text, field)


def test_questions_are_reordered_without_javascript_and_by_the_json_api(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, quiz = _setup(session)
    made = [
        f.make_typed_question(session, quiz=quiz, question_type=kind, question_order=n)
        for n, kind in enumerate((QuestionType.TRUE_FALSE, QuestionType.SHORT_ANSWER, QuestionType.MATCHING))
    ]
    login_as(teacher)
    editor = client.get(f"/teach/quizzes/{quiz.id}", headers=HTML).text
    assert f'data-order-url="/api/v1/quizzes/{quiz.id}/question-order"' in editor
    assert editor.count('data-move="up"') == 3

    moved = client.post(
        f"/teach/quizzes/{quiz.id}/questions/{made[2].id}/move",
        data={"position": "0"},
        headers=HTML,
        follow_redirects=False,
    )
    assert moved.status_code == 303
    assert moved.headers["location"] == f"/teach/quizzes/{quiz.id}?done=moved#q-{made[2].id}"
    assert [q.id for q in _questions(session, quiz)] == [made[2].id, made[0].id, made[1].id]

    api = client.put(
        f"/api/v1/quizzes/{quiz.id}/question-order",
        json={"question_ids": [made[1].id, made[0].id, made[2].id]},
    )
    assert api.status_code == 200, api.text
    assert [q.id for q in _questions(session, quiz)] == [made[1].id, made[0].id, made[2].id]


def test_deleting_a_question_and_the_quiz_is_confirmed_first(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, quiz = _setup(session)
    question = f.make_typed_question(
        session, quiz=quiz, question_type=QuestionType.TRUE_FALSE, question_order=0
    )
    lesson_id, quiz_id = quiz.lesson_id, quiz.id
    login_as(teacher)
    confirm = client.get(f"/teach/quizzes/{quiz.id}/questions/{question.id}/delete", headers=HTML)
    assert confirm.status_code == 200
    assert "Delete this question?" in confirm.text
    assert "Paul wrote the letter" in confirm.text
    assert _questions(session, quiz)  # asking deletes nothing
    deleted = client.post(
        f"/teach/quizzes/{quiz.id}/questions/{question.id}/delete", headers=HTML, follow_redirects=False
    )
    assert deleted.status_code == 303
    assert _questions(session, quiz) == []

    ask = client.get(f"/teach/quizzes/{quiz.id}/delete", headers=HTML)
    assert ask.status_code == 200
    assert "cannot be undone" in ask.text
    gone = client.post(f"/teach/quizzes/{quiz.id}/delete", headers=HTML, follow_redirects=False)
    assert gone.status_code == 303
    assert gone.headers["location"] == f"/teach/lessons/{lesson_id}?done=quiz-deleted"
    session.expire_all()
    assert session.get(Quiz, quiz_id) is None


def test_a_quiz_students_attempted_is_not_deleted_and_the_page_says_why(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, quiz = _setup(session)
    f.make_submission(session, quiz=quiz)
    login_as(teacher)
    refused = client.post(f"/teach/quizzes/{quiz.id}/delete", headers=HTML)
    assert refused.status_code == 409
    assert "students have attempted this quiz" in refused.text
    assert session.get(Quiz, quiz.id) is not None


def test_another_teacher_and_a_student_cannot_open_the_editor(
    client: TestClient, session: Session, login_as: Login
) -> None:
    _, quiz = _setup(session)
    login_as(f.make_teacher(session))
    for url in (f"/teach/quizzes/{quiz.id}", f"/teach/quizzes/{quiz.id}/preview"):
        assert client.get(url, headers=HTML).status_code in (403, 404)
    login_as(f.make_user(session))
    assert client.get(f"/teach/quizzes/{quiz.id}", headers=HTML).status_code == 403


# --------------------------------------------------------------------------- preview

COUNTED = ("quiz_submissions", "question_answers", "attempt_answers", "lesson_progress", "enrollments",
           "activity_logs", "slide_progress")  # fmt: skip


def _counts(session: Session) -> dict[str, int]:
    tables = set(session.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
    return {t: session.scalar(text(f"SELECT count(*) FROM {t}")) or 0 for t in COUNTED if t in tables}


def test_the_preview_grades_with_the_real_graders_and_records_nothing(
    client: TestClient, session: Session, login_as: Login
) -> None:
    teacher, quiz = _setup(session)  # a draft lesson: previews work on drafts
    questions = {
        kind: f.make_typed_question(session, quiz=quiz, question_type=kind, question_order=n)
        for n, kind in enumerate(QuestionType)
    }
    login_as(teacher)
    before = _counts(session)
    assert {"quiz_submissions", "question_answers", "lesson_progress", "enrollments", "activity_logs"} <= set(
        before
    )

    page = client.get(f"/teach/quizzes/{quiz.id}/preview", headers=HTML)
    assert page.status_code == 200, page.text
    assert "Nothing is recorded" in page.text
    assert page.text.count('class="quiz-question"') == 5
    assert "Correct answer" not in page.text
    assert "See John 13:23." not in page.text
    seed = re.search(r'name="seed" value="(\d+)"', page.text)
    assert seed

    mc, tf, sa, fb, mt = (questions[k].id for k in QuestionType)
    answers = {
        "seed": seed.group(1),
        "questions": [mc, tf, sa, fb, mt],
        f"q.{mc}": "b",  # right
        f"q.{tf}": "false",  # wrong
        f"q.{sa}": "Petr",  # right, a typo forgiven
        f"q.{fb}.1": "world",  # one blank of two
        f"q.{mt}.l1": "r1",
        f"q.{mt}.l2": "r2",
    }
    graded = client.post(f"/teach/quizzes/{quiz.id}/preview", data=answers, headers=HTML)
    assert graded.status_code == 200, graded.text
    # 1 + 0 + 1 + 1/2 + 1 = 3.5 of 5 points: 70 %, passed at 70 %.
    assert '<strong id="quiz-score">70%</strong>' in graded.text
    assert "Passed" in graded.text
    assert "Correct answer" in graded.text
    assert "See John 13:23." in graded.text
    assert "A small typing error was forgiven." in graded.text
    assert _counts(session) == before

    quiz.allow_review = False
    session.flush()
    score_only = client.post(f"/teach/quizzes/{quiz.id}/preview", data=answers, headers=HTML)
    assert "This quiz shows the score only" in score_only.text
    assert "Correct answer" not in score_only.text
    assert _counts(session) == before


def test_the_preview_in_french(client: TestClient, session: Session, login_as: Login) -> None:
    teacher, quiz = _setup(session)
    f.make_typed_question(session, quiz=quiz, question_type=QuestionType.MATCHING, question_order=0)
    login_as(teacher)
    page = client.get(f"/teach/quizzes/{quiz.id}/preview?lang=fr", headers=HTML)
    assert page.status_code == 200
    assert "Associez chaque livre à son événement." in page.text
    assert "Genèse" in page.text
    assert "Rien n’est enregistré" in page.text
