"""Telling people what happened: ``notify``, and reading what one was told.

Apps publish what happened with ``events.publish``; this app hears every
event (``on_event``, subscribed in NotificationsConfig.ready) and tells its
recipients with ``notify``, which decides per person and channel what to
create. The outbox (``notifications.outbox``) then carries e-mail and SMS,
once each.
"""

import logging
import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from accounts.access import accounts_in_use
from accounts.models import User
from common import retries
from common.text import shorten_all
from events import registry
from events.bus import Event
from notifications.models import Channel, Delivery, EmailMode, Notification
from notifications.preferences import choices_for
from notifications.queue import enqueue_after_commit
from notifications.states import DELIVERIES

logger = logging.getLogger(__name__)


def on_event(event: Event) -> None:
    """Notifications' subscription to every published event: tell its recipients."""
    if event.recipients:
        notify(
            event.name,
            recipients=event.recipients,
            target=event.target,
            actor=event.actor,
            params=event.params,
            key=event.key,
        )


def _default_link(target: Model | None, recipient) -> str:
    if target is None:
        return ""
    method = "get_staff_url" if recipient.is_provider_staff else "get_portal_url"
    return getattr(target, method)() if hasattr(target, method) else ""


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

    The actor is not told about their own action, nor is anyone whose
    account is not in use (``accounts.access.accounts_in_use``: deactivated,
    or a client's person whose client is), nor anyone who may not see the
    target (checked with the event type's own access function). ``key``
    makes the call idempotent: called again with the same key, it creates
    nothing for recipients already told. E-mail and SMS leave only after the
    surrounding transaction commits.
    """
    event_type = registry.get(event)
    key = key or f"{event}:{uuid.uuid4().hex}"
    people = {u.pk: u for u in recipients if u is not None}
    if actor is not None:
        people.pop(actor.pk, None)
    # One rule for every channel: a deactivated person, or the people of a
    # deactivated client, hear nothing (the outbox asks again at send time).
    in_use = set(accounts_in_use().filter(pk__in=people).values_list("pk", flat=True))
    users = [u for pk, u in people.items() if pk in in_use and event_type.lets_see(u, target)]
    choices = choices_for(users, event_type)
    target_fields = {}
    if target is not None:
        target_fields = {
            "target_type": ContentType.objects.get_for_model(target),
            "target_id": target.pk,
        }
    # The bell, e-mails, SMS and digests quote typed text (remarks, solutions)
    # shortened: the whole text is one click away, on the record's page.
    shown = shorten_all(params or {})
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
                "params": shown,
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
        if choice.sms:
            # Queued even without a usable number: it then fails where
            # administrators see it, instead of vanishing.
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


def mark_read(notification: Notification) -> None:
    """Mark one notification read (once: a second call changes nothing)."""
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def mark_all_read(user: User) -> int:
    """Mark every unread notification of ``user`` read; returns how many there were."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def retry_delivery(delivery: Delivery, *, by: User) -> None:
    """Give a failed or cancelled message another day of attempts, now.

    Refused (``InvalidState``) for a message that is waiting, being sent or sent.
    """
    retries.send_again(DELIVERIES, delivery, by=by)
    logger.info("%s sent %s again", by, delivery.key)
    enqueue_after_commit(delivery.pk)
