"""Query parameters of the API's lists: every value is checked, none is quietly ignored.

Two rules hold for every list, whatever FilterSet its app declares:

- A filter naming a record (``?site=12``) takes a plain id and only narrows the
  records the caller may see. It never asks whether record 12 exists, so
  another client's record and a missing one give the same answer and ids
  cannot be probed.
- A yes/no filter takes ``true``/``false`` (or ``1``/``0``); anything else is a
  400 naming the parameter, where django-filter would ignore it (or read
  ``maybe`` as yes).
"""

import copy
from functools import cache

import django_filters
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters
from rest_framework.exceptions import ValidationError

from common.validators import single_line

# The largest id PostgreSQL and SQLite store; a larger number names no record.
MAX_ID = 2**63 - 1

TRUE_VALUES = ("true", "1")
FALSE_VALUES = ("false", "0")


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.Filter):
    field_class = IdField


class StrictBooleanField(forms.Field):
    default_error_messages = {"invalid": gettext_lazy("Give true or false.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().lower()
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        """None (not given) is allowed: the filter is then not applied."""


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


def flag(request, name: str) -> bool:
    """A yes/no query parameter outside a FilterSet, checked like the FilterSets' own."""
    try:
        return bool(StrictBooleanField(required=False).clean(request.query_params.get(name)))
    except forms.ValidationError as error:
        raise ValidationError({name: error.messages}) from None


SEARCH_MAX_LENGTH = 200


def search_text(request, name: str = "q") -> str:
    """A free-text search parameter: at most SEARCH_MAX_LENGTH characters, no control
    characters (PostgreSQL refuses a NUL in a query, which was a server error)."""
    text = request.query_params.get(name, "").strip()
    if len(text) > SEARCH_MAX_LENGTH:
        message = _("Search with at most %(count)s characters.") % {"count": SEARCH_MAX_LENGTH}
        raise ValidationError({name: [message]})
    try:
        single_line(text)
    except DjangoValidationError as error:
        raise ValidationError({name: error.messages}) from None
    return text


def _strict(filter_):
    if isinstance(
        filter_, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter
    ):
        if filter_.method is not None or isinstance(
            filter_, django_filters.ModelMultipleChoiceFilter
        ):
            raise TypeError(f"{filter_!r}: the API filters one record by its id, without a method.")
        return IdFilter(
            field_name=filter_.field_name,
            label=filter_.label,
            help_text=filter_.extra.get("help_text"),
        )
    if isinstance(filter_, django_filters.BooleanFilter):
        return StrictBooleanFilter(
            field_name=filter_.field_name,
            lookup_expr=filter_.lookup_expr,
            method=filter_.method,
            label=filter_.label,
            exclude=filter_.exclude,
        )
    return copy.deepcopy(filter_)


@cache
def api_filterset(filterset_class):
    """The FilterSet with its record and yes/no filters made strict (see above)."""
    strict = type(filterset_class.__name__, (filterset_class,), {})
    strict.base_filters = {
        name: _strict(filter_) for name, filter_ in filterset_class.base_filters.items()
    }
    return strict


class FilterBackend(DjangoFilterBackend):
    def get_filterset_class(self, view, queryset=None):
        if getattr(view, "filterset_class", None) is None:
            if not getattr(view, "filterset_fields", None) or queryset is None:
                return None
            # django-filter builds this class anew for each request; build it once.
            return _from_fields(type(view), queryset.model)
        return api_filterset(super().get_filterset_class(view, queryset))


@cache
def _from_fields(view_class, model):
    return api_filterset(
        DjangoFilterBackend().get_filterset_class(view_class, model.objects.none())
    )


class OrderingFilter(filters.OrderingFilter):
    """``?ordering=`` takes only the view's ``ordering_fields`` (``-`` for descending)."""

    def get_ordering(self, request, queryset, view):
        given = request.query_params.get(self.ordering_param, "")
        if not given.strip():
            return self.get_default_ordering(view)
        allowed = self._allowed(view)
        terms = [term.strip() for term in given.split(",")]
        if any(term.removeprefix("-") not in allowed for term in terms):
            if allowed:
                message = _("Order by one of: %(fields)s; put - before one to reverse it.") % {
                    "fields": ", ".join(allowed)
                }
            else:
                message = _("This list has one fixed order.")
            raise ValidationError({self.ordering_param: [message]})
        return terms

    @staticmethod
    def _allowed(view) -> list[str]:
        return list(getattr(view, "ordering_fields", None) or [])

    def get_schema_operation_parameters(self, view):
        allowed = self._allowed(view)
        if not allowed:
            return []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": _("Order by this field; put - before it to reverse the order."),
                "schema": {
                    "type": "string",
                    "enum": [f"{sign}{name}" for name in allowed for sign in ("", "-")],
                },
            }
        ]
