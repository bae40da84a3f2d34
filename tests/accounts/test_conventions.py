"""API conventions added with accounts: pagination's one shape, database data errors as 422."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from bibliology.accounts.models import User
from bibliology.deps import SessionDep
from bibliology.pagination import Page, PageParams, Pagination, paginate
from tests import factories as f


def test_pagination_counts_and_slices(session: Session) -> None:
    for n in range(5):
        f.make_user(session, email=f"page{n}@pages.example")
    statement = select(User).where(User.email.like("%@pages.example")).order_by(User.email)
    rows, total = paginate(session, statement, PageParams(page=2, page_size=2))
    assert total == 5
    assert [u.email for u in rows] == ["page2@pages.example", "page3@pages.example"]
    pairs, _ = paginate(
        session, select(User.email, User.name).where(User.email.like("%@pages.example")), PageParams()
    )
    assert len(pairs[0]) == 2  # several columns: rows, not scalars
    page = Page.of([u.email for u in rows], total, PageParams(page=2, page_size=2))
    assert page.model_dump() == {
        "items": ["page2@pages.example", "page3@pages.example"],
        "total": 5,
        "page": 2,
        "page_size": 2,
    }


def test_page_parameters_are_bounded(app: FastAPI, client: TestClient) -> None:
    @app.get("/api/v1/_pages")
    def pages(params: Pagination) -> dict[str, int]:
        return {"page": params.page, "size": params.page_size}

    assert client.get("/api/v1/_pages").json() == {"page": 1, "size": 20}
    assert client.get("/api/v1/_pages", params={"page": 0}).status_code == 422
    assert client.get("/api/v1/_pages", params={"page_size": 101}).status_code == 422


def test_values_the_database_refuses_are_422_not_500(app: FastAPI, client: TestClient) -> None:
    @app.get("/api/v1/_lookup")
    def lookup(email: str, session: SessionDep) -> dict[str, int]:
        return {"found": len(session.scalars(select(User).where(User.email == email)).all())}

    response = client.get("/api/v1/_lookup", params={"email": "a\x00b"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "NUL" in response.json()["detail"]
