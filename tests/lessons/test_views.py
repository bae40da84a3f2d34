"""The lesson player's pages: every layout and block type, the reader's language and fallbacks,
navigation hooks, resume, progress on view, enrolment, archived courses, no speaker notes, and
hostile content rendered inert."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.courses.models import Course
from bibliology.enums import ContentBlockType as B
from bibliology.enums import EnrollmentStatus, LessonStatus, SlideLayout
from bibliology.lessons.models import Lesson
from tests import factories as f

Login = Callable[[User], str]
HTML = {"accept": "text/html"}

# Every block type once, in the content model's stored (validated) form, English and French.
BLOCKS: list[tuple[B, dict[str, Any], dict[str, Any] | None]] = [
    (B.HEADING, {"text": "The *Gospel* of John", "level": 1}, {"text": "L’Évangile selon Jean", "level": 1}),
    (
        B.TEXT,
        {"text": "In the beginning was the **Word**.\n\nSee [the text](https://example.org/jn1)."},
        {"text": "Au commencement était la **Parole**."},
    ),
    (
        B.VERSE,
        {"reference": "John.3.16", "text": "For God so loved the world", "translation": "KJV"},
        {"reference": "John.3.16", "text": "Car Dieu a tant aimé le monde", "translation": "LSG"},
    ),
    (
        B.VOCABULARY,
        {
            "entries": [
                {
                    "term": "πνεῦμα",
                    "transliteration": "pneuma",
                    "language": "greek",
                    "definition": "spirit, *breath*",
                    "strongs": "G4151",
                    "part_of_speech": "noun",
                },
                {"term": "רוּחַ", "language": "hebrew", "definition": "spirit, wind", "strongs": "H7307"},
            ]
        },
        None,
    ),
    (
        B.LIST,
        {
            "style": "bullet",
            "items": [
                {"text": "Creation", "children": [{"text": "Genesis 1"}, {"text": "Genesis 2"}]},
                {"text": "Fall"},
            ],
        },
        {"style": "numbered", "items": [{"text": "La création"}, {"text": "La chute"}]},
    ),
    (
        B.CALLOUT,
        {"variant": "reflection", "title": "Think about it", "text": "What does it ask of you?"},
        {"variant": "reflection", "title": "À méditer", "text": "Que vous demande-t-il ?"},
    ),
    (
        B.IMAGE,
        {
            "url": "/media/maps/galilee-en.png",
            "alt": "Map of Galilee",
            "caption": "Galilee, *c.* AD 30",
            "width": 800,
            "height": 600,
        },
        {"url": "/media/maps/galilee-fr.png", "alt": "Carte de la Galilée", "width": 800, "height": 600},
    ),
    (B.DIVIDER, {"style": "ornament"}, {"style": "ornament"}),
]
LAYOUTS = list(SlideLayout)


def _lesson_with_everything(session: Session, course: Course) -> tuple[Lesson, str]:
    """A published lesson with one slide per layout (in the enum's order) holding every block
    type, a quiz on the QUIZ slide, and speaker notes everywhere."""
    lesson = f.make_published_lesson(session, course=course, slides=0, title_en="Logos", title_fr="Logos")
    quiz_id = ""
    for position, layout in enumerate(LAYOUTS):
        slide = f.make_slide(
            session,
            lesson=lesson,
            layout=layout,
            slide_order=position,
            title_en=f"{layout.value} slide",
            title_fr=f"Diapo {layout.value}",
            notes_en="SPEAKER-NOTE-EN do not show",
            notes_fr="NOTE-ORATEUR-FR à ne pas montrer",
        )
        if layout == SlideLayout.QUIZ:
            quiz = f.make_quiz(
                session, lesson=lesson, slide_id=slide.id, title_en="Check", title_fr="Contrôle"
            )
            f.make_question(session, quiz=quiz)
            quiz_id = quiz.id
            f.make_block(
                session, slide=slide, block_type=B.QUIZ, content_en={"quiz_id": quiz.id}, content_fr=None
            )
            continue
        for order, (kind, en, fr) in enumerate(BLOCKS):
            f.make_block(
                session, slide=slide, block_order=order, block_type=kind, content_en=en, content_fr=fr
            )
    return lesson, quiz_id


def _enrolled(session: Session, course: Course, **kw: Any) -> User:
    student = f.make_user(session, **kw)
    f.make_enrollment(session, course=course, student=student)
    return student


def _url(course: Course, lesson: Lesson, n: int | None = None) -> str:
    base = f"/courses/{course.slug}/lessons/{lesson.slug}"
    return base if n is None else f"{base}/slides/{n}"


def test_every_layout_and_block_type_renders(client: TestClient, session: Session, login_as: Login) -> None:
    course = f.make_published_course(session, lessons=0)
    lesson, quiz_id = _lesson_with_everything(session, course)
    login_as(_enrolled(session, course, language_pref="en"))

    for n, layout in enumerate(LAYOUTS, start=1):
        page = client.get(_url(course, lesson, n), headers=HTML)
        assert page.status_code == 200, page.text
        body = page.text
        slide_class = layout.value.lower().replace("_", "-")
        assert f'class="slide slide--{slide_class}' in body
        assert body.count("<h1") == 1  # the lesson; a level-1 heading block is shifted below the slide's h2
        assert (
            f'<h2 id="slide-title" class="slide__title{" visually-hidden" if layout == "BLANK" else ""}"'
            in body
        )
        assert "SPEAKER-NOTE" not in body
        assert "NOTE-ORATEUR" not in body
        if layout == SlideLayout.QUIZ:
            assert f'href="/quizzes/{quiz_id}"' in body
            assert "1 question" in body
            continue
        assert '<h3 class="block-heading block-heading--1">The <em>Gospel</em> of John</h3>' in body
        assert "<strong>Word</strong>" in body
        assert 'href="https://example.org/jn1" rel="nofollow noopener"' in body
        assert re.search(
            r"<cite class=\"verse__ref\">John 3:16</cite>\s*<span class=\"verse__translation\">\(KJV\)", body
        )
        assert '<dl class="vocab">' in body
        assert '<span class="vocab__term" lang="grc">πνεῦμα</span>' in body
        assert 'lang="he" dir="rtl"' in body
        assert "Strong’s G4151" in body
        assert re.search(r"<ul class=\"block-list\">\s*<li>Creation<ul>\s*<li>Genesis 1</li>", body)
        assert 'role="note" aria-label="Reflection: Think about it"' in body
        assert '<p class="callout__label">Reflection</p>' in body
        assert re.search(
            r'<figure class="figure">\s*<img src="/media/maps/galilee-en.png" alt="Map of Galilee" width="800" height="600"',
            body,
        )
        assert "<figcaption" in body
        assert "<em>c.</em>" in body
        assert '<hr class="divider divider--ornament">' in body
        if layout == SlideLayout.TWO_COLUMN:
            assert body.count('class="slide__column"') == 2


def test_french_page_formats_references_and_flags_english_fallbacks(
    client: TestClient, session: Session, login_as: Login
) -> None:
    course = f.make_published_course(session, lessons=0, title_fr="")
    lesson, _ = _lesson_with_everything(session, course)
    login_as(_enrolled(session, course, language_pref="fr"))

    body = client.get(_url(course, lesson, 2), headers=HTML).text
    assert '<html lang="fr">' in body
    assert "Diapo CONTENT" in body
    assert "Jean 3.16" in body
    assert "(LSG)" in body
    assert "Car Dieu a tant aimé le monde" in body
    assert '<ol class="block-list">' in body  # the French list is numbered
    # The vocabulary block has no French: shown in English, marked and announced.
    vocab = body[body.index("block--vocabulary") : body.index("</dl>")]
    assert 'lang="en"' in vocab[:80]
    assert '<span class="fallback" lang="fr">Pas encore traduit — affiché en anglais</span>' in vocab
    assert body.count('class="fallback"') == 2  # the vocabulary and the course title
    assert "Diapositive 2 sur 6" in body
    assert "Diapositives" in body
    english = client.get(_url(course, lesson, 2) + "?lang=en", headers=HTML).text
    assert "John 3:16" in english
    assert 'class="fallback"' not in english


def test_navigation_hooks_counter_and_progress_bar(
    client: TestClient, session: Session, login_as: Login
) -> None:
    course = f.make_published_course(session, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=3)
    login_as(_enrolled(session, course))

    first = client.get(_url(course, lesson, 1), headers=HTML).text
    assert '<nav class="player__nav" aria-label="Slides">' in first
    assert 'rel="prev"' not in first
    assert f'rel="next" href="{_url(course, lesson, 2)}"' in first
    assert '<p id="slide-counter" class="player__counter" aria-live="polite">Slide 1 of 3</p>' in first
    assert '<progress id="lesson-progress" max="3" value="1"' in first
    assert f'data-last-url="{_url(course, lesson, 3)}"' in first
    assert 'data-track="true"' in first
    assert "/static/js/player.js?v=" in first
    assert "/static/css/player.css?v=" in first
    middle = client.get(_url(course, lesson, 2), headers=HTML).text
    assert f'rel="prev" href="{_url(course, lesson, 1)}"' in middle
    assert f'rel="next" href="{_url(course, lesson, 3)}"' in middle
    last = client.get(_url(course, lesson, 3), headers=HTML).text
    assert 'rel="next"' not in last
    assert f'href="/courses/{course.slug}">Back to the course' in last
    assert client.get(_url(course, lesson, 4), headers=HTML).status_code == 404
    assert client.get(_url(course, lesson, 0), headers=HTML).status_code == 422


def test_viewing_slides_records_progress_resumes_and_completes(
    client: TestClient, session: Session, login_as: Login
) -> None:
    course = f.make_published_course(session, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=3)
    f.make_published_lesson(session, course=course, slides=1)
    student = _enrolled(session, course)
    login_as(student)

    resume = client.get(_url(course, lesson), headers=HTML, follow_redirects=False)
    assert (resume.status_code, resume.headers["location"]) == (303, _url(course, lesson, 1))
    client.get(_url(course, lesson, 2), headers=HTML)
    resume = client.get(_url(course, lesson), headers=HTML, follow_redirects=False)
    assert resume.headers["location"] == _url(course, lesson, 2)

    progress = "SELECT status, total_slides_viewed FROM lesson_progress WHERE lesson_id = :id"
    assert tuple(session.execute(text(progress), {"id": lesson.id}).one()) == ("IN_PROGRESS", 1)
    events = "SELECT count(*) FROM progress_events WHERE student_id = :s"
    assert session.execute(text(events), {"s": student.id}).scalar_one() == 1
    client.get(_url(course, lesson, 2), headers=HTML)  # a reload of the current, seen slide writes nothing
    assert session.execute(text(events), {"s": student.id}).scalar_one() == 1
    client.get(_url(course, lesson, 1), headers=HTML)
    done = client.get(_url(course, lesson, 3), headers=HTML).text
    assert tuple(session.execute(text(progress), {"id": lesson.id}).one()) == ("COMPLETED", 3)
    assert "Lesson completed." in done
    percentage = session.execute(
        text("SELECT progress_percentage FROM enrollments WHERE student_id = :s"), {"s": student.id}
    ).scalar_one()
    assert percentage == 50  # the API's rule: one of two lessons


def test_studying_needs_an_enrolment(client: TestClient, session: Session, login_as: Login) -> None:
    teacher = f.make_teacher(session)
    course = f.make_published_course(session, teacher=teacher, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=2)
    draft = f.make_lesson(session, course=course, status=LessonStatus.DRAFT)

    anonymous = client.get(_url(course, lesson, 1), headers=HTML, follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == f"/account/login?next={_url(course, lesson, 1)}"
    login_as(f.make_user(session))
    for url in (_url(course, lesson), _url(course, lesson, 1)):
        refused = client.get(url, headers=HTML, follow_redirects=False)
        assert (refused.status_code, refused.headers["location"]) == (
            303,
            f"/courses/{course.slug}?notice=enrol",
        )
    dropped = f.make_user(session)
    f.make_enrollment(session, course=course, student=dropped, status=EnrollmentStatus.DROPPED)
    login_as(dropped)
    assert client.get(_url(course, lesson, 1), headers=HTML, follow_redirects=False).status_code == 303
    login_as(_enrolled(session, course))
    assert client.get(_url(course, draft, 1), headers=HTML).status_code == 404
    missing = client.get(f"/courses/{course.slug}/lessons/nope/slides/1", headers=HTML)
    assert missing.status_code == 404
    assert "text/html" in missing.headers["content-type"]
    other_course = f.make_published_course(session, lessons=0)
    assert client.get(_url(other_course, lesson, 1), headers=HTML).status_code == 404

    # The course's teacher previews without enrolling; nothing is recorded, no speaker notes either.
    login_as(teacher)
    preview = client.get(_url(course, lesson, 1), headers=HTML)
    assert preview.status_code == 200
    assert 'data-track="false"' in preview.text
    assert "Preview:" in preview.text
    assert session.execute(text("SELECT count(*) FROM lesson_progress")).scalar_one() == 0


def test_an_archived_course_is_read_only(client: TestClient, session: Session, login_as: Login) -> None:
    course = f.make_published_course(session, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=2)
    student = _enrolled(session, course)
    f.make_note(session, student=student, lesson=lesson, slide_id=None, note_text="kept")
    course.status = LessonStatus.ARCHIVED
    session.flush()
    login_as(student)

    page = client.get(_url(course, lesson, 1), headers=HTML)
    assert page.status_code == 200
    assert "This course is archived" in page.text
    assert 'data-track="false"' in page.text
    assert "<textarea" not in page.text
    assert "/notes/" not in page.text.split("All my notes")[0]
    assert session.execute(text("SELECT count(*) FROM slide_views")).scalar_one() == 0
    refused = client.post(_url(course, lesson, 1) + "/notes", data={"note_text": "new"}, headers=HTML)
    assert refused.status_code == 409


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)></svg>"
HOSTILE_LINK = (
    "[click](javascript:alert(4)) [x](JaVaScRiPt:alert(5)) [d](data:text/html,<script>alert(6)</script>)"
)


def test_hostile_content_renders_inert(client: TestClient, session: Session, login_as: Login) -> None:
    """Rows written around the validator (as a migration or a bug could): every field of every block
    type carries markup, event attributes, SVG and script links; none survives as HTML."""
    course = f.make_published_course(session, lessons=0)
    lesson = f.make_published_lesson(session, course=course, slides=0, title_en=HOSTILE)
    slide = f.make_slide(session, lesson=lesson, title_en=HOSTILE, layout=SlideLayout.TWO_COLUMN)
    quote = '" onmouseover="alert(7)'
    hostile: list[tuple[B, dict[str, Any]]] = [
        (B.HEADING, {"text": HOSTILE + HOSTILE_LINK, "level": quote}),
        (B.TEXT, {"text": f"**{HOSTILE}** *{HOSTILE_LINK}*\n\n- {HOSTILE}\n- {HOSTILE_LINK}"}),
        (B.VERSE, {"reference": HOSTILE, "text": HOSTILE_LINK, "translation": HOSTILE}),
        (
            B.VERSE,
            {"reference": "John.1.1", "text": " ", "passage_text": HOSTILE, "passage_translation": quote},
        ),
        (
            B.VOCABULARY,
            {
                "entries": [
                    {
                        "term": HOSTILE,
                        "transliteration": quote,
                        "language": quote,
                        "definition": HOSTILE_LINK,
                        "strongs": HOSTILE,
                        "part_of_speech": HOSTILE,
                    }
                ]
            },
        ),
        (B.LIST, {"style": quote, "items": [{"text": HOSTILE, "children": [{"text": HOSTILE_LINK}]}]}),
        (B.CALLOUT, {"variant": quote, "title": HOSTILE + HOSTILE_LINK, "text": HOSTILE}),
        (B.IMAGE, {"url": "javascript:alert(8)", "alt": quote + HOSTILE, "caption": HOSTILE_LINK}),
        (
            B.IMAGE,
            {
                "url": '/media/a.png" onerror="alert(9)',
                "alt": "x",
                "sources": [{"url": "javascript:x", "width": 1}],
            },
        ),
        (B.IMAGE, {"url": "data:image/svg+xml,<svg onload=alert(10)>", "alt": "x", "width": quote}),
        (B.DIVIDER, {"style": quote}),
        (B.QUIZ, {"quiz_id": '"><script>alert(11)</script>'}),
    ]
    for order, (kind, content) in enumerate(hostile):
        f.make_block(
            session,
            slide=slide,
            block_order=order,
            block_type=kind,
            content_en=content,
            content_fr=None,
            style_config={"align": quote, "color": "red;background:url(javascript:alert(12))"},
        )
    login_as(_enrolled(session, course))

    body = client.get(_url(course, lesson, 1), headers=HTML).text
    tags = _tags(body)
    assert not [(tag, name) for tag, attrs in tags for name, _ in attrs if name.startswith("on")]
    assert {tag for tag, _ in tags}.isdisjoint({"svg", "iframe", "object", "embed", "math"})
    scripts = [dict(attrs).get("src") or "" for tag, attrs in tags if tag == "script"]
    assert all(re.fullmatch(r"/static/js/[a-z]+\.js\?v=[0-9a-f]+", src) for src in scripts), scripts
    addresses = [
        value or ""
        for _, attrs in tags
        for name, value in attrs
        if name in ("href", "src", "srcset", "action")
    ]
    assert all(re.match(r"(/|https://|http://|mailto:|#)", value) for value in addresses), addresses
    assert not [value for value in addresses if "javascript" in value.lower() or "data:" in value.lower()]
    assert [
        dict(attrs)["src"] for tag, attrs in tags if tag == "img"
    ] == []  # no image address was acceptable
    styles = [dict(attrs).get("class") or "" for _, attrs in tags]
    assert not [c for c in styles if "alert" in c or "javascript" in c]
    article = body[body.index("<article") : body.index("</article>")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article  # shown as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body.split("<title>")[1].split("</title>")[0]


def _tags(body: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every start tag of the page with its attributes, as a browser's tokenizer reads them."""
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collector().feed(body)
    return found
