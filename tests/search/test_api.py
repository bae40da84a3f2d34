"""GET /api/v1/search over HTTP: results in the reader's language, problem+json for bad queries."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.search.support import lesson_with


def test_search_answers_ranked_hits_with_snippets(session: Session, client: TestClient) -> None:
    lesson = lesson_with(session, text_fr="La grâce de Dieu est apparue.", title_fr="La grâce")
    response = client.get("/api/v1/search", params={"q": "grace", "lang": "fr"})
    assert response.status_code == 200
    body = response.json()
    hit = next(item for item in body["items"] if item["id"] == lesson.id)
    assert hit["kind"] == "lesson"
    assert "<mark>grâce</mark>" in hit["snippet_html"]
    assert body["page"] == 1
    assert body["total"] >= 1


def test_reference_in_the_query_is_reported(session: Session, client: TestClient) -> None:
    body = client.get("/api/v1/search", params={"q": "Jean 3,16", "lang": "fr"}).json()
    assert body["reference"] == "John.3.16"


def test_bad_queries_are_problems(client: TestClient) -> None:
    for q in ("", "   ", "x" * 501):
        response = client.get("/api/v1/search", params={"q": q, "lang": "fr"})
        assert response.status_code == 422
        assert response.headers["content-type"].startswith("application/problem+json")
    assert client.get("/api/v1/search", params={"q": "x", "page": "0"}).status_code == 422
