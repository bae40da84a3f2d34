"""The harness itself: Chromium loads the catalogue from the live server, axe runs."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.harness import assert_accessible


def test_catalogue_loads_in_chromium(page: Page) -> None:
    response = page.goto("/account/login")
    assert response is not None
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
