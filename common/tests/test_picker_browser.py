"""A picker on a phone: type a few letters, choose with the keyboard, the list follows.

Drives Debian's Chromium through Playwright against the live test server.
"""

import re

import pytest

from common.tests.browser import marks, open_page
from quality.services import inspections
from quality.tests import helpers

pytestmark = marks


@pytest.fixture
def phone(live_server, monkeypatch):
    with open_page(monkeypatch) as page:
        yield page


def publish(site, by):
    draft = inspections.start(site, by=by)
    helpers.fill(draft, [5, 4, 4, 5, "na"])
    return inspections.submit(draft, by=by)


@pytest.mark.django_db(transaction=True)
def test_the_site_picker_filters_the_inspection_list_from_the_keyboard(phone, live_server, cast):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    helpers.default_template()
    director = cast.staff.service_director
    publish(cast.site_a1, director)
    publish(cast.site_a2, director)
    page = phone
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(cast.staff.admin.email)
    page.get_by_label("Password").fill(cast.password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/desk/quality/")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(2)

    site = page.get_by_role("combobox", name="Site")
    site.fill(cast.site_a2.name[:5])
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options.first).to_be_visible()
    expect(page.get_by_role("listbox")).not_to_contain_text(cast.site_b1.name)
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []

    site.fill(cast.site_a2.name)
    expect(options).to_have_count(1)
    site.press("ArrowDown")
    expect(site).to_have_attribute("aria-activedescendant", f"pick-sites-{cast.site_a2.pk}")
    site.press("Enter")

    expect(page).to_have_url(re.compile(rf"[?&]site={cast.site_a2.pk}(&|$)"))
    expect(site).to_have_attribute("aria-expanded", "false")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(cast.site_a2.name)
    expect(site).to_have_value(cast.site_a2.name)

    # Clearing the box clears the filter.
    site.fill("")
    site.blur()
    expect(rows).to_have_count(2)
    assert page.errors == []
