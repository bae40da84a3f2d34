"""Packaging: a fresh `make run` installs without deprecation noise."""

from __future__ import annotations

import tomllib

from tests.support import REPO


def test_license_is_an_spdx_expression() -> None:
    """setuptools stops accepting the `license = {text = …}` table in February 2027 and warns on
    every install until then; the SPDX string form needs setuptools 77."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert pyproject["project"]["license"] == "AGPL-3.0-or-later"
    assert "setuptools>=77" in pyproject["build-system"]["requires"]
