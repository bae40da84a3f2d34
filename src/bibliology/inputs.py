"""The base of every JSON request body, and the field types that keep it strict.

FastAPI validates a JSON body in Pydantic's *Python* mode on the parsed document, so lax mode
would turn `"20"` into 20 and `"true"` into True: a client with a type bug would never hear of it.
`StrictInput` refuses that (and unknown fields). Strict Python mode would also refuse the JSON
forms of richer types (an ISO string for a datetime, a value for an enum), which JSON has no other
way to say: those fields use `JsonEnum[E]`, `JsonDatetime`, `JsonDate` and `JsonUuid`, which take
exactly their JSON string forms and nothing else. Forms and query strings are text and keep parsing
it (they are not request models)."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import Enum
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter


class StrictInput(BaseModel):
    """A JSON request body: unknown fields are refused and nothing is coerced ("5" is not 5)."""

    model_config = ConfigDict(extra="forbid", strict=True)


_E = TypeVar("_E", bound=Enum)
# Lax for an enum means "by value" only: "ADMIN" becomes UserRole.ADMIN, while 1 or "admin" is refused.
JsonEnum = Annotated[_E, Field(strict=False)]


def _from_string(kind: type[Any]) -> BeforeValidator:
    strings: TypeAdapter[Any] = TypeAdapter(kind)

    def parse(value: Any) -> Any:
        # Only the JSON string form is parsed; a number stays a number and is refused.
        return strings.validate_strings(value, strict=True) if isinstance(value, str) else value

    return BeforeValidator(parse)


JsonDatetime = Annotated[dt.datetime, _from_string(dt.datetime)]  # ISO 8601
JsonDate = Annotated[dt.date, _from_string(dt.date)]  # YYYY-MM-DD
JsonUuid = Annotated[uuid.UUID, _from_string(uuid.UUID)]
