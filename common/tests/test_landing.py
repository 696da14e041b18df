"""After logging in, each person lands where their work is."""

import re

import pytest
from django.urls import reverse

from quality.models import CorrectiveAction
from quality.tests import helpers


def _land(client, user):
    client.force_login(user)
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    return response.redirect_chain[-1][0], response.text


def test_anonymous_visitor_lands_on_the_login_page(client, db):
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert 'name="password"' in response.text


def test_quality_inspector_lands_on_the_inspection_schedule(client, cast):
    url, page = _land(client, cast.staff.inspector)
    assert url == reverse("quality:schedule")
    assert "<title>Inspection schedule" in page


def test_work_manager_lands_on_only_their_own_corrective_actions(client, cast):
    helpers.published(cast.site_a1, cast.staff.inspector, values=(5, 2, 5, 5, 5))
    helpers.published(cast.site_a2, cast.staff.inspector, values=(5, 5, 2, 5, 5))
    theirs = CorrectiveAction.objects.get(score__inspection__site=cast.site_a1)
    someone_elses = CorrectiveAction.objects.get(score__inspection__site=cast.site_a2)
    CorrectiveAction.objects.filter(pk=someone_elses.pk).update(owner=cast.staff.service_director)

    url, page = _land(client, cast.staff.work_manager)

    assert url == reverse("quality:action_list") + "?mine=on"
    assert theirs.get_staff_url() in page
    assert someone_elses.get_staff_url() not in page
    assert re.search(r'<input type="checkbox" name="mine"[^>]* checked', page)  # "Only mine"


@pytest.mark.parametrize(
    "role",
    ["admin", "account_manager", "service_director", "operator", "reviewer", "technician"],
)
def test_other_staff_land_on_the_client_list(client, cast, role):
    url, page = _land(client, getattr(cast.staff, role))
    assert url == reverse("clients:client_list")
    assert "<title>Clients" in page


@pytest.mark.parametrize("member", ["admin_a", "contact_a"])
def test_client_users_land_on_the_portal_home(client, cast, member):
    url, page = _land(client, getattr(cast, member).user)
    assert url == reverse("portal:home")
    assert "My sites" in page
