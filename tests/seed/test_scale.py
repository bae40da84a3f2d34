"""`seed --scale`: deterministic, linear, consistent benchmark data, bulk-loaded without leaving the
schema changed. One shrunken load (scale 1 × 0.3: 300 students, 6 courses, one of them a draft)
serves the read-only checks; determinism loads a second database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql

from bibliology.console import NullProgress
from bibliology.content import validate_block_pair, validate_question, validate_style_config
from bibliology.enums import ContentBlockType, QuestionType
from bibliology.errors import Conflict
from bibliology.schema_check import Catalog, libpq_url, scratch_database, snapshot
from bibliology.seed import scale, scale_rows_content
from bibliology.seed.scale_plan import REFERENCE, sizes_for
from bibliology.seed.scale_questions import question_bank

FRACTION = 0.3
TABLES = [table.name for table in scale.TABLES]
Loaded = tuple[str, dict[str, int], Catalog]


def _load(url: str) -> dict[str, int]:
    return scale.seed_scale(url, scale=1, progress=NullProgress(), fraction=FRACTION)


def _query(url: str, query: str, params: Any = None) -> list[tuple[Any, ...]]:
    with psycopg.connect(libpq_url(url)) as conn:
        return conn.execute(query.encode(), params).fetchall()


def _one(url: str, query: str) -> Any:
    return _query(url, query)[0][0]


def _digests(url: str) -> dict[str, str]:
    """Per table, a hash of every row's full text: equal digests mean identical data."""
    with psycopg.connect(libpq_url(url)) as conn:
        digests = {}
        for table in TABLES:
            query = sql.SQL("SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {} t")
            row = conn.execute(query.format(sql.Identifier(table))).fetchone()
            assert row is not None
            digests[table] = row[0]
        return digests


@pytest.fixture(scope="module")
def loaded(server_url: str, template_db: str) -> Iterator[Loaded]:
    """A migrated database of the module's own, its catalog before the load, and the load's counts."""
    with scratch_database(server_url, template=template_db) as url:
        before = snapshot(url)
        yield url, _load(url), before


# --------------------------------------------------------------------------- sizes


def test_sizes_are_linear_in_the_scale() -> None:
    counts = sizes_for(50).counts()
    assert counts["users"] == 1 + 500 + 50_000  # admin, a teacher per 2 courses, students
    assert counts["courses"] == 1_000
    assert counts["lessons"] == counts["quizzes"] == 10_000
    assert counts["slides"] == 200_000
    assert counts["content_blocks"] == 1_000_000
    assert counts["questions"] == 100_000
    assert counts["enrollments"] == 250_000
    assert counts["lesson_progress"] == 1_000_000
    assert counts["quiz_submissions"] == 250_000
    assert counts["question_answers"] == 2_500_000
    assert counts["certificates"] == 12_500
    one, ten = sizes_for(1).counts(), sizes_for(10).counts()
    assert all(ten[name] - 1 == 10 * (one[name] - 1) for name in ("users",))
    assert all(ten[name] == 10 * one[name] for name in one if name != "users")


def test_too_small_a_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="too small"):
        sizes_for(1, 0.1)


def test_loads_the_planned_rows(loaded: Loaded) -> None:
    url, counts, _ = loaded
    planned = sizes_for(1, FRACTION).counts()
    assert list(counts) == TABLES
    assert {name: n for name, n in counts.items() if name != "slide_views"} == planned
    assert planned["users"] == 1 + 3 + 300
    assert planned["question_answers"] == 15_000
    for table in TABLES:
        assert _one(url, f"SELECT count(*) FROM {table}") == counts[table]
    # slide views: every slide of a completed lesson, some of a lesson in progress
    assert 10 * counts["lesson_progress"] < counts["slide_views"] < 20 * counts["lesson_progress"]


def test_the_same_scale_gives_the_same_data(loaded: Loaded, scratch_url: str) -> None:
    url, counts, _ = loaded
    assert _load(scratch_url) == counts
    assert _digests(scratch_url) == _digests(url)


# --------------------------------------------------------------------------- the schema after the load


def test_schema_is_as_migrated_with_triggers_enabled_and_constraints_validated(loaded: Loaded) -> None:
    url, _, before = loaded
    after = snapshot(url)  # columns, constraints, indexes, triggers, functions, enum values
    assert after == before
    assert any(kind == "index" and name.endswith("_gin_idx") for kind, name in after)
    disabled = "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'"
    assert _one(url, disabled) == 0
    unvalidated = "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
    assert _one(url, unvalidated + "WHERE n.nspname = 'public' AND NOT c.convalidated") == 0
    assert _one(url, "SELECT count(*) FROM pg_class WHERE relname = 'lessons' AND reltuples > 0") == 1


def test_search_vector_is_what_the_trigger_computes(loaded: Loaded) -> None:
    url, _, _ = loaded
    with psycopg.connect(libpq_url(url)) as conn:  # rolled back at the end
        conn.execute("CREATE TEMP TABLE loaded AS SELECT id, search_vector FROM lessons")
        conn.execute("UPDATE lessons SET title_en = title_en")  # the trigger recomputes it
        row = conn.execute(
            """SELECT count(*) FILTER (WHERE l.search_vector IS DISTINCT FROM b.search_vector),
                      count(*) FILTER (WHERE b.search_vector IS NULL), count(*)
               FROM lessons l JOIN loaded b USING (id)"""
        ).fetchone()
        conn.rollback()
    assert row == (0, 0, 60)


# --------------------------------------------------------------------------- consistency


def test_enrollment_counters_match_their_lessons(loaded: Loaded) -> None:
    url, _, _ = loaded
    query = """
        WITH totals AS (SELECT course_id, count(*) AS n FROM lessons WHERE status = 'PUBLISHED' GROUP BY 1),
        done AS (
          SELECT lp.enrollment_id, count(*) AS n FROM lesson_progress lp JOIN lessons l ON l.id = lp.lesson_id
          WHERE lp.status = 'COMPLETED' AND l.status = 'PUBLISHED' GROUP BY 1),
        x AS (
          SELECT e.*, COALESCE(t.n, 0) AS total, COALESCE(d.n, 0) AS completed
          FROM enrollments e LEFT JOIN totals t ON t.course_id = e.course_id
          LEFT JOIN done d ON d.enrollment_id = e.id)
        SELECT count(*) FILTER (WHERE total_lessons <> total OR lessons_completed <> completed
                 OR progress_percentage <> CASE WHEN total = 0 THEN 0 ELSE 100 * completed / total END
                 OR (status = 'COMPLETED') <> (completed = total AND total > 0)
                 OR (status = 'COMPLETED') <> (completed_at IS NOT NULL)
                 OR last_accessed_at < enrolled_at),
               count(*) FILTER (WHERE status = 'COMPLETED'),
               count(*) FILTER (WHERE status = 'DROPPED')
        FROM x"""
    drift, completed, dropped = _query(url, query)[0]
    assert drift == 0
    assert completed == 300 // 4
    assert dropped > 0


def test_lesson_progress_matches_slide_views_and_quizzes(loaded: Loaded) -> None:
    url, _, _ = loaded
    query = """
        SELECT count(*) FROM lesson_progress lp
        JOIN enrollments e ON e.id = lp.enrollment_id
        JOIN lessons l ON l.id = lp.lesson_id AND l.course_id = e.course_id
        CROSS JOIN LATERAL (SELECT count(*) AS n FROM slides s WHERE s.lesson_id = lp.lesson_id) slides
        CROSS JOIN LATERAL (
          SELECT count(*) AS n, COALESCE(sum(sv.seconds_spent), 0) AS seconds
          FROM slide_views sv JOIN slides s ON s.id = sv.slide_id AND s.lesson_id = lp.lesson_id
          WHERE sv.lesson_progress_id = lp.id) seen
        LEFT JOIN slides current ON current.id = lp.current_slide_id
        WHERE lp.total_slides_viewed <> seen.n OR lp.time_spent_seconds <> seen.seconds
           OR seen.n = 0 OR lp.total_slides_viewed > slides.n OR lp.current_slide_index >= slides.n
           OR current.lesson_id IS DISTINCT FROM lp.lesson_id OR current.slide_order <> lp.current_slide_index
           OR (lp.status = 'COMPLETED') <> (lp.completed_at IS NOT NULL)
           OR lp.status = 'NOT_STARTED' OR l.status <> 'PUBLISHED'
           OR lp.updated_at < lp.started_at OR lp.completed_at < lp.started_at
           -- complete exactly when every slide is seen and the lesson's quiz passed
           OR (lp.status = 'COMPLETED') <> (seen.n = slides.n AND EXISTS (
                SELECT 1 FROM quiz_submissions qs JOIN quizzes q ON q.id = qs.quiz_id
                WHERE q.lesson_id = lp.lesson_id AND qs.student_id = e.student_id AND qs.passed))"""
    assert _one(url, query) == 0
    stray = "SELECT count(*) FROM slide_views sv JOIN lesson_progress lp ON lp.id = sv.lesson_progress_id "
    stray += "JOIN slides s ON s.id = sv.slide_id WHERE s.lesson_id <> lp.lesson_id"
    assert _one(url, stray) == 0


def test_submissions_match_their_answers(loaded: Loaded) -> None:
    url, _, _ = loaded
    query = """
        WITH a AS (SELECT submission_id, count(*) AS n, sum(points_earned) AS earned
                   FROM question_answers GROUP BY 1),
        q AS (SELECT quiz_id, count(*) AS n, sum(points) AS total FROM questions GROUP BY 1)
        SELECT count(*) FROM quiz_submissions s JOIN quizzes z ON z.id = s.quiz_id
        LEFT JOIN a ON a.submission_id = s.id LEFT JOIN q ON q.quiz_id = s.quiz_id
        WHERE a.n IS DISTINCT FROM q.n OR s.points_earned <> a.earned OR s.total_points <> q.total
           OR s.score_percentage <> (200 * s.points_earned + s.total_points) / (2 * s.total_points)
           OR s.passed <> (100 * s.points_earned >= z.passing_score_percentage * s.total_points)
           OR s.submitted_at < s.started_at
           OR NOT EXISTS (SELECT 1 FROM enrollments e JOIN lessons l ON l.course_id = e.course_id
                          WHERE l.id = z.lesson_id AND e.student_id = s.student_id)"""
    assert _one(url, query) == 0
    answers = """
        SELECT count(*) FROM question_answers qa JOIN questions q ON q.id = qa.question_id
        JOIN quiz_submissions s ON s.id = qa.submission_id
        WHERE q.quiz_id <> s.quiz_id OR qa.points_earned <> CASE WHEN qa.is_correct THEN q.points ELSE 0 END
           OR qa.answered_at NOT BETWEEN s.started_at AND s.submitted_at"""
    assert _one(url, answers) == 0
    outcomes = _query(url, "SELECT passed, count(*) FROM quiz_submissions GROUP BY 1 ORDER BY 1")
    assert [passed for passed, _ in outcomes] == [False, True]


def test_certificates_notes_and_timeline(loaded: Loaded) -> None:
    url, counts, _ = loaded
    certified = """
        SELECT count(*) FROM certificates c JOIN enrollments e
          ON e.student_id = c.user_id AND e.course_id = c.course_id AND e.status = 'COMPLETED'
             AND c.issued_at >= e.completed_at"""
    assert _one(url, certified) == counts["certificates"] == 300 // 4
    notes = """
        SELECT count(*) FROM student_notes n JOIN slides s ON s.id = n.slide_id
        WHERE s.lesson_id <> n.lesson_id OR s.slide_order <> n.slide_index"""
    assert _one(url, notes) == 0
    # everything happened before the data set's reference date
    columns = _query(
        url,
        """SELECT table_name, column_name FROM information_schema.columns
           WHERE table_schema = 'public' AND data_type LIKE 'timestamp%%' AND table_name = ANY(%s)""",
        (TABLES,),
    )
    latest = " UNION ALL ".join(f"SELECT max({column}) FROM {table}" for table, column in columns)
    assert _one(url, f"SELECT max(max) FROM ({latest}) t") < REFERENCE.replace(tzinfo=None)


def test_english_always_french_mostly(loaded: Loaded) -> None:
    url, _, _ = loaded
    for table, column in (("courses", "title_fr"), ("lessons", "title_fr"), ("content_blocks", "content_fr")):
        total, french = _query(url, f"SELECT count(*), count({column}) FROM {table}")[0]
        assert total / 2 < french < total
    users = _query(url, "SELECT language_pref, count(*) FROM users GROUP BY 1 ORDER BY 1")
    assert [language for language, _ in users] == ["en", "fr"]


def test_a_sample_of_the_content_validates(loaded: Loaded) -> None:
    url, _, _ = loaded
    blocks = _query(
        url,
        "SELECT block_type, content_en, content_fr, style_config FROM content_blocks ORDER BY id LIMIT 400",
    )
    for kind, en, fr, style in blocks:
        assert validate_block_pair(kind, content_en=en, content_fr=fr) == (en, fr)
        assert validate_style_config(style) == style
    assert {kind for kind, *_ in blocks} == set(ContentBlockType)
    questions = _query(
        url,
        """SELECT question_type, question_text_en, question_text_fr, options_en, options_fr,
                  correct_answers, explanation_en, explanation_fr, points
           FROM questions ORDER BY id LIMIT 300""",
    )
    for kind, text_en, text_fr, opt_en, opt_fr, correct, expl_en, expl_fr, points in questions:
        checked = validate_question(
            kind,
            text_en=text_en,
            text_fr=text_fr,
            options_en=opt_en,
            options_fr=opt_fr,
            correct_answers=correct,
            explanation_en=expl_en,
            explanation_fr=expl_fr,
            points=points,
        )
        assert checked.columns() == {
            "question_type": QuestionType(kind),
            "question_text_en": text_en,
            "question_text_fr": text_fr,
            "options_en": opt_en,
            "options_fr": opt_fr,
            "correct_answers": correct,
            "explanation_en": expl_en,
            "explanation_fr": expl_fr,
            "points": points,
        }
    assert {kind for kind, *_ in questions} == set(QuestionType)
    quiz_blocks = """
        SELECT count(*) FROM content_blocks b JOIN slides s ON s.id = b.slide_id
        LEFT JOIN quizzes q ON q.id = b.content_en ->> 'quiz_id' AND q.lesson_id = s.lesson_id
        WHERE b.block_type = 'QUIZ' AND q.id IS NULL"""
    assert _one(url, quiz_blocks) == 0


def test_every_question_of_the_bank_validates_with_and_without_french() -> None:
    for kind, templates in question_bank().items():
        for template in templates:
            for french in (False, True):
                values = [json.loads(v) if v is not None else None for v in template.columns(french=french)]
                checked = validate_question(
                    kind,
                    text_en=values[0],
                    text_fr=values[1],
                    options_en=values[2],
                    options_fr=values[3],
                    correct_answers=values[4],
                    explanation_en=values[5],
                    explanation_fr=values[6],
                    points=template.points,
                )
                assert [
                    checked.question_text_en,
                    checked.question_text_fr,
                    checked.options_en,
                    checked.options_fr,
                    checked.correct_answers,
                    checked.explanation_en,
                    checked.explanation_fr,
                ] == values


# --------------------------------------------------------------------------- refusals and failures


def test_a_database_with_data_is_refused_and_left_unchanged(loaded: Loaded) -> None:
    url, _, before = loaded
    digests = _digests(url)
    with pytest.raises(Conflict, match="already has users; seed --scale needs an empty, migrated database"):
        _load(url)
    assert _digests(url) == digests
    assert snapshot(url) == before


def test_a_single_user_is_enough_to_refuse(scratch_url: str) -> None:
    with psycopg.connect(libpq_url(scratch_url)) as conn:
        conn.execute(
            "INSERT INTO users (id, email, password_hash, name) VALUES ('u1', 'a@example.org', 'x', 'A')"
        )
    with pytest.raises(Conflict, match="already has users"):
        _load(scratch_url)
    assert _one(scratch_url, "SELECT count(*) FROM courses") == 0


def test_a_failed_load_leaves_nothing_behind(scratch_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(scratch_url)

    def broken(data: Any) -> Iterator[tuple[Any, ...]]:
        yield from scale_rows_content.courses(data)
        raise RuntimeError("generator failed")

    tables = tuple(t._replace(rows=broken) if t.name == "courses" else t for t in scale.TABLES)
    monkeypatch.setattr(scale, "TABLES", tables)
    with pytest.raises(RuntimeError, match="generator failed"):
        _load(scratch_url)
    assert _one(scratch_url, "SELECT count(*) FROM users") == 0
    assert snapshot(scratch_url) == before  # the dropped indexes and foreign keys are back
