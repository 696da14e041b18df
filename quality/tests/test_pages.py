"""The staff pages around inspections: lists and filters, the schedule, plans, mail, hooks."""

from datetime import date, datetime, timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quality.models import CorrectiveAction, Inspection, InspectionPlan, Template
from quality.services import actions, inspections, plans
from quality.tests import helpers
from webhooks import services as webhook_services
from webhooks.models import Call


def test_the_inspection_list_filters_by_site_and_index(client, cast):
    good = helpers.published(cast.site_a1, cast.staff.inspector, values=(5, 5, 5, 5, 5))
    poor = helpers.published(cast.site_a2, cast.staff.inspector, values=(3, 2, 3, 3, 3))
    client.force_login(cast.staff.admin)
    url = reverse("quality:inspection_list")
    everything = client.get(url)
    assert good.get_staff_url() in everything.text and poor.get_staff_url() in everything.text
    below = client.get(url, {"index_below": "70"})
    assert poor.get_staff_url() in below.text
    assert good.get_staff_url() not in below.text
    by_site = client.get(url, {"site": cast.site_a1.pk}, headers={"HX-Request": "true"})
    assert good.get_staff_url() in by_site.text
    assert poor.get_staff_url() not in by_site.text
    assert "<html" not in by_site.text  # only the results, for htmx
    bad = client.get(url, {"index_below": "lots"})
    assert bad.status_code == 200
    assert "Enter a number." in bad.text


def test_the_schedule_puts_the_most_overdue_site_first(client, cast):
    tpl = helpers.default_template()
    today = timezone.localdate()
    for site, starts in [
        (cast.site_a1, today - timedelta(days=3)),
        (cast.site_a2, today - timedelta(days=9)),
    ]:
        plans.save_plan(
            site,
            by=cast.staff.admin,
            values={"template": tpl, "every": 1, "unit": "weeks", "starts_on": starts},
        )
    client.force_login(cast.staff.inspector)
    page = client.get(reverse("quality:schedule")).text
    assert page.index("Kadaka") < page.index("Mammu")
    assert "9 days late" in page and "3 days late" in page

    helpers.published(cast.site_a2, cast.staff.inspector, values=(5, 5, 5, 5, 5))
    page = client.get(reverse("quality:schedule")).text
    assert "Kadaka" in page  # due again in a week: within the week shown
    assert "9 days late" not in page


def test_the_schedules_inspect_button_starts_an_inspection_with_the_rows_token(cast):
    """The schedule's rows are written by a tag (plan_row): its form carries the
    page's CSRF token, and works with CSRF checks on."""
    tpl = helpers.default_template()
    plans.save_plan(
        cast.site_a1,
        by=cast.staff.admin,
        values={
            "template": tpl,
            "every": 1,
            "unit": "weeks",
            "starts_on": timezone.localdate() - timedelta(days=2),
        },
    )
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.staff.inspector)
    page = browser.get(reverse("quality:schedule")).text
    start = reverse("quality:inspection_start", args=[cast.site_a1.pk])
    form = page[page.index(f'action="{start}"') :]
    token = form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = browser.post(start, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Inspection.objects.filter(site=cast.site_a1, status=Inspection.Status.DRAFT).exists()


def test_a_plan_is_saved_with_its_history_and_bad_input_is_explained(client, cast):
    tpl = helpers.default_template()
    client.force_login(cast.staff.account_manager)
    url = reverse("quality:plan_edit", args=[cast.site_a1.pk])
    data = {
        "template": tpl.pk,
        "every": "0",
        "unit": "weeks",
        "starts_on": "2026-12-01",
        "loaded_version": 1,
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Ensure this value is greater than or equal to 1." in refused.text
    assert not InspectionPlan.objects.exists()
    saved = client.post(url, data | {"every": "2"})
    assert saved.status_code == 302
    plan = InspectionPlan.objects.get()
    assert (plan.every, plan.unit, plan.starts_on) == (2, "weeks", date(2026, 12, 1))
    changed = client.post(url, data | {"every": "3", "loaded_version": plan.version})
    assert changed.status_code == 302
    assert plan.history.count() == 2
    client.force_login(cast.staff.technician)
    assert client.get(url).status_code == 404


def test_a_stale_solution_is_refused_and_the_typed_text_kept(client, cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get(score__inspection=inspection)
    loaded = action.version
    # Meanwhile the director solved it and the inspector reopened it.
    action = actions.solve(
        action, by=cast.staff.service_director, solution="Fixed", expected_version=loaded
    )
    actions.reopen(
        action, by=cast.staff.inspector, note="Not really", expected_version=action.version
    )
    client.force_login(cast.staff.work_manager)
    response = client.post(
        reverse("quality:action_solve", args=[action.pk]),
        {"solution": "My own words", "loaded_version": loaded},
    )
    assert response.status_code == 400
    assert "Someone else saved this record while you were editing it." in response.text
    assert "My own words" in response.text
    action.refresh_from_db()
    assert action.solution == "Fixed"
    assert action.is_open


def test_an_action_solved_meanwhile_cannot_be_solved_again(client, cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get(score__inspection=inspection)
    actions.solve(action, by=cast.staff.service_director, solution="Fixed", expected_version=1)
    client.force_login(cast.staff.work_manager)
    response = client.post(
        reverse("quality:action_solve", args=[action.pk]),
        {"solution": "My own words", "loaded_version": 1},
        follow=True,
    )
    assert "This action is not open any more." in response.text
    action.refresh_from_db()
    assert action.solution == "Fixed"


def test_an_empty_solution_is_explained(client, cast):
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get(score__inspection=inspection)
    client.force_login(cast.staff.work_manager)
    response = client.post(
        reverse("quality:action_solve", args=[action.pk]),
        {"solution": "", "loaded_version": action.version},
    )
    assert response.status_code == 400
    assert "This field is required." in response.text
    action.refresh_from_db()
    assert action.is_open


def test_the_action_list_shows_overdue_first(client, cast):
    first = helpers.published(cast.site_a1, cast.staff.inspector, values=(5, 2, 5, 5, 5))
    with time_machine.travel(timezone.now() + timedelta(hours=30)):
        helpers.published(cast.site_a2, cast.staff.inspector, values=(5, 5, 2, 5, 5))
        client.force_login(cast.staff.work_manager)
        page = client.get(reverse("quality:action_list")).text
    overdue = CorrectiveAction.objects.get(score__inspection=first)
    assert page.index(overdue.get_staff_url()) < page.index("Glass up to 180 cm")
    assert "Overdue" in page


def test_an_action_row_escapes_what_people_typed(client, cast):
    """The rows are written by a tag (action_row), not by the template's
    autoescaping: a site's name and a solution with markup read as text."""
    cast.site_a1.name = '<b>Mammu</b> & "Co"'
    cast.site_a1.save(update_fields=["name"])
    helpers.published(cast.site_a1, cast.staff.inspector, values=(5, 2, 5, 5, 5))
    action = CorrectiveAction.objects.get()
    actions.solve(
        action,
        by=cast.staff.work_manager,
        solution="<script>alert(1)</script> Floor washed",
        expected_version=action.version,
    )
    client.force_login(cast.staff.work_manager)
    page = client.get(reverse("quality:action_list")).text
    assert "&lt;b&gt;Mammu&lt;/b&gt; &amp; &quot;Co&quot;: " in page
    assert "<b>Mammu" not in page
    client.force_login(cast.admin_a.user)
    portal = client.get(reverse("portal_quality:site", args=[cast.site_a1.pk])).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Floor washed" in portal
    assert "<script>alert(1)" not in portal


def test_mail_about_an_action_is_in_the_work_managers_language(
    client, cast, smtp_server, django_capture_on_commit_callbacks
):
    manager = cast.staff.work_manager
    manager.language = "et"
    manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        helpers.published(cast.site_a1, cast.staff.inspector)
    subjects = {m["Subject"]: m for m in smtp_server.messages if m["To"] == manager.email}
    [subject] = [s for s in subjects if s.startswith("Parandustegevus")]
    assert "Sanitary rooms ET · General ET" in subject
    mail = subjects[subject]
    body = mail.get_body(("plain",)).get_content()
    assert "Dust under the shelves" in body
    assert "/notifications/" in body


def test_a_client_administrators_webhook_hears_only_of_their_inspections(
    cast, django_capture_on_commit_callbacks
):
    webhook_services.subscribe(
        cast.admin_a.user, url="https://hooks.example/a", events=["inspection.published"]
    )
    helpers.published(cast.site_b1, cast.staff.inspector)
    assert not Call.objects.exists()
    inspection = helpers.published(cast.site_a1, cast.staff.inspector)
    call = Call.objects.get()
    assert call.event == "inspection.published"
    assert call.payload["object"] == {"type": "inspection", "id": inspection.pk}
    assert call.payload["data"]["site"] == "Mammu"
    assert Inspection.objects.count() == 2


def test_a_sites_quality_page_names_what_scored_poorly_and_leads_to_the_whole_inspection(
    client, cast
):
    client.force_login(cast.contact_a.user)
    url = reverse("portal_quality:site", args=[cast.site_a1.pk])
    good = helpers.published(cast.site_a1, cast.staff.inspector, values=(5, 4, 5, 4, "na"))
    page = client.get(url).text
    assert "Nothing scored 2 or lower" in page and good.get_portal_url() in page
    # Sanitary rooms' general cleaning scores 2: it and its action are named, nothing else.
    poor = helpers.published(cast.site_a1, cast.staff.inspector)
    page = client.get(url).text
    action = CorrectiveAction.objects.get(score__inspection=poor)
    assert "Scored 2 or lower" in page and "Sanitary rooms · General" in page
    assert "Entrance · Floor" not in page and action.get_portal_url() in page
    assert poor.get_portal_url() in page


def test_a_sites_desk_page_shows_its_drafts_the_newest_inspections_and_its_plan(client, cast):
    """The drafts and the trend come from one query (queries.trend_and_drafts),
    the plan with the site (queries.site_and_plan): the page shows every draft,
    the ten newest published inspections with the newest first, and the plan."""
    helpers.default_template()
    published = []
    for day in range(1, 15):
        with time_machine.travel(timezone.make_aware(datetime(2026, 2, day, 10)), tick=False):
            published.append(helpers.published(cast.site_a1, cast.staff.inspector))
    drafts = [
        inspections.start(cast.site_a1, by=person)
        for person in (cast.staff.inspector, cast.staff.service_director)
    ]
    client.force_login(cast.staff.service_director)
    page = client.get(reverse("quality:site", args=[cast.site_a1.pk])).text
    for draft in drafts:
        assert draft.get_staff_url() in page
    # Newest first, as the inspection list orders them.
    assert page.index(drafts[1].get_staff_url()) < page.index(drafts[0].get_staff_url())
    shown = [i for i in published if i.get_staff_url() + '"' in page]
    assert shown == published[4:]
    newest, older = published[-1].get_staff_url(), published[-10].get_staff_url()
    assert page.index(newest) < page.index(older)
    assert "Continue the inspection" in page
    assert "No plan: the site is inspected with the default template" in page
    plans.save_plan(
        cast.site_a1,
        by=cast.staff.service_director,
        values={
            "template": Template.objects.get(),
            "every": 3,
            "unit": "weeks",
            "starts_on": date(2026, 3, 1),
        },
    )
    page = client.get(reverse("quality:site", args=[cast.site_a1.pk])).text
    assert "Every 3 weeks with “Cleaning”" in page
