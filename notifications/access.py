"""Who sees which notifications and the outbox."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.access import is_usable
from accounts.roles import Role
from clients.access import client_administered_by
from clients.models import Client
from notifications.models import Delivery, Notification


def notifications_visible_to(user) -> QuerySet[Notification]:
    """A person sees their own in-app notifications and nobody else's, staff
    included; anyone who is not usable sees none."""
    if not is_usable(user):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user, in_app=True)


def get_notification_for(user, pk) -> Notification:
    """The notification ``pk`` if it is this person's own (also when it is not in the bell,
    e.g. an e-mail-only one whose link they followed); 404 otherwise, and always for
    anyone who is not usable."""
    if not is_usable(user):
        raise Http404
    return get_object_or_404(Notification.objects.filter(recipient=user), pk=pk)


def can_see_outbox(user) -> bool:
    """Whether ``user`` sees the outbox and sends its messages again: a usable
    administrator only."""
    return is_usable(user) and user.role == Role.ADMINISTRATOR


def deliveries_visible_to(user) -> QuerySet[Delivery]:
    """The outbox, for administrators only: addresses and failure reasons are everyone's."""
    if not can_see_outbox(user):
        return Delivery.objects.none()
    return Delivery.objects.all()


def get_delivery_for(user, pk) -> Delivery:
    """The outbox message ``pk`` for whoever sees the outbox; 404 for anyone else."""
    return get_object_or_404(deliveries_visible_to(user), pk=pk)


def client_for_defaults(user) -> Client | None:
    """The client whose notification defaults this person sets: the one they
    administer (``client_administered_by``); None, so a refusal, for everyone else."""
    return client_administered_by(user)


def can_send_again(user, delivery: Delivery) -> bool:
    """Who may send an outbox message again: whoever sees the outbox (administrators)."""
    return can_see_outbox(user)
