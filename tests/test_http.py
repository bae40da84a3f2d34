"""API conventions shared by every route: problem+json, security headers, size limits."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from bibliology.errors import Conflict


def test_security_headers_on_every_response(client: TestClient) -> None:
    for response in (client.get("/health"), client.get("/nowhere"), client.get("/")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_unknown_path_is_problem_json(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "/problems/http-404",
        "title": "Not Found",
        "status": 404,
        "detail": "no such resource",
        "instance": "/api/v1/nothing-here",
    }


def test_wrong_method_is_problem_json(client: TestClient) -> None:
    response = client.delete("/health")
    assert response.status_code == 405
    assert response.json()["title"] == "Method Not Allowed"


class Payload(BaseModel):
    name: str = Field(min_length=1)
    hours: int = Field(ge=0)


def test_validation_errors_name_each_field(app: FastAPI, client: TestClient) -> None:
    @app.post("/api/v1/_echo")
    def echo(payload: Payload) -> Payload:
        return payload

    response = client.post("/api/v1/_echo", json={"name": "", "hours": -1})
    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "/problems/invalid"
    assert {e["field"] for e in body["errors"]} == {"name", "hours"}
    assert "name:" in body["detail"]
    assert "hours:" in body["detail"]


def test_domain_errors_map_to_their_status(app: FastAPI, client: TestClient) -> None:
    @app.get("/api/v1/_conflict")
    def conflict() -> None:
        raise Conflict("slug already taken")

    response = client.get("/api/v1/_conflict")
    assert response.status_code == 409
    assert response.json()["detail"] == "slug already taken"
    html = client.get("/_missing_page", headers={"Accept": "text/html"})
    assert html.status_code == 404
    assert html.headers["content-type"].startswith("text/html")


def test_oversized_bodies_are_refused_before_the_handler(app: FastAPI, client: TestClient) -> None:
    called = []

    @app.post("/api/v1/_sink")
    async def sink(payload: dict[str, str]) -> dict[str, str]:
        called.append(True)
        return payload

    big = {"text": "x" * (1024 * 1024 + 10)}
    declared = client.post("/api/v1/_sink", json=big)
    assert declared.status_code == 413
    assert declared.headers["content-type"] == "application/problem+json"

    def chunks() -> object:
        for _ in range(20):
            yield b"x" * 100_000

    streamed = client.post("/api/v1/_sink", content=chunks(), headers={"content-type": "application/json"})  # type: ignore[arg-type]
    assert streamed.status_code == 413
    assert called == []
