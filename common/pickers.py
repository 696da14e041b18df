"""Search-as-you-type pickers: find one record among thousands by typing a few letters.

A ``<select>`` of every site is 20,000 options, a megabyte of HTML on every
page that filters by site. A picker field renders only the chosen record; as
the person types, ``options`` answers with the first matches from the
records they may pick (the app's ``capabilities.Picker`` names them), and
``static/clientdesk/picker.js`` shows them as an ARIA combobox.

The form field stays a ``ModelChoiceField`` over the same access-scoped
queryset, so a typed-in or forged id is validated as before: one query, and
the record it finds is the one the picker shows (``PickerFilter``).
"""

import django_filters
from django import forms
from django.contrib.auth.decorators import login_required
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from common import capabilities
from common.views import MAX_SEARCH, search_text

MAX_OPTIONS = 20


def _detail(record, path: str) -> str:
    value = record
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return ""
    return str(value)


def matches(user, name: str, text: str) -> list[tuple[object, str, str]]:
    """The first records of picker ``name`` that ``user`` may pick and whose words hold ``text``.

    Every word typed must match one of the picker's search lookups, so
    "rimi tartu" finds the Tartu store of Rimi. Each match is (pk, label, detail).
    """
    picker = capabilities.picker(name)
    if picker is None:
        raise Http404
    records = import_string(picker.records)(user)
    for word in text.split()[:5]:
        condition = Q()
        for lookup in picker.search:
            condition |= Q(**{lookup: word})
        records = records.filter(condition)
    related = picker.detail.rsplit(".", 1)[0].replace(".", "__") if "." in picker.detail else None
    if related:
        records = records.select_related(related)
    found = records.order_by(*picker.ordering)[:MAX_OPTIONS]
    return [(record.pk, str(record), _detail(record, picker.detail)) for record in found]


@require_GET
@login_required
def options(request, name):
    """The picker's matches for the typed ``q``, as the options of its list box."""
    text = search_text(request)
    return render(
        request,
        "common/_picker_options.html",
        {"options": matches(request.user, name, text), "name": name},
    )


class PickerWidget(forms.Widget):
    """The chosen record's name in a text box that searches as one types; the pk in a hidden input.

    Used on a ``ModelChoiceField`` (or django-filter's ``ModelChoiceFilter``):
    the field hands the widget its access-scoped queryset as ``choices``, and
    the widget loads only the chosen record from it.
    """

    template_name = None  # render() writes the HTML

    def __init__(self, picker: str, attrs=None):
        super().__init__(attrs)
        self.picker = picker
        self.choices = None

    def format_value(self, value):
        return "" if value in (None, "") else str(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        label = ""
        chosen = context["widget"]["value"]
        queryset = getattr(self.choices, "queryset", None)
        found = getattr(self, "found", None)
        if found is not None and str(found.pk) == str(chosen):
            label = str(found)
        elif chosen and queryset is not None and str(chosen).isascii() and str(chosen).isdigit():
            record = queryset.filter(pk=chosen).first()
            label = str(record) if record is not None else ""
        context["widget"].update(
            label=label,
            url=reverse("pick", args=[self.picker]),
            max_query=MAX_SEARCH,
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # format_html, not a template: a filter form holds three pickers, and
        # each template render cost more than the rest of its row.
        widget = self.get_context(name, value, attrs)["widget"]
        element_id = widget["attrs"].get("id", "")
        return format_html(
            '<div class="cd-picker" data-picker="{url}">\n'
            '  <input type="hidden" name="{name}" value="{value}" data-picker-value>\n'
            '  <input type="text" id="{id}" class="{css}" value="{label}" maxlength="{max_query}"'
            ' autocomplete="off" spellcheck="false"\n'
            '    role="combobox" aria-autocomplete="list" aria-expanded="false"'
            ' aria-controls="{id}-options" placeholder="{search}" data-picker-input>\n'
            '  <ul id="{id}-options" role="listbox" class="list-group cd-picker-options'
            ' shadow-sm" aria-label="{suggestions}" hidden></ul>\n'
            "</div>",
            url=widget["url"],
            name=widget["name"],
            value=widget["value"],
            id=element_id,
            css=widget["attrs"].get("class") or "form-control",
            label=widget["label"],
            max_query=widget["max_query"],
            search=_("Search…"),
            suggestions=_("Suggestions"),
        )

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class PickerField(django_filters.fields.ModelChoiceField):
    """A ``ModelChoiceField`` that hands the record it validated to its picker,
    which shows its name without reading it a second time."""

    def clean(self, value):
        self.widget.found = None
        record = super().clean(value)
        # A record, not django-filter's "null" choice.
        if isinstance(record, models.Model):
            self.widget.found = record
        return record


class PickerFilter(django_filters.ModelChoiceFilter):
    """django-filter's ``ModelChoiceFilter`` over ``PickerField``: give it a
    ``PickerWidget``."""

    field_class = PickerField
