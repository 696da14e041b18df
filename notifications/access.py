"""Who sees which notifications and the outbox."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.roles import Role
from clients.access import client_of
from clients.models import Client
from notifications.models import Delivery, Notification


def _is_usable(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def notifications_visible_to(user) -> QuerySet[Notification]:
    """A person sees their own in-app notifications and nobody else's, staff included."""
    if not _is_usable(user):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user, in_app=True)


def get_notification_for(user, pk) -> Notification:
    """The notification ``pk`` if it is this person's own (also when it is not in the bell,
    e.g. an e-mail-only one whose link they followed); 404 otherwise."""
    if not _is_usable(user):
        raise Http404
    return get_object_or_404(Notification.objects.filter(recipient=user), pk=pk)


def can_see_outbox(user) -> bool:
    return _is_usable(user) and user.role == Role.ADMINISTRATOR


def deliveries_visible_to(user) -> QuerySet[Delivery]:
    """The outbox, for administrators only: addresses and failure reasons are everyone's."""
    if not can_see_outbox(user):
        return Delivery.objects.none()
    return Delivery.objects.all()


def get_delivery_for(user, pk) -> Delivery:
    return get_object_or_404(deliveries_visible_to(user), pk=pk)


def client_for_defaults(user) -> Client | None:
    """The client whose notification defaults this person sets: a client administrator's own."""
    if not _is_usable(user) or user.role != Role.CLIENT_ADMIN:
        return None
    return client_of(user)
