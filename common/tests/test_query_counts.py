"""Every page makes the same number of queries with little and with much data.

Each page is loaded once, then the data it shows grows (more sites, more
users, more history) and it is loaded again: the count must not change, so no
page runs a query per row. A failure prints the SQL of both loads. Every page
of the desk and the portal is on the list: the isolation matrix knows them
all, and a page missing here fails ``test_every_page_is_counted``.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from clients.tests.factories import ClientFactory, MembershipFactory, SiteFactory
from common.tests.isolation import engine
from notifications.models import Delivery
from notifications.services import notify
from quality.models import CorrectiveAction, Inspection
from quality.services import actions, inspections, plans, ratings
from quality.tests import helpers as quality_helpers
from webhooks import services as webhook_services

PAGES = [
    # (who, URL name, argument maker)
    ("admin", "clients:client_list", None),
    ("admin", "clients:client_create", None),
    ("admin", "clients:client_detail", lambda c: [c.client_a.pk]),
    ("account_manager", "clients:client_detail", lambda c: [c.client_a.pk]),
    ("admin", "clients:client_sites", lambda c: [c.client_a.pk]),
    ("service_director", "clients:client_sites", lambda c: [c.client_a.pk]),
    ("admin", "clients:client_user_list", lambda c: [c.client_a.pk]),
    ("account_manager", "clients:client_history", lambda c: [c.client_a.pk]),
    ("admin", "clients:client_history", lambda c: [c.client_a.pk]),
    ("admin", "clients:client_edit", lambda c: [c.client_a.pk]),
    ("admin", "clients:site_detail", lambda c: [c.site_a1.pk]),
    ("admin", "clients:site_edit", lambda c: [c.site_a1.pk]),
    ("admin", "clients:site_create", lambda c: [c.client_a.pk]),
    ("admin", "clients:client_user_invite", lambda c: [c.client_a.pk]),
    ("admin", "clients:client_user_edit", lambda c: [c.contact_a.pk]),
    ("admin", "accounts:staff_list", None),
    ("admin", "accounts:staff_invite", None),
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
    ("admin", "notifications:bell", None),
    ("client_admin", "notifications:bell", None),
    ("client_admin", "notifications:list", None),
    ("admin", "notifications:outbox", None),
    ("admin", "notifications:settings", None),
    ("client_admin", "notifications:settings", None),
    ("client_admin", "notifications:client_defaults", None),
    ("admin", "accounts:tokens", None),
    ("admin", "webhooks:list", None),
    ("admin", "webhooks:detail", lambda c: [_subscription(c).pk]),
    ("admin", "pick", lambda c: ["sites"]),
    ("client_admin", "pick", lambda c: ["sites"]),
    ("inspector", "quality:inspection_list", None),
    ("admin", "quality:inspection_list", None),
    ("inspector", "quality:schedule", None),
    ("inspector", "quality:site", lambda c: [c.site_a1.pk]),
    ("account_manager", "quality:plan_edit", lambda c: [c.site_a1.pk]),
    ("inspector", "quality:inspection_detail", lambda c: [_inspection(c).pk]),
    ("inspector", "quality:inspection_fill", lambda c: [_draft(c).pk]),
    ("work_manager", "quality:action_list", None),
    ("work_manager", "quality:action_detail", lambda c: [_action(c).pk]),
    ("client_admin", "portal_quality:site", lambda c: [c.site_a1.pk]),
    ("site_contact", "portal_quality:site", lambda c: [c.site_a1.pk]),
    ("client_admin", "portal_quality:inspection_detail", lambda c: [_inspection(c).pk]),
    ("client_admin", "portal_quality:action_detail", lambda c: [_action(c).pk]),
    ("client_admin", "portal_quality:rate", lambda c: [c.site_a1.pk]),
]


# Pages that answer a GET but are left off the list, each with its reason.
NOT_COUNTED = {
    # Files, not pages: one record each, streamed.
    "quality_files:photo": "a photo file",
    "quality_files:report": "a PDF of one inspection",
    # Public pages before logging in: a form, no records.
    "accounts:password_reset": "a form",
    "accounts:password_reset_done": "a message",
    "accounts:password_reset_confirm": "a form for one link",
    "accounts:invitation": "a form for one link",
}


def _subscription(cast):
    return webhook_services.subscribe(
        cast.staff.admin, url="https://hooks.clientdesk.example/in", events=["site.team_changed"]
    )


def _inspection(cast):
    return Inspection.objects.filter(site=cast.site_a1, status="published").earliest("pk")


def _action(cast):
    return CorrectiveAction.objects.filter(site=cast.site_a1).earliest("pk")


def _draft(cast):
    return inspections.start(cast.site_a1, by=cast.staff.inspector)


def inspect(cast, times=1):
    """Published inspections of Mammu, each with a 2 (an action) and a photo, and a rating."""
    quality_helpers.default_template()
    for _n in range(times):
        # The service director inspects: the inspector's own draft stays a draft.
        director = cast.staff.service_director
        draft = inspections.start(cast.site_a1, by=director)
        quality_helpers.fill(draft, [5, 2, 4, 5, "na"])
        poor = draft.scores.get(score=2)
        inspections.add_photo(poor, quality_helpers.photo_upload(), by=director)
        inspections.submit(draft, by=director)
        areas = quality_helpers.default_template().areas.all()
        ratings.rate(
            cast.site_a1,
            by=cast.admin_a.user,
            scores={area.pk: (2, "Dirty") for area in areas},
        )
    for site in (cast.site_a1, cast.site_a2):
        plans.save_plan(
            site,
            by=cast.staff.admin,
            values={
                "template": quality_helpers.default_template(),
                "every": 2,
                "unit": "weeks",
                "starts_on": date(2026, 1, 1),
            },
        )
    action = CorrectiveAction.objects.filter(site=cast.site_a1).latest("pk")
    actions.solve(
        action,
        by=cast.staff.work_manager,
        solution="Done",
        expected_version=action.version,
        photos=[quality_helpers.photo_upload()],
    )


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
    inspect(cast, times=2)


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
def test_page_query_count_does_not_grow_with_data(client, cast, person, name, args):
    client.force_login(who(cast, person))
    inspect(cast)
    url = reverse(name, args=args(cast) if args else None)
    # Lists start with one row: an empty list skips its query, a full one does not.
    tell(cast, [cast.site_a1])
    response, few = _load(client, url)
    assert response.status_code == 200
    grow(client, cast)
    response, many = _load(client, url)
    assert response.status_code == 200
    assert len(many) == len(few), _explain(url, few, many)


def _load(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured.captured_queries]


def _explain(url, few, many) -> str:
    def numbered(queries):
        return "\n".join(f"  {n}. {sql}" for n, sql in enumerate(queries, start=1))

    return (
        f"{url}: {len(few)} queries before, {len(many)} after the data grew.\n"
        f"Before:\n{numbered(few)}\nAfter:\n{numbered(many)}"
    )


def _get_pages() -> set[str]:
    """The pages (not the API) that answer a GET with 200 to someone logged in."""
    return {
        name
        for name, row in engine.rows().items()
        if not row.is_api
        and any(outcome == 200 for role, outcome in row.expect["GET"].items() if role != "anon")
    }


def test_every_page_is_counted():
    counted = {name for _who, name, _args in PAGES}
    missing = sorted(_get_pages() - counted - set(NOT_COUNTED))
    assert not missing, f"Add these pages to PAGES (or, with a reason, to NOT_COUNTED): {missing}"
