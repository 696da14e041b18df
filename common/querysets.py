"""What a queryset says about itself, so that a question it answers needs no query."""

from django.db.models import QuerySet


def unrestricted(queryset: QuerySet) -> bool:
    """Whether ``queryset`` is every row of its table: it has no condition at all.

    An access queryset is so for those who see or may do everything (the
    administrator's sites): "is this record one of them" is then yes for any
    record that exists, without asking the database. ``none()`` is a condition,
    and so are a slice and a union, intersection or difference.
    """
    query = queryset.query
    return not query.where and not query.is_sliced and not query.combinator
