"""The outbox: every e-mail and SMS, sent once, retried while a server is down.

A delivery is claimed with a conditional update before it is sent; a failed
send waits with a growing delay and is retried for NOTIFICATION_RETRY_HOURS,
then is marked failed with its reason, for administrators to see and resend.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_noop

from accounts.models import User
from accounts.roles import Role
from notifications import channels, registry
from notifications.errors import DeliveryError
from notifications.models import Delivery, Notification
from notifications.services import enqueue_after_commit, notify

logger = logging.getLogger(__name__)

# Reasons the outbox gives; stored in English, shown in the reader's language.
DEACTIVATED = gettext_noop("The recipient's account is deactivated.")
DIGEST_EMPTY = gettext_noop("Nothing was left to put in the digest.")
NOT_NEEDED = gettext_noop("No longer needed when its turn came.")
INTERRUPTED = gettext_noop("The sending job stopped before it finished; sending again.")
SENT_AGAIN = gettext_noop("Sent again by an administrator.")

# A worker that died mid-send leaves its claim behind; after this long the
# sweep hands the message to another worker.
STALE_CLAIM = timedelta(minutes=10)
MAX_RETRY_DELAY = timedelta(hours=2)


def administrators() -> list[User]:
    return list(User.objects.filter(role=Role.ADMINISTRATOR, is_active=True))


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after each failed attempt, at most two hours."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_RETRY_DELAY)


def send_delivery(delivery_id: int) -> str | None:
    """Send one outbox message if it is due and no one else is sending it.

    The claim is a conditional update from "waiting" to "sending": of two
    jobs running at once, or one job run twice, only one gets it, and a sent
    message is never claimed again. Returns the status it ended in, or None
    when there was nothing to do.
    """
    now = timezone.now()
    claimed = (
        Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(
            status=Delivery.Status.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
            window_started_at=Coalesce("window_started_at", now),
        )
    )
    if not claimed:
        return None
    delivery = Delivery.objects.select_related(
        "recipient", "notification__actor", "notification__recipient"
    ).get(pk=delivery_id)
    items = []
    if delivery.is_digest:
        items = list(delivery.digest_items.select_related("actor", "recipient"))
    reason = _not_wanted_reason(delivery, items)
    if reason:
        return _finish(delivery, Delivery.Status.CANCELLED, reason)
    try:
        channels.send(delivery, items)
    except DeliveryError as error:
        return _failed(delivery, str(error), permanent=error.permanent)
    except Exception as error:  # a bug must not lose the message either
        logger.exception("Sending %s failed", delivery.key)
        return _failed(delivery, f"{type(error).__name__}: {error}", permanent=False)
    return _finish(delivery, Delivery.Status.SENT, "")


def _not_wanted_reason(delivery: Delivery, items: list[Notification]) -> str:
    if not delivery.recipient.is_active:
        return DEACTIVATED
    if delivery.is_digest:
        return "" if items else DIGEST_EMPTY
    notification = delivery.notification
    assert notification is not None
    event_type = registry.get(notification.event)
    if event_type.still_wanted and not event_type.still_wanted(notification):
        return NOT_NEEDED
    return ""


def _finish(delivery: Delivery, status: str, reason: str) -> str:
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=status,
        sent_at=now if status == Delivery.Status.SENT else None,
        last_error=reason,
        next_attempt_at=None,
    )
    return status


def _failed(delivery: Delivery, reason: str, *, permanent: bool) -> str:
    now = timezone.now()
    window = timedelta(hours=settings.NOTIFICATION_RETRY_HOURS)
    started = delivery.window_started_at or now
    if permanent or now - started >= window:
        _finish(delivery, Delivery.Status.FAILED, reason)
        logger.warning("Delivery %s failed for good: %s", delivery.key, reason)
        notify(
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
        return Delivery.Status.FAILED
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.PENDING,
        last_error=reason,
        next_attempt_at=now + retry_delay(delivery.attempts),
    )
    logger.info("Delivery %s will be retried: %s", delivery.key, reason)
    return Delivery.Status.PENDING


def due_deliveries(now: datetime | None = None) -> list[int]:
    """The messages whose time has come, after handing back claims of dead workers."""
    now = now or timezone.now()
    Delivery.objects.filter(
        status=Delivery.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
    ).update(
        status=Delivery.Status.PENDING,
        next_attempt_at=now,
        last_error=INTERRUPTED,
    )
    # Uses index deliveries_due.
    return list(
        Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:1000]
    )


@transaction.atomic
def retry_delivery(delivery: Delivery, *, by: User) -> None:
    """Give a failed or cancelled message another day of attempts, now."""
    Delivery.objects.filter(
        pk=delivery.pk, status__in=[Delivery.Status.FAILED, Delivery.Status.CANCELLED]
    ).update(
        status=Delivery.Status.PENDING,
        next_attempt_at=timezone.now(),
        window_started_at=None,
        last_error=SENT_AGAIN,
    )
    logger.info("%s sent %s again", by, delivery.key)
    enqueue_after_commit(delivery.pk)
