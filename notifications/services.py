"""Telling people what happened, and carrying it to them: notify, deliver, digest.

Any app says "this event happened to this record, tell these people" with
``notify``; this module decides per person and channel what to create, and
the outbox functions below send each message once, retrying with a growing
delay while a server is down.
"""

import logging
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Min, Model, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_noop

from accounts.models import User
from accounts.roles import Role
from notifications import channels, registry, sms
from notifications.errors import DeliveryError
from notifications.models import Channel, Delivery, EmailMode, Notification
from notifications.preferences import choices_for

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


def _default_link(target: Model | None, recipient) -> str:
    if target is None:
        return ""
    method = "get_staff_url" if recipient.is_provider_staff else "get_portal_url"
    return getattr(target, method)() if hasattr(target, method) else ""


def _may_see(user, target: Model | None, event_type: registry.EventType) -> bool:
    if target is None or event_type.visible_to is None:
        return True
    return event_type.visible_to(user).filter(pk=target.pk).exists()


@transaction.atomic
def notify(
    event: str,
    *,
    recipients: Iterable[User],
    target: Model | None = None,
    actor: User | None = None,
    params: dict | None = None,
    key: str | None = None,
) -> list[Notification]:
    """Tell ``recipients`` that ``event`` happened to ``target``, each on the channels they chose.

    The actor is not told about their own action, nor is an inactive user,
    nor anyone who may not see the target (checked with the event type's own
    access function). ``key`` makes the call idempotent: called again with
    the same key, it creates nothing for recipients already told. E-mail and
    SMS leave only after the surrounding transaction commits.
    """
    event_type = registry.get(event)
    key = key or f"{event}:{uuid.uuid4().hex}"
    people = {u.pk: u for u in recipients if u is not None and u.is_active}
    if actor is not None:
        people.pop(actor.pk, None)
    users = [u for u in people.values() if _may_see(u, target, event_type)]
    choices = choices_for(users, event_type)
    target_fields = {}
    if target is not None:
        target_fields = {
            "target_type": ContentType.objects.get_for_model(target),
            "target_id": target.pk,
        }
    created = []
    for user in users:
        choice = choices[user.pk]
        if not choice.hears_anything:
            continue
        link = (event_type.link or _default_link)(target, user)
        notification, is_new = Notification.objects.get_or_create(
            recipient=user,
            key=key,
            defaults={
                "event": event,
                "actor": actor,
                "params": params or {},
                "link": link,
                "in_app": choice.in_app,
                "email_mode": choice.email,
                **target_fields,
            },
        )
        if not is_new:
            continue
        created.append(notification)
        if choice.email == EmailMode.NOW:
            _queue(notification, Channel.EMAIL, user.email)
        if choice.sms and sms.normalise(user.phone):
            _queue(notification, Channel.SMS, user.phone)
    return created


def _queue(notification: Notification, channel: str, address: str) -> None:
    delivery, is_new = Delivery.objects.get_or_create(
        key=f"{notification.key}:{notification.recipient_id}:{channel}",
        defaults={
            "recipient_id": notification.recipient_id,
            "channel": channel,
            "notification": notification,
            "address": address,
            "next_attempt_at": timezone.now(),
        },
    )
    if is_new:
        enqueue_after_commit(delivery.pk)


def enqueue_after_commit(delivery_id: int) -> None:
    from notifications.tasks import enqueue_delivery

    transaction.on_commit(lambda: enqueue_delivery(delivery_id))


def administrators() -> list[User]:
    return list(User.objects.filter(role=Role.ADMINISTRATOR, is_active=True))


# The outbox ---------------------------------------------------------------


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


# Digests ------------------------------------------------------------------


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


# Reading ------------------------------------------------------------------


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def mark_all_read(user: User) -> int:
    """Mark every unread notification of ``user`` read; returns how many there were."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
