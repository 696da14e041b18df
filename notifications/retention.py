"""How long notifications and outbox messages are kept (README: Retention).

Only what is over and done goes: nothing waiting for a digest, nothing an
outbox message is still being sent or retried for. Unread notifications in
the bell are kept twice as long, so someone away for months still finds them.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from common.retention import delete_in_batches
from notifications.models import Delivery, EmailMode, Notification

FINISHED = (Delivery.Status.SENT, Delivery.Status.FAILED, Delivery.Status.CANCELLED)
UNFINISHED = (Delivery.Status.PENDING, Delivery.Status.SENDING)


def forget_old_notifications(now: datetime | None = None) -> int:
    """Delete notifications older than NOTIFICATION_RETENTION_DAYS; return how many.

    Read ones, and those never shown in the bell, go after that many days;
    unread ones in the bell after twice as many. Never one still waiting for
    its digest or with a message (its own or its digest) still being sent or
    retried: deleting it would cancel that message.
    """
    now = now or timezone.now()
    days = settings.NOTIFICATION_RETENTION_DAYS
    old = Notification.objects.filter(created_at__lt=now - timedelta(days=days)).filter(
        Q(read_at__isnull=False)
        | Q(in_app=False)
        | Q(created_at__lt=now - timedelta(days=2 * days))
    )
    owed = (
        Q(email_mode=EmailMode.DIGEST, digest__isnull=True)
        | Q(digest__status__in=UNFINISHED)
        | Q(Exists(Delivery.objects.filter(notification=OuterRef("pk"), status__in=UNFINISHED)))
    )
    return delete_in_batches(old.exclude(owed))


def forget_old_deliveries(now: datetime | None = None) -> int:
    """Delete outbox messages finished more than OUTBOX_RETENTION_DAYS ago; return how many.

    Finished means sent, failed or not needed: a message waiting for a retry
    or being sent stays. A day's digest stays while notifications still
    point at it: without it they would wait for a digest again and be sent twice.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    # The last attempt claimed the row; a row never attempted counts from its creation.
    last_touched_before = Q(claimed_at__lt=cutoff) | Q(
        claimed_at__isnull=True, created_at__lt=cutoff
    )
    finished = Delivery.objects.filter(last_touched_before, status__in=FINISHED).exclude(
        Exists(Notification.objects.filter(digest=OuterRef("pk")))
    )
    return delete_in_batches(finished)
