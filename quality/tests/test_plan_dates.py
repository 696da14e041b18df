"""A plan's next date is kept by the services, so the schedule reads one indexed column."""

import threading
import time
from datetime import date, timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from clients import services as clients_services
from clients.models import Site
from quality.models import Inspection, InspectionPlan
from quality.services import inspections, plans
from quality.tests import helpers

pytestmark = pytest.mark.django_db


def plan_for(site, by, *, every=2, starts_on=date(2026, 1, 5)):
    return plans.save_plan(
        site,
        by=by,
        values={
            "template": helpers.default_template(),
            "every": every,
            "unit": "weeks",
            "starts_on": starts_on,
        },
    )


def test_a_new_plan_is_due_on_its_first_date(cast):
    plan = plan_for(cast.site_a1, cast.staff.admin)
    assert plan.due_on == date(2026, 1, 5) and plan.last_inspected_at is None


def test_a_published_inspection_moves_the_next_date_one_interval_on(cast):
    plan = plan_for(cast.site_a1, cast.staff.admin)
    inspection = helpers.published(cast.site_a1, cast.staff.service_director)
    plan.refresh_from_db()
    assert plan.last_inspected_at == inspection.published_at
    assert plan.due_on == timezone.localdate(inspection.published_at) + timedelta(weeks=2)


def test_changing_the_interval_moves_the_next_date(cast):
    plan = plan_for(cast.site_a1, cast.staff.admin)
    inspection = helpers.published(cast.site_a1, cast.staff.service_director)
    plan.refresh_from_db()
    plans.save_plan(
        cast.site_a1, by=cast.staff.admin, values={"every": 6}, expected_version=plan.version
    )
    plan.refresh_from_db()
    assert plan.due_on == timezone.localdate(inspection.published_at) + timedelta(weeks=6)


def test_a_plan_made_after_inspections_counts_from_the_latest(cast):
    inspection = helpers.published(cast.site_a1, cast.staff.service_director)
    plan = plan_for(cast.site_a1, cast.staff.admin)
    assert plan.last_inspected_at == inspection.published_at


def test_recomputing_every_plan_gives_what_the_services_kept(cast):
    plan_for(cast.site_a1, cast.staff.admin)
    plan_for(cast.site_a2, cast.staff.admin, every=1)
    helpers.published(cast.site_a1, cast.staff.service_director)
    kept = list(InspectionPlan.objects.order_by("pk").values_list("due_on", "last_inspected_at"))
    InspectionPlan.objects.update(due_on=None, last_inspected_at=None)
    assert plans.refresh_all() == 2
    again = list(InspectionPlan.objects.order_by("pk").values_list("due_on", "last_inspected_at"))
    assert again == kept


def test_a_site_that_is_not_active_is_off_the_schedule_until_active_again(cast):
    site, admin = cast.site_a1, cast.staff.admin
    plan = plan_for(site, admin)
    inspection = helpers.published(site, cast.staff.service_director)
    on_schedule = list(plans.schedule(admin, only_due=False))
    assert plan in on_schedule

    site = clients_services.update_site(
        site, {"status": Site.Status.PAUSED}, by=admin, expected_version=site.version
    )
    plan.refresh_from_db()
    assert plan.due_on is None
    assert plan not in plans.schedule(admin, only_due=False)
    # A later inspection (one started before the pause) keeps it off.
    helpers.published(site, cast.staff.service_director)
    plan.refresh_from_db()
    assert plan.due_on is None and plan.last_inspected_at > inspection.published_at

    clients_services.update_site(
        site, {"status": Site.Status.ACTIVE}, by=admin, expected_version=site.version
    )
    plan.refresh_from_db()
    assert plan.due_on == timezone.localdate(plan.last_inspected_at) + timedelta(weeks=2)
    assert plan in plans.schedule(admin, only_due=False)


def test_a_site_closed_outside_the_services_leaves_the_schedule_too(cast):
    # The admin saves the model itself; the plan follows every save.
    plan = plan_for(cast.site_a1, cast.staff.admin)
    cast.site_a1.status = Site.Status.CLOSED
    cast.site_a1.save()
    plan.refresh_from_db()
    assert plan.due_on is None


def test_a_plan_for_a_paused_site_has_no_date_and_recomputing_keeps_it_so(cast):
    cast.site_a2.status = Site.Status.PAUSED
    cast.site_a2.save()
    paused = plan_for(cast.site_a2, cast.staff.admin)
    active = plan_for(cast.site_a1, cast.staff.admin)
    assert paused.due_on is None and active.due_on == date(2026, 1, 5)
    InspectionPlan.objects.update(due_on=date(2020, 1, 1))
    assert plans.refresh_all() == 2
    assert dict(InspectionPlan.objects.values_list("pk", "due_on")) == {
        paused.pk: None,
        active.pk: date(2026, 1, 5),
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_publishing_waits_for_a_site_being_edited_before_it_locks_the_plan(cast):
    # A site's edit holds the site and then takes the plan (follow_site); a
    # publish that took the plan first and then needed the site (a corrective
    # action's key check) would deadlock with it.
    site, inspector = cast.site_a1, cast.staff.service_director
    plan = plan_for(site, cast.staff.admin)
    draft = inspections.start(site, by=inspector)
    helpers.fill(draft, (5, 4, 5, 1, "na"))
    outcome = {}

    def publish():
        try:
            outcome["published"] = inspections.submit(draft, by=inspector)
        finally:
            connections.close_all()

    with transaction.atomic():
        Site.objects.select_for_update().get(pk=site.pk)  # the site's edit
        publishing = threading.Thread(target=publish)
        publishing.start()
        time.sleep(0.5)  # the publish is under way, waiting for the site
        InspectionPlan.objects.select_for_update(nowait=True).get(pk=plan.pk)
    publishing.join(timeout=30)
    assert outcome["published"].status == Inspection.Status.PUBLISHED
