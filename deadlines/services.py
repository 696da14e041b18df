"""Setting, moving, cancelling and firing deadlines."""

import logging
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from deadlines.models import Deadline
from deadlines.registry import handler_for

logger = logging.getLogger(__name__)
BATCH = 500


def _of(target: Model, kind: str):
    return Deadline.objects.filter(
        kind=kind, target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    )


def watch(target: Model, kind: str, due_at: datetime) -> Deadline:
    """Set (or move) the ``kind`` deadline of ``target``; a moved deadline can pass again."""
    deadline, _created = Deadline.objects.update_or_create(
        kind=kind,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        defaults={"due_at": due_at, "fired_at": None},
    )
    return deadline


def cancel(target: Model, kind: str) -> None:
    """The thing happened in time: the deadline no longer matters."""
    _of(target, kind).delete()


def fire_due(now: datetime | None = None) -> int:
    """Act on every deadline that has passed, once each; returns how many fired.

    Each is claimed by a conditional update in its own transaction, so two
    sweeps at once (two consumers, a slow minute) fire it once, and a
    handler that fails leaves it for the next sweep.
    """
    now = now or timezone.now()
    fired = 0
    # Uses index deadlines_open.
    due = Deadline.objects.filter(fired_at__isnull=True, due_at__lte=now).order_by("due_at")
    for pk in list(due.values_list("pk", flat=True)[:BATCH]):
        try:
            with transaction.atomic():
                if not Deadline.objects.filter(pk=pk, fired_at__isnull=True).update(fired_at=now):
                    continue
                deadline = Deadline.objects.select_related("target_type").get(pk=pk)
                target = deadline.target
                if target is not None:
                    handler_for(deadline.kind)(target, deadline)
                fired += 1
        except Exception:
            logger.exception("Deadline %s could not be handled; trying again next sweep", pk)
    return fired
