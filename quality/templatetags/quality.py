from django import template
from django.utils import formats
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from quality.models.names import pick

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
    return format_html(
        '<span class="badge fs-6 text-bg-{}">{} %</span>',
        index_tone(index),
        formats.localize(index),
    )


@register.filter
def action_subject(params):
    """ "Sales area · Floor" from a corrective action's notification parameters."""
    area, element = pick(params.get("area") or {}), pick(params.get("element") or {})
    return f"{area} · {element}" if element else area
