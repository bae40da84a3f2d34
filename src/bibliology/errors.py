"""Domain errors and their one mapping to HTTP: application/problem+json for the API, an HTML
page for the browser. Services raise these; no route builds an error response by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass
class DomainError(Exception):
    detail: str
    fields: list[dict[str, str]] = field(default_factory=list)

    status: ClassVar[int] = 400
    slug: ClassVar[str] = "bad-request"
    title: ClassVar[str] = "Bad request"

    def __str__(self) -> str:
        return self.detail

    @property
    def type_uri(self) -> str:
        return f"/problems/{self.slug}"

    def problem(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.type_uri, "title": self.title, "status": self.status}
        body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        if self.fields:
            body["errors"] = self.fields
        return body


class NotFound(DomainError):
    status = 404
    slug = "not-found"
    title = "Not found"


class Forbidden(DomainError):
    status = 403
    slug = "forbidden"
    title = "Forbidden"


class Unauthorized(DomainError):
    status = 401
    slug = "unauthorized"
    title = "Authentication required"


class Conflict(DomainError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class Invalid(DomainError):
    status = 422
    slug = "invalid"
    title = "Invalid input"


class TooLarge(DomainError):
    status = 413
    slug = "too-large"
    title = "Payload too large"


@dataclass
class Throttled(DomainError):
    retry_after: int = 60

    status = 429
    slug = "throttled"
    title = "Too many requests"
