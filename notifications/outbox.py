"""The outbox: every e-mail and SMS, sent once, retried while a server is down.

A delivery is claimed with a conditional update before it is sent; a failed
send waits with a growing delay and is retried for NOTIFICATION_RETRY_HOURS,
then is marked failed with its reason, for administrators to see and resend.
"""

import logging
from datetime import datetime

from django.utils.translation import gettext_noop

from accounts.access import account_in_use
from accounts.models import User
from accounts.roles import Role
from common import retries
from events import registry
from events.bus import publish
from notifications import channels
from notifications.errors import DeliveryError
from notifications.models import Delivery, Notification
from notifications.states import DELIVERIES

logger = logging.getLogger(__name__)

# Reasons the outbox gives; stored in English, shown in the reader's language.
DEACTIVATED = gettext_noop("The recipient's account is deactivated.")
DIGEST_EMPTY = gettext_noop("Nothing was left to put in the digest.")
NOT_NEEDED = gettext_noop("No longer needed when its turn came.")


def administrators() -> list[User]:
    return list(User.objects.filter(role=Role.ADMINISTRATOR, is_active=True))


def send_delivery(delivery_id: int) -> str | None:
    """Send one outbox message if it is due and no one else is sending it.

    The claim is a conditional update from "waiting" to "sending": of two
    jobs running at once, or one job run twice, only one gets it, and a sent
    message is never claimed again. Returns the status it ended in, or None
    when there was nothing to do.
    """
    if not retries.claim(DELIVERIES, delivery_id):
        return None
    delivery = Delivery.objects.select_related(
        "recipient__membership__client", "notification__actor", "notification__recipient"
    ).get(pk=delivery_id)
    items = []
    if delivery.is_digest:
        items = list(delivery.digest_items.select_related("actor", "recipient"))
    reason = _not_wanted_reason(delivery, items)
    if reason:
        return retries.finish(DELIVERIES, delivery.pk, "cancel", reason)
    try:
        channels.send(delivery, items)
    except DeliveryError as error:
        return _failed(delivery, str(error), permanent=error.permanent)
    except Exception as error:  # a bug must not lose the message either
        logger.exception("Sending %s failed", delivery.key)
        return _failed(delivery, f"{type(error).__name__}: {error}", permanent=False)
    return retries.finish(DELIVERIES, delivery.pk, "deliver")


def _not_wanted_reason(delivery: Delivery, items: list[Notification]) -> str:
    if not account_in_use(delivery.recipient):
        return DEACTIVATED
    if delivery.is_digest:
        return "" if items else DIGEST_EMPTY
    notification = delivery.notification
    assert notification is not None
    event_type = registry.get(notification.event)
    if event_type.still_wanted and not event_type.still_wanted(notification):
        return NOT_NEEDED
    return ""


def _failed(delivery: Delivery, reason: str, *, permanent: bool) -> str:
    status = retries.failed(DELIVERIES, delivery, reason, permanent=permanent)
    if status != Delivery.Status.FAILED:
        logger.info("Delivery %s will be retried: %s", delivery.key, reason)
        return status
    logger.warning("Delivery %s failed for good: %s", delivery.key, reason)
    publish(
        "delivery.failed",
        recipients=administrators(),
        target=delivery,
        params={
            "recipient": str(delivery.recipient),
            "channel": delivery.get_channel_display(),
            "reason": reason[:300],
        },
        key=f"delivery.failed:{delivery.pk}:{delivery.attempts}",
    )
    return status


def due_deliveries(now: datetime | None = None) -> list[int]:
    """The messages whose time has come, after handing back claims of dead workers."""
    # Uses index deliveries_due.
    return retries.due(DELIVERIES, now)
