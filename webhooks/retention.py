"""How long the webhook call log is kept (README: Retention)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from common.retention import delete_in_batches
from webhooks.models import Call, Subscription


def forget_old_calls(now: datetime | None = None) -> int:
    """Delete calls (with their attempts) finished more than WEBHOOK_LOG_RETENTION_DAYS ago.

    Finished means delivered or failed: a call waiting for its retry or being
    made stays, however old. Returns how many calls were deleted.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.WEBHOOK_LOG_RETENTION_DAYS)
    # The last attempt claimed the row; a call never attempted counts from its creation.
    last_touched_before = Q(claimed_at__lt=cutoff) | Q(
        claimed_at__isnull=True, created_at__lt=cutoff
    )
    return delete_in_batches(
        Call.objects.filter(last_touched_before, status__in=(Call.Status.SENT, Call.Status.FAILED))
    )


def forget_expired_previous_secrets(now: datetime | None = None) -> int:
    """A rotated-out secret is erased once its grace day is over; returns how many."""
    return Subscription.objects.filter(previous_secret_until__lt=now or timezone.now()).update(
        previous_secret="", previous_secret_until=None
    )
