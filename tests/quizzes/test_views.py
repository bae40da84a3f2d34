"""The quiz pages over HTTP as a browser without JavaScript uses them: intro and start, the take form
(every question type saved by form posts and shown again), submit with confirmation, the result
and review as the quiz allows, an expired attempt, CSRF, errors, French."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.enums import QuestionType
from bibliology.http import CSRF_HEADER
from bibliology.quizzes.attempts import saved_answers
from bibliology.quizzes.models import Question, Quiz, QuizSubmission
from tests import factories as f
from tests.quizzes.helpers import RIGHT

Login = Callable[[User], str]
HTML = {"accept": "text/html"}


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page has no CSRF field"
    return found.group(1)


def _as_browser(client: TestClient) -> None:
    """Forms only: no X-CSRF-Token header (that is for scripts), the hidden field instead."""
    client.headers.pop(CSRF_HEADER, None)


def _questions(session: Session, quiz: Quiz) -> dict[str, Question]:
    rows = session.query(Question).filter(Question.quiz_id == quiz.id).all()
    return {str(q.question_type): q for q in rows}


def _start(client: TestClient, quiz: Quiz, lang: str = "en") -> tuple[str, str]:
    """Start from the intro page's form; returns the attempt's URL and the take page."""
    intro = client.get(f"/quizzes/{quiz.id}?lang={lang}", headers=HTML)
    assert intro.status_code == 200, intro.text
    started = client.post(
        f"/quizzes/{quiz.id}/attempts?lang={lang}",
        data={"csrf_token": _csrf(intro.text)},
        headers=HTML,
        follow_redirects=False,
    )
    assert started.status_code == 303, started.text
    url = started.headers["location"]
    assert re.fullmatch(rf"/quizzes/{quiz.id}/attempts/[^/]+", url)
    page = client.get(f"{url}?lang={lang}", headers=HTML)
    assert page.status_code == 200, page.text
    return url, page.text


def _form(page: str, questions: dict[str, Question], answers: dict[str, Any], action: str) -> dict[str, Any]:
    """The form fields a browser would post for `answers` (by type name, the API's shapes)."""
    data: dict[str, Any] = {"csrf_token": _csrf(page), "action": action, "questions": []}
    for kind, question in questions.items():
        data["questions"].append(question.id)
        answer = answers.get(kind)
        if answer is None:
            continue
        name = f"q.{question.id}"
        if kind == "MULTIPLE_CHOICE":
            data[name] = answer["selected"]
        elif kind == "TRUE_FALSE":
            data[name] = "true" if answer["value"] else "false"
        elif kind == "SHORT_ANSWER":
            data[name] = answer["text"]
        elif kind == "FILL_BLANK":
            data |= {f"{name}.{b}": v for b, v in answer["blanks"].items()}
        else:
            data |= {f"{name}.{left}": right for left, right in answer["pairs"].items()}
    return data


def _attempt_id(url: str) -> str:
    return url.rsplit("/", 1)[1]


def test_the_intro_shows_the_rules_and_starts_or_resumes(
    client: TestClient, session: Session, login_as: Login
) -> None:
    quiz, student = f.make_open_quiz(
        session, max_attempts=2, time_limit_minutes=10, passing_score_percentage=80
    )
    anonymous = client.get(f"/quizzes/{quiz.id}", headers=HTML)
    assert anonymous.status_code == 200
    assert "You need 80% to pass." in anonymous.text
    assert f"/account/login?next=/quizzes/{quiz.id}" in anonymous.text
    assert 'id="quiz-start"' not in anonymous.text

    login_as(student)
    _as_browser(client)
    intro = client.get(f"/quizzes/{quiz.id}", headers=HTML)
    assert "You have 10 minutes from the moment you start" in intro.text
    assert re.search(r'id="quiz-attempts-left">\s*2 of 2', intro.text)
    assert 'id="quiz-start"' in intro.text
    url, _ = _start(client, quiz)
    again = client.get(f"/quizzes/{quiz.id}", headers=HTML)
    assert f'href="{url}"' in again.text  # resume, not a second attempt
    assert "Resume your attempt" in again.text
    assert 'id="quiz-start"' not in again.text
    restart = client.post(
        f"/quizzes/{quiz.id}/attempts", data={"csrf_token": _csrf(again.text)}, follow_redirects=False
    )
    assert restart.headers["location"] == url
    assert re.search(r'id="quiz-attempts-left">\s*1 of 2', again.text)


def test_signed_out_not_enrolled_and_someone_elses_attempt(
    client: TestClient, session: Session, login_as: Login
) -> None:
    quiz, student = f.make_open_quiz(session)
    login_as(student)
    url, _ = _start(client, quiz)
    client.cookies.clear()
    for page in (url, f"{url}/result", f"{url}/submit"):
        signed_out = client.get(page, headers=HTML, follow_redirects=False)
        assert signed_out.status_code == 303
        assert signed_out.headers["location"] == f"/account/login?next={page}"

    outsider = f.make_user(session)
    login_as(outsider)
    _as_browser(client)
    intro = client.get(f"/quizzes/{quiz.id}", headers=HTML)
    assert "Enrol in the course to take its quizzes." in intro.text
    refused = client.post(
        f"/quizzes/{quiz.id}/attempts", data={"csrf_token": _csrf(intro.text)}, headers=HTML
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("text/html")
    assert "Access refused" in refused.text  # the HTML error page (the intro said why)
    assert client.get(url, headers=HTML).status_code == 404  # another student's attempt
    assert client.get(f"{url}/result", headers=HTML).status_code == 404
    other_quiz, _ = f.make_open_quiz(session)
    login_as(student)
    wrong = client.get(f"/quizzes/{other_quiz.id}/attempts/{_attempt_id(url)}", headers=HTML)
    assert wrong.status_code == 404
    assert client.get("/quizzes/no-such-quiz", headers=HTML).status_code == 404


def test_the_take_page_has_every_question_type_and_no_answers(
    client: TestClient, session: Session, login_as: Login
) -> None:
    quiz, student = f.make_open_quiz(session)
    login_as(student)
    _url, page = _start(client, quiz)
    questions = _questions(session, quiz)
    assert 'id="quiz-form"' in page
    assert 'id="quiz-submit"' in page
    assert page.count("<fieldset") == 5
    assert page.count("<legend>") == 5
    mc, tf, short, blank, matching = (questions[k.name] for k in QuestionType)
    assert page.count(f'type="radio" name="q.{mc.id}"') == 3
    assert page.count(f'type="radio" name="q.{tf.id}"') == 2
    assert f'<input type="text" id="q.{short.id}" name="q.{short.id}"' in page
    # The blanks sit inside the sentence, each with its accessible name.
    sentence = re.search(r"For God so loved the (<input[^>]+>) that he gave his only (<input[^>]+>)\.", page)
    assert sentence, "the blanks are not inline in the sentence"
    assert f'name="q.{blank.id}.1"' in sentence.group(1)
    assert 'aria-label="Blank 1"' in sentence.group(1)
    assert page.count(f'<select id="q.{matching.id}.') == 2
    assert page.count('<option value="r') == 6  # three targets for each of the two items
    # No correct answer, explanation or accepted list anywhere in the page.
    for secret in ("See John 13:23", "Simon Peter", "world", 'value="Son"', "correct", "explanation"):
        assert secret not in page, secret
    assert " checked" not in page
    assert " selected" not in page
    assert "data-deadline" not in page  # no time limit


def test_every_question_type_round_trips_through_the_form(
    client: TestClient, session: Session, login_as: Login
) -> None:
    quiz, student = f.make_open_quiz(session)
    login_as(student)
    _as_browser(client)
    url, page = _start(client, quiz)
    questions = _questions(session, quiz)
    posted = client.post(url, data=_form(page, questions, RIGHT["en"], "save"), follow_redirects=False)
    assert posted.status_code == 303
    assert posted.headers["location"] == f"{url}?saved=1"
    saved = saved_answers(session, submission_id=_attempt_id(url))
    assert saved == {questions[kind].id: answer for kind, answer in RIGHT["en"].items()}

    reloaded = client.get(posted.headers["location"], headers=HTML).text
    assert "Your answers are saved." in reloaded
    mc, tf, short, blank, _matching = (questions[k.name] for k in QuestionType)
    assert f'name="q.{mc.id}" value="b" checked' in reloaded
    assert f'name="q.{tf.id}" value="true" checked' in reloaded
    assert f'name="q.{short.id}" value="peter"' in reloaded
    assert 'data-part="1" value="world"' in reloaded
    assert 'data-part="2" value="Son"' in reloaded
    assert reloaded.count(" selected>") == 2

    # An answer emptied in the form is cleared; the others stay as given.
    changed = RIGHT["en"] | {"SHORT_ANSWER": None, "FILL_BLANK": {"blanks": {"1": "  World "}}}
    client.post(url, data=_form(reloaded, questions, changed, "save"))
    saved = saved_answers(session, submission_id=_attempt_id(url))
    assert short.id not in saved
    assert saved[blank.id] == {"blanks": {"1": "  World "}}

    finish = client.post(url, data=_form(reloaded, questions, changed, "finish"), follow_redirects=False)
    assert finish.headers["location"] == f"{url}/submit"
    confirm = client.get(f"{url}/submit", headers=HTML).text
    assert "You answered 4 of 5 questions." in confirm
    assert "Questions not answered: 3." in confirm
    submitted = client.post(f"{url}/submit", data={"csrf_token": _csrf(confirm)}, follow_redirects=False)
    assert submitted.status_code == 303
    assert submitted.headers["location"] == f"{url}/result"
    result = client.get(f"{url}/result", headers=HTML).text
    assert re.search(r'id="quiz-score">\d+%<', result)
    assert "Not answered" in result
    assert client.get(url, headers=HTML, follow_redirects=False).headers["location"] == f"{url}/result"
    # A second submit keeps the first result.
    again = client.post(f"{url}/submit", data={"csrf_token": _csrf(confirm)}, follow_redirects=False)
    assert again.headers["location"] == f"{url}/result"


def test_the_dialogs_submit_saves_and_grades_at_once_and_the_review_shows_answers(
    client: TestClient, session: Session, login_as: Login
) -> None:
    quiz, student = f.make_open_quiz(session)
    login_as(student)
    _as_browser(client)
    url, page = _start(client, quiz)
    questions = _questions(session, quiz)
    done = client.post(url, data=_form(page, questions, RIGHT["en"], "submit"), follow_redirects=False)
    assert done.headers["location"] == f"{url}/result"
    result = client.get(done.headers["location"], headers=HTML)
    assert result.status_code == 200
    assert 'id="quiz-score">100%<' in result.text
    assert "Passed" in result.text
    assert result.text.count("✓ Right") == 5
    assert "See John 13:23." in result.text  # explanations and correct answers: the quiz allows them
    assert "Peter, Simon Peter" in result.text
    assert "Genesis → Creation" in result.text
    assert "Blank 2: Son" in result.text


@pytest.mark.parametrize(
    ("quiz_settings", "review", "correct"),
    [({"allow_review": False}, False, False), ({"show_correct_answers": False}, True, False)],
)
def test_the_review_shows_what_the_quiz_allows(
    client: TestClient,
    session: Session,
    login_as: Login,
    quiz_settings: dict[str, Any],
    review: bool,
    correct: bool,
) -> None:
    quiz, student = f.make_open_quiz(session, **quiz_settings)
    login_as(student)
    _as_browser(client)
    url, page = _start(client, quiz)
    wrong = RIGHT["en"] | {
        "MULTIPLE_CHOICE": {"selected": ["a"]},
        "MATCHING": {"pairs": {"l1": "r1", "l2": "r3"}},
    }
    client.post(url, data=_form(page, _questions(session, quiz), wrong, "submit"))
    result = client.get(f"{url}/result", headers=HTML).text
    assert 'id="quiz-score">' in result
    assert ("Who was the beloved disciple?" in result) is review
    assert ("Review" in result) is review
    assert ("◐ Partly right" in result) is review  # the matching question: one pair of two
    assert ("See John 13:23." in result) is correct
    assert ("Correct answer" in result) is correct
    assert ("Peter, Simon Peter" in result) is correct


def test_a_reload_shows_what_the_script_saved_through_the_api(
    client: TestClient, session: Session, login_as: Login
) -> None:
    quiz, student = f.make_open_quiz(session, question_types=(QuestionType.FILL_BLANK,))
    login_as(student)  # the script's way: the X-CSRF-Token header, JSON
    url, _ = _start(client, quiz)
    blank = _questions(session, quiz)["FILL_BLANK"]
    saved = client.put(
        f"/api/v1/attempts/{_attempt_id(url)}/answers", json={"answers": {blank.id: {"blanks": {"2": "Son"}}}}
    )
    assert saved.status_code == 200, saved.text
    page = client.get(url, headers=HTML).text
    assert 'data-part="1" value=""' in page
    assert 'data-part="2" value="Son"' in page
    assert f'data-save-url="/api/v1/attempts/{_attempt_id(url)}/answers"' in page


def test_an_expired_attempt_shows_what_the_server_decided(
    client: TestClient, session: Session, login_as: Login
) -> None:
    quiz, student = f.make_open_quiz(session, time_limit_minutes=5)
    login_as(student)
    _as_browser(client)
    url, page = _start(client, quiz)
    assert re.search(r'data-deadline="[^"]+" data-seconds-left="(299|300)"', page)
    assert 'aria-live="polite"' in page
    questions = _questions(session, quiz)
    client.post(url, data=_form(page, questions, {"TRUE_FALSE": {"value": True}}, "save"))
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    session.execute(
        update(QuizSubmission).where(QuizSubmission.id == _attempt_id(url)).values(deadline_at=past)
    )
    late = client.post(url, data=_form(page, questions, RIGHT["en"], "save"), follow_redirects=False)
    assert late.status_code == 303
    assert late.headers["location"] == f"{url}/result?late=1"
    result = client.get(late.headers["location"], headers=HTML).text
    assert "your last answers were not saved" in result
    assert result.count("✓ Right") == 1  # only the answer saved in time counted
    assert "Passed" not in result.replace("Not passed", "")
    # Once closed, the take page and the intro send to the result.
    assert client.get(url, headers=HTML, follow_redirects=False).headers["location"] == f"{url}/result"
    reread = client.get(f"{url}/result", headers=HTML).text
    assert "The time limit ended this attempt" in reread


def test_forms_without_the_csrf_token_are_refused(
    client: TestClient, session: Session, login_as: Login
) -> None:
    quiz, student = f.make_open_quiz(session)
    login_as(student)
    url, page = _start(client, quiz)
    _as_browser(client)
    questions = _questions(session, quiz)
    for target, data in (
        (f"/quizzes/{quiz.id}/attempts", {}),
        (url, _form(page, questions, RIGHT["en"], "save") | {"csrf_token": "forged"}),
        (url, {k: v for k, v in _form(page, questions, RIGHT["en"], "submit").items() if k != "csrf_token"}),
        (f"{url}/submit", {}),
    ):
        page_refused = client.post(target, data=data, headers=HTML)
        assert page_refused.status_code == 403, target
        assert "Access refused" in page_refused.text
        refused = client.post(target, data=data)  # the same, as problem+json: the CSRF check said no
        assert refused.json()["type"].endswith("/csrf"), target
    assert saved_answers(session, submission_id=_attempt_id(url)) == {}
    assert client.get(url, headers=HTML).status_code == 200  # still open


def test_a_malformed_form_is_refused_and_saves_nothing(
    client: TestClient, session: Session, login_as: Login
) -> None:
    quiz, student = f.make_open_quiz(session)
    login_as(student)
    _as_browser(client)
    url, page = _start(client, quiz)
    questions = _questions(session, quiz)
    bad = _form(page, questions, RIGHT["en"] | {"MULTIPLE_CHOICE": {"selected": ["zz"]}}, "save")
    refused = client.post(url, data=bad, headers=HTML)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("text/html")
    stranger = _form(page, questions, {}, "save") | {"questions": ["not-a-question"]}
    assert client.post(url, data=stranger, headers=HTML).status_code == 422
    assert saved_answers(session, submission_id=_attempt_id(url)) == {}


def test_the_quiz_pages_in_french(client: TestClient, session: Session, login_as: Login) -> None:
    quiz, student = f.make_open_quiz(session, time_limit_minutes=20)
    student.language_pref = "fr"
    session.flush()
    login_as(student)
    _as_browser(client)
    intro = client.get(f"/quizzes/{quiz.id}", headers=HTML).text
    assert '<html lang="fr">' in intro
    assert "Il faut 70 % pour réussir." in intro
    assert "Commencer le quiz" in intro
    url, page = _start(client, quiz, lang="fr")
    assert "Qui était le disciple « bien-aimé » ?" in page
    assert "Question 1 sur 5" in page
    assert 'aria-label="Trou 1"' in page
    assert "Car Dieu a tant aimé le <input" in page
    assert "Vrai" in page
    assert "Faux" in page
    client.post(url, data=_form(page, _questions(session, quiz), RIGHT["fr"], "submit"))
    result = client.get(f"{url}/result", headers=HTML).text
    assert '<html lang="fr">' in result
    assert "Réussi" in result
    assert "Voir Jean 13,23." in result
    assert "Genèse → Création" in result


def test_a_question_without_french_is_marked_as_english_on_a_french_page(
    client: TestClient, session: Session, login_as: Login
) -> None:
    quiz, student = f.make_open_quiz(session, question_types=(QuestionType.TRUE_FALSE,))
    session.execute(update(Question).where(Question.quiz_id == quiz.id).values(question_text_fr=None))
    login_as(student)
    _url, page = _start(client, quiz, lang="fr")
    fieldset = re.search(r'<fieldset [^>]*lang="en"[^>]*>.*?</fieldset>', page, re.S)
    assert fieldset, "the English question is not marked lang=en"
    assert "Paul wrote the letter to the Romans." in fieldset.group(0)
    assert (
        '<span class="fallback" lang="fr">Pas encore traduit — affiché en anglais</span>' in fieldset.group(0)
    )


def test_question_content_is_escaped(client: TestClient, session: Session, login_as: Login) -> None:
    quiz, student = f.make_open_quiz(session, question_types=())
    hostile = '<img src=x onerror="alert(1)"> "quoted" {{7*7}}'
    f.make_typed_question(
        session,
        quiz=quiz,
        question_type=QuestionType.MULTIPLE_CHOICE,
        question_order=0,
        question_text_en={"text": hostile + " {{1}}"},
        options_en=[{"id": "a", "text": hostile}, {"id": "b", "text": "fine"}],
        options_fr=None,
        question_text_fr=None,
    )
    login_as(student)
    _url, page = _start(client, quiz)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=" in page
    assert "{{7*7}}" in page  # shown as written, never evaluated


def test_a_quiz_title_without_french_says_so_on_the_take_and_result_pages(
    client: TestClient, session: Session, login_as: Login
) -> None:
    quiz, student = f.make_open_quiz(session, question_types=(QuestionType.TRUE_FALSE,))
    quiz.title_fr = None
    session.flush()
    login_as(student)
    url, page = _start(client, quiz, lang="fr")
    note = '<span class="fallback" lang="fr">Pas encore traduit — affiché en anglais</span>'
    heading = re.search(r"<h1[^>]*>.*?</h1>\s*(<span[^>]*>[^<]*</span>)?", page, re.S)
    assert heading is not None
    assert 'lang="en"' in heading.group(0)
    assert note in heading.group(0)
    client.post(url, data=_form(page, _questions(session, quiz), {}, "submit"))
    result = client.get(f"{url}/result?lang=fr", headers=HTML).text
    assert note in result
