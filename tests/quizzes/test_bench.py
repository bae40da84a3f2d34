"""The quiz-submission benchmark on a small committed data set: both sides write every row once."""

from __future__ import annotations

import pytest

from bibliology.db import make_engine, session_factory, unit_of_work
from bibliology.quizzes.bench import bench_quiz_submit
from tests import factories as f
from tests.quizzes.helpers import course_of

pytestmark = pytest.mark.committed


def test_both_sides_write_the_same_rows_once(scratch_url: str) -> None:
    engine = make_engine(scratch_url, pool_size=1)
    try:
        with unit_of_work(session_factory(engine)) as session:
            for _ in range(3):
                quiz, student = f.make_open_quiz(session)
                course = f.make_course(session)  # unrelated: nothing to pick there
                f.make_enrollment(session, course=course, student=student)
                for _ in range(2):
                    f.make_enrollment(session, course=course_of(session, quiz), student=f.make_user(session))
    finally:
        engine.dispose()
    report = bench_quiz_submit(scratch_url, submissions=4, warmup=0)
    assert report.service_check.ok, report.service_check
    assert report.baseline_check.ok, report.baseline_check
    assert report.service_check.question_answers == 4 * 5
    assert report.services.per_second > 0
    assert report.baseline.per_second > 0
    with pytest.raises(ValueError, match="at most"):
        bench_quiz_submit(scratch_url, submissions=100, warmup=0)
