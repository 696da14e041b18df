"""The outbox message's states: waiting, sending, sent, failed, not needed (common.retries)."""

from django.utils.translation import gettext_lazy as _

from common import retries
from notifications.access import can_send_again
from notifications.models import Delivery

DELIVERIES = retries.machine(
    Delivery,
    send_again_from=(Delivery.Status.FAILED, Delivery.Status.CANCELLED),
    finishes=(
        ("deliver", Delivery.Status.SENT),
        ("fail", Delivery.Status.FAILED),
        ("cancel", Delivery.Status.CANCELLED),
    ),
    who=can_send_again,
    refused=_("Only a failed or unneeded message can be sent again."),
)
