"""Media in the permission matrix (issue 5). The upload with a real file, and serving an uploaded
image to every role, are checked in tests/media/test_api.py (the file must be in the app's media
directory, which the matrix's world does not know); here, without a file, who is refused before the
body is validated, and that an unknown key is a 404 for everyone."""

from __future__ import annotations

from tests.permissions.matrix import Endpoint, anyone, teachers_only

UNKNOWN_KEY = "00/00/" + "0" * 64 + ".png"

ENTRIES: list[Endpoint] = [
    Endpoint("POST", "/api/v1/media", teachers_only(422), note="no file: teachers reach body validation"),
    Endpoint(
        "GET",
        "/media/{storage_key}",
        anyone(404),
        note="unknown key",
        params=lambda w, r: {"storage_key": UNKNOWN_KEY},
    ),
]
