"""Every page makes the same number of queries with little and with much data.

Each page is loaded once, then the data it shows grows (more sites, more
users, more history) and it is loaded again: the count must not change, so no
page runs a query per row.
"""

import pytest
from django.urls import reverse

from accounts.roles import Role
from clients.tests.factories import ClientFactory, MembershipFactory, SiteFactory
from notifications.models import Delivery
from notifications.services import notify

PAGES = [
    # (who, URL name, argument maker)
    ("admin", "clients:client_list", None),
    ("admin", "clients:client_detail", lambda c: [c.client_a.pk]),
    ("account_manager", "clients:client_detail", lambda c: [c.client_a.pk]),
    ("admin", "clients:client_edit", lambda c: [c.client_a.pk]),
    ("admin", "clients:site_detail", lambda c: [c.site_a1.pk]),
    ("admin", "clients:site_edit", lambda c: [c.site_a1.pk]),
    ("admin", "clients:site_create", lambda c: [c.client_a.pk]),
    ("admin", "clients:client_user_invite", lambda c: [c.client_a.pk]),
    ("admin", "clients:client_user_edit", lambda c: [c.contact_a.pk]),
    ("admin", "accounts:staff_list", None),
    ("admin", "accounts:staff_user_detail", lambda c: [c.staff.account_manager.pk]),
    ("admin", "accounts:staff_edit", lambda c: [c.staff.account_manager.pk]),
    ("admin", "accounts:profile", None),
    ("client_admin", "portal:home", None),
    ("site_contact", "portal:home", None),
    ("client_admin", "portal:site_detail", lambda c: [c.site_a1.pk]),
    ("client_admin", "portal:user_list", None),
    ("client_admin", "portal:user_invite", None),
    ("client_admin", "portal:user_edit", lambda c: [c.contact_a.pk]),
    ("admin", "notifications:list", None),
    ("client_admin", "notifications:list", None),
    ("admin", "notifications:outbox", None),
    ("admin", "notifications:settings", None),
    ("client_admin", "notifications:settings", None),
    ("client_admin", "notifications:client_defaults", None),
    ("admin", "accounts:tokens", None),
    ("admin", "webhooks:list", None),
]


def who(cast, name):
    return {"client_admin": cast.admin_a.user, "site_contact": cast.contact_a.user}.get(
        name
    ) or getattr(cast.staff, name)


def grow(client, cast):
    """More of everything the pages list: sites, users, staff and history."""
    ClientFactory.create_batch(3, account_manager=cast.staff.account_manager)
    sites = SiteFactory.create_batch(4, client=cast.client_a)
    MembershipFactory.create_batch(
        4, client=cast.client_a, user__role=Role.SITE_CONTACT, sites=sites[:2]
    )
    cast.contact_a.sites.add(*sites)
    for n in range(3):
        for record in (cast.client_a, cast.site_a1, cast.staff.account_manager):
            record.refresh_from_db()
            if hasattr(record, "address"):
                record.address = f"Address {n}"
            record.phone = f"+372 600 00{n}"
            record.save()
    tell(cast, [cast.site_a1, cast.site_a2, cast.site_a1])


def tell(cast, sites):
    """Notifications for the admins of both sides, each with a failed e-mail in the outbox."""
    for person in (cast.staff.admin, cast.admin_a.user):
        for site in sites:
            [notification] = notify(
                "site.team_changed",
                recipients=[person],
                target=site,
                actor=cast.staff.account_manager,
                params={"site": site.name},
            )
            Delivery.objects.create(
                key=f"grow:{notification.pk}",
                recipient=person,
                channel="email",
                notification=notification,
                address=person.email,
                status=Delivery.Status.FAILED,
                last_error="Mail server: refused",
            )


@pytest.mark.parametrize(("person", "name", "args"), PAGES, ids=[f"{p}-{n}" for p, n, _a in PAGES])
def test_page_query_count_does_not_grow_with_data(client, cast, count_queries, person, name, args):
    client.force_login(who(cast, person))
    url = reverse(name, args=args(cast) if args else None)
    # Lists start with one row: an empty list skips its query, a full one does not.
    tell(cast, [cast.site_a1])
    response, few = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    grow(client, cast)
    response, many = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    assert many == few, f"{url}: {few} queries before, {many} after the data grew"
