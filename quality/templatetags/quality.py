from html import escape

from django import template
from django.utils.dateparse import parse_datetime
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from common.csrf import csrf_field
from common.dates import SHORT_DATE, SHORT_DATETIME, local_format
from common.links import record_url
from common.names import pick
from common.numbers import local_number
from common.rows import RowLabels, labelled_row
from quality import charts

register = template.Library()


@register.filter(name="pick")
def pick_name(names):
    """A name snapshot ({"en": …, "et": …}) in the language being rendered."""
    return pick(names or {})


@register.filter
def iso_datetime(value):
    """A notification parameter saved as ISO text, back to a time for |date."""
    return parse_datetime(value) if value else None


@register.filter
def score_tone(score):
    """The Bootstrap colour of a score: poor is red, middling amber, good green."""
    if score is None or score == "":
        return "secondary"
    score = int(score)
    return "danger" if score <= 2 else "warning" if score == 3 else "success"


@register.filter
def index_tone(index):
    if index is None or index == "":
        return "secondary"
    return "danger" if index < 60 else "warning" if index < 80 else "success"


@register.simple_tag
def index_badge(index):
    """The quality index as a coloured badge ("87,5 %" in the reader's format),
    a tag rather than an included template: lists draw one per row."""
    if index is None:
        return mark_safe('<span class="badge text-bg-secondary">—</span>')
    number = escape(local_number(index))
    # The tone is one of three words; the number is escaped above.
    return mark_safe(f'<span class="badge fs-6 text-bg-{index_tone(index)}">{number} %</span>')  # noqa: S308


STATUS_TONE = {"open": "warning", "solved": "info", "verified": "success"}


@register.filter
def status_tone(status):
    """The Bootstrap colour of a corrective action's status: open amber, solved
    blue, verified green."""
    return STATUS_TONE.get(status, "secondary")


@register.simple_tag
def action_row(action, portal=False, site=None):
    """One corrective action (a row of ``queries.shown_actions``) as a row of
    quality/_actions.html: its score, its subject (after its site's name unless
    the list is one ``site``'s), whether it is overdue or needs a new owner, its
    status, where it came from and its deadline or solution.

    A tag rather than template markup, and written with ``escape`` rather than
    ``format_html``: a list draws one per row, and the template engine took
    0.1 ms a row, ``format_html`` 0.06 ms. Every value is escaped.
    """
    # gettext outside the f-strings: makemessages does not look inside them.
    if action.is_open:
        when = _("deadline") + " " + local_format(action.due_at, SHORT_DATETIME)
    elif action.solved_at:
        when = _("solved") + " " + local_format(action.solved_at, SHORT_DATETIME)
    else:
        when = ""
    url = action.get_portal_url() if portal else action.get_staff_url()
    subject = action.subject if site else f"{action.site_name}: {action.subject}"
    badges = ""
    if action.is_overdue:
        overdue = _("Overdue")
        badges += f'<span class="badge text-bg-danger">{escape(overdue)}</span>\n      '
    if getattr(action, "needs_new_owner", False):
        new_owner = _("Needs a new owner")
        badges += f'<span class="badge text-bg-warning">{escape(new_owner)}</span>\n      '
    source = _("From a client rating") if action.from_client else _("From an inspection")
    owner = f" · {escape(action.owner_name)}" if not portal and action.owner_id else ""
    solution = (
        f'<div class="small mt-1">{escape(Truncator(action.solution).chars(200))}</div>\n  '
        if portal and action.solution
        else ""
    )
    # Every value in it is escaped above or here.
    return mark_safe(  # noqa: S308
        '<li class="list-group-item">\n'
        '    <div class="d-flex flex-wrap gap-2 align-items-center">\n'
        f'      <span class="badge text-bg-{score_tone(action.rated)}">{int(action.rated)}</span>\n'
        f'      <a class="me-auto" href="{escape(url)}">{escape(subject)}</a>\n'
        f"      {badges}"
        f'<span class="badge text-bg-{status_tone(action.status)}">'
        f"{escape(action.get_status_display())}</span>\n"
        "    </div>\n"
        f'    <div class="small text-body-secondary">{escape(source)} · {escape(when)}'
        f"{owner}</div>\n"
        f"    {solution}</li>"
    )


@register.simple_tag(takes_context=True)
def plan_row(context, plan):
    """One site of the inspection schedule (a row of ``queries.shown_plans``) as
    a row of its list: the site and its client and address, when it is due (and
    how late), when it was last inspected and by whom it is planned, and
    "Inspect" for those who may.

    A tag rather than template markup, for the reason ``action_row`` gives.
    Every value is escaped.
    """
    due = _("Due") + " " + local_format(plan.due_on, SHORT_DATE)
    if plan.is_overdue:
        days = plan.days_late
        late = ngettext("%(days)s day late", "%(days)s days late", days) % {"days": days}
        due = f'{escape(due)} <span class="badge text-bg-danger">{escape(late)}</span>'
    else:
        due = escape(due)
    last_on = plan.last_on
    last = _("last") + " " + local_format(last_on, SHORT_DATE) if last_on else _("never inspected")
    inspector = f" · {escape(plan.inspector_name)}" if plan.inspector_id else ""
    button = ""
    if plan.inspectable:
        inspect = _("Inspect")
        button = (
            f'<form method="post" action="{record_url("quality:inspection_start", plan.site_id)}">'
            f"{csrf_field(context)}"
            f'<button class="btn btn-primary" type="submit">{escape(inspect)}</button></form>'
        )
    # Every value in it is escaped above or here.
    return mark_safe(  # noqa: S308
        '<li class="list-group-item">'
        '<div class="d-flex flex-wrap gap-2 align-items-center">'
        '<div class="me-auto">'
        f'<a href="{record_url("quality:site", plan.site_id)}" class="fw-semibold">'
        f"{escape(plan.site_name)}</a>"
        f'<div class="small text-body-secondary">{escape(plan.client_name)} · '
        f"{escape(plan.site_address)}</div>"
        f'<div class="small">{due} · {escape(last)}{inspector}</div>'
        f"</div>{button}</div></li>"
    )


@register.filter
def action_subject(params):
    """ "Sales area · Floor" from a corrective action's notification parameters."""
    area, element = pick(params.get("area") or {}), pick(params.get("element") or {})
    return f"{area} · {element}" if element else area


@register.simple_tag
def trend_chart(chart):
    """The site's quality index over time (``charts.trend_markup``)."""
    # Every value in it is escaped by trend_markup.
    return mark_safe(charts.trend_markup(chart))  # noqa: S308


@register.simple_tag
def published_row(inspection, portal=False):
    """A published inspection as a row of a site's list: when it was published
    (at the desk also by whom) and its index, linking to it. A tag for the
    reason ``action_row`` gives; every value is escaped."""
    if portal:
        url, text = inspection.get_portal_url(), local_format(inspection.published_at, SHORT_DATE)
    else:
        when = local_format(inspection.published_at, SHORT_DATETIME)
        url, text = inspection.get_staff_url(), f"{when} · {inspection.inspector.full_name}"
    # Every value in it is escaped here or by index_badge.
    return mark_safe(  # noqa: S308
        '<li class="list-group-item d-flex gap-2 align-items-center">'
        f'<a class="me-auto" href="{escape(url)}">{escape(text)}</a>'
        f"{index_badge(inspection.quality_index)}</li>"
    )


@register.simple_tag
def area_badges(rating, between=""):
    """A client rating's score of each area as coloured badges ("Floor: 2"),
    ``between`` after each. Every value is escaped."""
    # Every value in it is escaped here.
    return mark_safe(  # noqa: S308
        "".join(
            f'<span class="badge text-bg-{score_tone(area.score)}">'
            f"{escape(area.area_label)}: {int(area.score)}</span>{conditional_escape(between)}"
            for area in rating.area_list
        )
    )


@register.simple_tag
def rating_row(rating):
    """A client rating as the desk's site page lists it: when and by whom, the
    area badges and the comment. Every value is escaped."""
    when = local_format(rating.created_at, SHORT_DATETIME)
    comment = f'<div class="small">{escape(rating.comment)}</div>\n' if rating.comment else ""
    # Every value in it is escaped here or by area_badges.
    return mark_safe(  # noqa: S308
        '<div class="border-top pt-2 mt-2">\n'
        f'<div class="small text-body-secondary">{escape(when)} · '
        f"{escape(rating.author.full_name)}</div>\n"
        f'<div class="d-flex flex-wrap gap-1 my-1">{area_badges(rating)}</div>\n'
        f"{comment}</div>"
    )


INSPECTION_LABELS = RowLabels(
    gettext_noop("Date"),
    gettext_noop("Site"),
    gettext_noop("Inspector"),
    gettext_noop("Quality index"),
)


@register.simple_tag(takes_context=True)
def inspection_row(context, inspection):
    """An inspection as a row of the inspection list: when it was published (or
    begun, with "Draft"), its site and client, its inspector and its index
    (a row of ``queries.shown_inspections``).

    A tag rather than template markup, for the reason ``action_row`` gives.
    Every value is escaped.
    """
    when = local_format(inspection.published_at or inspection.started_at, SHORT_DATETIME)
    draft = ""
    if inspection.is_draft:
        label = _("Draft")
        draft = f' <span class="badge text-bg-secondary">{escape(label)}</span>'
    link = f'<a href="{escape(inspection.get_staff_url())}">{escape(when)}</a>{draft}'
    client = f'<div class="small text-body-secondary">{escape(inspection.client_name)}</div>'
    return labelled_row(
        INSPECTION_LABELS.of(context),
        link,
        escape(inspection.site_name) + client,
        escape(inspection.inspector_name),
        index_badge(inspection.quality_index),
    )
