"""The inspection and corrective action filters, shared by the staff pages and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clients.access import clients_visible_to, sites_visible_to
from quality import access
from quality.models import CorrectiveAction, Inspection


# The choices are the caller's: without a request (the API schema) there is
# none, and the access functions give nobody anything.
def _user(request):
    return getattr(request, "user", None)


def _clients(request):
    return clients_visible_to(_user(request))


def _sites(request):
    return sites_visible_to(_user(request)).select_related("client")


def _inspectors(request):
    return User.objects.filter(
        pk__in=access.inspections_visible_to(_user(request)).values("inspector")
    ).order_by("full_name")


class DateInput(forms.DateInput):
    input_type = "date"


class InspectionFilter(django_filters.FilterSet):
    client = django_filters.ModelChoiceFilter(
        label=_("Client"), field_name="site__client", queryset=_clients
    )
    site = django_filters.ModelChoiceFilter(label=_("Site"), queryset=_sites)
    inspector = django_filters.ModelChoiceFilter(label=_("Inspector"), queryset=_inspectors)
    published_from = django_filters.DateFilter(
        label=_("From"), field_name="published_at", lookup_expr="date__gte", widget=DateInput
    )
    published_to = django_filters.DateFilter(
        label=_("To"), field_name="published_at", lookup_expr="date__lte", widget=DateInput
    )
    index_below = django_filters.NumberFilter(
        label=_("Index below (%)"),
        field_name="quality_index",
        lookup_expr="lt",
        min_value=0,
        max_value=100,
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Inspection.Status.choices)

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
    client = django_filters.ModelChoiceFilter(
        label=_("Client"), field_name="site__client", queryset=_clients
    )
    site = django_filters.ModelChoiceFilter(label=_("Site"), queryset=_sites)
    mine = django_filters.BooleanFilter(
        label=_("Only mine"), method="by_owner", widget=forms.CheckboxInput
    )

    class Meta:
        model = CorrectiveAction
        fields = ["status", "client", "site", "mine"]

    def by_status(self, queryset, name, value):
        if value == self.CURRENT:
            return queryset.exclude(status=CorrectiveAction.Status.VERIFIED)
        return queryset.filter(status=value)

    def by_owner(self, queryset, name, value):
        return queryset.filter(owner=self.request.user) if value else queryset
