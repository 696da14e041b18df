"""Daily digests: what a person asked to get once a day, in one e-mail."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from accounts.models import User
from notifications.models import Channel, Delivery, EmailMode, Notification
from notifications.queue import enqueue_after_commit


def digest_cutoff(now: datetime) -> datetime:
    """The latest digest time (DIGEST_HOUR, local time) at or before ``now``."""
    local = timezone.localtime(now)
    cutoff = local.replace(hour=settings.DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if cutoff > local:
        cutoff -= timedelta(days=1)
    return cutoff


def send_digests(now: datetime | None = None) -> list[int]:
    """Gather what each person asked to get as a digest into one e-mail per person.

    Everything that happened before the day's digest time goes into it. The
    digest is named after the first notification it carries, so a second
    run, or two at once, make the same digest and not another one.
    """
    cutoff = digest_cutoff(now or timezone.now())
    # Uses index notifications_digest_waiting.
    waiting = Notification.objects.filter(
        email_mode=EmailMode.DIGEST, digest__isnull=True, created_at__lt=cutoff
    )
    firsts = list(
        waiting.order_by()
        .values("recipient_id")
        .annotate(first=Min("pk"))
        .values_list("recipient_id", "first")
    )
    emails = dict(User.objects.filter(pk__in=[r for r, _f in firsts]).values_list("pk", "email"))
    created = []
    for recipient_id, first_pk in firsts:
        with transaction.atomic():
            delivery, is_new = Delivery.objects.get_or_create(
                key=f"digest:{recipient_id}:{first_pk}",
                defaults={
                    "recipient_id": recipient_id,
                    "channel": Channel.EMAIL,
                    "address": emails[recipient_id],
                    "next_attempt_at": timezone.now(),
                },
            )
            waiting.filter(recipient_id=recipient_id).update(digest=delivery)
            if is_new:
                created.append(delivery.pk)
                enqueue_after_commit(delivery.pk)
    return created
