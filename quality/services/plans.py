"""Inspection plans: which template a site is inspected with, and how often."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import BooleanField, Exists, F, Max, OuterRef, Q, QuerySet, Value
from django.utils import timezone

from clients.models import Site
from common.audit import set_author
from common.concurrency import save_changes
from common.querysets import unrestricted
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
    site_status = _lock_site(site.pk)
    plan = InspectionPlan.objects.filter(site=site).first()
    if plan is None:
        plan = InspectionPlan(site=site, **values)
        set_author(plan, by=by)
        plan.full_clean()
        plan.save()
        last = (
            Inspection.objects.filter(site=site, status=Inspection.Status.PUBLISHED)
            .order_by("-published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        refresh(plan, site_status, inspected_at=last)
        return plan
    plan = save_changes(plan, values, by=by, expected_version=expected_version or plan.version)
    refresh(plan, site_status)
    return plan


def _lock_site(site_id: int) -> str:
    """Hold the site's status still until the plan is written; return it.

    Site first, then plan, as a site's edit takes them (``follow_site``): the
    other order deadlocks with it. ``no_key``: records added at the site
    meanwhile (a corrective action) need not wait."""
    return (
        Site.objects.select_for_update(no_key=True)
        .filter(pk=site_id)
        .values_list("status", flat=True)
        .get()
    )


def _scheduled_on(plan: InspectionPlan, site_status: str) -> date | None:
    """The plan's next date on the schedule: none while its site is not active."""
    return plan.next_due_on() if site_status == Site.Status.ACTIVE else None


def refresh(
    plan: InspectionPlan, site_status: str, *, inspected_at: datetime | None = None
) -> None:
    """Keep the plan's next date: after a published inspection, a change of the
    plan, or of its site's status (a paused or closed site is not scheduled).

    ``site_status`` is read under the site's lock (``_lock_site``, or the
    site's own edit), not from a site the caller loaded before."""
    if inspected_at is not None and (
        plan.last_inspected_at is None or inspected_at > plan.last_inspected_at
    ):
        plan.last_inspected_at = inspected_at
    plan.due_on = _scheduled_on(plan, site_status)
    InspectionPlan.objects.filter(pk=plan.pk).update(
        last_inspected_at=plan.last_inspected_at, due_on=plan.due_on
    )


@transaction.atomic
def follow_site(site: Site) -> None:
    """A site that stops being active leaves the schedule; active again, its
    plan is due one interval after its last inspection, as if never paused.

    Called within the site's save, which holds the site's row: the plan is
    locked only when its date must change (not on every edit of an address)."""
    plan = InspectionPlan.objects.filter(site=site).first()
    if plan is None or plan.due_on == _scheduled_on(plan, site.status):
        return
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    refresh(plan, site.status)


def record_inspection(inspection: Inspection) -> None:
    """A published inspection moves its site's next planned date on."""
    # Locked: a plan saved at the same moment must not have its new interval
    # overwritten with the dates of the old one; the site first (_lock_site).
    site_status = _lock_site(inspection.site_id)
    plan = InspectionPlan.objects.select_for_update().filter(site_id=inspection.site_id).first()
    if plan is not None and inspection.published_at is not None:
        refresh(plan, site_status, inspected_at=inspection.published_at)


def refresh_all(batch: int = 2000) -> int:
    """Recompute every plan's last and next dates from the published inspections.

    For data written around the services (a restore, the data at scale); the
    services keep the dates themselves. Returns how many plans it went through.
    """
    done = 0
    plans = InspectionPlan.objects.annotate(
        last_published=Max(
            "site__inspections__published_at",
            filter=Q(site__inspections__status=Inspection.Status.PUBLISHED),
        ),
        site_status=F("site__status"),
    ).order_by("pk")
    last_pk = 0
    while chunk := list(plans.filter(pk__gt=last_pk)[:batch]):
        for plan in chunk:
            plan.last_inspected_at = plan.last_published
            plan.due_on = _scheduled_on(plan, plan.site_status)
        InspectionPlan.objects.bulk_update(chunk, ["last_inspected_at", "due_on"])
        done += len(chunk)
        last_pk = chunk[-1].pk
    return done


def _at_one_of(sites: QuerySet[Site]):
    """Whether a plan's site is one of ``sites``, as an annotation.

    Every site (the administrator, an inspector) is True outright: an EXISTS
    over all of them made PostgreSQL hash 20,000 site ids for each page.
    """
    if unrestricted(sites):
        return Value(True, output_field=BooleanField())
    return Exists(sites.filter(pk=OuterRef("site_id")))


def schedule(user, *, today: date | None = None, only_due: bool = True) -> QuerySet[InspectionPlan]:
    """The plans of the active sites ``user`` sees, the earliest due first
    (only an active site's plan has a date: ``refresh``).

    ``only_due`` keeps those due within ``DUE_SOON_DAYS`` or overdue. Each
    plan says whether ``user`` may inspect its site (``inspectable``); what a
    row of the schedule shows of other tables is ``queries.shown_plans``'.
    """
    today = today or timezone.localdate()
    plans = (
        access.plans_visible_to(user)
        .filter(due_on__isnull=False)
        .annotate(inspectable=_at_one_of(access.sites_inspectable_by(user)))
    )
    if only_due:
        plans = plans.filter(due_on__lte=today + timedelta(days=DUE_SOON_DAYS))
    return plans
