"""The admin's pages in real Chromium: an admin finds an account, changes its role and deactivates it
with a reason, and the activity log shows both; axe on every admin page in both languages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text
from sqlalchemy.orm import Session

from bibliology.enums import UserRole
from tests import factories as f
from tests.browser.harness import PHONE, assert_accessible, assert_fits_width, screenshot, viewport

ADMIN = "admin@demo.bibliology.org"


def _id_of(db: Session, email: str) -> str:
    return str(db.execute(text("SELECT id FROM users WHERE email = :e"), {"e": email}).scalar_one())


def test_an_admin_changes_a_role_and_the_log_shows_it(
    page: Page, live_db: Session, signed_in: Callable[[str], None]
) -> None:
    # An account of this test's own, so the demo's people keep their roles for the other tests.
    person = f.make_login_user(
        live_db, role=UserRole.STUDENT, name="Ruth Adeyemi", email="ruth.adeyemi@browser.example"
    )
    live_db.commit()
    signed_in(_id_of(live_db, ADMIN))

    page.goto("/admin/users")
    page.get_by_label("Name or e-mail").fill("ruth.adeyemi")
    page.locator("form.filters").get_by_role("button", name="Filter").click()
    row = page.locator(f'tr[data-user="{person.id}"]')
    expect(row).to_have_count(1)
    expect(page.locator("tbody tr")).to_have_count(1)

    row.get_by_label("Role of Ruth Adeyemi").select_option("TEACHER")
    row.get_by_role("button", name="Change role").click()
    expect(page.get_by_role("status")).to_contain_text("Role changed")
    assert (
        live_db.execute(text("SELECT role::text FROM users WHERE id = :id"), {"id": person.id}).scalar_one()
        == "TEACHER"
    )

    # Deactivating asks for a reason; the browser refuses an empty one before the server does.
    row = page.locator(f'tr[data-user="{person.id}"]')
    row.get_by_text("Deactivate…").click()
    row.get_by_label("Reason (kept in the activity log)").fill("left the school in November")
    row.get_by_role("button", name="Deactivate").click()
    expect(page.get_by_role("status")).to_contain_text("Account deactivated")
    expect(page.locator(f'tr[data-user="{person.id}"]')).to_have_class("deactivated")

    page.goto(f"/admin/activity?entity_id={person.id}")
    log = page.locator("tbody tr")
    expect(log.filter(has_text="ROLE_CHANGE")).to_have_count(1)
    expect(log.filter(has_text="ROLE_CHANGE")).to_contain_text("TEACHER")
    expect(log.filter(has_text="left the school in November")).to_have_count(1)

    # The user filter takes the admin's e-mail: the same entries, found by who did them.
    page.goto("/admin/activity")
    page.get_by_label("User (e-mail or id)").fill(ADMIN)
    page.get_by_label("Action").fill("ROLE_CHANGE")
    page.locator("form.filters").get_by_role("button", name="Filter").click()
    expect(page.locator("tbody tr").filter(has_text=person.id)).to_have_count(1)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_admin_pages_are_accessible(
    page: Page, lang: str, live_db: Session, signed_in: Callable[[str], None]
) -> None:
    signed_in(_id_of(live_db, ADMIN))
    for path, name in [
        ("/admin", "admin"),
        ("/admin/users", "admin-users"),
        ("/admin/activity", "admin-activity"),
        ("/admin/jobs", "admin-jobs"),
    ]:
        response = page.goto(f"{path}?lang={lang}")
        assert response is not None
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == lang
        assert_accessible(page)
        if lang == "en" and name != "admin":
            screenshot(page, name)
        with viewport(page, PHONE):
            assert_fits_width(page)
            if lang == "en" and name == "admin-users":
                screenshot(page, name)
