from html import escape

from django import forms, template
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from common import capabilities
from common.dates import SHORT_DATE, SHORT_DATETIME, local_format
from common.keyset import COUNT_LIMIT
from common.links import record_url

register = template.Library()


@register.filter
def bootstrap_widget(bound_field):
    """The field's widget with Bootstrap's classes, and is-invalid when it has errors."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    if bound_field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    return bound_field.as_widget(attrs={"class": f"{existing} {css}".strip()})


@register.filter
def is_checkbox(bound_field):
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.filter
def is_multiple_choice(bound_field):
    return isinstance(bound_field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


@register.filter
def bounded(count):
    """A count taken up to ``common.keyset.COUNT_LIMIT``: past it, "1000+"."""
    return f"{COUNT_LIMIT}+" if count > COUNT_LIMIT else count


# {% record_url name pk %}: {% url name pk %} for the links in a list's rows.
register.simple_tag(record_url, name="record_url")


@register.simple_tag(takes_context=True)
def cursor_url(context, page, direction, cursor):
    """The current URL at another keyset page of ``page``'s list, keeping the search."""
    params = context["request"].GET.copy()
    for key in ("after", "before"):
        params.pop(page.prefix + key, None)
    if cursor:
        params[page.prefix + direction] = cursor
    return "?" + urlencode(sorted(params.items())) if params else "?"


@register.filter
def initials(user):
    parts = [p for p in (user.full_name or user.email).split() if p]
    return "".join(p[0] for p in parts[:2]).upper()


@register.inclusion_tag("common/_site_tabs.html", takes_context=True)
def site_tabs(context, site, face):
    """The tabs of a site's page on ``face`` ("staff" or "portal"), as the apps
    that show something per site declare them (``common.capabilities.SiteTab``)."""
    current = context["request"].resolver_match.view_name
    return {
        "tabs": [
            {
                "label": tab.label,
                "url": reverse(tab.url_name, args=[site.pk]),
                "active": tab.url_name == current,
            }
            for tab in capabilities.site_tabs(face)
        ]
    }


@register.inclusion_tag("common/_site_tabs.html", takes_context=True)
def client_tabs(context, client, can_manage):
    """The tabs of a client's page at the desk, as the apps that show something
    per client declare them (``common.capabilities.ClientTab``); those for the
    client's managers only when ``can_manage``."""
    current = context["request"].resolver_match.view_name
    return {
        "tabs": [
            {
                "label": tab.label,
                "url": record_url(tab.url_name, client.pk),
                "active": tab.url_name == current,
            }
            for tab in capabilities.client_tabs()
            if can_manage or not tab.managers_only
        ]
    }


@register.filter
def max_length(instance, field_name):
    """The limit of a model field, for a hand-written input's ``maxlength``."""
    return instance._meta.get_field(field_name).max_length


@register.filter(expects_localtime=True, is_safe=False)
def short_datetime(value):
    """``|date:"SHORT_DATETIME_FORMAT"``, written faster (common.dates): lists show one a row."""
    return local_format(value, SHORT_DATETIME, to_local_time=False)


@register.filter(expects_localtime=True, is_safe=False)
def short_date(value):
    """``|date:"SHORT_DATE_FORMAT"``, written faster (common.dates)."""
    return local_format(value, SHORT_DATE, to_local_time=False)


@register.simple_tag
def history_entry(entry):
    """One change of a record's history (common.audit.Entry) as an item of
    common/_history.html: when and by whom, what and how, and each field
    from its old value to its new one.

    A tag rather than template markup: a history page draws 25, each with
    its changes, and the template engine took most of the page's time.
    Every value is escaped.
    """
    when = timezone.localtime(entry.when)
    changes = ""
    if entry.changes:
        changes = (
            '<dl class="row small mb-0 mt-1">\n'
            + "".join(
                f'<dt class="col-sm-4 fw-normal text-body-secondary">{escape(str(change.label))}'
                f'</dt><dd class="col-sm-8">{escape(change.old)} → {escape(change.new)}</dd>'
                for change in entry.changes
            )
            + "\n</dl>"
        )
    # Every value in it is escaped here.
    return mark_safe(  # noqa: S308
        '<li class="list-group-item">\n'
        f'<div class="small text-body-secondary"><time datetime="{when.isoformat()}">'
        f"{escape(local_format(when, SHORT_DATETIME, to_local_time=False))}</time> · "
        f"{escape(entry.who)}</div>\n"
        f'<div><span class="fw-semibold">{escape(entry.subject)}</span> — '
        f"{escape(entry.action)}</div>\n"
        f"{changes}</li>"
    )
