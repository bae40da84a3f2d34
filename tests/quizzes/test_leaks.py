"""Nothing leaks: before submission no response of any GET endpoint (API or page), nor the start
and save responses, holds correct answers, per-question correctness or explanations; after it,
only what allow_review / show_correct_answers allow. Endpoints are discovered from the app, so a
route added later by any domain is covered too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.enums import QuestionType
from bibliology.quizzes.models import Quiz
from tests import factories as f
from tests.courses.authoring import bearer
from tests.quizzes.helpers import course_of

# Values that exist only in correct answers and explanations.
SECRETS = ("Zerubbabel", "Zorobabel", "Melchizedek", "Melchisedech", "EXPLAIN-")
ANSWER_KEYS = {"correct_answers", "correct_answer", "correct", "accepted", "matched"}
EXPLANATION_KEYS = {"explanation", "explanation_en", "explanation_fr"}
CORRECTNESS_KEYS = {"is_correct", "share_correct", "right_picks", "wrong_picks"}


def _secret_questions(session: Session, quiz: Quiz) -> None:
    explained = {"explanation_en": {"text": "EXPLAIN-en"}, "explanation_fr": {"text": "EXPLAIN-fr"}}
    f.make_typed_question(
        session, quiz=quiz, question_type=QuestionType.MULTIPLE_CHOICE, question_order=0, **explained
    )
    f.make_typed_question(
        session, quiz=quiz, question_type=QuestionType.TRUE_FALSE, question_order=1, **explained
    )
    f.make_typed_question(
        session, quiz=quiz, question_type=QuestionType.SHORT_ANSWER, question_order=2,
        correct_answers={"accepted": {"en": ["Zerubbabel"], "fr": ["Zorobabel"]}}, **explained,
    )  # fmt: skip
    f.make_typed_question(
        session, quiz=quiz, question_type=QuestionType.FILL_BLANK, question_order=3,
        question_text_en={"text": "The priest-king {{1}}."}, question_text_fr={"text": "Le roi-prêtre {{1}}."},
        correct_answers={"blanks": [{"id": "1", "accepted": {"en": ["Melchizedek"], "fr": ["Melchisedech"]}}]},
        **explained,
    )  # fmt: skip
    f.make_typed_question(
        session, quiz=quiz, question_type=QuestionType.MATCHING, question_order=4, **explained
    )


def _wrong_answers(attempt: dict[str, Any]) -> dict[str, Any]:
    wrong = {
        "MULTIPLE_CHOICE": {"selected": ["a"]},
        "TRUE_FALSE": {"value": False},
        "SHORT_ANSWER": {"text": "Nehemiah"},
        "FILL_BLANK": {"blanks": {"1": "Aaron"}},
        "MATCHING": {"pairs": {"l1": "r3", "l2": "r1"}},
    }
    return {q["id"]: wrong[q["question_type"]] for q in attempt["questions"]}


def _walk(routes: Any) -> Iterator[str]:
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _walk(inner.routes)
        elif "GET" in (getattr(route, "methods", None) or ()):
            yield route.path


# The API's own description (schemas name correct_answers), not data.
DOCUMENTATION = ("/api/openapi.json", "/api/docs", "/docs/")


def get_paths(app: FastAPI, ids: dict[str, str]) -> list[str]:
    """Every GET path of the app whose parameters we can fill."""
    paths = set()
    for template in _walk(app.routes):
        if template.startswith(DOCUMENTATION):
            continue
        names = re.findall(r"{(\w+)(?::\w+)?}", template)
        if all(name in ids for name in names):
            paths.add(re.sub(r"{(\w+)(?::\w+)?}", lambda m: ids[m.group(1)], template))
    return sorted(paths)


def findings(body: Any, forbidden: set[str], path: str = "$") -> list[str]:
    """Keys of `forbidden` holding a value, anywhere in a JSON document."""
    found = []
    if isinstance(body, dict):
        for key, value in body.items():
            if key in forbidden and value not in (None, [], {}):
                found.append(f"{path}.{key}")
            found += findings(value, forbidden, f"{path}.{key}")
    elif isinstance(body, list):
        for index, value in enumerate(body):
            found += findings(value, forbidden, f"{path}[{index}]")
    return found


def scan(response: Any, forbidden: set[str], secrets: tuple[str, ...] = SECRETS) -> list[str]:
    if response.status_code >= 400:
        return []
    problems = [f"{response.request.url.path}: {s!r}" for s in secrets if s in response.text]
    if "json" in response.headers.get("content-type", ""):
        problems += [f"{response.request.url.path} {p}" for p in findings(response.json(), forbidden)]
    return problems


def sweep(
    client: TestClient,
    app: FastAPI,
    ids: dict[str, str],
    headers: dict[str, str],
    forbidden: set[str],
    skip: tuple[str, ...] = (),
) -> list[str]:
    problems = []
    for path in get_paths(app, ids):
        if path in skip:
            continue
        for lang in ("en", "fr"):
            problems += scan(client.get(path, params={"lang": lang}, headers=headers), forbidden)
    return problems


@pytest.fixture
def setup(session: Session, client: TestClient) -> tuple[Quiz, User, dict[str, str]]:
    quiz, student = f.make_open_quiz(session, question_types=(), max_attempts=3)
    _secret_questions(session, quiz)
    course = course_of(session, quiz)
    ids = {
        "quiz_id": quiz.id,
        "lesson_id": quiz.lesson_id,
        "course_id": course.id,
        "student_id": student.id,
        "user_id": student.id,
    }
    return quiz, student, ids


def test_nothing_leaks_before_submission(
    app: FastAPI, client: TestClient, session: Session, setup: tuple[Quiz, User, dict[str, str]]
) -> None:
    quiz, student, ids = setup
    headers = bearer(session, student)
    forbidden = ANSWER_KEYS | EXPLANATION_KEYS | CORRECTNESS_KEYS
    started = client.post(f"/api/v1/quizzes/{quiz.id}/attempts?lang=fr", headers=headers)
    problems = scan(started, forbidden)
    attempt = started.json()
    assert len(attempt["questions"]) == 5
    saved = client.put(
        f"/api/v1/attempts/{attempt['id']}/answers",
        json={"answers": _wrong_answers(attempt)},
        headers=headers,
    )
    assert saved.status_code == 200
    problems += scan(saved, forbidden)
    paths = get_paths(app, ids | {"attempt_id": attempt["id"]})
    assert f"/api/v1/attempts/{attempt['id']}" in paths
    assert f"/api/v1/lessons/{quiz.lesson_id}" in paths
    problems += sweep(client, app, ids | {"attempt_id": attempt["id"]}, headers, forbidden)
    anonymous = sweep(client, app, ids | {"attempt_id": attempt["id"]}, {}, forbidden)
    assert problems + anonymous == []


@pytest.mark.parametrize(("allow_review", "show_correct"), [(False, False), (False, True), (True, False)])
def test_after_submission_only_what_the_settings_allow(
    app: FastAPI,
    client: TestClient,
    session: Session,
    setup: tuple[Quiz, User, dict[str, str]],
    allow_review: bool,
    show_correct: bool,
) -> None:
    quiz, student, ids = setup
    quiz.allow_review, quiz.show_correct_answers = allow_review, show_correct
    session.flush()
    headers = bearer(session, student)
    attempt = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers).json()
    submitted = client.post(
        f"/api/v1/attempts/{attempt['id']}/submit", json={"answers": _wrong_answers(attempt)}, headers=headers
    )
    assert submitted.status_code == 200
    forbidden = ANSWER_KEYS | EXPLANATION_KEYS | (set() if allow_review else CORRECTNESS_KEYS)
    problems = scan(submitted, forbidden)
    # The account export (right of access) gives a student every record about them, grades
    # included, whatever the review setting: decided in docs/quizzes.md, not a leak of answers.
    exports = ("/api/v1/me/export",)
    problems += sweep(client, app, ids | {"attempt_id": attempt["id"]}, headers, forbidden, skip=exports)
    assert problems == []
    export = client.get("/api/v1/me/export", headers=headers)
    assert scan(export, ANSWER_KEYS | EXPLANATION_KEYS) == []
    if not allow_review:
        assert submitted.json()["result"]["review"] is None
    else:
        assert {item["is_correct"] for item in submitted.json()["result"]["review"]} == {False}


def test_with_correct_answers_shown_the_review_has_them(
    client: TestClient, session: Session, setup: tuple[Quiz, User, dict[str, str]]
) -> None:
    quiz, student, _ = setup
    headers = bearer(session, student)
    attempt = client.post(f"/api/v1/quizzes/{quiz.id}/attempts?lang=fr", headers=headers).json()
    result = client.post(
        f"/api/v1/attempts/{attempt['id']}/submit", json={"answers": _wrong_answers(attempt)}, headers=headers
    ).json()["result"]
    assert "Zorobabel" in str(result)
    assert "EXPLAIN-fr" in str(result)
    assert "Zerubbabel" not in str(result)  # the attempt's language only
