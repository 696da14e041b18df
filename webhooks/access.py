"""Who manages which webhook subscriptions."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.roles import Role
from clients.access import client_of
from webhooks.models import Call, Subscription


def can_subscribe(user) -> bool:
    """Administrators (for everything) and client administrators (for their own client)."""
    usable = bool(user and user.is_authenticated and user.is_active)
    return usable and user.role in (Role.ADMINISTRATOR, Role.CLIENT_ADMIN)


def subscriptions_visible_to(user) -> QuerySet[Subscription]:
    """An administrator sees the provider's subscriptions; a client administrator their client's."""
    if not can_subscribe(user):
        return Subscription.objects.none()
    if user.role == Role.ADMINISTRATOR:
        return Subscription.objects.filter(client__isnull=True)
    client = client_of(user)
    if client is None:
        return Subscription.objects.none()
    return Subscription.objects.filter(client=client)


def get_subscription_for(user, pk) -> Subscription:
    return get_object_or_404(subscriptions_visible_to(user), pk=pk)


def get_call_for(user, pk) -> Call:
    return get_object_or_404(
        Call.objects.filter(subscription__in=subscriptions_visible_to(user)), pk=pk
    )
