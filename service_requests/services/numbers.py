"""Service numbers people read over the phone: ``CD-2026-000123``.

Unique, and without gaps within a year even when many requests are made at
once: the year's counter row is locked while a request takes the next
number, in the transaction that saves the request, so a request that fails
to save gives its number back with everything else.
"""

from django.db import transaction
from django.db.models import F

from service_requests.models import YearCounter

PREFIX = "CD"


def format_number(year: int, sequence: int) -> str:
    """The number as people read it: prefix, year, six digits (more past 999,999)."""
    return f"{PREFIX}-{year}-{sequence:06d}"


def take_next(year: int) -> int:
    """The next number of ``year``, counted from 1.

    Must be called inside the transaction that saves the request: the
    counter's row stays locked until it ends, so the next request of the
    year waits for this one to be saved or given up.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A service number is taken in the transaction that saves its request.")
    # The first request of a year makes the row; two at once both try, one
    # waits on the other's insert and then finds the row (get_or_create's
    # savepoint absorbs its failed insert).
    YearCounter.objects.get_or_create(year=year)
    # One statement that locks the row and counts on: no read-then-write race.
    YearCounter.objects.filter(year=year).update(last=F("last") + 1)
    return YearCounter.objects.values_list("last", flat=True).get(year=year)
