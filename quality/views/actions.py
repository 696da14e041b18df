"""Corrective actions on the staff desk: the list, and solving and checking one."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.history_pages import history_section
from common.keyset import keyset_page
from common.views import render_with_results, save_form, staff_required
from quality import access, kept, queries
from quality.filters import ActionFilter
from quality.forms import CheckForm, SolveForm
from quality.models import CorrectiveAction
from quality.services import actions as services
from quality.states import ACTIONS


@staff_required
def action_list(request):
    params = request.GET.copy()
    params.setdefault("status", ActionFilter.CURRENT)
    filters = ActionFilter(params, queryset=queries.listed_actions(request.user), request=request)
    page = keyset_page(
        request,
        filters.qs,
        ("queue", "due_at", "pk"),
        rows=queries.shown_actions,
    )
    queries.flag_needs_new_owner(request.user, page.rows)
    return render_with_results(
        request, "quality/staff/action_list.html", {"filters": filters, "page": page}
    )


def _detail(request, action, *, solve_form=None, check_form=None, status=200):
    return render(
        request,
        "quality/staff/action_detail.html",
        {
            "action": action,
            "photos": queries.action_photos(action),
            "problem_photos": queries.problem_photos(request.user, action),
            "buttons": ACTIONS.available(request.user, action),
            "needs_new_owner": access.action_needs_new_owner(request.user, action),
            "solve_form": solve_form or SolveForm(initial={"loaded_version": action.version}),
            "check_form": check_form or CheckForm(initial={"loaded_version": action.version}),
            "history": history_section(
                request,
                (kept.SCOPE, action.site_id, f"history-action-{action.pk}"),
                CorrectiveAction.history.filter(id=action.pk),
            ),
        },
        status=status,
    )


@staff_required
def action_detail(request, pk):
    return _detail(request, access.get_action_for(request.user, pk))


@require_POST
@staff_required
def action_solve(request, pk):
    action = access.get_action_for(request.user, pk)
    if not access.can_solve(request.user, action):
        raise PermissionDenied
    form = SolveForm(request.POST, request.FILES)
    solved = save_form(
        form,
        lambda: services.solve(
            action,
            by=request.user,
            solution=form.cleaned_data["solution"],
            photos=form.cleaned_data["photos"],
            expected_version=form.cleaned_data["loaded_version"],
        ),
        request,
        _("The solution is saved. The client can read it now."),
    )
    if solved or (form.is_valid() and not form.errors):
        # Saved, or refused by the action's state (the message says why).
        return redirect(action.get_staff_url())
    return _detail(request, action, solve_form=form, status=400)


@require_POST
@staff_required
def action_check(request, pk):
    action = access.get_action_for(request.user, pk)
    if not access.can_check(request.user, action):
        raise PermissionDenied
    form = CheckForm(request.POST)
    reopen = request.POST.get("decision") == "reopen"

    def decide():
        change = services.reopen if reopen else services.verify
        return change(
            action,
            by=request.user,
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["loaded_version"],
        )

    checked = save_form(
        form,
        decide,
        request,
        _("The action is reopened with a new deadline.")
        if reopen
        else _("The solution is verified."),
    )
    if checked or (form.is_valid() and not form.errors):
        # Checked, or refused by the action's state (the message says why).
        return redirect(action.get_staff_url())
    return _detail(request, action, check_form=form, status=400)
