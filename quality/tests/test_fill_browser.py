"""An inspector on a 375 px phone: the to-do list shrinks as they tap, no reload, no CSP error.

Drives Debian's Chromium through Playwright against the live test server.
"""

import pytest

from common.tests.browser import marks, open_page
from quality.services import inspections
from quality.tests import helpers

pytestmark = marks


@pytest.fixture
def phone(live_server, monkeypatch):
    with open_page(monkeypatch) as page:
        yield page


@pytest.mark.django_db(transaction=True)
def test_the_to_do_list_shrinks_as_the_inspector_taps_on_a_phone(phone, live_server, cast):
    from playwright.sync_api import expect

    helpers.default_template()
    draft = inspections.start(cast.site_a1, by=cast.staff.inspector)
    page = phone
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(cast.staff.inspector.email)
    page.get_by_label("Password").fill(cast.password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/desk/quality/inspections/{draft.pk}/fill/")

    todo = page.locator("#todo")
    expect(todo.get_by_role("listitem")).to_have_count(5)

    # A refused submit lands on the list, in view, saying what is missing.
    page.get_by_role("button", name="Submit and publish").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("The inspection is not submitted yet.")
    expect(alert).to_be_in_viewport()
    expect(alert.get_by_role("listitem")).to_have_count(5)

    elements = page.locator("[id^=score-]")
    elements.nth(0).get_by_text("5", exact=True).click()
    expect(todo.get_by_role("listitem")).to_have_count(4)
    expect(todo).not_to_contain_text("Entrance · General")

    elements.nth(1).get_by_text("2", exact=True).click()
    expect(todo).to_contain_text("A score of 1 or 2 needs a remark")
    expect(todo.get_by_role("listitem")).to_have_count(4)
    elements.nth(1).get_by_placeholder("Remark").fill("Sand at the door")
    expect(todo.get_by_role("listitem")).to_have_count(3)

    for n in (2, 3, 4):
        elements.nth(n).get_by_text("N/A", exact=True).click()
    expect(todo).to_contain_text("Every element is answered. You can submit.")
    expect(page.get_by_text("5 / 5")).to_be_visible()
    assert page.errors == []
