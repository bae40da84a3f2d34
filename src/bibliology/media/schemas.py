"""API shapes for media files."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class MediaRead(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    url: str
    content_type: str
    width: int | None
    height: int | None
    byte_size: int
    sha256: str
