"""How long the audit trail of events is kept (README: Retention)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from common.retention import delete_in_batches
from events.models import LoggedEvent


def forget_old_events(now: datetime | None = None) -> int:
    """Delete events that happened more than EVENT_LOG_RETENTION_DAYS ago; return how many.

    Their words (names, comments, solutions) go with them; the records
    themselves, and their field history, stay.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.EVENT_LOG_RETENTION_DAYS)
    return delete_in_batches(LoggedEvent.objects.filter(happened_at__lt=cutoff))
