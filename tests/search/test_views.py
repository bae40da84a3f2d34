"""The results page behind the header's search box."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.search.support import lesson_with


def test_results_page_lists_and_highlights(session: Session, client: TestClient) -> None:
    lesson = lesson_with(session, text_fr="L’Évangile de la grâce.", title_fr="L’Évangile")
    page = client.get("/search", params={"q": "evangile", "lang": "fr"})
    assert page.status_code == 200
    assert f"/lessons/{lesson.slug}" in page.text
    assert "<mark>Évangile</mark>" in page.text


def test_results_page_without_query_and_too_long(client: TestClient) -> None:
    assert client.get("/search").status_code == 200
    assert client.get("/search", params={"q": "x" * 501}).status_code == 422
