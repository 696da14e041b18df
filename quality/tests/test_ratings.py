"""Clients rate the services of their sites; a 2 or lower opens an action like an inspection's."""

import re
from datetime import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from quality.models import CorrectiveAction, Rating
from quality.services import ratings
from quality.tests import helpers


def _form(areas, scores, remarks=None, comment=""):
    data = {"comment": comment}
    for area, score in zip(areas, scores):
        if score is not None:
            data[f"score_{area.pk}"] = str(score)
        data[f"remark_{area.pk}"] = (remarks or {}).get(area.name, "")
    return data


def test_a_client_rates_and_a_two_reaches_the_work_manager(client, cast):
    tpl = helpers.default_template()
    areas = list(tpl.areas.all())
    client.force_login(cast.contact_a.user)
    page = client.get(reverse("portal_quality:rate", args=[cast.site_a1.pk]))
    assert "Entrance" in page.text and "Sanitary rooms" in page.text
    response = client.post(
        reverse("portal_quality:rate", args=[cast.site_a1.pk]),
        _form(areas, [4, 2], {"Sanitary rooms": "No soap since Monday"}, "Thanks"),
    )
    assert response.status_code == 302
    rating = Rating.objects.get()
    assert rating.author == cast.contact_a.user
    assert [(a.area_label, a.score) for a in rating.areas.all()] == [
        ("Entrance", 4),
        ("Sanitary rooms", 2),
    ]
    action = CorrectiveAction.objects.get()
    assert action.from_client
    assert action.subject == "Sanitary rooms"
    assert action.problem == "No soap since Monday"
    assert action.owner == cast.staff.work_manager
    assert Notification.objects.filter(
        recipient=cast.staff.work_manager, event="corrective_action.assigned"
    ).exists()
    assert Notification.objects.filter(
        recipient=cast.staff.account_manager, event="rating.submitted"
    ).exists()

    page = client.get(reverse("portal_quality:site", args=[cast.site_a1.pk]))
    assert "From a client rating" in page.text
    assert "Sanitary rooms: 2" in page.text


def test_a_low_rating_without_a_reason_is_refused_and_nothing_is_saved(client, cast):
    areas = list(helpers.default_template().areas.all())
    client.force_login(cast.admin_a.user)
    response = client.post(
        reverse("portal_quality:rate", args=[cast.site_a1.pk]), _form(areas, [1, 5])
    )
    assert response.status_code == 200
    assert "Entrance is scored 1: tell us what is wrong." in response.text
    assert not Rating.objects.exists()
    assert not CorrectiveAction.objects.exists()


def test_an_empty_rating_is_refused(client, cast):
    areas = list(helpers.default_template().areas.all())
    client.force_login(cast.admin_a.user)
    response = client.post(
        reverse("portal_quality:rate", args=[cast.site_a1.pk]), _form(areas, [None, None])
    )
    assert "Give at least one area a score from 1 to 5." in response.text
    assert not Rating.objects.exists()


def test_a_score_outside_the_scale_is_refused(client, cast):
    areas = list(helpers.default_template().areas.all())
    client.force_login(cast.admin_a.user)
    data = _form(areas, [4, None]) | {f"score_{areas[1].pk}": "9"}
    response = client.post(reverse("portal_quality:rate", args=[cast.site_a1.pk]), data)
    assert response.status_code == 200
    assert not Rating.objects.exists()


def test_staff_do_not_rate_and_a_site_contact_rates_only_their_site(client, cast):
    helpers.default_template()
    client.force_login(cast.staff.account_manager)
    assert client.get(reverse("portal_quality:rate", args=[cast.site_a1.pk])).status_code == 302
    client.force_login(cast.contact_a.user)
    assert client.get(reverse("portal_quality:rate", args=[cast.site_a2.pk])).status_code == 404


def test_the_monthly_reminder_asks_each_client_user_once(cast):
    helpers.default_template()
    first = datetime(2026, 12, 1, 7, 15, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(first):
        told = ratings.remind_monthly()
        assert ratings.remind_monthly() == 0
    people = {cast.admin_a.user, cast.contact_a.user, cast.admin_b.user, cast.contact_b.user}
    assert told == len(people)
    reminders = Notification.objects.filter(event="rating.reminder")
    assert {n.recipient for n in reminders} == people
    assert reminders.first().link == reverse("portal:home")


def test_the_site_pages_show_the_newest_ratings_with_their_areas(client, cast):
    """The desk shows the site's five newest ratings, the portal a person's own
    three; each with its author's name and its scores in the template's order."""
    areas = list(helpers.default_template().areas.all())
    people = [cast.contact_a.user, cast.admin_a.user]
    for number in range(7):
        with time_machine.travel(timezone.make_aware(datetime(2026, 3, 1 + number, 9)), tick=False):
            ratings.rate(
                cast.site_a1,
                by=people[number % 2],
                scores={areas[0].pk: (5 - number % 3, ""), areas[1].pk: (3, "")},
                comment=f"Visit {number}",
            )
    client.force_login(cast.staff.account_manager)
    page = client.get(reverse("quality:site", args=[cast.site_a1.pk])).text
    shown = [f"Visit {number}" for number in range(7) if f"Visit {number}<" in page]
    assert shown == [f"Visit {number}" for number in (2, 3, 4, 5, 6)]
    assert page.index("Visit 6") < page.index("Visit 2")
    assert cast.contact_a.user.full_name in page and cast.admin_a.user.full_name in page
    newest = page[page.index("Client ratings") : page.index("Visit 6")]
    assert newest.index("Entrance: 5") < newest.index("Sanitary rooms: 3")

    client.force_login(cast.contact_a.user)
    portal = client.get(reverse("portal_quality:site", args=[cast.site_a1.pk])).text
    mine = portal[portal.index("Your ratings") :]
    # The contact's own are the even visits: the newest three are 6, 4 and 2.
    entrance = re.findall(r"Entrance: (\d)", mine)
    assert entrance == ["5", "4", "3"]


def test_the_portal_reads_a_readers_ratings_only_if_they_have_rated(client, cast, count_queries):
    """Whether the reader has rated the site is asked in the site's own query
    (access.get_site_for_portal); their ratings are read only if so."""
    area = helpers.default_template().areas.first()
    url = reverse("portal_quality:site", args=[cast.site_a1.pk])
    client.force_login(cast.admin_a.user)
    page, before = count_queries(lambda: client.get(url).text)
    assert "Your ratings" not in page
    ratings.rate(cast.site_a1, by=cast.admin_a.user, scores={area.pk: (4, "")})
    page, after = count_queries(lambda: client.get(url).text)
    assert "Your ratings" in page and "Entrance: 4" in page[page.index("Your ratings") :]
    assert after == before + 1


def test_the_portal_offers_to_rate_only_an_active_site(client, cast):
    """The portal's site page asks whether its reader rates the site in the
    site's own query (access.get_site_for_portal): an active site, yes; a
    paused one, no, and the rating page refuses it."""
    helpers.default_template()
    rate_url = reverse("portal_quality:rate", args=[cast.site_a1.pk])
    client.force_login(cast.admin_a.user)
    page = client.get(reverse("portal_quality:site", args=[cast.site_a1.pk])).text
    assert rate_url in page
    cast.site_a1.status = "paused"
    cast.site_a1.save(update_fields=["status"])
    page = client.get(reverse("portal_quality:site", args=[cast.site_a1.pk]))
    assert page.status_code == 200
    assert rate_url not in page.text
    assert client.get(rate_url).status_code == 403
