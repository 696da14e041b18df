"""Who manages which webhook subscriptions."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import is_usable
from accounts.roles import Role
from clients.access import client_administered_by
from webhooks.models import Call, Subscription


def can_subscribe(user) -> bool:
    """Whether ``user`` opens the webhook pages and API: a usable administrator (for
    the provider's events) or client administrator (for their own client's)."""
    return is_usable(user) and user.role in (Role.ADMINISTRATOR, Role.CLIENT_ADMIN)


def subscriptions_visible_to(user) -> QuerySet[Subscription]:
    """An administrator sees the provider's subscriptions; a client administrator
    those of the client they administer (``client_administered_by``); nobody else any."""
    if not can_subscribe(user):
        return Subscription.objects.none()
    if user.role == Role.ADMINISTRATOR:
        return Subscription.objects.filter(client__isnull=True)
    client = client_administered_by(user)
    if client is None:
        return Subscription.objects.none()
    return Subscription.objects.filter(client=client)


def get_subscription_for(user, pk) -> Subscription:
    """The subscription ``pk`` if ``user`` sees it (``subscriptions_visible_to``);
    404 for a missing one and another's alike."""
    return get_object_or_404(subscriptions_visible_to(user), pk=pk)


def get_call_for(user, pk) -> Call:
    """The call ``pk`` if its subscription is one ``user`` sees; 404 otherwise."""
    return get_object_or_404(
        Call.objects.filter(subscription__in=subscriptions_visible_to(user)), pk=pk
    )


def can_send_call_again(user, call: Call) -> bool:
    """Who may send a webhook call again: whoever manages its subscription."""
    return subscriptions_visible_to(user).filter(pk=call.subscription_id).exists()
