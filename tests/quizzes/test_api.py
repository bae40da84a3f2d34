"""The quiz engine over HTTP: authoring, a student's attempt from rules to review, teachers' tools."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bibliology.activity.models import ActivityLog
from bibliology.enums import QuestionType
from bibliology.quizzes.models import Question, QuestionAnswer, Quiz, QuizSubmission
from tests import factories as f
from tests.courses.authoring import bearer
from tests.quizzes.helpers import RIGHT, quiz_teacher

Headers = dict[str, str]

TRUE_FALSE = {
    "question_type": "TRUE_FALSE",
    "text_en": "Paul wrote Romans.",
    "correct_answers": {"value": True},
}


def test_authoring_over_the_api(client: TestClient, session: Session) -> None:
    teacher = f.make_teacher(session)
    lesson = f.make_lesson(session, course=f.make_course(session, teacher=teacher))
    headers = bearer(session, teacher)
    created = client.post(
        f"/api/v1/lessons/{lesson.id}/quizzes",
        json={"title_en": "Check", "max_attempts": 2, "partial_credit_policy": "all_or_nothing"},
        headers=headers,
    )
    assert created.status_code == 201, created.text
    quiz = created.json()
    assert (quiz["max_attempts"], quiz["wrong_pick_penalty"]) == (2, "balanced")
    ids = []
    for _ in range(3):
        response = client.post(f"/api/v1/quizzes/{quiz['id']}/questions", json=TRUE_FALSE, headers=headers)
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    refused = client.post(
        f"/api/v1/quizzes/{quiz['id']}/questions",
        json=TRUE_FALSE | {"correct_answers": {"value": "yes"}},
        headers=headers,
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "correct_answers.value"
    unknown = client.post(
        f"/api/v1/quizzes/{quiz['id']}/questions", json=TRUE_FALSE | {"owner": "x"}, headers=headers
    )
    assert unknown.status_code == 422
    order = client.put(
        f"/api/v1/quizzes/{quiz['id']}/question-order", json={"question_ids": ids[::-1]}, headers=headers
    )
    assert [q["id"] for q in order.json()["questions"]] == ids[::-1]
    changed = client.patch(f"/api/v1/questions/{ids[0]}", json={"points": 3}, headers=headers)
    assert changed.json()["regrade_suggested"] is False  # nobody answered yet
    assert changed.json()["question"]["points"] == 3
    removed = client.delete(f"/api/v1/questions/{ids[1]}", headers=headers)
    assert removed.json() == {"question_id": ids[1], "outcome": "deleted"}
    assert (
        client.patch(f"/api/v1/quizzes/{quiz['id']}", json={"title_en": None}, headers=headers).status_code
        == 422
    )
    assert client.delete(f"/api/v1/quizzes/{quiz['id']}", headers=headers).status_code == 204


def _start(client: TestClient, quiz_id: str, headers: Headers, lang: str = "en") -> dict[str, Any]:
    response = client.post(f"/api/v1/quizzes/{quiz_id}/attempts?lang={lang}", headers=headers)
    assert response.status_code in (200, 201), response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_students_attempt_from_rules_to_review(client: TestClient, session: Session) -> None:
    quiz, student = f.make_open_quiz(session, max_attempts=2, time_limit_minutes=15)
    headers = bearer(session, student)
    rules = client.get(f"/api/v1/quizzes/{quiz.id}?lang=fr", headers=headers).json()
    assert (rules["question_count"], rules["total_points"], rules["attempts_left"], rules["can_start"]) == (
        5,
        5,
        2,
        True,
    )
    assert rules["rules"]["grace_seconds"] == 30
    assert "Il faut 70 % pour réussir." in rules["rules"]["summary"]
    first = client.post(f"/api/v1/quizzes/{quiz.id}/attempts?lang=fr", headers=headers)
    assert first.status_code == 201
    attempt = first.json()
    again = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers)
    assert (again.status_code, again.json()["id"]) == (200, attempt["id"])
    assert attempt["lang"] == "fr"
    assert attempt["seconds_left"] is not None
    assert 0 < attempt["seconds_left"] <= 15 * 60
    answers = {q["id"]: RIGHT["fr"][q["question_type"]] for q in attempt["questions"]}
    saved = client.put(
        f"/api/v1/attempts/{attempt['id']}/answers", json={"answers": answers}, headers=headers
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["answers"] == answers
    bad = client.put(
        f"/api/v1/attempts/{attempt['id']}/answers", json={"answers": {"x": {}}}, headers=headers
    )
    assert bad.status_code == 422
    submitted = client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=headers)
    assert submitted.status_code == 200, submitted.text
    result = submitted.json()["result"]
    assert (result["score_percentage"], result["passed"], result["score_exact"]) == (100, True, "100.000000")
    assert {item["is_correct"] for item in result["review"]} == {True}
    repeated = client.post(f"/api/v1/attempts/{attempt['id']}/submit", json={"answers": {}}, headers=headers)
    assert repeated.json() == submitted.json()
    mine = client.get(f"/api/v1/quizzes/{quiz.id}", headers=headers).json()
    assert (mine["attempts_used"], mine["attempts_left"], mine["attempts"][0]["score_percentage"]) == (
        1,
        1,
        100,
    )
    other = bearer(session, f.make_user(session))
    assert client.get(f"/api/v1/attempts/{attempt['id']}", headers=other).status_code == 404


def test_answers_after_the_deadline_are_refused_and_the_attempt_graded(
    client: TestClient, session: Session
) -> None:
    quiz, student = f.make_open_quiz(session, time_limit_minutes=5, question_types=(QuestionType.TRUE_FALSE,))
    headers = bearer(session, student)
    attempt = _start(client, quiz.id, headers)
    (question,) = attempt["questions"]
    client.put(
        f"/api/v1/attempts/{attempt['id']}/answers",
        json={"answers": {question["id"]: {"value": True}}},
        headers=headers,
    )
    past = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    session.execute(update(QuizSubmission).where(QuizSubmission.id == attempt["id"]).values(deadline_at=past))
    late = client.put(
        f"/api/v1/attempts/{attempt['id']}/answers",
        json={"answers": {question["id"]: {"value": False}}},
        headers=headers,
    )
    assert late.status_code == 409
    assert late.headers["content-type"] == "application/problem+json"
    submission = session.get_one(QuizSubmission, attempt["id"])
    session.refresh(submission)
    assert (submission.status, submission.closed_by, submission.score_percentage) == (
        "graded",
        "deadline",
        100,
    )
    view = client.get(f"/api/v1/attempts/{attempt['id']}", headers=headers).json()
    assert view["status"] == "graded"


def test_teachers_tools(client: TestClient, session: Session) -> None:
    quiz, student = f.make_open_quiz(session, max_attempts=1, question_types=(QuestionType.SHORT_ANSWER,))
    teacher = bearer(session, quiz_teacher(session, quiz.id))
    headers = bearer(session, student)
    attempt = _start(client, quiz.id, headers)
    (question,) = attempt["questions"]
    client.post(
        f"/api/v1/attempts/{attempt['id']}/submit",
        json={"answers": {question["id"]: {"text": "Simon"}}},
        headers=headers,
    )
    assert client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers).status_code == 409
    stats = client.get(f"/api/v1/quizzes/{quiz.id}/stats", headers=teacher).json()
    assert (stats["attempts"], stats["pass_rate"]) == (1, 0.0)
    assert stats["questions"][0]["most_common_wrong"] == {"answer": {"text": "simon"}, "count": 1}
    book = client.get(f"/api/v1/quizzes/{quiz.id}/gradebook", headers=teacher).json()
    assert (book["total"], book["items"][0]["attempts_left"]) == (1, 0)
    overridden = client.put(
        f"/api/v1/attempts/{attempt['id']}/answers/{question['id']}/override",
        json={"points": 1, "comment": "Simon Peter it is"},
        headers=teacher,
    )
    assert overridden.status_code == 200, overridden.text
    assert overridden.json()["summary"]["passed"] is True
    review = client.get(f"/api/v1/attempts/{attempt['id']}", headers=headers).json()["result"]["review"]
    assert review[0]["teacher_comment"] == "Simon Peter it is"
    granted = client.post(
        f"/api/v1/quizzes/{quiz.id}/students/{student.id}/grants", json={"extra_attempts": 1}, headers=teacher
    )
    assert (granted.status_code, granted.json()["attempts_left"]) == (201, 1)
    reset = client.post(f"/api/v1/quizzes/{quiz.id}/students/{student.id}/reset", headers=teacher)
    assert reset.json()["attempts_used"] == 0
    detail = client.get(f"/api/v1/quizzes/{quiz.id}/gradebook/{student.id}", headers=teacher).json()
    assert detail["attempts"][0]["summary"]["voided"] is True
    assert detail["attempts"][0]["answers"][0]["override_comment"] == "Simon Peter it is"
    assert client.get(f"/api/v1/quizzes/{quiz.id}/stats", headers=headers).status_code == 403
    # A correct-answer change offers a regrade over the API, which applies it.
    changed = client.patch(
        f"/api/v1/questions/{question['id']}",
        json={"correct_answers": {"accepted": {"en": ["Simon"]}}},
        headers=teacher,
    ).json()
    assert (changed["regrade_suggested"], changed["graded_answers"]) == (True, 1)
    regraded = client.post(f"/api/v1/questions/{question['id']}/regrade", headers=teacher).json()
    assert regraded["answers_regraded"] == 0  # the override stands
    actions = set(session.scalars(select(ActivityLog.action)))
    assert {
        "SUBMIT_QUIZ",
        "OVERRIDE_GRADE",
        "GRANT_ATTEMPTS",
        "RESET_ATTEMPTS",
        "REGRADE_QUESTION",
    } <= actions


def test_removing_an_answered_question_retires_it(client: TestClient, session: Session) -> None:
    quiz, student = f.make_open_quiz(session, question_types=(QuestionType.TRUE_FALSE,))
    teacher = bearer(session, quiz_teacher(session, quiz.id))
    attempt = _start(client, quiz.id, bearer(session, student))
    client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=bearer(session, student))
    (question,) = attempt["questions"]
    assert (
        client.delete(f"/api/v1/questions/{question['id']}", headers=teacher).json()["outcome"] == "retired"
    )
    assert session.scalar(select(QuestionAnswer.question_id)) == question["id"]
    authoring = client.get(f"/api/v1/quizzes/{quiz.id}/authoring", headers=teacher).json()
    assert authoring["questions"][0]["retired_at"] is not None
    assert client.get(f"/api/v1/quizzes/{quiz.id}", headers=teacher).json()["question_count"] == 0
    assert session.get_one(Quiz, quiz.id)
    assert session.get(Question, question["id"]) is not None
