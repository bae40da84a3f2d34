"""/metrics: who may read it, and what it says."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from bibliology.app import create_app
from bibliology.cache import MemoryCache
from bibliology.config import Settings
from bibliology.ops.metrics import CountingCache

LOOPBACK = ("127.0.0.1", 50000)
TOKEN = "a-metrics-token-of-some-length"


def sample(body: str, name: str, **labels: str) -> float:
    """The value of one sample of the Prometheus text format (0 when it is absent)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = re.escape(name) + (r"\{" + re.escape(wanted) + r"\}" if labels else "") + r" (\S+)"
    found = re.search(r"^" + pattern + "$", body, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def test_loopback_clients_read_the_metrics(app: FastAPI) -> None:
    with TestClient(app, client=LOOPBACK) as client:
        response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "bibliology_database_up 1.0" in response.text


def test_other_clients_and_proxied_requests_are_refused(app: FastAPI) -> None:
    with TestClient(app) as client:  # host "testclient": not loopback
        remote = client.get("/metrics")
    with TestClient(app, client=LOOPBACK) as client:
        proxied = client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    for response in (remote, proxied):
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"


def test_a_token_is_required_from_everyone_once_set(app: FastAPI, settings: Settings) -> None:
    app.state.settings = settings.model_copy(update={"metrics_token": TOKEN})
    with TestClient(app, client=LOOPBACK) as client:
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    with TestClient(app) as client:
        assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_requests_are_counted_by_route_template(app: FastAPI) -> None:
    with TestClient(app, client=LOOPBACK) as client:
        before = client.get("/metrics").text
        for _ in range(3):
            assert client.get("/api/v1/courses/no-such-course").status_code == 404
        client.get("/no/such/page/anywhere")
        after = client.get("/metrics").text
    labels = {"method": "GET", "route": "/api/v1/courses/{course_id}", "status": "404"}
    assert (
        sample(after, "bibliology_http_requests_total", **labels)
        - sample(before, "bibliology_http_requests_total", **labels)
        == 3
    )
    assert "/no/such/page" not in after  # unmatched paths are one label value
    assert (
        sample(after, "bibliology_http_requests_total", method="GET", route="<unmatched>", status="404") >= 1
    )
    assert 'bibliology_http_request_duration_seconds_bucket{le="0.005",method="GET"' in after
    assert sample(after, "bibliology_db_pool_size", pool="primary") >= 1


def test_cache_hits_and_misses_are_counted(app: FastAPI) -> None:
    cache = app.state.cache
    assert isinstance(cache, CountingCache)
    with TestClient(app, client=LOOPBACK) as client:
        before = client.get("/metrics").text
        cache.set("metrics-test", b"v", 10)
        cache.get("metrics-test")
        cache.get_many("metrics-test", "metrics-test:absent")
        after = client.get("/metrics").text

    def delta(result: str) -> float:
        key = {"backend": "memory", "result": result}
        return sample(after, "bibliology_cache_lookups_total", **key) - sample(
            before, "bibliology_cache_lookups_total", **key
        )

    assert (delta("hit"), delta("miss")) == (2, 1)


def test_job_queue_depth_and_failures_come_from_the_database(scratch_url: str, settings: Settings) -> None:
    app = create_app(scratch_url, settings=settings, cache=MemoryCache())
    with app.state.engine.begin() as conn:
        for status in ("todo", "todo", "failed"):
            conn.execute(
                text(
                    "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status)"
                    " VALUES ('imports', 'bibliology.test', '{}', CAST(:status AS procrastinate_job_status))"
                ),
                {"status": status},
            )
    with TestClient(app, client=LOOPBACK) as client:
        body = client.get("/metrics").text
    app.state.engine.dispose()
    assert sample(body, "bibliology_jobs", queue="imports", status="todo") == 2
    assert sample(body, "bibliology_jobs", queue="imports", status="failed") == 1


def test_an_unreachable_database_is_a_metric_not_a_failed_scrape(settings: Settings) -> None:
    app = create_app("postgresql://postgres@127.0.0.1:1/nothing", settings=settings, cache=MemoryCache())
    with TestClient(app, client=LOOPBACK) as client:
        response = client.get("/metrics")
    assert response.status_code == 200
    assert "bibliology_database_up 0.0" in response.text
