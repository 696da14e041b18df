"""A staff member who leaves: gone from clients' contact cards, their work flagged.

Client users never see a deactivated person as their contact (portal cards,
the API's contact fields); the staff desk shows every site, client and open
corrective action that needs a new owner, to those who can name one.
"""

import pytest
from django.urls import reverse

from api.tests.helpers import token_client
from quality.models import CorrectiveAction
from quality.tests import helpers as quality_helpers

NEEDS_NEW_OWNER = "Needs a new owner"


def deactivate(client, cast, person):
    """The administrator deactivates a colleague on the staff page."""
    client.force_login(cast.staff.admin)
    response = client.post(reverse("accounts:staff_set_active", args=[person.pk]), {"active": "0"})
    assert response.status_code == 302
    client.logout()


def test_a_deactivated_director_leaves_the_portal_cards(client, cast):
    director = cast.staff.service_director
    deactivate(client, cast, director)
    client.force_login(cast.admin_a.user)
    home = client.get(reverse("portal:home"))
    assert director.full_name not in home.text
    assert director.phone not in home.text
    assert "A service director will be named soon." in home.text
    # The active colleagues stay on the cards.
    assert cast.staff.account_manager.full_name in home.text
    site_page = client.get(reverse("portal:site_detail", args=[cast.site_a1.pk]))
    assert director.full_name not in site_page.text
    assert director.email not in site_page.text
    assert cast.staff.work_manager.full_name in site_page.text


def test_a_deactivated_account_manager_leaves_the_portal_cards(client, cast):
    manager = cast.staff.account_manager
    deactivate(client, cast, manager)
    client.force_login(cast.contact_a.user)
    for url in (reverse("portal:home"), reverse("portal:site_detail", args=[cast.site_a1.pk])):
        page = client.get(url)
        assert page.status_code == 200
        assert manager.full_name not in page.text
        assert manager.phone not in page.text


def test_the_api_gives_client_users_no_deactivated_contact(client, cast):
    deactivate(client, cast, cast.staff.service_director)
    deactivate(client, cast, cast.staff.account_manager)
    api = token_client(cast.admin_a.user)
    site = api.get(f"/api/v1/sites/{cast.site_a1.pk}/").json()
    assert site["service_director"] is None
    assert site["work_manager"]["full_name"] == cast.staff.work_manager.full_name
    listed = {s["id"]: s for s in api.get("/api/v1/sites/").json()["results"]}
    assert listed[cast.site_a1.pk]["service_director"] is None
    assert api.get(f"/api/v1/clients/{cast.client_a.pk}/").json()["account_manager"] is None

    # Staff still see who holds the work, so they can give it a new owner.
    staff_api = token_client(cast.staff.admin)
    staff_site = staff_api.get(f"/api/v1/sites/{cast.site_a1.pk}/").json()
    assert staff_site["service_director"]["id"] == cast.staff.service_director.pk


def test_the_desk_flags_sites_and_clients_that_need_a_new_owner(client, cast):
    director = cast.staff.service_director
    deactivate(client, cast, director)
    client.force_login(cast.staff.admin)

    listing = client.get(reverse("clients:client_list"))
    rows = {row.split("</tr>")[0] for row in listing.text.split("<tr>")[1:]}
    [row_a] = [r for r in rows if cast.client_a.name in r]
    [row_b] = [r for r in rows if cast.client_b.name in r]
    assert NEEDS_NEW_OWNER in row_a
    assert NEEDS_NEW_OWNER not in row_b

    filtered = client.get(reverse("clients:client_list"), {"needs_new_owner": "1"})
    assert cast.client_a.name in filtered.text
    assert cast.client_b.name not in filtered.text
    assert "1 client" in filtered.text

    detail = client.get(reverse("clients:client_detail", args=[cast.client_a.pk]))
    assert "2 sites need a new owner" in detail.text  # Mammu and Kadaka
    sites = client.get(reverse("clients:client_sites", args=[cast.client_a.pk]))
    assert sites.text.count(NEEDS_NEW_OWNER) == 2

    site_page = client.get(reverse("clients:site_detail", args=[cast.site_a1.pk]))
    assert (
        f"{director.full_name}’s account is deactivated: this site needs a new service director."
        in site_page.text
    )


def test_a_deactivated_account_manager_flags_the_client_page(client, cast):
    manager = cast.staff.other_account_manager
    deactivate(client, cast, manager)
    client.force_login(cast.staff.admin)
    detail = client.get(reverse("clients:client_detail", args=[cast.client_b.pk]))
    assert f"{manager.full_name}’s account is deactivated" in detail.text
    filtered = client.get(reverse("clients:client_list"), {"needs_new_owner": "1"})
    assert cast.client_b.name in filtered.text
    assert cast.client_a.name not in filtered.text


def _client_rows(page) -> dict[str, str]:
    return {row.split("</td>")[0]: row for row in page.text.split("<tr>")[1:]}


@pytest.mark.parametrize("who", ["work_manager", "other_account_manager"])
def test_the_client_list_flags_each_way_a_client_loses_an_owner(client, cast, who):
    person = getattr(cast.staff, who)
    flagged = cast.client_a if who == "work_manager" else cast.client_b
    deactivate(client, cast, person)
    client.force_login(cast.staff.admin)
    rows = _client_rows(client.get(reverse("clients:client_list")))
    for name, row in rows.items():
        assert (NEEDS_NEW_OWNER in row) == (flagged.name in name), name


def test_nothing_is_flagged_while_everyone_is_active(client, cast):
    client.force_login(cast.staff.admin)
    assert NEEDS_NEW_OWNER not in client.get(reverse("clients:client_list")).text
    filtered = client.get(reverse("clients:client_list"), {"needs_new_owner": "1"})
    assert cast.client_a.name not in filtered.text


def _open_action(cast) -> CorrectiveAction:
    quality_helpers.published(cast.site_a1, cast.staff.inspector)
    action = CorrectiveAction.objects.get(site=cast.site_a1)
    assert action.owner == cast.staff.work_manager and action.is_open
    return action


def test_an_open_action_of_a_deactivated_owner_is_flagged_for_who_can_reassign(client, cast):
    action = _open_action(cast)
    deactivate(client, cast, cast.staff.work_manager)

    for manager in (cast.staff.admin, cast.staff.account_manager):
        client.force_login(manager)
        listing = client.get(reverse("quality:action_list"))
        assert NEEDS_NEW_OWNER in listing.text
        page = client.get(action.get_staff_url())
        assert "this action needs a new owner" in page.text

    # The inspector sees the action but cannot name a new work manager.
    client.force_login(cast.staff.inspector)
    assert NEEDS_NEW_OWNER not in client.get(reverse("quality:action_list")).text
    assert "needs a new owner" not in client.get(action.get_staff_url()).text


def test_naming_a_new_work_manager_clears_the_action_flag(client, cast):
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory
    from clients import services

    action = _open_action(cast)
    deactivate(client, cast, cast.staff.work_manager)
    site = cast.site_a1
    site.refresh_from_db()
    newcomer = UserFactory(role=Role.WORK_MANAGER, full_name="Uus Juht")
    services.update_site(
        site, {"work_manager": newcomer}, by=cast.staff.admin, expected_version=site.version
    )
    client.force_login(cast.staff.admin)
    assert NEEDS_NEW_OWNER not in client.get(reverse("quality:action_list")).text
    assert "needs a new owner" not in client.get(action.get_staff_url()).text


def test_the_client_does_not_see_a_deactivated_person_as_responsible_for_an_open_action(
    client, cast
):
    action = _open_action(cast)
    owner = cast.staff.work_manager
    client.force_login(cast.contact_a.user)
    assert owner.full_name in client.get(action.get_portal_url()).text

    deactivate(client, cast, owner)
    client.force_login(cast.contact_a.user)
    page = client.get(action.get_portal_url())
    assert owner.full_name not in page.text
    assert "A new person is being named" in page.text
