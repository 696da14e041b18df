"""Webhooks: subscribing, and turning published events into calls to subscribers.

Every published event (``events.publish``) whose type is marked
``webhook=True`` becomes one call per interested subscription (``on_event``,
subscribed in WebhooksConfig.ready). Calls go out from jobs
(``webhooks.sending``), retried with growing delays (common.retries) and
logged with the answer's status and response time.
"""

import ipaddress
import logging
import secrets
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import account_in_use
from accounts.roles import Role
from clients.access import client_administered_by
from common import retries
from common.errors import ServiceError
from events import registry
from events.bus import Event
from webhooks import delivery
from webhooks.models import Call, Subscription
from webhooks.queue import enqueue_call
from webhooks.states import CALLS

logger = logging.getLogger(__name__)
PING = "ping"
ROTATION_GRACE = timedelta(hours=24)


def event_choices() -> list[tuple[str, str]]:
    """The events a subscription can hear: the types marked ``webhook``, with their labels."""
    return [(e.key, str(e.label)) for e in registry.webhook_events()]


def _check(url: str, events: list[str]) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ServiceError(_("Use an http:// or https:// address."), field="url")
    if not settings.WEBHOOKS_ALLOW_PRIVATE and _names_a_private_host(parts.hostname or ""):
        raise ServiceError(
            _("Use an address on the internet; calls into private networks are not allowed."),
            field="url",
        )
    unknown = set(events) - {key for key, _label in event_choices()}
    if not events or unknown:
        raise ServiceError(_("Choose at least one event."), field="events")


@transaction.atomic
def subscribe(owner, *, url: str, events: list[str], description: str = "") -> Subscription:
    """Subscribe ``url`` to ``events``; a client administrator's hears only of their client."""
    _check(url, events)
    client = None
    if owner.role == Role.CLIENT_ADMIN:
        client = client_administered_by(owner)
        if client is None:
            raise ServiceError(_("Your account belongs to no client."))
    return Subscription.objects.create(
        owner=owner,
        client=client,
        url=url,
        events=sorted(events),
        description=description,
        secret=secrets.token_hex(32),
    )


@transaction.atomic
def update_subscription(
    subscription: Subscription, *, url: str, events: list[str], description: str, is_active: bool
) -> Subscription:
    """Change a subscription's address, events, description or pause; same checks as subscribing."""
    _check(url, events)
    subscription.url, subscription.events = url, sorted(events)
    subscription.description, subscription.is_active = description, is_active
    subscription.save(update_fields=["url", "events", "description", "is_active"])
    return subscription


@transaction.atomic
def rotate_secret(subscription: Subscription) -> Subscription:
    """A new secret signs from now on; the old one also signs for a day, then stops."""
    subscription.previous_secret = subscription.secret
    subscription.previous_secret_until = timezone.now() + ROTATION_GRACE
    subscription.secret = secrets.token_hex(32)
    subscription.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
    return subscription


def delete_subscription(subscription: Subscription) -> None:
    """Delete a subscription with its call log; nothing more goes to it."""
    subscription.delete()


def _payload(event_id: str, event: str, target, params: dict) -> dict:
    target_info = None
    if target is not None:
        target_info = {
            "type": ContentType.objects.get_for_model(target).model,
            "id": target.pk,
        }
    return {
        "id": event_id,
        "type": event,
        "created_at": timezone.now().isoformat(),
        "object": target_info,
        "data": params,
    }


def _queue(subscription: Subscription, event: str, event_id: str, payload: dict) -> None:
    call, created = Call.objects.get_or_create(
        subscription=subscription,
        event_id=event_id,
        defaults={"event": event, "payload": payload, "next_attempt_at": timezone.now()},
    )
    if created:
        transaction.on_commit(lambda: enqueue_call(call.pk))


def on_event(event: Event) -> None:
    """Webhooks' subscription to every published event: ``emit`` the ones marked ``webhook``."""
    emit(event.type, target=event.target, params=event.params, key=event.key)


def emit(event_type, *, target, params: dict, key: str) -> None:
    """Queue a call to every active subscription of ``event_type`` that may see ``target``.

    A subscription hears an event only while its owner's account is in use
    and the owner may see the target (the event type's access function).
    """
    if not event_type.webhook:
        return
    # The secrets are not read here: a secret no key opens stops only its own
    # calls (send_call logs why), never the action that caused the event.
    subscriptions = (
        Subscription.objects.filter(is_active=True)
        .select_related("owner__membership__client")
        .defer("secret", "previous_secret")
    )
    for subscription in subscriptions:
        # A deactivated client's subscriptions stop with its people's accounts.
        if event_type.key not in subscription.events or not account_in_use(subscription.owner):
            continue
        if not event_type.lets_see(subscription.owner, target):
            continue
        _queue(subscription, event_type.key, key, _payload(key, event_type.key, target, params))


@transaction.atomic
def ping(subscription: Subscription) -> None:
    """A test call, to check the receiver and its signature check."""
    event_id = f"ping:{uuid.uuid4().hex}"
    _queue(subscription, PING, event_id, _payload(event_id, PING, None, {}))


@transaction.atomic
def send_again(call: Call, *, by) -> None:
    """A failed call gets a fresh window of attempts, starting now.

    Refused (``InvalidState``, naming its state) for a call that is waiting,
    being made or delivered.
    """
    retries.send_again(CALLS, call, by=by)
    transaction.on_commit(lambda: enqueue_call(call.pk))


def _names_a_private_host(host: str) -> bool:
    """An early, friendly refusal for the obvious cases (an IP literal, localhost).

    It is no protection: a name can change its address later. The protection
    is the check at connect time (webhooks/delivery.py).
    """
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return delivery.why_not_public(host) is not None
