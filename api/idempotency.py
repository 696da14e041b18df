"""``Idempotency-Key`` on POST: a retried create returns the first answer and creates nothing.

The first request with a key claims it (a unique row per user and key); its
answer is stored when it is sent. A retry with the same key and the same
body gets that answer again, marked ``Idempotent-Replayed: true``; the same
key with another body is refused, and so is a retry that arrives while the
first is still running. A server error frees the key, so the retry can run.
"""

import hashlib
import json
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.response import Response

from api.errors import Conflict, Replay
from api.models import IdempotencyRecord
from common.retention import delete_in_batches

HEADER = "Idempotency-Key"


def _fingerprint(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def claim(request):
    """Called before a POST runs: replays, refuses, or claims the key (returns the row)."""
    key = request.headers.get(HEADER, "").strip()
    if request.method != "POST" or not key:
        return None
    if len(key) > 255:
        raise Conflict(_("An Idempotency-Key has at most 255 characters."))
    fingerprint = _fingerprint(request)
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(
                user=request.user, key=key, fingerprint=fingerprint
            )
    except IntegrityError:
        pass
    first = IdempotencyRecord.objects.get(user=request.user, key=key)
    if first.fingerprint != fingerprint:
        raise Conflict(_("This Idempotency-Key was used for another request."))
    if first.status_code is None:
        raise Conflict(_("The first request with this Idempotency-Key is still running."))
    response = Response(first.body, status=first.status_code)
    response["Idempotent-Replayed"] = "true"
    if first.location:
        response["Location"] = first.location
    raise Replay(response)


def remember(record: IdempotencyRecord | None, response) -> None:
    if record is None:
        return
    if response.status_code >= 500:
        record.delete()
        return
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        status_code=response.status_code,
        body=getattr(response, "data", None),
        location=response.get("Location", ""),
    )


def forget_old(now: datetime | None = None) -> int:
    """Delete answers kept longer than IDEMPOTENCY_RETENTION_HOURS; return how many.

    A retry after that runs as a new request. A key still without an answer
    that old belongs to a request that died, not to one still running.
    """
    hours = settings.IDEMPOTENCY_RETENTION_HOURS
    cutoff = (now or timezone.now()) - timedelta(hours=hours)
    # Uses the index on created_at.
    return delete_in_batches(IdempotencyRecord.objects.filter(created_at__lt=cutoff))
