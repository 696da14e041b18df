"""Inspection plans: which template a site is inspected with, and how often."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from clients.models import Site
from common.audit import set_author
from common.concurrency import save_changes
from quality import access
from quality.models import Inspection, InspectionPlan, Template

# A plan is "due" this many days before its date, so inspectors can plan the week.
DUE_SOON_DAYS = 7


def template_for(site) -> Template | None:
    """The site's planned template, else the default one."""
    plan = InspectionPlan.objects.filter(site=site).select_related("template").first()
    if plan is not None:
        return plan.template
    return Template.objects.filter(is_default=True, is_active=True).first()


@transaction.atomic
def save_plan(site, *, by, values: dict, expected_version: int | None = None) -> InspectionPlan:
    """Set how often ``site`` is inspected, and by whom: one plan per site.

    A change to an existing plan is refused if someone saved it meanwhile.
    """
    plan = InspectionPlan.objects.filter(site=site).first()
    if plan is None:
        plan = InspectionPlan(site=site, **values)
        set_author(plan, by=by)
        plan.full_clean()
        plan.save()
        return plan
    return save_changes(plan, values, by=by, expected_version=expected_version or plan.version)


@dataclass
class Due:
    plan: InspectionPlan
    last_at: date | None
    due_on: date

    @property
    def days_late(self) -> int:
        return (timezone.localdate() - self.due_on).days

    @property
    def is_overdue(self) -> bool:
        return self.days_late > 0


def schedule(user, *, today: date | None = None, only_due: bool = True) -> list[Due]:
    """The plans of the sites ``user`` sees, most overdue first.

    The next inspection is due one interval after the last published one, or
    on the plan's first date when there has been none.
    """
    today = today or timezone.localdate()
    plans = (
        access.plans_visible_to(user)
        .filter(site__status=Site.Status.ACTIVE)
        .select_related("site__client", "template", "inspector")
        .annotate(
            last_at=Max(
                "site__inspections__published_at",
                filter=Q(site__inspections__status=Inspection.Status.PUBLISHED),
            )
        )
    )
    rows = []
    for plan in plans:
        last = timezone.localdate(plan.last_at) if plan.last_at else None
        due_on = last + timedelta(days=plan.interval_days) if last else plan.starts_on
        if only_due and due_on > today + timedelta(days=DUE_SOON_DAYS):
            continue
        rows.append(Due(plan=plan, last_at=last, due_on=due_on))
    rows.sort(key=lambda row: (row.due_on, row.plan.site.name))
    return rows
