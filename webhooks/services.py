"""Webhooks: subscribing, emitting events to subscribers, and calling them, signed.

Every event that ``notifications.services.notify`` reports and whose type is
marked ``webhook=True`` becomes one call per interested subscription. Calls
go out from jobs, retried with growing delays (common.retries) and logged
with the answer's status and response time.
"""

import ipaddress
import json
import logging
import secrets
import time
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
from clients.access import client_of
from common import retries
from common.errors import ServiceError
from notifications import registry
from webhooks import delivery, encryption, signing
from webhooks.models import Attempt, Call, Subscription

logger = logging.getLogger(__name__)
PING = "ping"
ROTATION_GRACE = timedelta(hours=24)
TIMEOUT_SECONDS = 10


def event_choices() -> list[tuple[str, str]]:
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
        client = client_of(owner)
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
        from webhooks.tasks import enqueue_call

        transaction.on_commit(lambda: enqueue_call(call.pk))


def emit(event_type, *, target, params: dict, key: str) -> None:
    """Queue a call to every active subscription of ``event_type`` that may see ``target``."""
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


def send_again(call: Call) -> None:
    if retries.send_again(Call, call.pk):
        from webhooks.tasks import enqueue_call

        transaction.on_commit(lambda: enqueue_call(call.pk))


def _signing_secrets(subscription: Subscription) -> list[str]:
    keys = [subscription.secret]
    until = subscription.previous_secret_until
    if subscription.previous_secret and until and until > timezone.now():
        keys.append(subscription.previous_secret)
    return keys


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


def send_call(call_id: int) -> str | None:
    """Make one webhook call if it is due and nobody else is making it; log the attempt.

    The receiver's address is checked as the call connects (delivery.post). A
    secret that does not decrypt stops the call with the reason logged, on
    the call and in the error log: it is never sent unsigned or signed wrong.
    """
    if not retries.claim(Call, call_id):
        return None
    call = Call.objects.get(pk=call_id)
    try:
        subscription = Subscription.objects.get(pk=call.subscription_id)
    except encryption.WrongSecretKey as wrong_key:
        logger.error("Webhook call %s not made: %s", call.pk, wrong_key)
        Attempt.objects.create(call=call, duration_ms=0, error=str(wrong_key)[:500])
        return retries.failed(Call, call, str(wrong_key), permanent=False)
    if not subscription.is_active:
        return retries.finish(Call, call.pk, Call.Status.FAILED, "The subscription is paused.")
    body = json.dumps(call.payload, ensure_ascii=False).encode()
    now = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "Clientdesk-Event": call.event,
        "Clientdesk-Event-Id": call.event_id,
        signing.HEADER: signing.header(_signing_secrets(subscription), now, body),
    }
    started = time.monotonic()
    status_code, error = None, ""
    try:
        status_code = delivery.post(subscription.url, body, headers, timeout=TIMEOUT_SECONDS).status
    except (OSError, ValueError) as failure:
        error = str(failure) or type(failure).__name__
    if status_code is not None and not 200 <= status_code < 300:
        error = f"HTTP {status_code}"
        if 300 <= status_code < 400:
            error += " (redirects are not followed; subscribe the final address)"
    duration = int((time.monotonic() - started) * 1000)
    Attempt.objects.create(
        call=call, status_code=status_code, duration_ms=duration, error=error[:500]
    )
    if status_code is not None and 200 <= status_code < 300:
        return retries.finish(Call, call.pk, Call.Status.SENT)
    return retries.failed(Call, call, error or f"HTTP {status_code}", permanent=False)


def due_calls() -> list[int]:
    # Uses index webhook_calls_due.
    return retries.due(Call)
