from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.keyset import keyset_page
from common.views import run_action, save_form
from webhooks import access, services
from webhooks.forms import SubscriptionForm


def _require_subscriber(request):
    if not access.can_subscribe(request.user):
        raise PermissionDenied


@login_required
def subscription_list(request):
    _require_subscriber(request)
    form = SubscriptionForm(request.POST or None)
    subscription = save_form(
        form,
        lambda: services.subscribe(
            request.user,
            url=form.cleaned_data["url"],
            events=form.cleaned_data["events"],
            description=form.cleaned_data["description"],
        ),
        request,
        _("The subscription is created. Give its secret to the receiving system."),
    )
    if subscription:
        return redirect(subscription.get_absolute_url())
    subscriptions = access.subscriptions_visible_to(request.user).order_by("-created_at")
    return render(request, "webhooks/list.html", {"form": form, "subscriptions": subscriptions})


@login_required
def subscription_detail(request, pk):
    subscription = access.get_subscription_for(request.user, pk)
    form = SubscriptionForm(
        request.POST or None,
        editing=True,
        initial={
            "url": subscription.url,
            "description": subscription.description,
            "events": subscription.events,
            "is_active": subscription.is_active,
        },
    )
    saved = save_form(
        form,
        lambda: services.update_subscription(subscription, **form.cleaned_data),
        request,
        _("The subscription is saved."),
    )
    if saved:
        return redirect(subscription.get_absolute_url())
    calls = keyset_page(
        request, subscription.calls.prefetch_related("attempt_log"), ("-created_at", "-pk")
    )
    return render(
        request,
        "webhooks/detail.html",
        {"subscription": subscription, "form": form, "page": calls},
    )


def _subscription_action(action, message: str, *, back_to_list=False):
    """A button on a subscription's page: access, the service, a message, back."""

    @login_required
    @require_POST
    def view(request, pk):
        subscription = access.get_subscription_for(request.user, pk)
        action(subscription)
        messages.success(request, message)
        return redirect("webhooks:list" if back_to_list else subscription.get_absolute_url())

    return view


ping = _subscription_action(
    services.ping, gettext_lazy("A test call is on its way; its answer appears below.")
)
rotate = _subscription_action(
    services.rotate_secret,
    gettext_lazy(
        "A new secret is made. The old one keeps signing too for 24 hours; switch before then."
    ),
)
delete = _subscription_action(
    services.delete_subscription,
    gettext_lazy("The subscription is deleted; no more calls go to it."),
    back_to_list=True,
)


@login_required
@require_POST
def resend(request, pk):
    call = access.get_call_for(request.user, pk)
    run_action(
        request,
        lambda: services.send_again(call, by=request.user),
        _("The call is being made again."),
    )
    return redirect(call.subscription.get_absolute_url())
