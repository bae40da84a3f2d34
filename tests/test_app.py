from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from bibliology.enums import LessonStatus
from tests import factories as f


def test_health_reports_database_and_cache(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["cache"] == {"backend": "memory", "status": "ok"}


def test_catalogue_lists_published_courses_only_in_the_readers_language(
    client: TestClient, session: Session
) -> None:
    now = dt.datetime.now(dt.UTC)
    f.make_course(
        session,
        title_en="Pneumatology",
        title_fr="Pneumatologie",
        status=LessonStatus.PUBLISHED,
        published_at=now,
    )
    f.make_course(
        session, title_en="Eschatology", title_fr=None, status=LessonStatus.PUBLISHED, published_at=now
    )
    f.make_course(session, title_en="Unfinished draft", status=LessonStatus.DRAFT)

    english = client.get("/", headers={"Accept": "text/html"})
    assert english.status_code == 200
    assert "Pneumatology" in english.text
    assert "Eschatology" in english.text
    assert "Unfinished draft" not in english.text

    french = client.get("/", headers={"Accept-Language": "fr-CA,fr;q=0.9"}).text
    assert "Pneumatologie" in french
    assert "Eschatology" in french
    assert "affiché en anglais" in french  # the English fallback, flagged
    assert "Pneumatologie" in client.get("/?lang=fr").text
