"""Load what a page of records shows of other tables, once for the page.

For children of each record (an action's photos): ``prefetch_related``
builds a queryset per record to hold them, a millisecond per page of 50.
Several foreign keys to one table (an action's owner, solver and checker) are
``api.fields.load_contacts``': joined into the page's query they cost
PostgreSQL more to plan than to run (three joins of the users table: 7 ms of
planning for a 1 ms query at 20,000 sites).
"""

from collections import defaultdict

from django.db.models import Model, QuerySet


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
