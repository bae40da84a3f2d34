"""`bibliology seed`: a bilingual demo a newcomer can browse, created idempotently.

Every demo account logs in with the password ``bibliology-demo``:

- ``admin@demo.bibliology.org`` (admin);
- ``miriam.okafor@demo.bibliology.org`` and ``etienne.laurent@demo.bibliology.org`` (teachers);
- twelve students such as ``grace.thompson@demo.bibliology.org`` (English) or
  ``chloe.martin@demo.bibliology.org`` (French); the full list is in ``demo_content/people.py``.

The content is plain data in ``demo_content`` (one module per course). Rows are keyed by natural
keys: an existing e-mail is reused, and a course whose slug or one of whose lesson slugs already
exists is skipped whole, enrolments included. A second run therefore creates nothing. Dates count
back from the fixed ``REFERENCE_DATE``, so every run writes the same history.

Students' progress is written as the learning loop would have left it (a slide view and a progress
event per slide seen, every quiz of a completed lesson passed), so `bibliology progress reconcile`
finds nothing to repair. Each course's thumbnail (and cover) is a card drawn at seed time, and each
IMAGE block's picture a drawing (a papyrus page, a map, simple scenes: no photograph); all are
stored through the media service and served at /media/<key> like any upload.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.accounts.passwords import hash_password
from bibliology.console import NullProgress, Progress
from bibliology.courses.models import Course
from bibliology.enums import ContentBlockType
from bibliology.ids import new_id
from bibliology.invalidation import invalidate
from bibliology.media.models import MediaFile
from bibliology.models import ContentBlock, Lesson, Slide
from bibliology.seed.demo_content import COURSES, JOURNEYS, PEOPLE
from bibliology.seed.demo_content.artwork import store_course_artwork
from bibliology.seed.demo_content.course_rows import SeededCourse, missing_courses, seed_course
from bibliology.seed.demo_content.illustrations import PLACEHOLDER_PREFIX, with_illustration
from bibliology.seed.demo_content.learner_rows import (
    CertificateNumbers,
    Student,
    progress_percentage,
    seed_journey,
)
from bibliology.seed.demo_content.rows import REFERENCE_DATE, TABLES, Rows, at

__all__ = ["DEMO_PASSWORD", "REFERENCE_DATE", "TABLES", "progress_percentage", "seed_demo"]

DEMO_PASSWORD = "bibliology-demo"  # noqa: S105 — published on purpose: it is the demo's password
# Where demo courses seeded before their artwork was generated point (files that never existed).
LEGACY_ARTWORK = "/media/demo/courses/"


def seed_demo(session: Session, *, progress: Progress | None = None) -> dict[str, int]:
    """Create whatever part of the demo is missing; return the rows created per table."""
    progress = progress or NullProgress()
    rows = Rows(session)
    students = _seed_users(rows, progress)
    courses = _seed_courses(rows, progress, students)
    _seed_learners(rows, progress, students, courses)
    return rows.counts()


def _seed_users(rows: Rows, progress: Progress) -> dict[str, Student]:
    """Every demo account by e-mail; existing accounts (matched case-insensitively) are reused."""
    progress.start("demo: users", len(PEOPLE))
    lowered = func.lower(User.email)
    found = rows.session.execute(
        select(lowered, User.id, User.language_pref).where(lowered.in_([p.email.lower() for p in PEOPLE]))
    )
    existing = {email: Student(user_id, language) for email, user_id, language in found}
    password_hash = None
    accounts = {}
    for person in PEOPLE:
        account = existing.get(person.email.lower())
        if account is None:
            password_hash = password_hash or hash_password(DEMO_PASSWORD)  # Argon2 is slow: hash once
            last_login = at(person.last_login_days_ago, hour=8)
            user = User(
                id=new_id(),
                email=person.email,
                password_hash=password_hash,
                name=person.name,
                role=person.role,
                avatar_url=person.avatar_url,
                language_pref=person.language_pref,
                created_at=at(person.joined_days_ago),
                updated_at=at(person.joined_days_ago),
                last_login=last_login,
            )
            rows.add(user)
            rows.log(user.id, "LOGIN", last_login, ("user", user.id), method="password")
            account = Student(user.id, person.language_pref)
        accounts[person.email] = account
        progress.advance()
    rows.session.flush()
    return accounts


def _seed_courses(rows: Rows, progress: Progress, accounts: dict[str, Student]) -> dict[str, SeededCourse]:
    """The demo courses that did not exist yet, created whole, by slug (with their artwork)."""
    media_files = _media_files(rows)
    _repair_artwork(rows)
    _repair_images(rows)
    missing = missing_courses(rows, COURSES)
    progress.start("demo: courses", len(missing))
    seeded = {}
    for spec in missing:
        seeded[spec.slug] = seed_course(rows, spec, teacher_id=accounts[spec.teacher_email].id)
        progress.advance()
    rows.session.flush()
    rows.created("media_files", _media_files(rows) - media_files)
    return seeded


def _repair_artwork(rows: Rows) -> None:
    """Demo courses seeded before their artwork was generated point at files that never existed
    (LEGACY_ARTWORK): give them their cards. Nothing else about an existing course changes."""
    specs = {spec.slug: spec for spec in COURSES}
    legacy = or_(
        Course.thumbnail_url.startswith(LEGACY_ARTWORK), Course.cover_image_url.startswith(LEGACY_ARTWORK)
    )
    repaired = rows.session.scalars(select(Course).where(Course.slug.in_(specs), legacy)).all()
    for course in repaired:
        artwork = store_course_artwork(rows.session, specs[course.slug], owner_id=course.teacher_id)
        if course.thumbnail_url is None or course.thumbnail_url.startswith(LEGACY_ARTWORK):
            course.thumbnail_url = artwork.thumbnail_url
        if course.cover_image_url is not None and course.cover_image_url.startswith(LEGACY_ARTWORK):
            course.cover_image_url = artwork.cover_image_url
    if repaired:
        invalidate(rows.session, course_ids=[course.id for course in repaired])
    rows.session.flush()


def _repair_images(rows: Rows) -> None:
    """Demo lessons seeded before their pictures were drawn have IMAGE blocks at placeholder URLs
    (PLACEHOLDER_PREFIX) with no file behind them: point them at their drawings. Only those URLs
    change; a placeholder that does name a stored file, or one we do not draw, is left alone."""
    placeholder = or_(
        ContentBlock.content_en["url"].astext.startswith(PLACEHOLDER_PREFIX),
        ContentBlock.content_fr["url"].astext.startswith(PLACEHOLDER_PREFIX),
    )
    found = rows.session.execute(
        select(ContentBlock, Lesson.id, Course.id, Course.teacher_id)
        .join(Slide, Slide.id == ContentBlock.slide_id)
        .join(Lesson, Lesson.id == Slide.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .where(
            Course.slug.in_([spec.slug for spec in COURSES]),
            ContentBlock.block_type == ContentBlockType.IMAGE,
            placeholder,
        )
    ).all()
    stored = set(
        rows.session.scalars(
            select(MediaFile.storage_key).where(
                MediaFile.storage_key.in_(
                    [
                        content["url"].removeprefix("/media/")
                        for block, *_ in found
                        for content in (block.content_en, block.content_fr)
                        if content is not None
                    ]
                )
            )
        )
    )

    def repaired(content: dict[str, Any], owner_id: str) -> dict[str, Any]:
        if str(content.get("url")).removeprefix("/media/") in stored:
            return content
        return with_illustration(rows.session, content, owner_id=owner_id)

    lesson_ids, course_ids = set(), set()
    for block, lesson_id, course_id, teacher_id in found:
        en = repaired(block.content_en, teacher_id)
        fr = None if block.content_fr is None else repaired(block.content_fr, teacher_id)
        if (en, fr) != (block.content_en, block.content_fr):
            block.content_en, block.content_fr = en, fr
            lesson_ids.add(lesson_id)
            course_ids.add(course_id)
    if lesson_ids:
        invalidate(rows.session, course_ids=course_ids, lesson_ids=lesson_ids)
    rows.session.flush()


def _media_files(rows: Rows) -> int:
    return rows.session.scalar(select(func.count()).select_from(MediaFile)) or 0


def _seed_learners(
    rows: Rows, progress: Progress, accounts: dict[str, Student], courses: dict[str, SeededCourse]
) -> None:
    """Enrolments with their progress, submissions, notes and certificates, in the new courses only."""
    known = {course.slug for course in COURSES}
    if unknown := sorted({journey.course for journey in JOURNEYS} - known):
        raise ValueError(f"demo journeys name unknown courses: {', '.join(unknown)}")
    journeys = [(index, journey) for index, journey in enumerate(JOURNEYS) if journey.course in courses]
    progress.start("demo: learners", len(journeys))
    numbers = CertificateNumbers(rows.session)
    for index, journey in journeys:
        student = accounts[journey.student]
        seed_journey(
            rows, journey, seed=7 * index, student=student, course=courses[journey.course], numbers=numbers
        )
        progress.advance()
    rows.flush()
