"""The teacher's gradebook and statistics pages: what they show, the override / grant / reset forms
(a reason each, refused beside the field when missing, each in the activity log) and the SVG
charts' numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.activity.models import ActivityLog
from bibliology.enums import QuestionType
from bibliology.quizzes import attempts
from bibliology.quizzes.models import AttemptGrant, Question, QuestionAnswer, Quiz, QuizSubmission
from tests import factories as f
from tests.quizzes.helpers import NOW, RIGHT, actor, course_of, quiz_teacher

HTML = {"accept": "text/html"}
WRONG = {
    "MULTIPLE_CHOICE": {"selected": ["a"]},
    "TRUE_FALSE": {"value": False},
    "SHORT_ANSWER": {"text": "Judas"},
    "FILL_BLANK": {"blanks": {"1": "earth", "2": "Son"}},
    "MATCHING": {"pairs": {"l1": "r2", "l2": "r1"}},
}


def take(session: Session, quiz: Quiz, student: User, right: set[QuestionType]) -> QuizSubmission:
    """`student` submits the quiz, right on the question types in `right`, wrong on the others."""
    questions = session.scalars(select(Question).where(Question.quiz_id == quiz.id)).all()
    given = {
        q.id: (RIGHT["en"] if q.question_type in right else WRONG)[q.question_type.value] for q in questions
    }
    outcome, _ = attempts.start_attempt(session, actor=actor(student), quiz_id=quiz.id, lang="en", now=NOW)
    return attempts.submit_attempt(
        session, actor=actor(student), submission_id=outcome.submission.id, given=given, now=NOW
    ).submission


def question_of(session: Session, quiz: Quiz, kind: QuestionType) -> Question:
    return session.scalars(
        select(Question).where(Question.quiz_id == quiz.id, Question.question_type == kind)
    ).one()


@pytest.fixture
def quiz_class(session: Session) -> dict[str, Any]:
    """A quiz of all five types, max 1 attempt, taken by five students with growing success."""
    teacher = f.make_teacher(session, name="Phoebe Teacher")
    quiz, first = f.make_open_quiz(
        session, teacher=teacher, student=f.make_user(session, name="Aquila"), max_attempts=1
    )
    course = course_of(session, quiz)
    kinds = list(QuestionType)
    students = [first]
    for name in ("Berenice", "Claudia", "Dorcas", "Eunice"):
        student = f.make_user(session, name=name)
        f.make_enrollment(session, course=course, student=student)
        students.append(student)
    submissions = [take(session, quiz, s, set(kinds[:i])) for i, s in enumerate(students)]
    return {
        "teacher": teacher,
        "quiz": quiz,
        "course": course,
        "students": students,
        "submissions": submissions,
    }


def csrf(client: TestClient) -> dict[str, str]:
    from bibliology.http import CSRF_HEADER

    return {"csrf_token": client.headers[CSRF_HEADER]}


def logged(session: Session, action: str) -> list[ActivityLog]:
    return list(session.scalars(select(ActivityLog).where(ActivityLog.action == action)))


def test_the_gradebook_lists_every_student_with_attempts_and_scores(
    client: TestClient, session: Session, login_as: Callable[[User], str], quiz_class: dict[str, Any]
) -> None:
    quiz = quiz_class["quiz"]
    login_as(quiz_class["teacher"])
    page = client.get(f"/teach/quizzes/{quiz.id}/gradebook", headers=HTML)
    assert page.status_code == 200
    for name in ("Aquila", "Berenice", "Claudia", "Dorcas", "Eunice"):
        assert name in page.text
    rows = re.findall(r'<tr data-student="[^"]+">(.*?)</tr>', page.text, re.S)
    assert len(rows) == 5
    eunice = next(row for row in rows if "Eunice" in row)
    scores = [s.score_percentage for s in quiz_class["submissions"]]
    assert f"{scores[4]}%" in eunice
    assert f"/teach/courses/{quiz_class['course'].id}/lessons" in page.text  # breadcrumbs to the lessons


def test_a_students_attempts_show_their_answers_in_words(
    client: TestClient, session: Session, login_as: Callable[[User], str], quiz_class: dict[str, Any]
) -> None:
    quiz, aquila = quiz_class["quiz"], quiz_class["students"][0]
    login_as(quiz_class["teacher"])
    page = client.get(f"/teach/quizzes/{quiz.id}/gradebook/{aquila.id}?lang=fr", headers=HTML)
    assert page.status_code == 200
    assert "Aquila" in page.text
    assert "Peter" in page.text  # the multiple choice answered "a" (the attempt was in English)
    assert "Genesis → Red Sea crossing" in page.text
    assert "judas" in page.text.lower()


def test_an_override_with_a_reason_changes_the_score_and_is_logged(
    client: TestClient, session: Session, login_as: Callable[[User], str], quiz_class: dict[str, Any]
) -> None:
    quiz, aquila, attempt = quiz_class["quiz"], quiz_class["students"][0], quiz_class["submissions"][0]
    short = question_of(session, quiz, QuestionType.SHORT_ANSWER)
    login_as(quiz_class["teacher"])
    url = f"/teach/quizzes/{quiz.id}/gradebook/{aquila.id}/attempts/{attempt.id}/answers/{short.id}/override"

    missing = client.post(url, data={**csrf(client), "points": "1", "comment": "  "})
    assert missing.status_code == 422
    assert 'id="comment-' in missing.text
    assert "activity log" in missing.text
    assert re.search(r'aria-invalid="true" aria-describedby="comment-[^"]+-error"', missing.text)
    assert 'value="1"' in missing.text  # the points typed are kept
    too_many = client.post(url, data={**csrf(client), "points": "5", "comment": "generous"})
    assert too_many.status_code == 422
    assert "at most the question" in too_many.text
    assert "generous" in too_many.text
    not_a_number = client.post(url, data={**csrf(client), "points": "lots", "comment": "why not"})
    assert not_a_number.status_code == 422
    assert "lots" in not_a_number.text

    done = client.post(
        url, data={**csrf(client), "points": "0,5", "comment": "Judas is half right?"}, follow_redirects=False
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/teach/quizzes/{quiz.id}/gradebook/{aquila.id}?done=override"
    answer = session.scalars(
        select(QuestionAnswer).where(
            QuestionAnswer.submission_id == attempt.id, QuestionAnswer.question_id == short.id
        )
    ).one()
    assert str(answer.override_points) == "0.50"
    (entry,) = logged(session, "OVERRIDE_GRADE")
    assert (entry.metadata_ or {})["comment"] == "Judas is half right?"
    page = client.get(done.headers["location"], headers=HTML)
    assert "Judas is half right?" in page.text
    assert "0.5/1" in page.text

    remove = f"{url}/delete"
    refused = client.post(remove, data={**csrf(client), "reason": ""})
    assert refused.status_code == 422
    assert 'id="remove-' in refused.text
    back = client.post(remove, data={**csrf(client), "reason": "I was wrong"}, follow_redirects=False)
    assert back.status_code == 303
    session.refresh(answer)
    assert answer.override_points is None
    assert [(e.metadata_ or {}).get("reason") for e in logged(session, "OVERRIDE_GRADE")].count(
        "I was wrong"
    ) == 1


def test_extra_attempts_are_granted_with_a_reason(
    client: TestClient, session: Session, login_as: Callable[[User], str], quiz_class: dict[str, Any]
) -> None:
    quiz, aquila = quiz_class["quiz"], quiz_class["students"][0]
    login_as(quiz_class["teacher"])
    url = f"/teach/quizzes/{quiz.id}/gradebook/{aquila.id}/grants"
    refused = client.post(url, data={**csrf(client), "extra_attempts": "2", "reason": ""})
    assert refused.status_code == 422
    assert 'aria-describedby="grant-reason-error"' in refused.text
    assert 'id="grant-reason-error"' in refused.text
    assert 'value="2"' in refused.text
    zero = client.post(url, data={**csrf(client), "extra_attempts": "0", "reason": "ill"})
    assert zero.status_code == 422
    assert 'id="grant-extra-error"' in zero.text
    assert ">ill</textarea>" in zero.text
    french = client.post(f"{url}?lang=fr", data={**csrf(client), "extra_attempts": "1", "reason": ""})
    assert french.status_code == 422
    assert "Indiquez le motif" in french.text
    assert session.scalars(select(AttemptGrant)).all() == []

    done = client.post(
        url, data={**csrf(client), "extra_attempts": "2", "reason": "was ill"}, follow_redirects=False
    )
    assert done.status_code == 303
    (grant,) = session.scalars(select(AttemptGrant).where(AttemptGrant.student_id == aquila.id)).all()
    assert (grant.extra_attempts, grant.reason) == (2, "was ill")
    (entry,) = logged(session, "GRANT_ATTEMPTS")
    assert (entry.metadata_ or {})["reason"] == "was ill"
    assert (entry.metadata_ or {})["student_id"] == aquila.id
    page = client.get(done.headers["location"], headers=HTML)
    assert re.search(r"<dd data-left>\s*2\s*</dd>", page.text)  # 1 allowed + 2 granted − 1 used


def test_a_reset_needs_a_reason_and_a_confirmation(
    client: TestClient, session: Session, login_as: Callable[[User], str], quiz_class: dict[str, Any]
) -> None:
    quiz, aquila, attempt = quiz_class["quiz"], quiz_class["students"][0], quiz_class["submissions"][0]
    login_as(quiz_class["teacher"])
    url = f"/teach/quizzes/{quiz.id}/gradebook/{aquila.id}/reset"
    unconfirmed = client.post(url, data={**csrf(client), "reason": "fresh start"})
    assert unconfirmed.status_code == 422
    assert 'id="reset-confirm-error"' in unconfirmed.text
    assert ">fresh start</textarea>" in unconfirmed.text
    no_reason = client.post(url, data={**csrf(client), "confirm": "yes", "reason": ""})
    assert no_reason.status_code == 422
    assert 'id="reset-reason-error"' in no_reason.text
    session.refresh(attempt)
    assert attempt.voided_at is None

    done = client.post(
        url, data={**csrf(client), "confirm": "yes", "reason": "fresh start"}, follow_redirects=False
    )
    assert done.status_code == 303
    session.refresh(attempt)
    assert attempt.voided_at is not None
    (entry,) = logged(session, "RESET_ATTEMPTS")
    assert (entry.metadata_ or {})["reason"] == "fresh start"
    assert (entry.metadata_ or {})["attempts_voided"] == 1
    page = client.get(done.headers["location"], headers=HTML)
    assert "does not count" in page.text


def test_forms_refuse_another_teacher_and_a_foreign_attempt(
    client: TestClient, session: Session, login_as: Callable[[User], str], quiz_class: dict[str, Any]
) -> None:
    quiz, aquila, berenice = quiz_class["quiz"], quiz_class["students"][0], quiz_class["students"][1]
    login_as(f.make_teacher(session))
    for path in ("gradebook", f"gradebook/{aquila.id}", "stats"):
        assert client.get(f"/teach/quizzes/{quiz.id}/{path}", headers=HTML).status_code == 403
    grant = client.post(
        f"/teach/quizzes/{quiz.id}/gradebook/{aquila.id}/grants",
        data={**csrf(client), "extra_attempts": "1", "reason": "x"},
    )
    assert grant.status_code == 403
    login_as(quiz_teacher(session, quiz.id))
    short = question_of(session, quiz, QuestionType.SHORT_ANSWER)
    foreign = quiz_class["submissions"][1]  # Berenice's attempt under Aquila's URL
    wrong_url = (
        f"/teach/quizzes/{quiz.id}/gradebook/{aquila.id}/attempts/{foreign.id}/answers/{short.id}/override"
    )
    assert client.post(wrong_url, data={**csrf(client), "points": "1", "comment": "x"}).status_code == 404
    assert berenice.id  # untouched
    assert logged(session, "OVERRIDE_GRADE") == []
    assert logged(session, "GRANT_ATTEMPTS") == []


def test_the_statistics_page_draws_the_right_numbers(
    client: TestClient, session: Session, login_as: Callable[[User], str], quiz_class: dict[str, Any]
) -> None:
    quiz = quiz_class["quiz"]
    login_as(quiz_class["teacher"])
    page = client.get(f"/teach/quizzes/{quiz.id}/stats", headers=HTML)
    assert page.status_code == 200
    scores = [s.score_percentage for s in quiz_class["submissions"]]
    histogram = re.search(
        r'<svg[^>]*aria-labelledby="chart-scores-title chart-scores-desc".*?</svg>', page.text, re.S
    )
    assert histogram is not None
    svg = histogram.group(0)
    assert '<title id="chart-scores-title">Score distribution</title>' in svg
    bands = [0] * 10
    for score in scores:
        bands[min(score // 10, 9)] += 1
    values = [int(v) for v in re.findall(r'class="chart-value">(\d+)</text>', svg)]
    assert values == bands
    assert "Score (%)" in svg
    assert "Attempts" in svg
    assert "90–100" in svg
    assert "url(#chart-scores-hatch)" in svg

    # Difficulty: the multiple choice is right for 4 of 5 (everyone but Aquila), matching for 0 of 5.
    difficulty = re.search(r"<svg[^>]*chart-difficulty-title.*?</svg>", page.text, re.S)
    assert difficulty is not None
    kinds = list(QuestionType)
    shares = [f"{round(100 * (4 - i) / 5)}%" for i in range(5)]
    for kind, share in zip(kinds, shares, strict=True):
        question = question_of(session, quiz, kind)
        assert f"Q{question.question_order + 1}: {share}" in difficulty.group(0)  # in its <desc>
    assert re.search(r'class="chart-value">80%</text>', difficulty.group(0))
    # Discrimination: stronger students get more right, so every answered question correlates positively.
    discrimination = re.search(r"<svg[^>]*chart-discrimination-title.*?</svg>", page.text, re.S)
    assert discrimination is not None
    assert re.findall(r'class="chart-value">\+0\.\d\d</text>', discrimination.group(0))
    # The tables say the same, and the most chosen wrong answer is in words.
    assert 'id="question-stats"' in page.text
    assert "“Peter” — 1 time" in page.text
    assert "“Genesis → Red Sea crossing, Exodus → Creation” — 5 times" in page.text
    french = client.get(f"/teach/quizzes/{quiz.id}/stats?lang=fr", headers=HTML)
    assert '<title id="chart-scores-title">Répartition des scores</title>' in french.text
    wrong_true_false = list(QuestionType).index(QuestionType.TRUE_FALSE) + 1  # students 0…index got it wrong
    assert f"“Faux” — {wrong_true_false} fois" in french.text  # the answer in words, in French


def test_statistics_without_attempts(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    teacher = f.make_teacher(session)
    quiz, _ = f.make_open_quiz(session, teacher=teacher)
    login_as(teacher)
    page = client.get(f"/teach/quizzes/{quiz.id}/stats?lang=fr", headers=HTML)
    assert page.status_code == 200
    assert "Aucune tentative notée" in page.text
    assert "<svg" not in page.text
    assert client.get(f"/teach/quizzes/{quiz.id}/gradebook", headers=HTML).status_code == 200


def test_the_charts_escape_their_words_and_draw_negative_bars_leftwards() -> None:
    from bibliology.quizzes import charts

    svg = str(
        charts.bars(
            "c",
            title="<script>",
            desc="a & b",
            rows=[charts.Bar("Q1", -0.5), charts.Bar("Q2", 0.5), charts.Bar("<i>", None)],
            low=-1.0,
            high=1.0,
            ticks=[-1.0, 0.0, 1.0],
            value_text=lambda v: f"{v:+.2f}",
            missing="n/a",
            x_label="r",
        )
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "a &amp; b" in svg
    assert "&lt;i&gt;" in svg
    assert 'class="chart-value">-0.50</text>' in svg
    assert 'class="chart-value">n/a</text>' in svg
    negative, positive = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    assert float(negative[0]) + float(negative[1]) == pytest.approx(float(positive[0]))  # both meet at 0
