"""Input field types shared by the authoring schemas (courses, lessons, slides, blocks)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, Field, StringConstraints, ValidationError

from bibliology.content import ImageContent, RichText, check_plain_line
from bibliology.errors import Invalid
from bibliology.inputs import StrictInput


class Input(StrictInput):
    """Request bodies: unknown and read-only fields (ids, owner, status, timestamps, counters) are
    refused, and nothing is coerced ("5" is not a number; bibliology.inputs)."""

    def changes(self) -> dict[str, Any]:
        """The fields the client sent (an update changes only those)."""
        return self.model_dump(exclude_unset=True)


def not_null(value: Any) -> Any:
    """For update fields that may be left out but not removed: `field_validator("title_en")(not_null)`."""
    if value is None:
        raise ValueError("cannot be null: leave it out to keep it (English is required)")
    return value


def _media_url(value: str) -> str:
    # The IMAGE block's rule (https:// or a path under /media/), kept in one place.
    try:
        return ImageContent.model_validate({"url": value, "alt": "-"}).url
    except ValidationError as exc:
        raise ValueError(exc.errors(include_url=False)[0]["msg"].removeprefix("Value error, ")) from None


Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(check_plain_line),
]
Description = RichText
Notes = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
ImageUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2_048),
    AfterValidator(_media_url),
]
Position = Annotated[int, Field(ge=0, le=100_000, description="0-based position among its siblings")]


def ensure_english_first(
    changes: Mapping[str, Any], names: tuple[str, ...], *, stored: Mapping[str, Any] | None = None
) -> None:
    """French needs English: `title_fr` without a `title_en` (sent now or already stored) is refused."""
    values = dict(stored or {}) | dict(changes)
    orphans = [
        f"{name}_fr"
        for name in names
        if values.get(f"{name}_fr") is not None and values.get(f"{name}_en") is None
    ]
    if orphans:
        message = "give the English first (English is required, French optional)"
        raise Invalid(
            f"{', '.join(orphans)}: {message}", fields=[{"field": f, "message": message} for f in orphans]
        )
