"""The catalogue and course pages: what a reader sees, in English and French, the enrol/drop forms
(CSRF field, 303 back), and that drafts stay hidden from students."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.enums import EnrollmentStatus, LessonProgressStatus, LessonStatus
from bibliology.http import CSRF_HEADER
from bibliology.progress.models import Enrollment
from tests import factories as f

HTML = {"accept": "text/html"}


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page)
    assert found, "the form carries no CSRF field"
    return found.group(1)


def test_the_catalogue_lists_published_courses_with_their_facts(client: TestClient, session: Session) -> None:
    f.make_published_course(
        session,
        slug="romans-w1",
        title_en="Romans W1",
        title_fr="Romains W1",
        description_en="Paul's letter.",
        description_fr="L’épître de Paul.",
        category="New Testament",
        difficulty="Beginner",
        estimated_hours=6,
        tags=["paul"],
        thumbnail_url="/media/romans.png",
    )
    f.make_published_course(
        session, slug="english-only-w1", title_en="Acts W1", title_fr=None, description_fr=None
    )
    f.make_course(session, slug="draft-w1", title_en="Draft W1")  # a draft: never listed

    for path in ("/", "/courses"):
        page = client.get(path, headers=HTML)
        assert page.status_code == 200
        assert "Romans W1" in page.text
        assert "Acts W1" in page.text
        assert "Draft W1" not in page.text
    english = client.get("/courses?lang=en", headers=HTML).text
    assert 'href="/courses/romans-w1"' in english
    assert 'src="/media/romans.png"' in english
    assert "New Testament" in english
    assert "Beginner" in english
    assert "6 hours" in english
    assert "English, French" in english

    french = client.get("/courses?lang=fr", headers=HTML).text
    assert '<html lang="fr">' in french
    assert "Romains W1" in french
    assert "Nouveau Testament" in french
    assert "Débutant" in french
    assert "6 heures" in french
    assert "Anglais, Français" in french
    # Acts has no French: its title is marked English and the note says so.
    assert '<a href="/courses/english-only-w1" lang="en">Acts W1</a>' in french
    assert "Pas encore traduit — affiché en anglais" in french


def test_the_catalogue_filters_and_paginates(client: TestClient, session: Session) -> None:
    for n in range(14):
        f.make_published_course(
            session,
            lessons=0,
            slug=f"many-w1-{n}",
            title_en=f"Many W1 {n}",
            category="Theology",
            tags=["bulk"],
        )
    f.make_published_course(session, lessons=0, slug="other-w1", title_en="Other W1", category="Ministry")

    theology = client.get("/courses?category=Theology&difficulty=&tag=bulk", headers=HTML)
    assert theology.status_code == 200
    assert "Other W1" not in theology.text
    assert theology.text.count('href="/courses/many-w1-') == 12  # one page
    assert 'rel="next"' in theology.text
    assert "/courses?category=Theology&amp;tag=bulk&amp;page=2" in theology.text
    second = client.get("/courses?category=Theology&tag=bulk&page=2", headers=HTML)
    assert second.text.count('href="/courses/many-w1-') == 2
    assert 'rel="prev"' in second.text
    assert 'rel="next"' not in second.text
    assert 'value="Theology" selected' in second.text  # the form keeps the filter

    none = client.get("/courses?tag=nothing-has-this", headers=HTML)
    assert none.status_code == 200
    assert "No course matches these filters." in none.text
    assert client.get("/courses?category=Cooking", headers=HTML).status_code == 422


def test_an_empty_catalogue_says_so_in_both_languages(client: TestClient, session: Session) -> None:
    session.execute(update(Course).values(status=LessonStatus.DRAFT))  # rolled back after the test
    assert "No courses yet." in client.get("/courses?lang=en", headers=HTML).text
    assert "Aucun cours pour l’instant." in client.get("/courses?lang=fr", headers=HTML).text


def test_the_course_page_shows_the_outline_and_the_students_progress(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    course = f.make_published_course(
        session, lessons=0, slug="john-w1", title_en="John W1", title_fr="Jean W1", estimated_hours=3
    )
    first = f.make_published_lesson(
        session,
        course=course,
        slug="jw1-one",
        title_en="Prologue",
        title_fr="Prologue FR",
        estimated_minutes=15,
    )
    second = f.make_published_lesson(
        session, course=course, slug="jw1-two", title_en="Signs", title_fr=None, estimated_minutes=20
    )
    f.make_lesson(session, course=course, slug="jw1-draft", title_en="Unfinished")  # draft lesson: hidden
    student = f.make_user(session)
    enrollment = f.make_enrollment(session, course=course, student=student, total_lessons=2)
    f.make_lesson_progress(
        session, enrollment=enrollment, lesson=first, status=LessonProgressStatus.COMPLETED
    )
    f.make_lesson_progress(
        session, enrollment=enrollment, lesson=second, status=LessonProgressStatus.IN_PROGRESS
    )

    anonymous = client.get("/courses/john-w1", headers=HTML)
    assert anonymous.status_code == 200
    assert "Prologue" in anonymous.text
    assert "Signs" in anonymous.text
    assert "Unfinished" not in anonymous.text
    assert anonymous.text.index("Prologue") < anonymous.text.index("Signs")
    assert "15 min" in anonymous.text
    assert "Sign in to enrol" in anonymous.text
    assert "/account/login?next=/courses/john-w1" in anonymous.text

    login_as(student)
    page = client.get("/courses/john-w1?lang=fr", headers=HTML)
    assert page.status_code == 200
    assert "Jean W1" in page.text
    assert "Terminée" in page.text
    assert "En cours" in page.text
    assert '<progress id="course-progress"' in page.text
    # Resume goes to the lesson in progress; the French page marks the English-only title.
    assert 'href="/courses/john-w1/lessons/jw1-two">Reprendre</a>' in page.text
    assert '<a href="/courses/john-w1/lessons/jw1-two" lang="en">Signs</a>' in page.text
    assert "Pas encore traduit — affiché en anglais" in page.text
    assert 'action="/courses/john-w1/drop"' in page.text


def test_enrol_and_drop_are_forms_that_come_back_to_the_course(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    course = f.make_published_course(session, slug="acts-w1", lessons=1)
    student = f.make_user(session)
    login_as(student)
    del client.headers[CSRF_HEADER]  # a browser's form sends the field, not the header

    page = client.get("/courses/acts-w1?lang=en", headers=HTML)
    assert '<button type="submit">Enrol</button>' in page.text
    token = _csrf(page.text)
    enrolled = client.post("/courses/acts-w1/enrol", data={"csrf_token": token}, follow_redirects=False)
    assert (enrolled.status_code, enrolled.headers["location"]) == (303, "/courses/acts-w1")
    row = session.scalars(select(Enrollment).where(Enrollment.student_id == student.id)).one()
    assert (row.course_id, row.status) == (course.id, EnrollmentStatus.ACTIVE)
    again = client.get("/courses/acts-w1?lang=en", headers=HTML)
    assert ">Resume</a>" in again.text
    assert ">Enrol</button>" not in again.text

    dropped = client.post("/courses/acts-w1/drop", data={"csrf_token": token}, follow_redirects=False)
    assert dropped.status_code == 303
    session.refresh(row)
    assert row.status == EnrollmentStatus.DROPPED
    assert "Enrol again" in client.get("/courses/acts-w1?lang=en", headers=HTML).text


def test_enrol_without_the_csrf_token_is_refused(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    f.make_published_course(session, slug="csrf-w1", lessons=1)
    student = f.make_user(session)
    login_as(student)
    del client.headers[CSRF_HEADER]
    refused = client.post("/courses/csrf-w1/enrol", data={}, headers=HTML, follow_redirects=False)
    assert refused.status_code == 403
    assert "text/html" in refused.headers["content-type"]
    assert "Access refused" in refused.text
    wrong = client.post("/courses/csrf-w1/enrol", data={"csrf_token": "0" * 64}, follow_redirects=False)
    assert wrong.status_code == 403
    assert session.scalars(select(Enrollment).where(Enrollment.student_id == student.id)).all() == []


def test_anonymous_enrol_goes_to_sign_in(client: TestClient, session: Session) -> None:
    f.make_published_course(session, slug="anon-w1", lessons=1)
    response = client.post("/courses/anon-w1/enrol", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/account/login?next=/courses/anon-w1"


def test_drafts_are_not_found_for_students_but_open_to_their_teacher(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    teacher = f.make_teacher(session)
    f.make_course(session, teacher=teacher, slug="draft-page-w1", title_en="Secret draft")
    login_as(f.make_user(session))
    for path in ("/courses/draft-page-w1", "/courses/no-such-course-w1"):
        missing = client.get(path + "?lang=fr", headers=HTML)
        assert missing.status_code == 404
        assert "Page introuvable" in missing.text
        assert "Secret draft" not in missing.text
    assert client.post("/courses/draft-page-w1/enrol", headers=HTML).status_code == 404
    login_as(teacher)
    assert client.get("/courses/draft-page-w1", headers=HTML).status_code == 200


def test_an_archived_course_is_read_only_for_its_students(
    client: TestClient, session: Session, login_as: Callable[[User], str]
) -> None:
    course = f.make_published_course(session, slug="archived-w1", lessons=1, status=LessonStatus.ARCHIVED)
    student = f.make_user(session)
    f.make_enrollment(session, course=course, student=student)
    login_as(student)
    page = client.get("/courses/archived-w1?lang=en", headers=HTML)
    assert page.status_code == 200
    assert "Archived course." in page.text
    assert ">Enrol</button>" not in page.text
    french = client.get("/courses/archived-w1?lang=fr", headers=HTML)
    assert "Cours archivé." in french.text
    login_as(f.make_user(session))
    assert client.get("/courses/archived-w1", headers=HTML).status_code == 404


def test_a_reader_sent_back_from_a_lesson_is_told_to_enrol(client: TestClient, session: Session) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=1)
    page = client.get(f"/courses/{course.slug}?notice=enrol&lang=fr", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "Inscrivez-vous à ce cours pour en étudier les leçons." in page.text
    plain = client.get(f"/courses/{course.slug}?lang=fr", headers={"accept": "text/html"})
    assert "Inscrivez-vous à ce cours pour en étudier" not in plain.text
