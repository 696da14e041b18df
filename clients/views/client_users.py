"""Inviting and changing a client's users: the same steps from the desk and the portal.

Staff do it for the clients they manage; a client administrator does it for
their own organisation. The caller has already checked access and passes
the client and where to go afterwards.
"""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.models import User
from clients import services
from clients.forms import ClientUserForm
from common.views import run_action, save_form


def invite(request, client, *, done_url):
    form = ClientUserForm(request.POST or None, instance=User(), client=client)

    def create():
        data = form.cleaned_data
        return services.invite_client_user(
            by=request.user,
            client=client,
            email=data["email"],
            full_name=data["full_name"],
            role=data["role"],
            sites=data["sites"],
            language=data["language"],
            phone=data["phone"],
        )

    if save_form(form, create, request, _("The invitation e-mail is on its way.")):
        return redirect(done_url)
    return render(
        request,
        "clients/client_user_form.html",
        {"form": form, "client": client, "cancel_url": done_url, "creating": True},
    )


def edit(request, membership, *, done_url):
    form = ClientUserForm(request.POST or None, instance=membership.user, client=membership.client)

    def update():
        changes = {k: v for k, v in form.changes().items() if k != "sites"}
        return services.update_client_user(
            membership,
            changes,
            by=request.user,
            expected_version=form.cleaned_data["loaded_version"],
            sites=form.cleaned_data["sites"],
        )

    if save_form(form, update, request, _("The changes are saved.")):
        return redirect(done_url)
    return render(
        request,
        "clients/client_user_form.html",
        {
            "form": form,
            "client": membership.client,
            "membership": membership,
            "cancel_url": done_url,
        },
    )


def resend(request, membership, *, done_url):
    run_action(
        request,
        lambda: account_services.resend_invitation(membership.user, by=request.user),
        _("A new invitation is on its way."),
    )
    return redirect(done_url)


def set_active(request, membership, *, done_url):
    active = request.POST.get("active") == "1"
    run_action(
        request,
        lambda: account_services.set_active(membership.user, active, by=request.user),
        _("The account is active again.") if active else _("The account is deactivated."),
    )
    return redirect(done_url)
