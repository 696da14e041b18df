"""Keyset pagination: a page of a list costs its own rows, never the whole list.

A page number makes the database count every matching row and skip every row
before the page; at 300,000 inspections that is most of a page's time. A
keyset page instead remembers where the last page ended (the sort values of
its last row, in the ``after`` parameter) and asks for the rows past it, which
an index on the ordering answers directly however deep the page is.

The ordering must end in a unique field (``pk``) and its fields must not be
NULL (order by a ``Coalesce`` annotation where a column can be). Give the
ordering an index (``models.Index`` over the same fields) so a page is one
index range.

The count shown above a list is bounded: counting stops at ``COUNT_LIMIT``,
so "1,000+ inspections" costs the same as "12 inspections". It counts the
filtered queryset's keys only: what showing a row needs (``select_related``,
annotations, prefetches) goes in ``rows``, applied to the page's rows alone;
an annotation's joins would otherwise be made for every counted row too.
"""

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

PAGE_SIZE = 25
COUNT_LIMIT = 1000
MAX_CURSOR = 500


@dataclass(frozen=True)
class Order:
    field: str
    descending: bool

    @classmethod
    def parse(cls, spec: str) -> "Order":
        return cls(spec.lstrip("-"), spec.startswith("-"))

    def expression(self, *, reverse: bool = False) -> str:
        descending = self.descending != reverse
        return f"-{self.field}" if descending else self.field


@dataclass
class KeysetPage:
    """The rows of one page, the cursors to its neighbours and a bounded count."""

    rows: list[Any]
    next_cursor: str | None
    previous_cursor: str | None
    count: int
    count_limit: int
    is_first: bool
    prefix: str = ""

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def object_list(self) -> list[Any]:
        return self.rows

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def count_is_exact(self) -> bool:
        return self.count <= self.count_limit


def _encode_value(value) -> list:
    if isinstance(value, datetime):
        return ["t", value.isoformat()]
    if isinstance(value, date):
        return ["d", value.isoformat()]
    if isinstance(value, bool | int | str):
        return ["v", value]
    raise TypeError(f"A keyset ordering value must be a date, number or text, not {value!r}.")


def _decode_value(item) -> Any:
    kind, raw = item
    value: Any = None
    if kind == "t":
        value = parse_datetime(raw)
        if value is not None and timezone.is_naive(value):
            raise ValueError("a cursor's time carries its offset")
    elif kind == "d":
        value = parse_date(raw)
    elif kind == "v" and isinstance(raw, bool | int | str):
        if isinstance(raw, str) and "\x00" in raw:
            raise ValueError("PostgreSQL refuses NUL in text")
        value = raw
    if value is None:
        raise ValueError("bad cursor value")
    return value


def encode_cursor(values: list) -> str:
    raw = json.dumps([_encode_value(value) for value in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, length: int) -> list | None:
    """The sort values in ``cursor``, or None when it is missing or not one of ours.

    A cursor is only a position in a list the caller may already see: a forged
    one shows another slice of the same access-scoped rows, nothing more.
    """
    if not cursor or len(cursor) > MAX_CURSOR:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        items = json.loads(raw)
        if not isinstance(items, list) or len(items) != length:
            return None
        return [_decode_value(item) for item in items]
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        return None


def _beyond(orders: list[Order], values: list, *, backwards: bool) -> Q:
    """Rows after ``values`` in the ordering (before them when ``backwards``).

    The leading field's bound comes first on its own, so the database reads
    the ordering's index from the cursor on instead of filtering from its start.
    """
    lead = orders[0]
    bound = "lte" if lead.descending != backwards else "gte"
    condition = Q()
    for index, order in enumerate(orders):
        later = "lt" if order.descending != backwards else "gt"
        step = Q(**{f"{order.field}__{later}": values[index]})
        for earlier, value in zip(orders[:index], values[:index], strict=True):
            step &= Q(**{earlier.field: value})
        condition |= step
    return Q(**{f"{lead.field}__{bound}": values[0]}) & condition


def _position(row, orders: list[Order]) -> str:
    return encode_cursor([getattr(row, order.field) for order in orders])


def bounded_counts(querysets: dict[str, QuerySet], limit: int = COUNT_LIMIT) -> dict[str, int]:
    """How many rows each queryset has, counted up to ``limit + 1``, in one query.

    For the tabs of a list ("Failed 12 · Sent 1000+"): one bounded count per
    tab, sent to the database together rather than one round trip each.
    """
    if not querysets:
        return {}
    parts: list[str] = []
    params: list[Any] = []
    for index, queryset in enumerate(querysets.values()):
        sql, part_params = queryset.order_by().values("pk")[: limit + 1].query.sql_with_params()
        # The ORM's own SQL, its values kept apart as parameters.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted_{index})")  # noqa: S608
        params.extend(part_params)
    first = next(iter(querysets.values()))
    with connections[first.db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(querysets, row, strict=True))


class _FirstPage:
    GET: dict = {}


def keyset_page(
    request,
    queryset: QuerySet,
    ordering: tuple[str, ...],
    per_page: int = PAGE_SIZE,
    count_limit: int = COUNT_LIMIT,
    prefix: str = "",
    rows: Callable[[QuerySet], QuerySet] | None = None,
    loaded: Callable[[list], object] | None = None,
    count: int | None = None,
) -> KeysetPage:
    """One page of ``queryset`` in ``ordering``, from the request's ``after`` or ``before``.

    Two queries whatever the list's size: the bounded count and the page's
    rows (plus whatever ``queryset`` prefetches; two more when "previous"
    reaches the start and the first page is shown whole). Two lists on one
    page each take a ``prefix`` for their parameters (``sites_after``). A
    cursor that does not fit the ordering's fields gives the first page.
    ``rows`` adds to the page's query what showing its rows needs (joins,
    annotations); the count runs without it. ``loaded`` is then given the
    page's rows, to read what they show of other tables in one query of its
    own (``common.related``), where a prefetch would make an instance of each.
    A ``count`` the page already knows (a tab's, from ``bounded_counts`` with
    the same ``count_limit``) is shown instead of counting again.
    """
    shown = rows or _as_is
    try:
        page = _page(request, queryset, ordering, per_page, count_limit, prefix, shown, count)
    except (ValidationError, ValueError, TypeError, OverflowError):
        # A forged cursor: "abc" for a date, a word for an id.
        page = _page(_FirstPage(), queryset, ordering, per_page, count_limit, prefix, shown, count)
    if loaded is not None:
        loaded(page.rows)
    return page


def _as_is(queryset: QuerySet) -> QuerySet:
    return queryset


def _page(
    request, queryset, ordering, per_page, count_limit, prefix, shown, known_count=None
) -> KeysetPage:
    orders = [Order.parse(spec) for spec in ordering]
    after = decode_cursor(request.GET.get(prefix + "after"), len(orders))
    before = None if after else decode_cursor(request.GET.get(prefix + "before"), len(orders))
    # Only the keys: the joins and annotations the rows need would be done for
    # every counted row too.
    if known_count is not None:
        count = known_count
    else:
        count = queryset.order_by().values("pk")[: count_limit + 1].count()
    keys, queryset = queryset, shown(queryset)

    if before is not None:
        backwards = [order.expression(reverse=True) for order in orders]
        rows = list(
            queryset.filter(_beyond(orders, before, backwards=True)).order_by(*backwards)[
                : per_page + 1
            ]
        )
        has_previous = len(rows) > per_page
        rows = list(reversed(rows[:per_page]))
        has_next = True
        if not has_previous:
            # Back at the start: show a full first page, not the few rows left.
            return _page(_FirstPage(), keys, ordering, per_page, count_limit, prefix, shown, count)
    else:
        forwards = [order.expression() for order in orders]
        if after is not None:
            queryset = queryset.filter(_beyond(orders, after, backwards=False))
        rows = list(queryset.order_by(*forwards)[: per_page + 1])
        has_next = len(rows) > per_page
        rows = rows[:per_page]
        has_previous = after is not None
    return KeysetPage(
        rows=rows,
        next_cursor=_position(rows[-1], orders) if has_next and rows else None,
        previous_cursor=_position(rows[0], orders) if has_previous and rows else None,
        count=count,
        count_limit=count_limit,
        is_first=not has_previous,
        prefix=prefix,
    )
