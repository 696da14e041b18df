"""Deleting old records a batch at a time, the way every retention job does it.

Each app keeps its own rule of what is old and finished (``*/retention.py``,
``api/idempotency.py``) and its own nightly job in its ``tasks.py``; this is
only the deleting, in short transactions so a big table stays usable.
"""

from django.db import transaction
from django.db.models import QuerySet

BATCH_SIZE = 500


def delete_in_batches(queryset: QuerySet, *, batch_size: int = BATCH_SIZE) -> int:
    """Delete what ``queryset`` selects, ``batch_size`` rows at a time; return how many.

    Each batch deletes through the queryset again, so its conditions are
    checked as the rows go: a row that changed since it was listed (sent
    again, still being retried) is kept. Two jobs running at once delete each
    row once, and a job stopped half-way leaves nothing half-done.
    """
    label = queryset.model._meta.label
    total = 0
    while True:
        with transaction.atomic():
            pks = list(queryset.order_by().values_list("pk", flat=True)[:batch_size])
            if not pks:
                return total
            total += queryset.filter(pk__in=pks).delete()[1].get(label, 0)
