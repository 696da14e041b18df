"""Making one webhook call, signed, and logging the attempt (the worker's side)."""

import json
import logging
import time

from django.utils import timezone

from common import retries
from webhooks import delivery, encryption, signing
from webhooks.models import Attempt, Call, Subscription
from webhooks.states import CALLS

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10


def _signing_secrets(subscription: Subscription) -> list[str]:
    keys = [subscription.secret]
    until = subscription.previous_secret_until
    if subscription.previous_secret and until and until > timezone.now():
        keys.append(subscription.previous_secret)
    return keys


def send_call(call_id: int) -> str | None:
    """Make one webhook call if it is due and nobody else is making it; log the attempt.

    The receiver's address is checked as the call connects (delivery.post). A
    secret that does not decrypt stops the call with the reason logged, on
    the call and in the error log: it is never sent unsigned or signed wrong.
    """
    if not retries.claim(CALLS, call_id):
        return None
    call = Call.objects.get(pk=call_id)
    try:
        subscription = Subscription.objects.get(pk=call.subscription_id)
    except encryption.WrongSecretKey as wrong_key:
        logger.error("Webhook call %s not made: %s", call.pk, wrong_key)
        Attempt.objects.create(call=call, duration_ms=0, error=str(wrong_key)[:500])
        return retries.failed(CALLS, call, str(wrong_key), permanent=False)
    if not subscription.is_active:
        return retries.finish(CALLS, call.pk, "fail", "The subscription is paused.")
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
        return retries.finish(CALLS, call.pk, "deliver")
    return retries.failed(CALLS, call, error or f"HTTP {status_code}", permanent=False)


def due_calls() -> list[int]:
    """The calls whose retry is due, after handing back claims of dead workers."""
    # Uses index webhook_calls_due.
    return retries.due(CALLS)
