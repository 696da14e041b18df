from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.keyset import keyset_page
from common.views import run_action, save_form
from events import registry
from notifications import access, preferences, queries, services
from notifications.forms import ChannelChoicesForm
from notifications.models import Delivery

# htmx stops polling when it gets this status: a logged-out tab stops asking.
STOP_POLLING = 286


def bell(request):
    if not request.user.is_authenticated:
        return HttpResponse(status=STOP_POLLING)
    return render(request, "notifications/_bell.html")


@login_required
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = keyset_page(
        request,
        queries.notification_list(request.user, unread_only=unread_only),
        ("-created_at", "-pk"),
    )
    return render(request, "notifications/list.html", {"page": page, "unread_only": unread_only})


@login_required
def open_notification(request, pk):
    """Follow a notification's link: it counts as read; the record's page then checks access."""
    notification = access.get_notification_for(request.user, pk)
    services.mark_read(notification)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect(link)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_read(request, pk):
    notification = access.get_notification_for(request.user, pk)
    services.mark_read(notification)
    if request.htmx:
        notification.refresh_from_db()
        response = render(request, "notifications/list.html#item", {"notification": notification})
        # The bell in the header follows without a reload.
        response["HX-Trigger"] = "notifications-changed"
        return response
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    messages.success(
        request,
        ngettext(
            "Marked %(count)d notification as read.",
            "Marked %(count)d notifications as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:list")


@login_required
def settings_page(request):
    """A person chooses, per event, how they hear about it."""
    event_types = registry.configurable_for(request.user)
    current = preferences.current_for(request.user)
    if request.method == "POST" and "reset" in request.POST:
        preferences.reset_preferences(request.user)
        messages.success(request, _("Your notification settings follow the defaults again."))
        return redirect("notifications:settings")
    form = ChannelChoicesForm(
        request.POST or None,
        event_types=event_types,
        current={key: choice for key, (choice, _own) in current.items()},
    )
    saved = save_form(
        form,
        lambda: preferences.save_preferences(request.user, form.choices()),
        request,
        _("Your notification settings are saved."),
    )
    if saved:
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "own": {key for key, (_choice, own) in current.items() if own},
            "is_client_user": request.user.is_client_user,
        },
    )


@login_required
def client_defaults(request):
    """A client administrator sets how their people hear about events until they choose."""
    client = access.client_for_defaults(request.user)
    if client is None:
        raise PermissionDenied
    form = ChannelChoicesForm(
        request.POST or None,
        event_types=registry.configurable_for_clients(),
        current=preferences.client_defaults_of(client),
    )
    saved = save_form(
        form,
        lambda: preferences.save_client_defaults(client, form.choices(), by=request.user),
        request,
        _("The defaults for your organisation's users are saved."),
    )
    if saved:
        return redirect("notifications:client_defaults")
    return render(request, "notifications/client_defaults.html", {"form": form, "client": client})


@login_required
def outbox_page(request):
    """Administrators see every message waiting, sent or failed, with the reason."""
    if not access.can_see_outbox(request.user):
        raise PermissionDenied
    status = request.GET.get("status", Delivery.Status.FAILED)
    if status not in Delivery.Status.values:
        status = ""
    counts = queries.outbox_counts(request.user)
    page = keyset_page(
        request,
        queries.outbox(request.user, status),
        ("-created_at", "-pk"),
        rows=queries.outbox_rows,
        # A status's tab has counted its messages already.
        count=counts.get(status),
    )
    tabs = [(value, label, counts.get(value, 0)) for value, label in Delivery.Status.choices]
    return render(
        request, "notifications/outbox.html", {"page": page, "status": status, "tabs": tabs}
    )


@login_required
@require_POST
def retry(request, pk):
    delivery = access.get_delivery_for(request.user, pk)
    run_action(
        request,
        lambda: services.retry_delivery(delivery, by=request.user),
        _("The message is being sent again."),
    )
    return redirect(reverse("notifications:outbox") + "?status=pending")
