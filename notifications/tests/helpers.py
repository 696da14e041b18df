"""Causing notification events the way the product does, for the tests."""

from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from notifications.services import notify


def change_site_team(client, cast, site=None, *, by=None):
    """The account manager names a new service director for a site, through the desk page."""
    site = site or cast.site_a1
    site.refresh_from_db()
    director = UserFactory(
        role=Role.SERVICE_DIRECTOR, full_name="Kadri Tamm", phone="+372 5555 1234"
    )
    client.force_login(by or cast.staff.account_manager)
    response = client.post(
        reverse("clients:site_edit", args=[site.pk]),
        {
            "name": site.name,
            "address": site.address,
            "status": site.status,
            "service_director": director.pk,
            "work_manager": site.work_manager_id or "",
            "internal_notes": site.internal_notes,
            "loaded_version": site.version,
        },
    )
    assert response.status_code == 302, response.content
    client.logout()
    return director


def tell(user, site, key=None):
    """The service call any app makes: site ``site``'s team changed, tell ``user``."""
    return notify(
        "site.team_changed",
        recipients=[user],
        target=site,
        params={"site": site.name, "service_director": "Kadri Tamm"},
        key=key,
    )
