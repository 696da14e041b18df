"""The inspection and corrective action filters, shared by the staff pages and the API."""

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.access import clients_visible_to, sites_visible_to
from common.pickers import PickerFilter, PickerWidget
from quality import queries
from quality.models import CorrectiveAction, Inspection


# The choices are the caller's: without a request (the API schema) there is
# none, and the access functions give nobody anything.
def _user(request):
    return getattr(request, "user", None)


def _clients(request):
    return clients_visible_to(_user(request))


def _sites(request):
    return sites_visible_to(_user(request))


def _inspectors(request):
    return queries.inspectors(_user(request))


# Pickers, not selects: a select of every site is a megabyte at 20,000 sites.
def _client_filter():
    return PickerFilter(
        label=_("Client"),
        field_name="client",
        queryset=_clients,
        widget=PickerWidget("clients"),
    )


def _site_filter():
    return PickerFilter(label=_("Site"), queryset=_sites, widget=PickerWidget("sites"))


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class DateInput(forms.DateInput):
    input_type = "date"


class InspectionFilter(django_filters.FilterSet):
    client = _client_filter()
    site = _site_filter()
    inspector = PickerFilter(
        label=_("Inspector"), queryset=_inspectors, widget=PickerWidget("inspectors")
    )
    published_from = django_filters.DateFilter(
        label=_("From"), method="published_since", widget=DateInput
    )
    published_to = django_filters.DateFilter(
        label=_("To"), method="published_until", widget=DateInput
    )
    index_below = django_filters.NumberFilter(
        label=_("Index below (%)"),
        field_name="quality_index",
        lookup_expr="lt",
        min_value=0,
        max_value=100,
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Inspection.Status.choices)

    # A range of the stored time, from local midnight to local midnight, which the
    # index on published_at answers; "published_at::date >= …" read every row.
    # The calendar's first and last days bound nothing (and would not fit a
    # time zone's shift). The same range of listed_at, the list's order, is
    # the same rows (a published inspection is listed at its publication) and
    # lets the list's index start at the period instead of reading every
    # inspection published since.
    def published_since(self, queryset, name, value):
        if value <= date.min + timedelta(days=1):
            return queryset
        start = _midnight(value)
        return queryset.filter(published_at__gte=start, listed_at__gte=start)

    def published_until(self, queryset, name, value):
        if value >= date.max - timedelta(days=1):
            return queryset
        end = _midnight(value + timedelta(days=1))
        return queryset.filter(published_at__lt=end, listed_at__lt=end)

    class Meta:
        model = Inspection
        fields = [
            "client",
            "site",
            "inspector",
            "published_from",
            "published_to",
            "index_below",
            "status",
        ]


class ActionFilter(django_filters.FilterSet):
    CURRENT = "current"

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(CURRENT, _("Open or awaiting check")), *CorrectiveAction.Status.choices],
        method="by_status",
        empty_label=_("All"),
    )
    client = _client_filter()
    site = _site_filter()
    mine = django_filters.BooleanFilter(
        label=_("Only mine"), method="by_owner", widget=forms.CheckboxInput
    )

    class Meta:
        model = CorrectiveAction
        fields = ["status", "client", "site", "mine"]

    def by_status(self, queryset, name, value):
        if value == self.CURRENT:
            Status = CorrectiveAction.Status
            return queryset.filter(status__in=[Status.OPEN, Status.SOLVED])
        return queryset.filter(status=value)

    def by_owner(self, queryset, name, value):
        return queryset.filter(owner=self.request.user) if value else queryset
