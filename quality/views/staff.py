"""The staff desk's quality pages: inspections, the schedule and a site's quality."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clients.access import get_site_for
from common.errors import ServiceError
from common.history_pages import history_section
from common.keyset import keyset_page
from common.views import render_with_results, save_form, staff_required
from quality import access, kept, queries
from quality.filters import InspectionFilter
from quality.forms import PlanForm
from quality.models import Inspection, InspectionPlan
from quality.services import inspections as inspection_services
from quality.services import plans
from quality.states import INSPECTIONS


@staff_required
def inspection_list(request):
    filters = InspectionFilter(
        request.GET or None,
        queryset=access.inspections_visible_to(request.user),
        request=request,
    )
    results = filters.qs if filters.is_bound else filters.queryset
    return render_with_results(
        request,
        "quality/staff/inspection_list.html",
        {
            "filters": filters,
            "page": keyset_page(
                request, results, ("-listed_at", "-pk"), rows=queries.shown_inspections
            ),
        },
    )


@staff_required
def schedule(request):
    show_all = request.GET.get("all") == "1"
    return render(
        request,
        "quality/staff/schedule.html",
        {
            "page": keyset_page(
                request,
                plans.schedule(request.user, only_due=not show_all),
                ("due_on", "pk"),
                rows=queries.shown_plans,
            ),
            "show_all": show_all,
            "due_soon_days": plans.DUE_SOON_DAYS,
        },
    )


@staff_required
def site(request, pk):
    """A site's quality: its trend, corrective actions, inspections and client
    ratings (kept rendered: ``quality.kept``), its plan and what ``request.user``
    may start there."""
    site, plan = queries.site_and_plan(request.user, pk)
    parts = kept.desk_parts(request.user, site)
    can_inspect, can_plan = access.can_inspect_and_plan(request.user, site)
    return render(
        request,
        "quality/staff/site.html",
        {
            "site": site,
            "plan": plan,
            "parts": parts,
            "my_draft": request.user.pk in parts["draft_inspectors"],
            "can_inspect": can_inspect,
            "can_plan": can_plan,
        },
    )


@staff_required
def plan_edit(request, pk):
    site = get_site_for(request.user, pk)
    if not access.can_plan(request.user, site):
        raise PermissionDenied
    plan = access.plans_visible_to(request.user).filter(site=site).first() or InspectionPlan(
        site=site
    )
    form = PlanForm(request.POST or None, instance=plan)
    saved = save_form(
        form,
        lambda: plans.save_plan(
            site,
            by=request.user,
            values=form.values() if not plan.pk else form.changes(),
            expected_version=form.cleaned_data["loaded_version"],
        ),
        request,
        _("The inspection plan is saved."),
    )
    if saved:
        return redirect("quality:site", site.pk)
    return render(request, "quality/staff/plan_form.html", {"site": site, "form": form})


@staff_required
def inspection_detail(request, pk):
    inspection = queries.inspection_of(request.user, pk)
    if INSPECTIONS.may(request.user, inspection, "answer"):
        return redirect("quality:inspection_fill", inspection.pk)
    return render(
        request,
        "quality/staff/inspection_detail.html",
        {
            "inspection": inspection,
            "parts": kept.score_parts(inspection, portal=False),
            "history": history_section(
                request,
                (kept.SCOPE, inspection.site_id, f"history-inspection-{inspection.pk}"),
                Inspection.history.filter(id=inspection.pk),
            ),
        },
    )


@require_POST
@staff_required
def inspection_start(request, pk):
    site = get_site_for(request.user, pk)
    if not access.can_inspect(request.user, site):
        raise PermissionDenied
    try:
        inspection = inspection_services.start(site, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("quality:site", site.pk)
    return redirect("quality:inspection_fill", inspection.pk)
