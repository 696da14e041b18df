"""Load what a page of records shows of other tables, once for the page.

For the cases ``select_related`` and ``prefetch_related`` make costly:

- several foreign keys to one table (an action's owner, solver and checker):
  joined into the page's query they cost PostgreSQL more to plan than to
  run (three joins of the users table: 7 ms of planning for a 1 ms query at
  20,000 sites), and ``prefetch_related`` makes a query for each key;
- children of each record (an action's photos): ``prefetch_related`` builds
  a queryset per record to hold them, a millisecond per page of 50.
"""

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Model, QuerySet


def load_foreign_keys[T: Model](
    rows: list[T], fields: Sequence[str], queryset: QuerySet
) -> list[T]:
    """Set the foreign keys ``fields`` of every row from one query of ``queryset``.

    The keys must all point at ``queryset``'s model; a key that is empty, or
    names a record ``queryset`` does not hold, is left as it was.
    """
    ids = {getattr(row, f"{field}_id") for row in rows for field in fields} - {None}
    found = queryset.in_bulk(ids) if ids else {}
    for row in rows:
        for field in fields:
            related = found.get(getattr(row, f"{field}_id"))
            if related is not None:
                setattr(row, field, related)
    return rows


def load_children[T: Model](
    rows: list[T], attribute: str, queryset: QuerySet, parent_field: str
) -> list[T]:
    """Set ``attribute`` of every row to the list of its children in ``queryset``
    (those whose ``parent_field`` is the row), from one query."""
    children = defaultdict(list)
    if rows:
        for child in queryset.filter(**{f"{parent_field}__in": [row.pk for row in rows]}):
            children[getattr(child, f"{parent_field}_id")].append(child)
    for row in rows:
        setattr(row, attribute, children.get(row.pk, []))
    return rows
