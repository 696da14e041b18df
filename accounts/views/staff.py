"""The administrator's pages for provider staff accounts."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import access, services
from accounts.forms import StaffUserForm
from accounts.models import User
from common.history_pages import history_page
from common.keyset import keyset_page
from common.views import render_with_results, run_action, save_form, search_text, staff_required


@staff_required
def staff_list(request):
    if not access.can_manage_staff(request.user):
        raise PermissionDenied
    users = access.staff_manageable_by(request.user)
    query = search_text(request)
    if query:
        users = users.filter(Q(full_name__icontains=query) | Q(email__icontains=query))
    page = keyset_page(request, users, ("full_name", "pk"))
    return render_with_results(request, "accounts/staff_list.html", {"page": page, "query": query})


@staff_required
def staff_invite(request):
    if not access.can_manage_staff(request.user):
        raise PermissionDenied
    form = StaffUserForm(request.POST or None, request.FILES or None, instance=User())
    user = save_form(
        form,
        lambda: services.invite_user(by=request.user, **form.values()),
        request,
        _("The invitation e-mail is on its way."),
    )
    if user:
        return redirect(user.get_staff_url())
    return render(request, "accounts/staff_form.html", {"form": form, "creating": True})


@staff_required
def staff_detail(request, pk):
    staff_user = access.get_staff_user_for(request.user, pk)
    history = history_page(request, User.history.filter(id=staff_user.pk))
    return render(
        request, "accounts/staff_detail.html", {"staff_user": staff_user, "history": history}
    )


@staff_required
def staff_edit(request, pk):
    staff_user = access.get_staff_user_for(request.user, pk)
    form = StaffUserForm(request.POST or None, request.FILES or None, instance=staff_user)

    def update():
        return services.update_user(
            staff_user,
            form.changes(),
            by=request.user,
            expected_version=form.cleaned_data["loaded_version"],
        )

    if save_form(form, update, request, _("The changes are saved.")):
        return redirect(staff_user.get_staff_url())
    return render(request, "accounts/staff_form.html", {"form": form, "staff_user": staff_user})


@require_POST
@staff_required
def staff_resend_invitation(request, pk):
    staff_user = access.get_staff_user_for(request.user, pk)
    run_action(
        request,
        lambda: services.resend_invitation(staff_user, by=request.user),
        _("A new invitation is on its way."),
    )
    return redirect(staff_user.get_staff_url())


@require_POST
@staff_required
def staff_set_active(request, pk):
    staff_user = access.get_staff_user_for(request.user, pk)
    active = request.POST.get("active") == "1"
    run_action(
        request,
        lambda: services.set_active(staff_user, active, by=request.user),
        _("The account is active again.") if active else _("The account is deactivated."),
    )
    return redirect(staff_user.get_staff_url())
