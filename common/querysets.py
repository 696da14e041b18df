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


def with_columns_of(queryset: QuerySet, *columns: str) -> QuerySet:
    """``queryset``'s rows whole, joined in the same query to their related
    records, of which only ``columns`` are read ("site__client__name").

    What a list row shows of a person is a name, not a password hash and
    fifteen more columns: each column read is a value converted and set on
    an instance, in every row of the page. Replaces an earlier ``only()``.
    """
    relations = {column.rsplit("__", 1)[0] for column in columns}
    own = (field.name for field in queryset.model._meta.concrete_fields)
    return queryset.select_related(*relations).only(*own, *columns)
