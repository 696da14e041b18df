"""A plan's next date is kept by the services, so the schedule reads one indexed column."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from quality.models import InspectionPlan
from quality.services import plans
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
