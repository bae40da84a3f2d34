"""Export (everything about the user, nobody else's) and deletion (personal data erased,
certificates verifiable without personal details)."""

from __future__ import annotations

import json
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts import privacy
from bibliology.accounts.auth_models import ApiToken, EmailVerification, UserSession
from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.certificates.models import Certificate
from bibliology.courses.models import Course
from bibliology.enums import LessonStatus
from bibliology.progress.models import Enrollment, LessonProgress, StudentNote
from bibliology.quizzes.models import QuestionAnswer, QuizSubmission
from tests import factories as f

Login = Callable[[User], str]


def learner_with_history(session: Session, **kw: object) -> dict[str, object]:
    """A student with a row in every kind of table that holds a learner's data."""
    student = f.make_login_user(session, name="Marie Curie", email="marie@example.org", **kw)
    course = f.make_course(session, status=LessonStatus.PUBLISHED)
    lesson = f.make_lesson(session, course=course, status=LessonStatus.PUBLISHED)
    enrollment = f.make_enrollment(session, course=course, student=student)
    progress = f.make_lesson_progress(session, enrollment=enrollment, lesson=lesson)
    note = f.make_note(session, student=student, lesson=lesson, note_text="my private thought")
    quiz = f.make_quiz(session, lesson=lesson)
    submission = f.make_submission(session, quiz=quiz, student=student)
    answer = f.make_answer(
        session,
        submission=submission,
        question=f.make_question(session, quiz=quiz),
        answer_given={"value": "my answer"},
    )
    certificate = f.make_certificate(
        session, user=student, course=course, certificate_number="BIB-2026-000042"
    )
    activity = f.make_activity(session, user_id=student.id, ip_address="203.0.113.7", user_agent="Firefox")
    token, _ = f.make_user_session(session, user=student)
    api_token, _ = f.make_api_token(session, user=student)
    return {
        "user": student,
        "course": course,
        "enrollment": enrollment,
        "progress": progress,
        "note": note,
        "submission": submission,
        "answer": answer,
        "certificate": certificate,
        "activity": activity,
        "session_token": token,
        "api_token": api_token,
    }


def test_export_contains_all_of_the_users_data_and_no_one_elses(
    client: TestClient, session: Session, login_as: Login
) -> None:
    mine = learner_with_history(session)
    other = f.make_user(session, name="Someone Else", email="else@example.org")
    f.make_note(session, student=other, note_text="not yours")
    f.make_activity(session, user_id=other.id, ip_address="198.51.100.9")
    user = mine["user"]
    assert isinstance(user, User)
    login_as(user)

    response = client.get("/api/v1/me/export")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    body = response.json()
    assert body["format"] == "bibliology-export/1"
    assert body["profile"]["email"] == "marie@example.org"
    data = body["data"]
    assert [row["id"] for row in data["enrollments"]] == [mine["enrollment"].id]  # type: ignore[attr-defined]
    assert [row["id"] for row in data["lesson_progress"]] == [mine["progress"].id]  # type: ignore[attr-defined]
    assert [row["note_text"] for row in data["student_notes"]] == ["my private thought"]
    assert [row["id"] for row in data["quiz_submissions"]] == [mine["submission"].id]  # type: ignore[attr-defined]
    assert [row["answer_given"] for row in data["question_answers"]] == [{"value": "my answer"}]
    assert [row["certificate_number"] for row in data["certificates"]] == ["BIB-2026-000042"]
    assert "203.0.113.7" in {row["ip_address"] for row in data["activity_logs"]}
    assert len(data["user_sessions"]) == 2  # the fixture's login and the factory's
    assert [row["name"] for row in data["api_tokens"]] == ["test client"]

    text = json.dumps(body)
    for secret in (user.password_hash, str(mine["session_token"]), str(mine["api_token"])):
        assert secret not in text
    for foreign in ("not yours", "Someone Else", "else@example.org", "198.51.100.9"):
        assert foreign not in text


def test_delete_requires_the_password_and_then_erases_personal_data(
    client: TestClient, session: Session, login_as: Login
) -> None:
    mine = learner_with_history(session)
    user = mine["user"]
    assert isinstance(user, User)
    session.add(EmailVerification(user_id=user.id, email=user.email))
    session.flush()
    login_as(user)
    ids = {name: getattr(row, "id", None) for name, row in mine.items()}

    wrong = client.request("DELETE", "/api/v1/me", json={"password": "not it"})
    assert wrong.status_code == 422
    assert session.get(StudentNote, ids["note"]) is not None

    response = client.request("DELETE", "/api/v1/me", json={"password": f.TEST_PASSWORD})
    assert response.status_code == 204
    session.expire_all()

    anonymised = session.get_one(User, user.id)
    assert anonymised.email == f"deleted-{user.id}@deleted.invalid"
    assert anonymised.name == "Deleted user"
    assert anonymised.avatar_url is None
    assert anonymised.last_login is None
    for table, column in (
        (UserSession, UserSession.user_id),
        (ApiToken, ApiToken.user_id),
        (EmailVerification, EmailVerification.user_id),
        (StudentNote, StudentNote.student_id),
        (Enrollment, Enrollment.student_id),
        (QuizSubmission, QuizSubmission.student_id),
    ):
        assert session.scalars(select(table).where(column == user.id)).all() == [], table.__name__
    assert session.get(LessonProgress, ids["progress"]) is None
    assert session.get(QuestionAnswer, ids["answer"]) is None

    # The certificate stays, verifiable by its number, naming no one.
    certificate = session.scalars(
        select(Certificate).where(Certificate.certificate_number == "BIB-2026-000042")
    ).one()
    holder = session.get_one(User, certificate.user_id)
    assert holder.name == "Deleted user"
    assert "marie" not in holder.email

    # The audit trail stays without addresses; the deletion itself is recorded.
    entries = session.scalars(select(ActivityLog).where(ActivityLog.user_id == user.id)).all()
    assert {e.ip_address for e in entries} == {None}
    assert {e.user_agent for e in entries} == {None}
    assert "ACCOUNT_DELETED" in {e.action for e in entries}

    assert client.get("/api/v1/me").status_code == 401
    login = client.post(
        "/api/v1/auth/login", json={"email": "marie@example.org", "password": f.TEST_PASSWORD}
    )
    assert login.status_code == 401
    deleted_login = client.post(
        "/api/v1/auth/login", json={"email": anonymised.email, "password": "!deleted"}
    )
    assert deleted_login.status_code == 401


def test_a_deleted_teachers_courses_stay(client: TestClient, session: Session, login_as: Login) -> None:
    teacher = f.make_login_user(session, role="TEACHER")
    course = f.make_course(session, teacher=teacher, status=LessonStatus.PUBLISHED)
    login_as(teacher)
    assert client.request("DELETE", "/api/v1/me", json={"password": f.TEST_PASSWORD}).status_code == 204
    session.expire_all()
    assert session.get_one(Course, course.id).teacher_id == teacher.id
    assert session.get_one(User, teacher.id).name == "Deleted user"


def test_export_covers_every_table_that_belongs_to_a_user() -> None:
    """Tables added later are covered: anything tied to users by ON DELETE CASCADE."""
    owned = {table.name for table, _ in privacy.owned_tables()}
    assert {
        "enrollments",
        "lesson_progress",
        "student_notes",
        "quiz_submissions",
        "question_answers",
        "certificates",
        "user_sessions",
        "api_tokens",
    } <= owned
    assert "courses" not in owned  # RESTRICT: content, kept on deletion
