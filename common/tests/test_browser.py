"""A client's administrator on a phone: logs in, sees the sites and the contacts.

Drives Debian's Chromium through Playwright against the live test server.
"""

import pytest

from common.tests.browser import DESK, marks, open_page

pytestmark = marks


@pytest.fixture
def page(live_server, monkeypatch):
    with open_page(monkeypatch) as page:
        yield page


@pytest.mark.django_db(transaction=True)
def test_client_administrator_sees_sites_and_contacts_on_a_phone(page, live_server, cast):
    page.goto(f"{live_server.url}/")
    page.get_by_label("E-mail").fill(cast.admin_a.user.email)
    page.get_by_label("Password").fill(cast.password)
    page.get_by_role("button", name="Log in").click()

    page.wait_for_url(f"{live_server.url}/portal/")
    assert page.get_by_role("heading", name="My sites").is_visible()
    assert page.get_by_role("link", name="Mammu").is_visible()
    assert page.get_by_role("link", name="Kadaka").is_visible()
    assert page.get_by_text("Marko Kask").first.is_visible()
    assert page.get_by_text("Tiina Saar").first.is_visible()
    assert page.get_by_text("Tower B-One").count() == 0

    page.get_by_role("link", name="Mammu").click()
    assert page.get_by_role("heading", name="Mammu").is_visible()
    phone = page.get_by_role("link", name="+372 5234 5678")
    assert phone.get_attribute("href") == "tel:+37252345678"

    # The menu collapses on a phone; the language switch is inside it.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Language: English").click()
    page.get_by_role("button", name="Eesti").click()
    page.get_by_role("link", name="Minu objektid").first.wait_for()
    assert page.locator("html").get_attribute("lang") == "et"


@pytest.fixture
def desk_page(live_server, monkeypatch):
    with open_page(monkeypatch, viewport=DESK, is_mobile=False) as page:
        yield page


@pytest.mark.django_db(transaction=True)
def test_operator_finds_a_client_by_live_search(desk_page, live_server, cast):
    page = desk_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(cast.staff.operator.email)
    page.get_by_label("Password").fill(cast.password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/desk/clients/")
    assert page.get_by_role("link", name=cast.client_b.name).is_visible()

    # htmx swaps the results as the operator types: no page load, no CSP error.
    page.get_by_role("searchbox").fill("Mammu")
    page.get_by_role("link", name=cast.client_b.name).wait_for(state="detached")
    assert page.get_by_role("link", name=cast.client_a.name).is_visible()
    assert "q=Mammu" in page.url
    assert page.errors == []

    page.get_by_role("link", name=cast.client_a.name).click()
    assert page.get_by_role("heading", name=cast.client_a.name).is_visible()
    assert page.get_by_text("Alarm code").count() == 0  # site notes stay on the site page


@pytest.mark.django_db(transaction=True)
def test_client_reads_a_notification_and_the_bell_follows_on_a_phone(desk_page, live_server, cast):
    from notifications.services import notify

    page = desk_page
    page.set_viewport_size({"width": 375, "height": 740})
    for site in (cast.site_a1, cast.site_a2):
        notify(
            "site.team_changed",
            recipients=[cast.admin_a.user],
            target=site,
            params={"site": site.name, "service_director": "Kadri Tamm"},
        )
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(cast.admin_a.user.email)
    page.get_by_label("Password").fill(cast.password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/portal/")

    # The bell sits outside the collapsed menu, so a phone shows it at once.
    bell = page.get_by_role("link", name="Notifications: 2 unread")
    assert bell.is_visible()
    bell.click()
    page.get_by_role("link", name="New contact people for Mammu").wait_for()

    # Marking one read swaps that row and the bell, without a page load.
    page.get_by_role("button", name="Mark as read").first.click()
    page.get_by_role("link", name="Notifications: 1 unread").wait_for()
    assert page.get_by_role("button", name="Mark as read").count() == 1

    # The newest (Kadaka) was marked read; following the other one reads it too.
    page.get_by_role("link", name="New contact people for Mammu").click()
    page.wait_for_url(f"{live_server.url}{cast.site_a1.get_portal_url()}")
    assert page.get_by_role("link", name="Notifications: 0 unread").is_visible()
    assert page.errors == []


@pytest.mark.django_db(transaction=True)
def test_inspector_fills_an_inspection_on_a_phone_and_the_client_sees_it(
    page, live_server, cast, tmp_path
):
    """Scores are saved as they are tapped; a photo comes from the camera input."""
    from quality.models import CorrectiveAction, Inspection, Photo
    from quality.tests import helpers

    helpers.default_template()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(cast.staff.inspector.email)
    page.get_by_label("Password").fill(cast.password)
    page.get_by_role("button", name="Log in").click()
    # An inspector lands on the schedule: that is where their work is.
    page.wait_for_url(f"{live_server.url}/desk/quality/schedule/")

    page.goto(f"{live_server.url}/desk/quality/sites/{cast.site_a1.pk}/")
    page.get_by_role("button", name="Start an inspection").click()
    page.get_by_text("0 / 5").wait_for()

    # Tap a score per element; each is saved at once (htmx), the counter follows.
    elements = page.locator("[id^=score-]")
    for n, value in enumerate(["5", "2", "4", "5", "N/A"]):
        element = elements.nth(n)
        element.get_by_text(value, exact=True).click()
        element.get_by_text("Saved").or_(element.get_by_text("Add a remark")).wait_for()
        if value == "2":
            element.get_by_placeholder("Remark").fill("Sand at the door")
            element.get_by_text("Saved ✓").wait_for()
    page.get_by_text("5 / 5").wait_for()

    photo = tmp_path / "door.jpg"
    photo.write_bytes(helpers.photo_upload().read())
    elements.nth(1).locator("input[type=file]").set_input_files(str(photo))
    elements.nth(1).get_by_role("img", name="Photo").wait_for()
    assert Photo.objects.count() == 1

    page.get_by_role("button", name="Submit and publish").click()
    page.get_by_text("The inspection is published.").wait_for()
    inspection = Inspection.objects.get()
    assert inspection.status == Inspection.Status.PUBLISHED
    action = CorrectiveAction.objects.get()
    assert action.problem == "Sand at the door"
    assert errors == []

    # The site contact opens the site's quality tab on their phone.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(cast.contact_a.user.email)
    page.get_by_label("Password").fill(cast.password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/portal/")
    page.get_by_role("link", name="Mammu").click()
    page.get_by_role("link", name="Quality").click()
    assert page.get_by_text(f"{inspection.quality_index} %").first.is_visible()
    assert page.get_by_text("Sand at the door").first.is_visible()
    assert page.get_by_role("link", name="Entrance · Floor").is_visible()
